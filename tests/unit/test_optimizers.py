"""Surfaces against autograd, trajectories against torch.optim step for step (float64)."""
import numpy as np
import pytest
import torch

from dlplay import optimizers as opt
from dlplay.formulas import number

# Learning rates that keep every optimizer finite for 200 steps on Rosenbrock from (-1.5, 2).
ROSENBROCK_HP = {
    "sgd": {"lr": 5e-4}, "momentum": {"lr": 2e-4, "beta": 0.9}, "nesterov": {"lr": 2e-4, "beta": 0.8},
    "momentum_ema": {"lr": 1e-3, "beta": 0.7}, "adagrad": {"lr": 0.3}, "rmsprop": {"lr": 0.01, "alpha": 0.9},
    "adam": {"lr": 0.05, "beta1": 0.8, "beta2": 0.99}, "adamw": {"lr": 0.05, "weight_decay": 0.1},
}


def torch_trajectory(name, surface, start, steps, **hp):
    cls, kwargs = opt.torch_spec(name, **hp)
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    o = getattr(torch.optim, cls)([p], **kwargs)
    f = opt.SURFACES[surface].f
    out = [p.detach().clone().numpy()]
    for _ in range(steps):
        o.zero_grad()
        f(p[0], p[1]).backward()
        o.step()
        out.append(p.detach().clone().numpy())
    return np.array(out)


def test_all_names_and_surfaces_present():
    assert set(opt.NAMES) == {"sgd", "momentum", "nesterov", "rmsprop", "adagrad", "adam", "adamw", "momentum_ema"}
    assert {"quadratic", "rosenbrock", "beale", "himmelblau", "saddle"} <= set(opt.SURFACES)


@pytest.mark.parametrize("name", opt.SURFACES)
def test_surface_gradients_match_autograd(name):
    s = opt.SURFACES[name]
    rng = np.random.default_rng(0)
    for x, y in rng.uniform(-3, 3, (20, 2)):
        t = torch.tensor([x, y], dtype=torch.float64, requires_grad=True)
        v = s.f(t[0], t[1])
        v.backward()
        assert float(s.f(x, y)) == pytest.approx(v.item(), rel=1e-12)
        np.testing.assert_allclose(s.grad(x, y), t.grad.numpy(), rtol=1e-10, atol=1e-10)
    for m in s.minima:
        assert float(s.f(*m)) == pytest.approx(s.f_min, abs=1e-9)
        assert np.allclose(s.grad(*m), 0, atol=1e-4)


@pytest.mark.parametrize("name", opt.NAMES)
def test_rosenbrock_200_steps_match_torch_optim(name):
    hp = ROSENBROCK_HP[name]
    ours = opt.trajectory(name, "rosenbrock", (-1.5, 2.0), 200, **hp)
    ref = torch_trajectory(name, "rosenbrock", (-1.5, 2.0), 200, **hp)
    assert ours.shape == (201, 2)
    np.testing.assert_allclose(ours, ref, rtol=1e-6, atol=1e-12)
    assert np.abs(ours[-1] - ours[0]).sum() > 0.1  # it really moved


@pytest.mark.parametrize("name", opt.NAMES)
@pytest.mark.parametrize("surface", ["quadratic", "beale", "himmelblau", "saddle"])
def test_other_surfaces_with_weight_decay_match_torch(name, surface):
    s = opt.SURFACES[surface]
    hp = {"lr": s.lr[1] if name in opt.ADAPTIVE else s.lr[0], "weight_decay": 0.01}
    r = opt.run(name, surface, s.start, 60, **hp)
    ref = torch_trajectory(name, surface, s.start, 60, **hp)
    np.testing.assert_allclose(r.points, ref[:len(r.points)], rtol=1e-6, atol=1e-9)
    if r.diverged_at is not None:  # torch ran away at the same step
        bad = ref[r.diverged_at]
        assert not np.all(np.isfinite(bad)) or np.abs(bad).max() > opt.DIVERGE_NORM


def test_torch_defaults_are_used():
    assert opt.resolve("adam") == {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0}
    assert opt.resolve("adamw")["weight_decay"] == 0.01
    assert opt.resolve("adagrad")["eps"] == 1e-10
    assert opt.resolve("rmsprop", lr=0.5, beta1=0.3) == {"lr": 0.5, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0.0}
    with pytest.raises(ValueError, match="Unknown optimizer"):
        opt.resolve("lion")
    with pytest.raises(ValueError, match="Unknown hyper-parameter momentum"):
        opt.resolve("sgd", momentum=0.9)
    with pytest.raises(ValueError, match="Unknown surface"):
        opt.trajectory("sgd", "bowl", (0, 0), 3)


