"""The autoencoder page: a picked point is decoded at once, far points are flagged, drawings land on the
map, the settings follow the parameter table and the server's limits, and a finished run is the model
explored."""
import json
import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from dlplay import autoencoder as ae
from dlplay import i18n, settings
from dlplay.data import digits
from dlplay.params import autoencoder as ae_params
from dlplay.ui import autoencoder_map, presenter
from tests.app.training_helpers import page_with_narrower_epochs, train_and_wait

PAGE = "../../pages/autoencoder.py"
ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]")
# Three English words in a row, outside formulas: a sentence left untranslated.
ENGLISH = re.compile(r"[A-Za-z]{3,}(?:[ ,'-]+[A-Za-z]{3,}){2,}")


def decoded(at):
    return next(img for img in at.image if img.captions and img.captions[0].startswith("decoded at"))


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


@pytest.fixture
def at():
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not app.exception, app.exception
    return app


def test_page_renders_all_sections(at):
    headers = [h.value for h in at.header]
    assert len(headers) == 8 and headers[0].startswith("1")
    assert len(at.latex) == 3
    assert at.metric[2].label == "AE / PCA" and float(at.metric[2].value) < 1.0
    assert not any("outside the training region" in w.value for w in at.warning)
    text = captions(at) + "\n" + "\n".join(c for img in at.image for c in (img.captions or []))
    # Every picture and number block says which model it shows.
    assert "Decoded by the shipped model (2-D VAE) on a 12×12 grid" in text
    assert "Decoded by the shipped model (2-D VAE): the typical 0 → the typical 6, straight path" in text
    assert "Reconstructions by the shipped model (16-D AE)" in text
    assert "Decoded by the shipped model (16-D AE)" in text
    read = [c.split()[1] for img in at.image for c in (img.captions or []) if c.startswith("read ")]
    assert read == list("000000666")  # the default morph, as the digits CNN reads its frames


def test_presenter_mode_opens_on_the_map():
    """On a projector the map comes first, shorter, so it is on a 1280x720 first screen (the e2e test measures
    it); the intro follows it. Elsewhere the intro opens the page and the map keeps its height."""
    for on, first, height in ((False, "An **autoencoder**", autoencoder_map.HEIGHT),
                              (True, "**Latent map of", autoencoder_map.PRESENTER_HEIGHT)):
        app = AppTest.from_file(PAGE, default_timeout=60)
        app.session_state[presenter.KEY] = on
        app.run()
        assert not app.exception
        assert app.markdown[0].value.startswith(first)
        assert json.loads(app.get("plotly_chart")[0].proto.spec)["layout"]["height"] == height
    assert autoencoder_map.PRESENTER_HEIGHT < autoencoder_map.HEIGHT


def untranslated(text: str) -> list[str]:
    """English sentences in Chinese text; formulas and a glossary term's English after its Chinese are meant."""
    for english in i18n.glossary():
        text = text.replace(f"（{english}）", "")
    return ENGLISH.findall(re.sub(r"\$[^$]*\$", "", text))


