"""The GAN page: generates a grid, "New seed" changes it, the digit picker, D's opinion of a drawing,
each finished run becoming the generator shown (and named), tight server limits, a changed table
entry, a missing conditional generator, and a plain message (not a traceback) when the generator
file is missing."""
import shutil
import time
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from dlplay import gan, settings
from dlplay.data import strokes
from dlplay.params import Table
from dlplay.params import gan as gan_params
from dlplay.ui.canvas import canvas_value
from tests.unit.test_gan import TINY, models_dir  # noqa: F401  (the tiny shipped GAN, built once per module)

PAGE = "../../pages/gan.py"


@pytest.fixture()
def at(models_dir, monkeypatch):
    monkeypatch.setattr(settings, "MODELS_DIR", models_dir)
    return AppTest.from_file(PAGE, default_timeout=60).run()


def grid(at):
    return at.get("image")[0]


def captions(at) -> str:
    return "\n".join(c for img in at.get("image") for c in (img.captions or []))


def test_generates_and_new_seed_changes_the_grid(at):
    assert not at.exception
    first = grid(at)
    assert "40 samples by the shipped model, seed 0" in first.captions[0]
    at.button(key="gan_new_seed").click().run()
    assert not at.exception
    seed = at.session_state["gan_seed"]
    assert seed != 0
    second = grid(at)
    assert f"seed {seed}" in second.captions[0] and second.value != first.value


def test_same_seed_same_grid_other_seed_other_grid(at):
    first = grid(at).value
    at.run()
    assert grid(at).value == first
    at.number_input(key="gan_seed").set_value(17).run()
    assert not at.exception and grid(at).value != first


def test_digit_picker_draws_one_digit(at):
    at.selectbox(key="gan_digit").set_value("7").run()
    assert not at.exception
    assert "all asked to be 7" in grid(at).captions[0]


def test_discriminator_judges_a_drawing(at):
    assert any("Draw a digit" in i.value for i in at.info)
    at.session_state["gan_canvas"] = canvas_value(strokes.draw(3, cx=100, cy=100, size=140, pen=13, canvas=200))
    at.run()
    assert not at.exception
    assert "your digit" in captions(at) and "a real held-out digit" in captions(at)
    table = at.dataframe[0].value
    assert list(table.columns) == ["claim", "yours", "real", "generated", "noise"]
    assert len(table) == 10 and table.drop(columns="claim").stack().between(0, 100).all()
    assert any("the discriminator of the shipped model" in m.value for m in at.markdown)


def test_missing_model_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MODELS_DIR", tmp_path)
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert any("python -m dlplay train gan" in w.value for w in at.warning)


def test_a_missing_conditional_generator_is_a_notice(models_dir, tmp_path, monkeypatch):
    for f in models_dir.iterdir():
        if f.name != gan.CONDITIONAL:
            shutil.copy(f, tmp_path / f.name)
    monkeypatch.setattr(settings, "MODELS_DIR", tmp_path)
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert any(gan.CONDITIONAL in w.value and "noise alone picks it" in w.value for w in at.warning)
    assert at.selectbox(key="gan_digit").disabled


def test_tight_limits_render_and_clamp(at, monkeypatch):
    from dlplay.recipes import gan as recipe
    monkeypatch.setattr(settings, "MAX_EPOCHS", 3)
    monkeypatch.setattr(settings, "MAX_TRAIN_SAMPLES", 500)
    monkeypatch.setattr(settings, "MAX_WIDTH", 16)
    tight = AppTest.from_file(PAGE, default_timeout=60)
    tight.query_params["gan_epochs"] = "30"  # a link made under the usual limits
    tight.run()
    assert not tight.exception
    epochs = tight.slider(key="gan_epochs")
    assert epochs.max == 3 and epochs.value <= 3
    assert any("could not be used" in w.value for w in tight.warning)
    c = recipe.clamp({"epochs": 30, "samples": 4000, "width": 32})
    assert (c["epochs"], c["samples"], c["width"]) == (3, 500, 16)


def test_a_changed_table_entry_reaches_the_widget_and_the_link(models_dir, monkeypatch):
    monkeypatch.setattr(settings, "MODELS_DIR", models_dir)
    table = Table("gan", tuple(replace(p, high=12, default=4) if p.key == "epochs" else p for p in gan_params.TABLE))
    monkeypatch.setattr(gan_params, "TABLE", table)
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["gan_epochs"] = "12"
    app.run()
    assert not app.exception
    assert app.slider(key="gan_epochs").max == 12 and app.slider(key="gan_epochs").value == 12
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    assert app.slider(key="gan_epochs").value == 4


def test_an_old_link_still_opens_with_its_settings(at, models_dir):
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["gan_cond"] = "false"
    app.query_params["gan_batch"] = "128"
    app.run()
    assert not app.exception
    assert app.toggle(key="gan_conditional").value is False and app.select_slider(key="gan_batch_size").value == 128


@pytest.fixture(scope="module")
def learner_runs():
    """Two ready-made learner runs (conditional DCGAN, unconditional fully connected)."""
    from dlplay.recipes import gan as recipe
    return {True: recipe.train({**TINY, "seed": 3}), False: recipe.train({**TINY, "conditional": False, "arch": "fc"})}


def train_and_wait(app, timeout=60):
    """Press Train, wait for the background job to end, then let the page take in its result."""
    app.button(key="_dlplay_job_gan_start").click().run()
    job, end = app.session_state["_dlplay_job_gan"], time.time() + timeout
    while not job.done and time.time() < end:
        time.sleep(0.1)
    assert job.done, "the run did not end"
    return app.run()


def test_each_finished_run_becomes_the_generator_shown(models_dir, learner_runs, monkeypatch):
    """Training is replaced by one that hands back ready-made runs: what is tested is the page."""
    from dlplay import jobs

    monkeypatch.setattr(settings, "MODELS_DIR", models_dir)
    def ready_made(name, config):
        return lambda callback, should_stop, max_seconds: learner_runs[config["conditional"]]

    monkeypatch.setattr(jobs, "recipe_work", ready_made)
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    shipped_grid = grid(app).value
    train_and_wait(app)
    assert not app.exception
    shelf = app.session_state["_dlplay_shelf"]
    assert app.radio(key="_dlplay_choice_gan").value == shelf.models[-1].id
    assert "40 samples by my run #1, seed 0" in grid(app).captions[0] and grid(app).value != shipped_grid
    assert "my run #1: a spherical path" in captions(app)

    app.toggle(key="gan_conditional").set_value(False).run()
    train_and_wait(app)
    assert not app.exception
    assert app.radio(key="_dlplay_choice_gan").value == app.session_state["_dlplay_shelf"].models[-1].id
    assert "40 samples by my run #2, seed 0" in grid(app).captions[0]
    assert app.selectbox(key="gan_digit").disabled  # run #2 is unconditional
    assert any("the discriminator of my run #2" in m.value for m in app.markdown)

    app.radio(key="_dlplay_choice_gan").set_value("shipped").run()  # and back to the shipped model
    assert "40 samples by the shipped model, seed 0" in grid(app).captions[0] and grid(app).value == shipped_grid
