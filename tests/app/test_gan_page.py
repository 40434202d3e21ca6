"""The GAN page: generates a grid, "New seed" changes it, the digit picker, D's opinion of a drawing,
and a plain message (not a traceback) when the generator file is missing."""
import pytest
from streamlit.testing.v1 import AppTest

from dlplay import settings
from dlplay.data import strokes
from dlplay.ui.canvas import canvas_value
from tests.unit.test_gan import models_dir  # noqa: F401  (the tiny shipped GAN, built once per module)

PAGE = "../../pages/gan.py"


@pytest.fixture()
def at(models_dir, monkeypatch):
    monkeypatch.setattr(settings, "MODELS_DIR", models_dir)
    return AppTest.from_file(PAGE, default_timeout=60).run()


def grid(at):
    return at.get("image")[0]


def test_generates_and_new_seed_changes_the_grid(at):
    assert not at.exception
    first = grid(at)
    assert "seed 0" in first.captions[0]
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
    at.session_state["gan_canvas"] = canvas_value(strokes.draw(3))
    at.run()
    assert not at.exception
    captions = [c for img in at.get("image") for c in img.captions]
    assert "your digit" in captions and "a real held-out digit" in captions


def test_missing_model_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MODELS_DIR", tmp_path)
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert any("python -m dlplay train gan" in w.value for w in at.warning)
