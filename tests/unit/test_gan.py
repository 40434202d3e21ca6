"""GAN: ONNX parity, the z -> image contract, output range, determinism, torch-free serving,
latent tools, and what training does on divergence and on Stop."""
import os
import subprocess
import sys

import numpy as np
import pytest

from dlplay import export, gan, gan_quality, settings

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
    torch = pytest.importorskip("torch")
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
    assert s.get_inputs()[0].shape[1] == TINY["z_dim"] + 1 == gan.latent_size()
    assert s.get_outputs()[0].name == "image"
    assert gan.is_conditional()


def test_samples_in_range_and_deterministic(shipped_tiny):
    a = gan.sample(12, seed=3)
    assert a.shape == (12, 28, 28) and a.dtype == np.float32
    assert a.min() >= 0.0 and a.max() <= 1.0
    assert np.array_equal(a, gan.sample(12, seed=3))
    assert not np.allclose(a, gan.sample(12, seed=4))
    b = gan.sample(12, seed=3, digit=7)
    assert b.shape == (12, 28, 28) and not np.allclose(a, b)


def test_first_latent_picks_the_digit(shipped_tiny):
    z = gan.noise(50, 1)
    picked = gan.digit_of(z)
    assert picked.min() >= 0 and picked.max() <= 9 and len(set(picked)) > 5
    # the plain generator must draw exactly what the conditional one draws for the digit z0 picks
    np.testing.assert_allclose(gan.generate(z), gan.generate(z, gan.onehot(picked)), atol=1e-5)


def test_digit_slices_are_equally_likely():
    z = np.random.default_rng(0).standard_normal((20_000, 3))
    counts = np.bincount(gan.digit_of(z), minlength=10) / 20_000
    assert np.abs(counts - 0.1).max() < 0.01


def test_interpolation_ends_at_both_samples(shipped_tiny):
    path = gan.interpolate(5, 6, steps=7)
    assert path.shape == (7, 28, 28)
    np.testing.assert_allclose(path[0], gan.sample(1, 5)[0], atol=1e-5)
    np.testing.assert_allclose(path[-1], gan.sample(1, 6)[0], atol=1e-5)


def test_slerp_keeps_the_norm_of_equal_norm_vectors():
    a, b = np.array([3.0, 0.0]), np.array([0.0, 3.0])
    assert np.linalg.norm(gan.slerp(a, b, 0.5)) == pytest.approx(3.0)
    np.testing.assert_allclose(gan.slerp(a, a, 0.3), a)


def test_directions_are_unit_and_move_their_measure(shipped_tiny):
    dirs = gan.directions()
    assert set(dirs) == {"thickness", "width", "slant"}
    z = gan.noise(200, 99)
    labels = gan.onehot(np.arange(200) % 10)
    for name, vec in dirs.items():
        assert vec.shape == (TINY["z_dim"],) and np.linalg.norm(vec) == pytest.approx(1.0, abs=1e-5)
        up = gan.measures(gan.generate(gan.move(z, vec, 2.0), labels))[name].mean()
        down = gan.measures(gan.generate(gan.move(z, vec, -2.0), labels))[name].mean()
        assert up > down, name


def test_move_leaves_the_digit_coordinate_alone():
    z = np.zeros((2, 4), np.float32)
    moved = gan.move(z, np.ones(3, np.float32), 1.5)
    assert np.all(moved[:, 0] == 0) and np.all(moved[:, 1:] == 1.5) and np.all(z == 0)


def test_discriminator_scores_in_unit_interval(shipped_tiny):
    p = gan.score(gan.sample(1, 0)[0])
    assert p.shape == (10,) and np.all((p >= 0) & (p <= 1))


def test_unconditional_model_files(tmp_path, monkeypatch):
    tiny_models(tmp_path, conditional=False, arch="fc")
    monkeypatch.setattr(settings, "MODELS_DIR", tmp_path)
    assert not gan.is_conditional()
    assert gan.sample(3, 0, digit=4).shape == (3, 28, 28)  # the digit is ignored, not an error
    assert gan.score(np.zeros((28, 28), np.float32)).shape == (1,)
    assert gan.interpolate(1, 2, 4).shape == (4, 28, 28)


def test_grid_layout_and_scale():
    g = gan.grid(np.ones((5, 28, 28)), cols=3, pad=2)
    assert g.shape == (2 * 30 + 2, 3 * 30 + 2) and g.dtype == np.uint8
    assert g[2, 2] == 255 and g[0, 0] == 60
    assert gan.grid(np.ones((5, 28, 28)), cols=3, pad=2, scale=3).shape == (3 * 62, 3 * 92)


def test_missing_generator_says_how_to_build_it(tmp_path, monkeypatch):
    from dlplay import runtime
    monkeypatch.setattr(settings, "MODELS_DIR", tmp_path)
    with pytest.raises(runtime.ModelFileError, match="python -m dlplay train gan"):
        gan.sample(4, 0)


def test_serving_is_torch_free(models_dir):
    code = ("import sys; from dlplay import gan, gan_quality; x = gan.sample(4, 0); gan.score(x[0]); "
            "assert 'torch' not in sys.modules, 'torch imported'; print('ok')")
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
                      "label_smoothing": 3, "d_steps": 99, "batch_size": 1})
    assert c["epochs"] <= settings.MAX_EPOCHS * 4 and c["width"] <= 128 and c["arch"] == "dcgan"
    assert c["lr_g"] == 1.0 and c["lr_d"] > 0 and c["label_smoothing"] == 0.5 and c["d_steps"] == 5
    assert c["batch_size"] == 8


def test_trouble_spots_a_winning_discriminator_and_collapse():
    healthy = [{"d_fake": 0.3, "loss_d": 1.0, "coverage_bits": 3.2}] * 2
    assert gan.trouble(healthy) == []
    d_wins = [{"d_fake": 0.01, "loss_d": 0.02}] * 2
    assert "discriminator is winning" in gan.trouble(d_wins)[0]
    assert "mode collapse" in gan.trouble([{"coverage_bits": 1.0}])[0]


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
    assert gan_quality.coverage_bits(np.eye(10)[np.zeros(50, int)]) == 0.0
    assert gan_quality.confidence(np.full((3, 10), 0.1)) == pytest.approx(0.1)


def test_blur_keeps_ink_and_spreads_it():
    x = np.zeros((1, 28, 28), np.float32)
    x[0, 14, 14] = 1.0
    b = gan_quality.blur(x, 1.0)
    assert b.sum() == pytest.approx(1.0, abs=1e-4) and b.max() < 0.5 and b[0, 14, 14] == b.max()


def test_report_has_every_number_for_the_bench():
    torch = pytest.importorskip("torch")
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
