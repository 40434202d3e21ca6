"""The CNN: recipe trains and exports per the contract, ORT matches torch, numpy conv matches torch,
the shipped model reads synthetic canvas drawings."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from dlplay import convolution, digits as dg
from dlplay import runtime, settings
from dlplay.data import strokes
from dlplay.recipes import cnn

SHIPPED = settings.MODELS_DIR / dg.MODEL_FILE


@pytest.fixture(scope="module")
def tiny():
    """A tiny run: 1 epoch on 300 digits with the learner's extra drawings."""
    extra = np.stack([dg.canvas_to_mnist(strokes.draw(7)), dg.canvas_to_mnist(strokes.draw(1))])
    return cnn.train({"epochs": 1, "train_size": 300, "channels": 4, "hidden": 16,
                      "extra_images": extra, "extra_labels": [7, 1]})


def test_tiny_run_exports_the_contract(tiny):
    assert tiny.outcome.status == "finished"
    assert set(tiny.artifacts) == {"cnn_digits.onnx", "cnn_digits_features.onnx"}
    s = runtime.session_from_bytes(tiny.artifacts["cnn_digits.onnx"])
    (inp,), outs = s.get_inputs(), s.get_outputs()
    assert inp.name == "image" and inp.shape[1:] == [1, 28, 28] and outs[0].name == "logits"
    probs = dg.predict(np.random.default_rng(0).random((5, 28, 28)), s)
    assert probs.shape == (5, 10) and np.allclose(probs.sum(1), 1, atol=1e-5)
    f = runtime.session_from_bytes(tiny.artifacts["cnn_digits_features.onnx"])
    maps = dg.feature_maps(np.zeros((28, 28)), f)
    assert [m.shape for m in maps] == [(4, 28, 28), (8, 14, 14)]
    assert tiny.config["own_drawings"] == 2 and "extra_images" not in tiny.config
    assert tiny.extras["confusion"].sum() == 500 and tiny.extras["confusion"].shape == (10, 10)
    for k in ("val_acc", "test_acc", "drawings_acc"):
        assert 0.0 <= tiny.metrics[k] <= 1.0


def test_kernels_come_from_the_onnx_file(tiny):
    ks = dg.kernels(tiny.artifacts["cnn_digits.onnx"])
    assert [k.shape for k in ks] == [(4, 1, 3, 3), (8, 4, 3, 3)]


def test_clamp_bounds_hostile_settings():
    c = cnn.clamp({"epochs": 10 ** 6, "channels": 10 ** 6, "blocks": 99, "kernel": 4, "lr": -1,
                   "optimizer": "nope", "train_size": -5, "dropout": 3, "data": "../etc"})
    assert c["blocks"] == 3 and c["kernel"] == 3 and c["optimizer"] == "adam" and c["data"] == "offline"
    assert c["epochs"] <= settings.MAX_EPOCHS * 2 and c["channels"] * 4 <= settings.MAX_WIDTH
    assert c["lr"] > 0 and c["train_size"] >= 50 and c["dropout"] <= 0.8


def test_numpy_convolution_matches_torch():
    rng = np.random.default_rng(1)
    img, ker = rng.random((28, 28), np.float32), rng.normal(size=(5, 5)).astype(np.float32)
    expected = F.conv2d(torch.from_numpy(img)[None, None], torch.from_numpy(ker)[None, None], padding=2)[0, 0]
    assert np.allclose(convolution.conv2d(img, ker), expected.numpy(), atol=1e-5)
    patch, products, total = convolution.conv_cell(img, ker, 3, 20)
    assert patch.shape == (5, 5) and np.isclose(total, expected[3, 20].item(), atol=1e-5)
    valid = F.conv2d(torch.from_numpy(img)[None, None], torch.from_numpy(ker)[None, None])[0, 0]
    assert np.allclose(convolution.conv2d(img, ker, padding=0), valid.numpy(), atol=1e-5)