def test_ema_momentum_is_pytorch_momentum_with_scaled_lr():
    a = opt.trajectory("momentum_ema", "quadratic", (-4, 1), 50, lr=0.1, beta=0.9)
    b = opt.trajectory("momentum", "quadratic", (-4, 1), 50, lr=0.1 * (1 - 0.9), beta=0.9)
    np.testing.assert_allclose(a, b, rtol=1e-12)


def test_divergence_stops_cleanly_with_the_step():
    r = opt.run("sgd", "rosenbrock", (-1.5, 2.0), 500, lr=10.0)
    assert r.diverged_at is not None and 1 <= r.diverged_at <= 20
    assert len(r.points) == r.diverged_at
    assert np.all(np.isfinite(r.points)) and np.all(np.isfinite(r.losses))
    assert f"diverged at step {r.diverged_at}" in r.message
    ok = opt.run("adam", "rosenbrock", (-1.5, 2.0), 100, lr=0.01)
    assert ok.diverged_at is None and ok.message == "" and ok.points.shape == (101, 2)


def test_divergence_message_reads_in_the_learners_language(monkeypatch):
    from dlplay import i18n

    r = opt.run("momentum", "rosenbrock", (-1.5, 2.0), 500, lr=10.0)
    monkeypatch.setattr(i18n, "_source", lambda: "zh")
    shown = i18n.tr(r.message)
    assert str(r.diverged_at) in shown and i18n._(opt.LABELS["momentum"]) in shown
    assert "diverged" not in shown and "Momentum" not in shown  # the optimizer's name is translated too


def test_race_learning_rate_labels_name_each_optimizer():
    """The race's labels are written out for the catalogs; they must still say which optimizer they set."""
    from dlplay.params import optimizers as race

    assert {n: race.TABLE[f"lr_{n}"].label for n in opt.NAMES} == {n: f"lr: {opt.LABELS[n]}" for n in opt.NAMES}


def test_extreme_settings_never_raise():
    for name in opt.NAMES:
        for hp in ({"lr": 10.0, "beta": 0.999999, "beta1": 0.999999, "beta2": 0.999999, "alpha": 0.999999},
                   {"lr": 1e-6, "eps": 1e-12}):
            r = opt.run(name, "beale", (4.0, 4.0), 300, noise=5.0, **hp)
            assert np.all(np.isfinite(r.points))
            assert opt.explain(r, 300) or r.diverged_at == 1  # the last finite step is explained


def test_noise_is_seeded_and_changes_the_path():
    a = opt.run("sgd", "quadratic", (-4, 1), 30, lr=0.05, noise=1.0, seed=1).points
    b = opt.run("sgd", "quadratic", (-4, 1), 30, lr=0.05, noise=1.0, seed=1).points
    c = opt.run("sgd", "quadratic", (-4, 1), 30, lr=0.05, noise=0.0).points
    assert np.array_equal(a, b) and not np.allclose(a, c)


@pytest.mark.parametrize("name", opt.NAMES)
def test_explain_plugs_in_the_numbers(name):
    r = opt.run(name, "quadratic", (-4.5, 1.5), 5, lr=0.05)
    lines = opt.explain(r, 3)
    text = " ".join(lines)
    assert number(r.grads[2][0]) in text and number(r.points[3][1]) in text
    if name in ("adam", "adamw"):
        assert number(r.state["m"][2][0]) in text and r"\hat v" in text


def test_explain_writes_small_numbers_as_powers_of_ten():
    text = " ".join(opt.explain(opt.run("adam", "saddle", (-2.0, 0.01), 300, lr=0.05), 300))
    assert r"\sqrt{\hat v} + 10^{-8}" in text
    assert "e-0" not in text and "e+" not in text  # never 1e-08, which KaTeX shows as a subtraction
    text = " ".join(opt.explain(opt.run("adam", "quadratic", (-4.5, 1.5), 3, lr=1e-5, beta2=0.999999), 3))
    assert "10^{-5}" in text and "0.999999" in text


@pytest.mark.parametrize("name", ["saddle", "himmelblau", "quadratic"])
def test_every_minimum_in_view_is_marked(name):
    """Gradient descent from a grid of starts over the plotted window ends only at listed minima,
    and reaches each of them (the saddle's two valleys at y = -1 and y = 1)."""
    s = opt.SURFACES[name]
    ends = []
    for x in np.linspace(*s.xlim, 7):
        for y in np.linspace(*s.ylim, 8):  # an even count: no start sits on the saddle's ridge
            r = opt.run("adam", name, (x, y), 2000, lr=0.02)
            ends.append(r.points[-1])
    minima = np.array(s.minima)
    nearest = [np.min(np.linalg.norm(minima - e, axis=1)) for e in ends]
    assert max(nearest) < 0.05
    reached = {int(np.argmin(np.linalg.norm(minima - e, axis=1))) for e in ends}
    assert reached == set(range(len(minima)))


