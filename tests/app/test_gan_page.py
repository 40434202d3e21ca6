"""The GAN page: generates a grid, "New seed" changes it, the digit picker, D's opinion of a drawing
(without loading pandas), each finished run becoming the generator shown (and named), tight server
limits, a changed table entry, a missing conditional generator, a plain message (not a traceback)
when the generator file is missing, and the page in Chinese."""
import re
import subprocess
import sys
import textwrap
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from dlplay import gan, i18n, settings
from dlplay.data import strokes
from dlplay.params import Table
from dlplay.params import gan as gan_params
from dlplay.ui.canvas import canvas_value
from tests.app.explorer_helpers import HAN, english_words, in_chinese, texts
from tests.app.training_helpers import train_and_wait
from tests.unit.test_gan import TINY, shipped_without
from tests.unit.test_gan import models_dir  # noqa: F401  (the tiny shipped GAN, built once per module)

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


def score_table(at) -> tuple[list[str], dict[str, list[int]]]:
    """D's table of bars as the page wrote it: the column names and, per claimed digit, the percentages; each
    cell's bar must be as long as its number says."""
    table = next(h.proto.body for h in at.get("html") if "<table" in h.proto.body)
    head = re.findall(r"<th>(.*?)</th>", table)
    rows = {}
    for claim, cells in re.findall(r"<tr><td>(.*?)</td>(.*?)</tr>", table):
        found = re.findall(r"transparent ([\d.]+)%\)\">(\d+) %</td>", cells)
        assert all(abs(float(bar) - int(shown)) <= 0.5 for bar, shown in found), found
        rows[claim] = [int(shown) for _bar, shown in found]
    return head, rows


def draw_a_three(app):
    app.session_state["gan_canvas"] = canvas_value(strokes.draw(3, cx=100, cy=100, size=140, pen=13, canvas=200))
    return app.run()


def test_discriminator_judges_a_drawing(at):
    assert any("Draw a digit" in i.value for i in at.info)
    head, rows = score_table(at)
    assert head == ["claimed digit", "real", "fake", "noise"]
    draw_a_three(at)
    assert not at.exception
    assert "your digit" in captions(at) and "a real held-out digit" in captions(at)
    head, rows = score_table(at)
    assert head == ["claimed digit", "yours", "real", "fake", "noise"]
    assert list(rows) == [str(d) for d in range(10)]
    assert all(len(cells) == 4 and all(0 <= c <= 100 for c in cells) for cells in rows.values())
    assert any("the discriminator of the shipped model" in m.value for m in at.markdown)


def test_the_page_loads_neither_pandas_nor_pyarrow():
    """st.dataframe and st.table convert through pandas and pyarrow, about 70 MB the server keeps for good
    (dlplay/ui/tables.py): the page, with D's table of scores on show, must not load them. In a fresh
    process, since another test may have loaded them in this one."""
    code = textwrap.dedent(f"""
        import sys
        from streamlit.testing.v1 import AppTest
        from dlplay.data import strokes
        from dlplay.ui.canvas import canvas_value
        at = AppTest.from_file({str(settings.ROOT / "app.py")!r}, default_timeout=120)
        at.run().switch_page("pages/gan.py")
        at.run()
        at.session_state["gan_canvas"] = canvas_value(strokes.draw(3, cx=100, cy=100, size=140, pen=13, canvas=200))
        at.run()
        assert not at.exception, at.exception
        assert any("<table" in h.proto.body for h in at.get("html")), "D's scores are not on show"
        print("loaded:", sorted(m for m in ("pandas", "pyarrow") if m in sys.modules))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=settings.ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "loaded: []" in out.stdout, out.stdout


def test_missing_model_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MODELS_DIR", tmp_path)
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert any("python -m dlplay train gan" in w.value for w in at.warning)


def test_a_missing_conditional_generator_is_a_notice(models_dir, tmp_path, monkeypatch):
    shipped_without(gan.CONDITIONAL, models_dir, tmp_path, monkeypatch)
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


def test_each_finished_run_becomes_the_generator_shown(models_dir, learner_runs, monkeypatch):
    """Training is replaced by one that hands back ready-made runs: what is tested is the page."""
    from dlplay import jobs

    monkeypatch.setattr(settings, "MODELS_DIR", models_dir)
    def ready_made(name, config):
        return lambda callback, should_stop, max_seconds: learner_runs[config["conditional"]]

    monkeypatch.setattr(jobs, "recipe_work", ready_made)
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    shipped_grid = grid(app).value
    train_and_wait(app, "gan")
    assert not app.exception
    shelf = app.session_state["_dlplay_shelf"]
    assert app.radio(key="_dlplay_choice_gan").value == shelf.models[-1].id
    assert "40 samples by my run #1, seed 0" in grid(app).captions[0] and grid(app).value != shipped_grid
    assert "my run #1: a spherical path" in captions(app)

    app.toggle(key="gan_conditional").set_value(False).run()
    train_and_wait(app, "gan")
    assert not app.exception
    assert app.radio(key="_dlplay_choice_gan").value == app.session_state["_dlplay_shelf"].models[-1].id
    assert "40 samples by my run #2, seed 0" in grid(app).captions[0]
    assert app.selectbox(key="gan_digit").disabled  # run #2 is unconditional
    assert any("the discriminator of my run #2" in m.value for m in app.markdown)

    app.radio(key="_dlplay_choice_gan").set_value("shipped").run()  # and back to the shipped model
    assert "40 samples by the shipped model, seed 0" in grid(app).captions[0] and grid(app).value == shipped_grid


def test_the_page_in_chinese(models_dir, monkeypatch):
    """Opened from a link with ?lang=zh (and a seed and a digit): Chinese title, headings, prose, widgets and
    D's table, glossary terms with their English at first use, the link's settings, and no English sentence left.
    (No rerun: AppTest would look for the widgets' English option names among the Chinese ones.)"""
    monkeypatch.setattr(settings, "MODELS_DIR", models_dir)
    app = in_chinese("gan.py", gan_seed="7", gan_digit="3")
    assert not app.exception, app.exception
    assert app.title[0].value == "🎲 GAN：凭空生成数字"
    headers = [h.value for h in app.header]
    assert len(headers) == 6 and all(HAN.search(h) for h in headers), headers
    prose = " ".join(texts(app.get(kind)) for kind in ("markdown", "caption", "info", "warning"))
    for first_use in ("生成对抗网络（generative adversarial network）", "生成器（generator）", "判别器（discriminator）",
                      "潜在空间（latent space）", "模式崩溃（mode collapse）", "学习率（learning rate）"):
        assert prose.replace("**", "").count(first_use) == 1, first_use
    assert app.number_input(key="gan_seed").value == 7
    assert grid(app).captions[0] == "40 个样本（内置模型，种子 7），全部要求画 3"
    head, rows = score_table(app)
    assert head == ["声称数字", "真实", "生成", "噪声"] and len(rows) == 10
    shown = [prose, *headers, *captions(app).split("\n"), texts(app.get("markdown"))]
    shown += [w.label for kind in ("slider", "select_slider", "selectbox", "radio", "toggle", "number_input", "button")
              for w in app.get(kind)]
    shown += [o for w in app.radio for o in w.options]
    left = [words for text in shown for words in english_words(without_formulas_and_terms(text))]
    assert not left, left


def without_formulas_and_terms(text: str) -> str:
    """Chinese text less what is meant to stay English: formulas and a glossary term's English after its Chinese."""
    for english in i18n.glossary():
        text = text.replace(f"（{english}）", "")
    return re.sub(r"\$[^$]*\$", "", text)