def test_pooling_matches_torch():
    x = np.random.default_rng(2).random((28, 28)).astype(np.float32)
    t = torch.from_numpy(x)[None, None]
    assert np.allclose(convolution.pool2d(x, 2, "max"), F.max_pool2d(t, 2)[0, 0].numpy())
    assert np.allclose(convolution.pool2d(x, 2, "avg"), F.avg_pool2d(t, 2)[0, 0].numpy(), atol=1e-6)
    assert convolution.pool2d(np.ones((7, 7)), 2).shape == (3, 3)


def test_bad_image_shapes_are_refused():
    with pytest.raises(ValueError):
        dg.as_batch(np.zeros((10, 10)))
    x = dg.as_batch(np.full((28, 28), np.nan))
    assert x.shape == (1, 1, 28, 28) and np.isfinite(x).all()


needs_shipped = pytest.mark.skipif(not SHIPPED.exists(), reason="models/cnn_digits.onnx not built yet "
                                   "(python -m dlplay train cnn)")


@needs_shipped
def test_shipped_model_matches_torch():
    """ORT and the same weights in torch agree (the network is rebuilt from the ONNX initializers)."""
    c = cnn.clamp(cnn.shipped_config())
    model = cnn.build(c)
    cnn.shipped_weights(model)
    model.eval()
    x = np.random.default_rng(3).random((7, 1, 28, 28)).astype(np.float32)
    with torch.no_grad():
        expected = model(torch.from_numpy(x)).numpy()
    got = runtime.run(runtime.shipped(dg.MODEL_FILE), x)[0]
    assert np.abs(expected - got).max() < 1e-4
    feats = runtime.run(runtime.shipped(dg.FEATURES_FILE), x)
    assert np.abs(feats[0] - got).max() < 1e-4


@needs_shipped
def test_shipped_model_reads_synthetic_drawings():
    items = strokes.drawing_set()
    x = np.stack([dg.canvas_to_mnist(strokes.draw(d, **kw)) for d, kw in items])
    acc = (dg.predict(x).argmax(1) == np.array([d for d, _ in items])).mean()
    assert acc >= 0.9, acc


@needs_shipped
def test_shipped_model_on_held_out_digits_and_manifest():
    from dlplay.data import digits as data
    test = data.load().test
    acc = (dg.predict(test.images).argmax(1) == test.labels).mean()
    assert acc >= 0.98
    entry = runtime.manifest().get(dg.MODEL_FILE, {})
    assert abs(entry.get("metrics", {}).get("test_acc", -1) - acc) < 1e-6


@needs_shipped
def test_finetune_starts_from_the_shipped_model_and_leaves_it_alone():
    before = SHIPPED.read_bytes()
    own = np.stack([dg.canvas_to_mnist(strokes.draw(4, 1, pen=p)) for p in (8, 20)])
    r = cnn.train({"finetune": True, "epochs": 1, "train_size": 100, "extra_images": own, "extra_labels": [4, 4]})
    assert r.outcome.status == "finished"
    assert r.config["channels"] == cnn.shipped_config()["channels"] and r.config["own_drawings"] == 2
    assert r.metrics["test_acc"] > 0.9  # one short epoch from the shipped weights, not from scratch
    assert SHIPPED.read_bytes() == before


@needs_shipped
def test_shipped_model_reads_the_drawing_files():
    """tests/data/digit_drawings: canvas PNGs as the browser sends them, through the app's whole path."""
    from pathlib import Path
    from PIL import Image
    files = sorted((Path(__file__).parents[1] / "data" / "digit_drawings").glob("*.png"))
    assert len(files) >= 100
    x = np.stack([dg.canvas_to_mnist(np.asarray(Image.open(f))) for f in files])
    labels = np.array([int(f.name[0]) for f in files])
    wrong = [f.name for f, p in zip(files, dg.predict(x).argmax(1)) if p != int(f.name[0])]
    assert (len(files) - len(wrong)) / len(files) >= 0.95, wrong
    assert len(labels) == len(files)
