"""GAN: ONNX parity, the z -> image contract, output range, determinism, torch-free serving,
load() for shipped and learner models, latent tools, the parameter table and the recipe's clamp,
the advice after a run, and what training does on divergence and on Stop."""
import os
import re
import subprocess
import sys

import numpy as np
import pytest

import json
import shutil

from dlplay import export, gan, gan_quality, settings, store
from dlplay.params import gan as gan_params

TINY = {"epochs": 1, "samples": 256, "width": 8, "z_dim": 8, "batch_size": 64, "seed": 0}


def tiny_models(root, **config):
    """Train a 1-epoch GAN on 256 digits and write its files the way the CLI does."""
    from dlplay.recipes import gan as recipe
    result = recipe.train({**TINY, **config})
    assert result.outcome.status == "finished", result.outcome.message
    export.save("gan", result.artifacts, config=result.config, metrics=result.metrics, data="test",
                models_dir=root)
    return result


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("gan_models")
    tiny_models(root)
    return root


@pytest.fixture()
def shipped_tiny(models_dir, monkeypatch):
    monkeypatch.setattr(settings, "MODELS_DIR", models_dir)
    return models_dir


@pytest.mark.parametrize("arch", ["dcgan", "fc"])
@pytest.mark.parametrize("conditional", [True, False])
def test_onnx_parity_with_torch(arch, conditional):
    import torch
    from dlplay import runtime
    from dlplay.nets.gan import QuantileLabel, Scored, build

    torch.manual_seed(0)
    g, d = build(arch, 6, 8, conditional)
    g, d = g.eval(), d.eval()
    z = torch.randn(5, 7)
    onehot = torch.eye(10)[torch.tensor([0, 3, 9, 2, 2])]
    img = torch.rand(5, 1, 28, 28)
    sess_g = runtime.session_from_bytes(export.to_onnx(QuantileLabel(g), z[:2], input_names=["z"],
                                                       output_names=["image"]))
    sess_d = runtime.session_from_bytes(export.to_onnx(Scored(d), (img[:2], onehot[:2]),
                                                       input_names=["image", "label"], output_names=["p_real"]))
    with torch.no_grad():
        want_g, want_d = QuantileLabel(g)(z).numpy(), Scored(d)(img, onehot).numpy()
    got_g = runtime.run(sess_g, z.numpy())[0]
    got_d = runtime.run(sess_d, img.numpy(), onehot.numpy())[0]
    assert got_g.shape == (5, 1, 28, 28) and got_d.shape == (5,)
    assert np.abs(got_g - want_g).max() < 1e-4 and np.abs(got_d - want_d).max() < 1e-4


def test_generator_file_keeps_the_contract(shipped_tiny):
    from dlplay import runtime
    s = runtime.shipped(gan.GENERATOR)
    assert [i.name for i in s.get_inputs()] == ["z"]
    assert s.get_inputs()[0].shape[1] == TINY["z_dim"] + 1 == gan.load().latent_size
    assert s.get_outputs()[0].name == "image"
    assert gan.load().can_be_asked


def test_samples_in_range_and_deterministic(shipped_tiny):
    model = gan.load()
    a = model.sample(12, seed=3)
    assert a.shape == (12, 28, 28) and a.dtype == np.float32
    assert a.min() >= 0.0 and a.max() <= 1.0
    assert np.array_equal(a, model.sample(12, seed=3))
    assert not np.allclose(a, model.sample(12, seed=4))
    b = model.sample(12, seed=3, digit=7)
    assert b.shape == (12, 28, 28) and not np.allclose(a, b)


def test_first_latent_picks_the_digit(shipped_tiny):
    model = gan.load()
    z = model.noise(50, 1)
    picked = gan.digit_of(z)
    assert picked.min() >= 0 and picked.max() <= 9 and len(set(picked)) > 5
    # the plain generator must draw exactly what the conditional one draws for the digit z0 picks
    np.testing.assert_allclose(model.generate(z), model.generate(z, gan.onehot(picked)), atol=1e-5)


def test_digit_slices_are_equally_likely():
    z = np.random.default_rng(0).standard_normal((20_000, 3))
    counts = np.bincount(gan.digit_of(z), minlength=10) / 20_000
    assert np.abs(counts - 0.1).max() < 0.01


