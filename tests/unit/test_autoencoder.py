"""Autoencoder: ONNX contract and parity, load() for shipped and learner models, the PCA comparison
on held-out digits, typical codes and the default morph, the recipe's table and live map, bad inputs."""
import dataclasses
import json
import re
import subprocess
import sys

import numpy as np
import pytest

from dlplay import autoencoder as ae
from dlplay import digits as dg
from dlplay import i18n, settings, store
from dlplay.data import digits
from dlplay.params.autoencoder import EXPLORE, TABLE
from dlplay.ui import latent_map


@pytest.fixture(scope="module")
def big():
    return ae.load().quality


@pytest.fixture(scope="module")
def small():
    return ae.load().map


@pytest.fixture(scope="module")
def ex(small):
    return ae.explorer(small)


def test_serving_is_torch_free():
    code = ("import sys; import dlplay.autoencoder, dlplay.ui.latent_map, dlplay.digits; "
            "assert 'torch' not in sys.modules, 'torch imported'; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=settings.ROOT)
    assert out.returncode == 0 and "ok" in out.stdout, out.stderr


@pytest.mark.parametrize("kind", ["ae", "vae"])
def test_export_contract_and_parity(kind):
    import torch
    from dlplay.nets.autoencoder import AutoEncoder
    from dlplay.recipes import autoencoder as recipe
    from dlplay import runtime

    torch.manual_seed(0)
    model = AutoEncoder(kind, latent=3, width=8, hidden=16).eval()
    files = recipe.export_pair(model, ae.PAIRS["ae"], {"kind": kind}, {})
    m = ae.Pair(runtime.session_from_bytes(files["ae_encoder.onnx"]),
                runtime.session_from_bytes(files["ae_decoder.onnx"]), key=f"test-{kind}")
    assert (m.kind, m.latent) == (kind, 3)
    x = digits.load().test.images[:5]
    z = m.encode(x)
    out = m.decode(z)
    with torch.no_grad():
        tz = model.encoder(torch.from_numpy(x).unsqueeze(1))
        tz = tz[0] if kind == "vae" else tz
        timg = model.decoder(tz)[:, 0].numpy()
    assert z.shape == (5, 3) and out.shape == (5, 28, 28)
    np.testing.assert_allclose(z, tz.numpy(), atol=1e-4)
    np.testing.assert_allclose(out, timg, atol=1e-4)
    assert out.min() >= 0.0 and out.max() <= 1.0
    assert len(m.encoder.get_outputs()) == (2 if kind == "vae" else 1)  # logvar after z


def test_load_shipped_model():
    model = ae.load()
    assert model.name == "shipped model"
    assert (model.map.kind, model.map.latent) == ("vae", 2)
    assert (model.quality.kind, model.quality.latent) == ("ae", 16)
    assert model.quality.encoder is ae.load().quality.encoder  # shipped sessions are shared, not rebuilt


def test_load_learner_model():
    import torch
    from dlplay.nets.autoencoder import AutoEncoder
    from dlplay.recipes import autoencoder as recipe

    torch.manual_seed(0)
    files = recipe.export_pair(AutoEncoder("vae", latent=4, width=4, hidden=16).eval(), ae.PAIRS["ae"], {}, {})
    learner = store.Shelf().add(store.LearnerModel("autoencoder", "autoencoder", {"latent": 4}, files, {}, []))
    model = ae.load(learner)
    assert model.name == learner.name == "my run #1"
    assert model.map is model.quality and (model.map.kind, model.map.latent) == ("vae", 4)
    x = digits.load().test.images[:3]
    assert model.map.encode(x).shape == (3, 4) and model.map.reconstruct(x).shape == (3, 28, 28)
    learner.drop("gone")
    with pytest.raises(ae.runtime.ModelFileError):
        ae.load(learner)


def test_tiny_training_run_reports_a_live_map_of_all_ten_digits():
    from dlplay.recipes import autoencoder as recipe

    result = recipe.train({"epochs": 1, "samples": 500, "latent": 4, "width": 8, "hidden": 16, "kind": "vae",
                           "noise": 0.3, "lr": 0.01})
    assert result.outcome.status == "finished"
    record = result.outcome.history[-1]
    # The validation split is sorted by label: a plain prefix of it would hold only 0s to 5s.
    counts = np.bincount(record["_map_labels"], minlength=10)
    assert counts.tolist() == [recipe.MAP_PER_DIGIT] * 10
    assert record["_map"].shape == (10 * recipe.MAP_PER_DIGIT, 2) and np.isfinite(record["val_mse"])
    assert set(result.artifacts) == {"ae_encoder.onnx", "ae_decoder.onnx"}
    assert result.config["latent"] == 4 and 0 < result.metrics["test_mse"] < 0.2


def test_recipe_defaults_and_clamp_come_from_the_table(monkeypatch):
    from dlplay.recipes import autoencoder as recipe

    assert {k: recipe.DEFAULTS[k] for k in TABLE.defaults()} == TABLE.defaults()
    c = recipe.clamp({"kind": "gan", "latent": 64, "lr": 0.0005, "epochs": 99, "beta": -1, "noise": 2.0})
    assert (c["kind"], c["latent"], c["lr"], c["epochs"], c["beta"], c["noise"]) == ("vae", 32, 0.0003, 30, 0.0, 0.5)
    monkeypatch.setattr(settings, "MAX_EPOCHS", 5)
    monkeypatch.setattr(settings, "MAX_TRAIN_SAMPLES", 500)
    monkeypatch.setattr(settings, "MAX_WIDTH", 16)
    c = recipe.clamp({"epochs": 30, "samples": 4000, "width": 32, "hidden": 128})
    assert (c["epochs"], c["samples"], c["width"], c["hidden"]) == (5, 500, 16, 16)
    # One table entry changed: the recipe's clamp follows it.
    narrower = dataclasses.replace(TABLE, params=tuple(
        dataclasses.replace(p, high=3) if p.key == "epochs" else p for p in TABLE))
    monkeypatch.setattr(recipe, "TABLE", narrower)
    assert recipe.clamp({"epochs": 4})["epochs"] == 3


def test_shipped_config_is_the_one_in_the_manifest():
    from dlplay.recipes import autoencoder as recipe

    manifest = json.loads((settings.MODELS_DIR / "manifest.json").read_text())
    shipped = recipe.clamp({**recipe.DEFAULTS, **recipe.SHIPPED})
    # The big pair was last rebuilt alone (`--set map_epochs=0`), the map pair by an earlier full run.
    assert manifest["ae_encoder.onnx"]["config"] == {**shipped, "map_epochs": 0}


def test_pca_is_fitted_on_train_and_matches_sklearn():
    from sklearn.decomposition import PCA as SkPCA

    train, test = digits.load().train.images, digits.load().test.images
    mine = ae.pca(8)
    np.testing.assert_allclose(mine.mean, train.reshape(len(train), -1).mean(0), atol=1e-5)
    sk = SkPCA(8, svd_solver="covariance_eigh").fit(train.reshape(len(train), -1))
    ref = np.clip(sk.inverse_transform(sk.transform(test.reshape(len(test), -1))), 0, 1).reshape(-1, 28, 28)
    np.testing.assert_allclose(mine.reconstruct(test), ref, atol=1e-4)


def test_shipped_autoencoder_beats_pca_on_held_out_digits(big):
    test = digits.load().test.images
    ae_mse = ae.mse(big.reconstruct(test), test).mean()
    pca_mse = ae.mse(ae.pca(big.latent).reconstruct(test), test).mean()
    assert ae_mse <= 0.7 * pca_mse, (ae_mse, pca_mse)


def test_map_model_is_2d_and_outside_test(small, ex):
    assert small.latent == 2
    assert ex.coords().shape == (ae.MAP_DIGITS, 2)
    assert ex.outside(ex.z).mean() < 0.05  # held-out digits lie inside the training region
    far = np.array([[1e3, -1e3]], np.float32)
    assert ex.outside(far)[0]
    img = small.decode(far)  # the decoder still answers far away
    assert img.shape == (1, 28, 28) and np.isfinite(img).all() and 0 <= img.min() and img.max() <= 1
    grid = ex.grid(*ex.bounds(), n=5)
    assert grid.shape == (140, 140)


def test_big_model_map_is_a_projection(big):
    ex = ae.explorer(big)
    z = ex.z[:3]
    # The map plane through the centre: projecting and lifting back keeps the in-plane part.
    back = ex.from_map(ex.to_map(z))
    np.testing.assert_allclose(ex.to_map(back), ex.to_map(z), atol=1e-4)


def test_bad_inputs(small):
    with pytest.raises(ae.LatentSizeError, match="2 dimensions"):
        small.decode(np.zeros(5))
    with pytest.raises(ValueError):
        small.decode([np.nan, 0.0])
    with pytest.raises(ValueError, match="28x28"):
        small.encode(np.zeros((3, 10)))
    blank = np.zeros((28, 28), np.float32)
    assert small.encode(blank).shape == (1, 2)  # a blank image still has a code
    from dlplay.digits import canvas_to_mnist
    rgba = np.zeros((200, 200, 4), np.uint8)
    rgba[..., 3] = 255
    assert canvas_to_mnist(rgba) is None  # a blank drawing is "no drawing", not an error


def test_typical_codes_lie_inside_their_own_cluster():
    rng = np.random.default_rng(0)
    centres = np.array([[np.cos(a), np.sin(a)] for a in np.linspace(0, 2 * np.pi, 10, endpoint=False)]) * 10
    labels = np.repeat(np.arange(10), 40)
    z = centres[labels] + rng.normal(0, 1, (400, 2))
    stray = np.flatnonzero(labels == 4)[:15]
    z[stray] = centres[5] + rng.normal(0, 1, (15, 2))  # 4s written like 5s pull the mean 4 out of its cluster
    assert np.linalg.norm(z[labels == 4].mean(axis=0) - centres[4]) > 2.0
    typical = ae.typical_codes(z, labels)
    assert typical.shape == (10, 2)
    assert (np.linalg.norm(typical - centres, axis=1) < 2.0).all()
    gap = np.linalg.norm(z[labels == 4] - ae.typical_codes(z, labels, k=5)[4], axis=1).min()
    assert gap < 1e-5  # always the code of a real training digit


def test_default_morph_ends_are_read_as_the_chosen_digits(ex):
    a, b = EXPLORE["a"].default, EXPLORE["b"].default
    assert a != b and EXPLORE["method"].default == "linear"  # straight by default
    path, frames = ex.morph(a, b, EXPLORE["steps"].default, EXPLORE["method"].default)
    assert len(path) == len(frames) == EXPLORE["steps"].default
    read = dg.load().predict(frames).argmax(axis=1)
    assert (read[0], read[-1]) == (a, b)
    assert set(read.tolist()) <= {a, b}  # the walk passes through no third digit


def test_interpolation():
    a, b = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    lin = ae.interpolate(a, b, 5, "linear")
    np.testing.assert_allclose(lin[[0, -1]], [a, b], atol=1e-6)
    np.testing.assert_allclose(lin[2], [0.5, 0.5], atol=1e-6)
    sph = ae.interpolate(a, b, 5, "spherical")
    np.testing.assert_allclose(np.linalg.norm(sph, axis=1), 1.0, atol=1e-5)  # stays on the circle
    np.testing.assert_allclose(sph[2], [np.sqrt(0.5)] * 2, atol=1e-5)
    np.testing.assert_allclose(ae.interpolate(a, a, 3, "spherical"), [a] * 3, atol=1e-6)  # parallel ends
    with pytest.raises(ae.LatentSizeError):
        ae.interpolate(a, np.zeros(3))
    with pytest.raises(ValueError):
        ae.interpolate(a, b, 3, "cubic")


def test_noise_and_tiles():
    x = digits.load().test.images[:4]
    assert np.array_equal(ae.add_noise(x, 0.0), x)
    noisy = ae.add_noise(x, 0.5, seed=1)
    assert noisy.min() >= 0 and noisy.max() <= 1 and not np.allclose(noisy, x)
    assert ae.tile(x, 3).shape == (56, 84)


def test_read_selection():
    assert latent_map.read_selection(None) is None
    assert latent_map.read_selection({"points": [], "box": [], "lasso": []}) is None
    pick = latent_map.read_selection({"points": [{"x": 1.0, "y": 2.0, "customdata": 7, "curve_number": 0}]})
    assert pick == {"x": 1.0, "y": 2.0, "digit": 7, "box": None}
    empty = latent_map.read_selection({"points": [{"x": 0.5, "y": -1.0, "curve_number": 10}]})
    assert empty["digit"] is None
    box = latent_map.read_selection({"points": [], "box": [{"x": [2, 0], "y": [1, 3]}]})
    assert box["x"] == 1.0 and box["y"] == 2.0 and box["box"] == ((0.0, 2.0), (1.0, 3.0))


def test_the_words_on_the_map_follow_the_language(small, ex):
    assert small.describe() == "2-D VAE"
    han = re.compile(r"[\u4e00-\u9fff]")
    i18n.set_source(lambda: "zh", lambda: set())
    try:
        assert han.search(small.describe()) and "2" in small.describe() and "VAE" in small.describe()
        fig = latent_map.map_figure(ex.coords(), ex.labels, ex.bounds(), (0.0, 0.0), drawing=(0.1, 0.1),
                                    path=np.zeros((3, 2), np.float32))
        named = [t.name for t in fig.data if t.showlegend is not False and not t.name.isdigit()]
        assert len(named) == 3 and all(han.search(n) for n in named), named  # path, drawing, decoded point
        assert han.search(fig.layout.legend.title.text)
        assert all(han.search(t.hovertemplate) for t in fig.data if t.hovertemplate)
        title = latent_map.live_title(np.repeat(np.arange(10), 3), 2, 5)
        assert han.search(title) and "3" in title and "2" in title and "5" in title
    finally:
        i18n.set_source(lambda: i18n.DEFAULT, lambda: set())
    assert small.describe() == "2-D VAE"