def test_the_map_draws_every_minimum_on_top():
    from dlplay.ui import optimizer_figs as figs

    runs = [opt.run(n, "saddle", (-2.0, 0.01), 300, lr=0.05) for n in ("sgd", "adam")]
    fig = figs.surface("saddle", runs, 300, (-2.0, 0.01), figs.contour_data("saddle"))
    top = fig.data[-1]
    assert top.name == "minima" and sorted(zip(top.x, top.y)) == [(0.0, -1.0), (0.0, 1.0)]


def test_each_optimizer_has_one_colour_on_every_chart():
    from dlplay.ui import optimizer_figs as figs

    names = list(opt.NAMES)
    runs = [opt.run(n, "quadratic", (-4.5, 1.5), 20, lr=0.05) for n in names]
    history = [{"epoch": e, **{f"loss_{n}": 1.0 / e for n in names}, **{f"val_acc_{n}": 0.5 for n in names}}
               for e in (1, 2)]
    charts = [figs.surface("quadratic", runs, 20, (-4.5, 1.5), figs.contour_data("quadratic")),
              figs.losses(runs, 20, 0.0), figs.race(history, names)]
    assert len(set(opt.COLOURS.values())) == len(opt.NAMES)
    for fig in charts:
        for t in fig.data:
            if t.name in opt.LABELS.values():
                n = names[list(opt.LABELS.values()).index(t.name)]
                assert t.line.color == opt.COLOURS[n], (t.name, t.line.color)
    race = charts[2]
    assert race.layout.yaxis2.range == (0, 1.02)  # accuracy runs 0..1
    assert {t.name for t in race.data} == {opt.LABELS[n] for n in names}


def test_race_on_a_network_drops_a_diverging_optimizer_and_goes_on():
    from dlplay import recipes

    # the largest rate and momentum a learner can pick make Nesterov run away within a few steps
    r = recipes.get("optrace").train({"optimizers": ["nesterov", "adam"], "lr_nesterov": 10.0, "beta": 0.999999,
                                      "samples": 100, "epochs": 3})
    assert r.outcome.status == "finished"
    last = r.outcome.history[-1]
    assert "loss_adam" in last and "val_acc_adam" in last and "loss_nesterov" not in last
    assert "Nesterov diverged at step" in r.extras["diverged"]["nesterov"]


def test_race_optimizers_are_built_from_the_tested_mapping():
    import torch

    from dlplay.recipes import optrace

    c = optrace.clamp({"optimizers": ["momentum_ema", "adamw", "bogus"], "lr_momentum_ema": 0.1, "beta": 0.8,
                       "lr_adamw": 0.02})
    assert c["optimizers"] == ["momentum_ema", "adamw"]
    o = optrace.make_optimizer("momentum_ema", [torch.zeros(2, requires_grad=True)], c)
    assert o.defaults["lr"] == pytest.approx(0.1 * (1 - 0.8)) and o.defaults["momentum"] == 0.8
    o = optrace.make_optimizer("adamw", [torch.zeros(2, requires_grad=True)], c)
    assert o.defaults["lr"] == 0.02  # each optimizer races with its own learning rate


def test_race_network_obeys_the_limits(monkeypatch):
    from dlplay import settings
    from dlplay.recipes import optrace

    for limit, value in {"MAX_EPOCHS": 3, "MAX_TRAIN_SAMPLES": 500, "MAX_WIDTH": 16, "MAX_DEPTH": 2}.items():
        monkeypatch.setattr(settings, limit, value)
    c = optrace.clamp({"epochs": 10**9, "samples": 10**9, "width": 10**9, "depth": 10**9})
    assert (c["epochs"], c["samples"], c["width"], c["depth"]) == (3, 500, 16, 2)


def test_one_list_of_optimizers_everywhere():
    """The explorer, the race and the recipes offer dlplay.optimizers.NAMES in its order; the mini lab the same
    without the textbook twin of momentum."""
    from dlplay.params import activations as lab
    from dlplay.params import optimizers as race
    from dlplay.recipes import mlp

    assert opt.NAMES == race.EXPLORER["names"].choices
    assert lab.TABLE["optimizer"].choices == opt.FOR_NETWORKS == tuple(n for n in opt.NAMES if n != "momentum_ema")
    assert tuple(mlp.OPTIMIZERS) == opt.NAMES
    assert [p.key for p in race.TABLE if p.key.startswith("lr_")] == [f"lr_{n}" for n in opt.NAMES]