def test_interpolation_ends_at_both_samples(shipped_tiny):
    model = gan.load()
    path = model.walk(5, 6, steps=7)
    assert path.shape == (7, 28, 28)
    np.testing.assert_allclose(path[0], model.sample(1, 5)[0], atol=1e-5)
    np.testing.assert_allclose(path[-1], model.sample(1, 6)[0], atol=1e-5)


def test_slerp_keeps_the_norm_of_equal_norm_vectors():
    a, b = np.array([3.0, 0.0]), np.array([0.0, 3.0])
    assert np.linalg.norm(gan.slerp(a, b, 0.5)) == pytest.approx(3.0)
    np.testing.assert_allclose(gan.slerp(a, a, 0.3), a)


def test_directions_are_unit_and_move_their_measure(shipped_tiny):
    model = gan.load()
    dirs = model.directions()
    assert set(dirs) == {"thickness", "width", "slant"} and model.directions() is dirs  # fitted once
    z = model.noise(200, 99)
    labels = gan.onehot(np.arange(200) % 10)
    for name, vec in dirs.items():
        assert vec.shape == (TINY["z_dim"],) and np.linalg.norm(vec) == pytest.approx(1.0, abs=1e-5)
        up = gan.measures(model.generate(gan.move(z, vec, 2.0), labels))[name].mean()
        down = gan.measures(model.generate(gan.move(z, vec, -2.0), labels))[name].mean()
        assert up > down, name


def test_move_leaves_the_digit_coordinate_alone():
    z = np.zeros((2, 4), np.float32)
    moved = gan.move(z, np.ones(3, np.float32), 1.5)
    assert np.all(moved[:, 0] == 0) and np.all(moved[:, 1:] == 1.5) and np.all(z == 0)


def test_discriminator_scores_in_unit_interval(shipped_tiny):
    model = gan.load()
    p = model.discriminate(model.sample(1, 0)[0])
    assert p.shape == (10,) and np.all((p >= 0) & (p <= 1))


def test_unconditional_model_files(tmp_path, monkeypatch):
    tiny_models(tmp_path, conditional=False, arch="fc")
    monkeypatch.setattr(settings, "MODELS_DIR", tmp_path)
    model = gan.load()
    assert not model.can_be_asked and model.notices == []  # nothing missing: it never had a conditional file
    assert model.sample(3, 0, digit=4).shape == (3, 28, 28)  # the digit is ignored, not an error
    assert model.discriminate(np.zeros((28, 28), np.float32)).shape == (1,)
    assert model.walk(1, 2, 4).shape == (4, 28, 28)


def test_grid_layout_and_scale():
    g = gan.grid(np.ones((5, 28, 28)), cols=3, pad=2)
    assert g.shape == (2 * 30 + 2, 3 * 30 + 2) and g.dtype == np.uint8
    assert g[2, 2] == 255 and g[0, 0] == 60
    assert gan.grid(np.ones((5, 28, 28)), cols=3, pad=2, scale=3).shape == (3 * 62, 3 * 92)


def test_missing_generator_says_how_to_build_it(tmp_path, monkeypatch):
    from dlplay import runtime
    monkeypatch.setattr(settings, "MODELS_DIR", tmp_path)
    with pytest.raises(runtime.ModelFileError, match="python -m dlplay train gan"):
        gan.load()


def test_serving_is_torch_free(models_dir):
    code = ("import sys; from dlplay import gan, gan_quality; m = gan.load(); x = m.sample(4, 0); "
            "m.discriminate(x[0]); assert 'torch' not in sys.modules, 'torch imported'; print('ok')")
    env = {**os.environ, "DLPLAY_MODELS_DIR": str(models_dir)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=settings.ROOT, env=env)
    assert out.returncode == 0 and "ok" in out.stdout, out.stderr


def test_divergence_keeps_nothing(monkeypatch):
    from dlplay.recipes import gan as recipe
    real = recipe._data

    def poisoned(c):
        x, y = real(c)
        x = x.copy()
        x[:] = np.nan
        return x, y

    monkeypatch.setattr(recipe, "_data", poisoned)
    result = recipe.train(TINY)
    assert result.outcome.status == "diverged"
    assert "Nothing was kept" in result.outcome.message
    assert result.artifacts == {}


