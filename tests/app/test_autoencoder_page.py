"""The autoencoder page: a picked point is decoded at once, far points are flagged, drawings land on the map."""
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from dlplay import autoencoder as ae
from dlplay import settings

pytestmark = pytest.mark.skipif(
    not all((settings.MODELS_DIR / f).is_file() for pair in ae.PAIRS.values() for f in pair),
    reason="shipped autoencoder models missing: run `python -m dlplay train autoencoder`")


def decoded(at):
    return next(img for img in at.image if img.captions and img.captions[0].startswith("decoded at"))


@pytest.fixture
def at():
    app = AppTest.from_file("../../pages/autoencoder.py", default_timeout=60).run()
    assert not app.exception, app.exception
    return app


def test_page_renders_all_sections(at):
    headers = [h.value for h in at.header]
    assert len(headers) == 8 and headers[0].startswith("1")
    assert len(at.latex) == 3
    assert at.metric[2].label == "AE / PCA" and float(at.metric[2].value) < 1.0
    assert not any("outside the training region" in w.value for w in at.warning)


def test_sliders_decode_a_new_point_and_flag_far_points(at):
    before = decoded(at).value
    at.slider(key="ae_x").set_value(at.slider(key="ae_x").max).run()
    at.slider(key="ae_y").set_value(at.slider(key="ae_y").max).run()
    assert not at.exception
    assert decoded(at).value != before
    assert "decoded at" in decoded(at).captions[0]
    assert any("outside the training region" in w.value for w in at.warning)


def test_picking_a_digit_on_the_map_decodes_it(at):
    before = decoded(at).value
    ex = ae.explorer(ae.shipped("ae2d"))
    i = int(np.flatnonzero(ex.labels == 7)[0])
    x, y = (float(v) for v in ex.coords()[i])
    at.session_state["ae_map"] = {"selection": {"points": [{"x": x, "y": y, "customdata": i, "curve_number": 7}],
                                                "box": [], "lasso": []}}
    at.run()
    assert not at.exception
    assert decoded(at).value != before
    assert "held-out digit 7" in decoded(at).captions[0]
    assert at.slider(key="ae_x").value == pytest.approx(x, abs=0.01)


def test_interpolation_and_noise_controls(at):
    at.selectbox(key="ae_a").select(1)
    at.radio(key="ae_method").set_value("linear")
    at.slider(key="ae_noise").set_value(0.8).run()
    assert not at.exception
    assert any(c.startswith("noisy") for img in at.image for c in img.captions)


def test_drawing_lands_on_the_map(at):
    from dlplay.ui.canvas import canvas_value

    rgba = np.zeros((200, 200, 4), np.uint8)
    rgba[..., 3] = 255
    rgba[40:160, 95:110, :3] = 255  # a "1"
    at.session_state["ae_canvas"] = canvas_value(rgba)
    at.run()
    assert not at.exception
    assert any("Your drawing lands at" in m.value for m in at.markdown)


def test_switching_to_a_learner_model_with_another_latent_size(at):
    torch = pytest.importorskip("torch")
    from dlplay import store
    from dlplay.nets.autoencoder import AutoEncoder
    from dlplay.recipes import autoencoder as recipe

    torch.manual_seed(0)
    files = recipe.export_pair(AutoEncoder("ae", latent=4, width=4, hidden=16).eval(), ae.PAIRS["ae"], {}, {})
    shelf = store.Shelf()
    shelf.add(store.LearnerModel("autoencoder", "autoencoder", {"latent": 4}, files, {"test_mse": 0.1}, []))
    at.slider(key="ae_x").set_value(at.slider(key="ae_x").max).run()  # a point chosen on the 2-D model
    at.session_state["_dlplay_shelf"] = shelf
    at.run()
    assert not at.exception
    assert any("4-D latent space" in c.value for c in at.caption)
    assert at.metric[0].label == "Autoencoder MSE (4-D)"
    at.radio(key="_dlplay_choice_autoencoder").set_value("shipped").run()  # and back again
    assert not at.exception
    assert any("2-D latent space" in c.value for c in at.caption)