def in_chinese(**query) -> AppTest:
    """The page opened from a link with ?lang=zh, through app.py, which reads the language."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["lang"] = "zh"
    app.run().switch_page("pages/autoencoder.py")
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def test_the_page_in_chinese_keeps_the_link_settings():
    app = in_chinese(ae_a="3", ae_grid="8")
    assert not app.exception, app.exception
    headers = [h.value for h in app.header]
    assert len(headers) == 8 and all(HAN.search(h) for h in headers), headers
    assert app.title[0].value == "🗺️ 自编码器（autoencoder）：所有数字的地图"
    prose = "\n".join(m.value.replace("**", "") for m in app.markdown)
    for first_use in ("编码器（encoder）", "解码器（decoder）", "潜在空间（latent space）", "流形（manifold）",
                      "变分自编码器（variational autoencoder）"):
        assert first_use in prose
    assert app.selectbox(key="ae_a").value == 3 and app.slider(key="ae_grid").value == 8
    text = captions(app) + "\n" + "\n".join(c for img in app.image for c in (img.captions or []))
    assert "由内置模型（2 维 VAE）在" in text and "8×8" in text and "典型的 3" in text
    shown = [text, prose, *headers, *(m.label for m in app.metric), *(w.value for w in app.info)]
    shown += [w.label for kind in ("slider", "select_slider", "selectbox", "radio", "button") for w in app.get(kind)]
    shown += [o for w in app.radio for o in w.options]
    left = [run for s in shown for run in untranslated(s)]
    assert not left, left


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
    ex = ae.explorer(ae.load().map)
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
    at.radio(key="ae_method").set_value("spherical")
    at.slider(key="ae_denoise").set_value(0.8).run()
    assert not at.exception
    assert "the typical 1 → the typical 6, spherical path" in captions(at)
    assert any(c.startswith("noisy") for img in at.image for c in img.captions)
    assert at.query_params["ae_a"] in (["1"], "1") and at.query_params["ae_denoise"] in (["0.8"], "0.8")


def test_drawing_lands_on_the_map(at):
    from dlplay.ui.canvas import canvas_value

    rgba = np.zeros((200, 200, 4), np.uint8)
    rgba[..., 3] = 255
    rgba[40:160, 95:110, :3] = 255  # a "1"
    at.session_state["ae_canvas"] = canvas_value(rgba)
    at.run()
    assert not at.exception
    assert any("Your drawing lands at" in m.value for m in at.markdown)


def test_a_link_value_between_the_choices_takes_the_nearest_with_a_notice():
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["ae_lr"] = "0.0005"
    app.run()
    assert not app.exception
    assert any("nearest choice" in i.value and "ae_lr" in i.value for i in app.info)
    assert app.select_slider(key="ae_lr").value == 0.0003


def test_tight_server_limits_hold_on_every_widget(monkeypatch):
    monkeypatch.setattr(settings, "MAX_EPOCHS", 5)
    monkeypatch.setattr(settings, "MAX_TRAIN_SAMPLES", 500)
    monkeypatch.setattr(settings, "MAX_WIDTH", 16)
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.query_params["ae_epochs"] = "30"
    app.run()
    assert not app.exception
    assert app.slider(key="ae_epochs").max == 5 and app.slider(key="ae_epochs").value == 5
    assert list(app.select_slider(key="ae_width").options) == ["8", "16"]
    assert any("Training digits: 500" in c.value for c in app.caption)  # one value left: shown, not offered


def test_one_table_entry_moves_the_widget_and_the_link(monkeypatch):
    # a link beyond the table's new range is refused with a notice
    app = page_with_narrower_epochs(monkeypatch, ae_params, 12, PAGE, {"ae_epochs": "20"})
    assert not app.exception and any("ae_epochs" in w.value for w in app.warning)
    assert app.slider(key="ae_epochs").max == 12 and app.slider(key="ae_epochs").value == 8


@pytest.fixture(scope="module")
def learner_files():
    """Two small learner models (a 4-D AE and an 8-D VAE) as a training run would export them."""
    import torch
    from dlplay.nets.autoencoder import AutoEncoder
    from dlplay.recipes import autoencoder as recipe

    torch.manual_seed(0)
    return {latent: recipe.export_pair(AutoEncoder(kind, latent=latent, width=8, hidden=16).eval(),
                                       ae.PAIRS["ae"], {}, {})
            for kind, latent in (("ae", 4), ("vae", 8))}


def test_switching_to_a_learner_model_with_another_latent_size(at, learner_files):
    from dlplay import store

    shelf = store.Shelf()
    shelf.add(store.LearnerModel("autoencoder", "autoencoder", {"latent": 4}, learner_files[4], {"test_mse": 0.1}, []))
    at.slider(key="ae_x").set_value(at.slider(key="ae_x").max).run()  # a point chosen on the 2-D model
    at.session_state["_dlplay_shelf"] = shelf
    at.run()
    assert not at.exception
    assert "Exploring **my run #1** (4-D AE): the map shows" in captions(at)
    assert at.metric[0].label == "Autoencoder MSE (4-D)"
    at.radio(key="_dlplay_choice_autoencoder").set_value("shipped").run()  # and back again
    assert not at.exception
    assert "Exploring the **shipped model**" in captions(at)
    assert at.metric[0].label == "Autoencoder MSE (16-D)"


def test_each_finished_run_becomes_the_model_explored(monkeypatch, learner_files):
    """Training is replaced by a fake that hands back ready-made models: what is tested is the page."""
    from dlplay import jobs
    from dlplay.recipes import autoencoder as recipe
    from dlplay.train import Outcome, Result

    labels = digits.load().val.labels[recipe.live_points(digits.load().val.labels)]

    def fake_train(config, callback=None, should_stop=None, max_seconds=None):
        record = {"epoch": 1, "loss": 100.0, "val_mse": 0.05, "elapsed": 0.1,
                  "_map": np.random.default_rng(0).normal(size=(len(labels), 2)).astype(np.float32),
                  "_map_labels": labels}
        return Result(Outcome("finished", "Finished 1 epoch.", [record], 0.1), recipe.clamp(config),
                      artifacts=learner_files[config["latent"]], metrics={"test_mse": 0.05})

    def work_here(name, config):  # in this process, where the fake is
        return lambda callback, should_stop, max_seconds: fake_train(config)

    monkeypatch.setattr(jobs, "recipe_work", work_here)
    app = AppTest.from_file(PAGE, default_timeout=60).run()
    app.select_slider(key="ae_latent").set_value(4).run()
    train_and_wait(app, "autoencoder")
    assert "Exploring **my run #1** (4-D AE)" in captions(app)
    assert app.metric[0].label == "Autoencoder MSE (4-D)"
    assert any("This run's latent map after epoch 1 of 1 (30 validation digits of each class)" in m.value
               for m in app.markdown)
    traces = [{t.get("name") for t in json.loads(c.proto.spec)["data"]} for c in app.get("plotly_chart")]
    assert {str(d) for d in range(10)} in traces  # the live map: all ten digits and nothing else

    app.select_slider(key="ae_latent").set_value(8).run()
    train_and_wait(app, "autoencoder")
    assert "Exploring **my run #2** (8-D VAE)" in captions(app)
    assert not app.exception
    assert app.radio(key="_dlplay_choice_autoencoder").value == app.session_state["_dlplay_shelf"].models[-1].id
    assert "Decoded by my run #2 (8-D VAE)" in "\n".join(c for img in app.image for c in (img.captions or []))