def test_stop_keeps_the_last_generator():
    from dlplay.recipes import gan as recipe
    calls = []

    def stop_after_three():
        calls.append(1)
        return len(calls) > 3

    result = recipe.train({**TINY, "epochs": 3}, should_stop=stop_after_three)
    assert result.outcome.status == "stopped"
    assert {"gan_generator.onnx", "gan_discriminator.onnx"} <= set(result.artifacts)


def test_step_reports_every_gan_value():
    from dlplay.recipes import gan as recipe
    seen = []
    result = recipe.train({**TINY, "objective": "minimax", "d_steps": 2, "label_smoothing": 0.1},
                          callback=lambda p: seen.append(p.values) if p.event == "step" else None)
    assert set(seen[0]) == {"loss_d", "loss_g", "d_real", "d_fake"}
    last = result.outcome.history[-1]
    assert last["_samples"].shape == (recipe.GRID_PER_CLASS * 10, 28, 28) and last["_samples"].dtype == np.uint8
    assert 0 <= last["d_real"] <= 1 and 0 <= last["d_fake"] <= 1


def test_clamp_bounds_the_config():
    from dlplay.recipes import gan as recipe
    c = recipe.clamp({"epochs": 10_000, "width": 10_000, "lr_g": 50.0, "lr_d": -1, "arch": "evil",
                      "label_smoothing": 3, "d_steps": 99, "batch_size": 1, "dataset": "../etc"})
    assert c["epochs"] == settings.MAX_EPOCHS and c["width"] == 128 and c["arch"] == "dcgan"
    assert c["lr_g"] == max(gan_params.LEARNING_RATES) and c["lr_d"] == min(gan_params.LEARNING_RATES)
    assert c["label_smoothing"] == 0.3 and c["d_steps"] == 5 and c["batch_size"] == 32 and c["dataset"] == "offline"


def test_tight_limits_hold_in_the_recipe(monkeypatch):
    from dlplay.recipes import gan as recipe
    monkeypatch.setattr(settings, "MAX_EPOCHS", 3)
    monkeypatch.setattr(settings, "MAX_TRAIN_SAMPLES", 500)
    monkeypatch.setattr(settings, "MAX_WIDTH", 16)
    c = recipe.clamp({**recipe.DEFAULTS, **recipe.SHIPPED})
    assert (c["epochs"], c["samples"], c["width"]) == (3, 500, 16)
    assert gan_params.TABLE["epochs"].limit == 3 and gan_params.TABLE.defaults()["epochs"] == 3


def test_shipped_config_is_the_one_the_manifest_records():
    """`python -m dlplay train gan` trains {**DEFAULTS, **SHIPPED}: the learner's defaults may change,
    the shipped model's recipe may not."""
    from dlplay.recipes import gan as recipe
    manifest = json.loads((settings.ROOT / "models" / "manifest.json").read_text())
    for name in recipe.FILES:
        assert recipe.clamp({**recipe.DEFAULTS, **recipe.SHIPPED}) == manifest[name]["config"], name


def test_the_recipe_follows_a_changed_table_entry(monkeypatch):
    from dataclasses import replace

    from dlplay.params import Table
    from dlplay.recipes import gan as recipe
    table = Table("gan", tuple(replace(p, high=12) if p.key == "epochs" else p for p in gan_params.TABLE))
    monkeypatch.setattr(recipe, "TABLE", table)
    assert recipe.clamp({"epochs": 50})["epochs"] == 12 and recipe.clamp({"epochs": 7})["epochs"] == 7


# --- load(): one Generator per model, shipped or the learner's --------------------------------

@pytest.fixture(scope="module")
def learner_files(tmp_path_factory):
    """A learner's unconditional run (fully connected), as the shelf would hold it."""
    from dlplay.recipes import gan as recipe
    return recipe.train({**TINY, "conditional": False, "arch": "fc", "seed": 1}).artifacts


def test_load_a_learner_model(shipped_tiny, learner_files):
    run = store.LearnerModel("gan", "gan", {}, learner_files, {}, [], number=2)
    model = gan.load(run)
    assert model.name == "my run #2" and gan.load(run) is model  # one object per model: directions fitted once
    assert gan.load().name == "shipped model" and gan.load() is gan.load()
    assert not model.can_be_asked and gan.load().can_be_asked
    assert model.sample(5, 0).shape == (5, 28, 28) and model.discriminate(np.zeros((28, 28))).shape == (1,)
    assert not np.allclose(model.sample(5, 0), gan.load().sample(5, 0))


def test_a_learner_model_without_a_discriminator_has_none_to_ask(learner_files):
    files = {k: v for k, v in learner_files.items() if k != gan.DISCRIMINATOR}
    model = gan.load(store.LearnerModel("gan", "gan", {}, files, {}, []))
    assert model.discriminate(np.zeros((28, 28))) is None


def shipped_without(name: str, models_dir, folder, monkeypatch) -> None:
    """The shipped files less one, served from `folder`: a server whose models/ lacks a file."""
    for f in models_dir.iterdir():
        if f.name != name:
            shutil.copy(f, folder / f.name)
    monkeypatch.setattr(settings, "MODELS_DIR", folder)


def test_a_missing_conditional_generator_is_said_not_hidden(models_dir, tmp_path, monkeypatch):
    shipped_without(gan.CONDITIONAL, models_dir, tmp_path, monkeypatch)
    model = gan.load()
    assert not model.can_be_asked and model.sample(3, 0, digit=4).shape == (3, 28, 28)
    assert len(model.notices) == 1
    assert gan.CONDITIONAL in model.notices[0] and "python -m dlplay train gan" in model.notices[0]


def test_a_missing_discriminator_is_said(models_dir, tmp_path, monkeypatch):
    shipped_without(gan.DISCRIMINATOR, models_dir, tmp_path, monkeypatch)
    model = gan.load()
    assert model.discriminate(np.zeros((28, 28))) is None and gan.DISCRIMINATOR in model.notices[0]


# --- advice after a run ---------------------------------------------------------------------------

D_WINS = [{"d_fake": 0.01, "loss_d": 0.02}] * 2
UNREADABLE = [{gan_quality.CONFIDENCE: 0.3, gan_quality.COVERAGE: 0.9}] * 3
COLLAPSED = [{gan_quality.CONFIDENCE: 0.9, gan_quality.COVERAGE: 0.5}] * 3


def test_healthy_runs_get_no_advice():
    healthy = [{"d_fake": 0.3, "loss_d": 1.0, gan_quality.CONFIDENCE: 0.9, gan_quality.COVERAGE: 0.98}] * 4
    assert gan_quality.trouble(healthy, {}) == []
    assert gan_quality.trouble(UNREADABLE[:2], {}) == []  # the first epochs are blobs in every run


def test_advice_spots_a_winning_discriminator_collapse_and_unreadable_digits():
    assert "discriminator is winning" in gan_quality.trouble(D_WINS, {})[0]
    assert "mode collapse" in gan_quality.trouble(COLLAPSED, {"conditional": False})[0]
    assert "reads few of these digits" in gan_quality.trouble(UNREADABLE, {"epochs": 4})[0]


def test_advice_never_suggests_what_is_already_selected():
    from itertools import product

    for objective, smooth, lr_d, lr_g, d_steps, cond, epochs in product(
            ("non_saturating", "minimax"), (0.0, 0.1), gan_params.LEARNING_RATES, (0.00005, 0.001, 0.05), (1, 3),
            (True, False), (1, 30)):
        config = {"objective": objective, "label_smoothing": smooth, "lr_d": lr_d, "lr_g": lr_g,
                  "d_steps": d_steps, "conditional": cond, "epochs": epochs}
        for history in (D_WINS, UNREADABLE, COLLAPSED):
            for hint in gan_quality.advice(history, config):
                for remedy in hint.remedies:
                    assert remedy.value != config[remedy.key], (config, remedy)
                    assert gan_params.TABLE[remedy.key].clamp(remedy.value) == remedy.value  # one the page offers


def test_the_non_saturating_loss_is_advised_only_when_it_is_not_selected():
    assert "non-saturating" in gan_quality.trouble(D_WINS, {"objective": "minimax"})[0]
    assert "non-saturating" not in gan_quality.trouble(D_WINS, {"objective": "non_saturating"})[0]
    # nothing left to advise but the problem itself
    stuck = {"objective": "non_saturating", "label_smoothing": 0.1, "lr_d": min(gan_params.LEARNING_RATES),
             "lr_g": max(gan_params.LEARNING_RATES), "d_steps": 1}
    assert gan_quality.advice(D_WINS, stuck)[0].remedies == ()
    assert "Try" not in gan_quality.trouble(D_WINS, stuck)[0]


def test_advice_reads_in_the_learners_language():
    """Hints are made once and shown in whoever reads them's language: whole sentences, remedies listed with
    the language's own separators."""
    from dlplay import i18n

    config = {"objective": "minimax", "lr_d": 0.0002, "lr_g": 0.001}
    english = gan_quality.trouble(D_WINS, config)[0]
    assert english.endswith("label smoothing of 0.1 or the non-saturating generator loss.")
    assert "a smaller D learning rate (0.0001), a larger G learning rate (0.002), " in english
    i18n.set_source(lambda: "zh")
    try:
        chinese = gan_quality.trouble(D_WINS, config)[0]
    finally:
        i18n.set_source(lambda: i18n.DEFAULT)
    assert chinese.startswith("判别器占了上风") and "可以试试" in chinese and chinese.endswith("。")
    assert "、" in chinese and "或" in chinese and "（0.0001）" in chinese
    assert set(re.findall(r"[A-Za-z]+", chinese)) <= {"D", "G"}  # no English word left, only the networks' letters


# --- quality measures (numpy only) -------------------------------------------------------------

def test_frechet_is_zero_for_identical_sets_and_grows_with_shift():
    a = np.random.default_rng(0).standard_normal((500, 4))
    assert gan_quality.frechet(a, a) == pytest.approx(0.0, abs=1e-6)
    assert gan_quality.frechet(a, a + 2.0) == pytest.approx(16.0, rel=1e-6)  # |mean shift|^2 = 4 * 2^2


def test_frechet_matches_the_closed_form_for_diagonal_gaussians():
    rng = np.random.default_rng(1)
    a = rng.standard_normal((4000, 2)) * [1.0, 2.0]
    b = rng.standard_normal((4000, 2)) * [3.0, 1.0]
    sa, sb = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    want = ((a.mean(0) - b.mean(0)) ** 2).sum() + sum(
        (np.sqrt(sa[i, i]) - np.sqrt(sb[i, i])) ** 2 for i in range(2))
    assert gan_quality.frechet(a, b) == pytest.approx(want, rel=0.05)


def test_coverage_and_confidence():
    uniform = np.eye(10)[np.arange(1000) % 10]
    assert gan_quality.coverage_bits(uniform) == pytest.approx(np.log2(10))
    assert gan_quality.coverage(uniform) == pytest.approx(1.0) and gan_quality.coverage(uniform[:500:5]) < 1
    assert gan_quality.coverage_bits(np.eye(10)[np.zeros(50, int)]) == 0.0
    assert gan_quality.confidence(np.full((3, 10), 0.1)) == pytest.approx(0.1)


def test_blur_keeps_ink_and_spreads_it():
    x = np.zeros((1, 28, 28), np.float32)
    x[0, 14, 14] = 1.0
    b = gan_quality.blur(x, 1.0)
    assert b.sum() == pytest.approx(1.0, abs=1e-4) and b.max() < 0.5 and b[0, 14, 14] == b.max()


def test_report_has_every_number_for_the_bench():
    import torch
    from dlplay import runtime
    from dlplay.data import digits

    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 10))
    session = runtime.session_from_bytes(export.to_onnx(model, torch.rand(2, 1, 28, 28), input_names=["image"],
                                                        output_names=["logits"]))
    d = digits.load()
    r = gan_quality.report(d.train.images[:300], d.test.images[:300], d.train.images[300:600], session)
    assert r.pop("features") == "logits"
    assert set(r) == {"generated", "real", "blurred real (sigma 1 px)"}
    for row in r.values():
        assert 0.1 <= row["confidence"] <= 1 and 0 <= row["coverage_bits"] <= gan_quality.MAX_BITS + 1e-9
        assert row["frechet"] >= 0
    assert sum(r["generated"]["counts"]) == 300


def test_a_dropped_learner_model_is_not_served_from_the_cache(shipped_tiny, learner_files):
    from dlplay import runtime
    run = store.LearnerModel("gan", "gan", {}, dict(learner_files), {}, [])
    gan.load(run).sample(2, 0)
    run.drop("my run #1 was removed because the server keeps at most 60 learner models.")
    with pytest.raises(runtime.ModelFileError, match="was removed"):
        gan.load(run)
