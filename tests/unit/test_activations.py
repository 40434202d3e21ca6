"""Every activation value and derivative against torch autograd in float64."""
import subprocess
import sys

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from dlplay import activations

# Includes the kinks (0) and far tails where naive formulas overflow.
X = np.concatenate([np.linspace(-8, 8, 321), [0.0, -0.0, 1e-12, -1e-12, -40.0, 40.0, -700.0, 700.0, 19.99, 20.01]])

TORCH = {
    "sigmoid": lambda t, **p: torch.sigmoid(t),
    "tanh": lambda t, **p: torch.tanh(t),
    "relu": lambda t, **p: F.relu(t),
    "leaky_relu": lambda t, alpha=0.01: F.leaky_relu(t, negative_slope=alpha),
    "elu": lambda t, alpha=1.0: F.elu(t, alpha=alpha),
    "selu": lambda t, **p: F.selu(t),
    "gelu": lambda t, **p: F.gelu(t),
    "gelu_tanh": lambda t, **p: F.gelu(t, approximate="tanh"),
    "silu": lambda t, **p: F.silu(t),
    "softplus": lambda t, beta=1.0: F.softplus(t, beta=beta),
    "mish": lambda t, **p: F.mish(t),
    "softsign": lambda t, **p: F.softsign(t),
}
PARAMS = {"leaky_relu": [{}, {"alpha": 0.2}, {"alpha": 1.0}], "elu": [{}, {"alpha": 0.5}, {"alpha": 2.5}],
          "softplus": [{}, {"beta": 0.5}, {"beta": 5.0}]}
CASES = [(n, p) for n in activations.NAMES for p in PARAMS.get(n, [{}])]


def torch_pair(name, x, **params):
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    y = TORCH[name](t, **params)
    (g,) = torch.autograd.grad(y.sum(), t)
    return y.detach().numpy(), g.numpy()


def test_every_activation_has_a_torch_reference():
    assert set(TORCH) == set(activations.NAMES)
    for required in ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "silu", "softplus"):
        assert required in activations.NAMES


@pytest.mark.parametrize("name,params", CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_value_and_derivative_match_torch(name, params):
    y, dy = activations.evaluate(name, X, **params)
    ty, tdy = torch_pair(name, X, **params)
    assert y.dtype == np.float64 and dy.dtype == np.float64
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(dy))
    np.testing.assert_allclose(y, ty, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(dy, tdy, rtol=1e-12, atol=1e-14)


def test_defaults_are_torch_defaults():
    x = np.array([-2.0, -0.5, 0.0, 3.0])
    assert np.allclose(activations.evaluate("leaky_relu", x)[0], [-0.02, -0.005, 0.0, 3.0])
    assert np.allclose(activations.evaluate("elu", x)[0][:2], np.expm1([-2.0, -0.5]))
    # The derivative at the kink is what torch uses: 0 for ReLU, alpha for Leaky ReLU and ELU.
    assert activations.evaluate("relu", 0.0)[1] == 0.0
    assert activations.evaluate("leaky_relu", 0.0, alpha=0.3)[1] == pytest.approx(0.3)
    assert activations.evaluate("elu", 0.0, alpha=2.0)[1] == pytest.approx(2.0)


def test_scalar_and_float32_inputs():
    y, dy = activations.evaluate("tanh", 0.5)
    assert np.ndim(y) == 0 and y == pytest.approx(np.tanh(0.5))
    y32, _ = activations.evaluate("gelu", np.ones(3, dtype=np.float32))
    assert y32.dtype == np.float32


def test_bad_names_and_params_are_clear():
    with pytest.raises(ValueError, match="Unknown activation 'swoosh'"):
        activations.evaluate("swoosh", [1.0])
    with pytest.raises(ValueError, match="takes no parameter alpha"):
        activations.evaluate("relu", [1.0], alpha=0.1)


def test_latex_fills_in_parameters():
    f, d = activations.latex("leaky_relu", alpha=0.25)
    assert r"0.25\,x" in f and "0.25" in d and "alpha" not in f
    f, d = activations.latex("elu", alpha=2.5)
    assert r"2.5\,(e^{x} - 1)" in f and r"2.5\,e^{x}" in d


def test_formulas_read_as_a_textbook_writes_them():
    f, d = activations.latex("softplus", beta=1.0)
    assert f == r"\mathrm{softplus}(x) = \log\left(1 + e^{x}\right)" and d == r"\mathrm{softplus}'(x) = \sigma(x)"
    f, d = activations.latex("softplus", beta=2.0)
    assert r"\frac{1}{2}\log" in f and r"e^{2\,x}" in f and r"\sigma(2\,x)" in d
    f, _ = activations.latex("softplus", beta=0.5)
    assert f.startswith(r"\mathrm{softplus}(x) = 2\,\log") and r"e^{0.5\,x}" in f
    f, d = activations.latex("elu", alpha=1.0)
    assert r"e^{x} - 1 & x \le 0" in f and "1\\," not in f and r"e^{x} & x \le 0" in d
    f, _ = activations.latex("leaky_relu", alpha=0.0)
    assert r"0 & x \le 0" in f
    # a backprop lesson writes the same formula in z, without touching \max
    f, _ = activations.latex("relu", variable="z")
    assert f == r"\mathrm{ReLU}(z) = \max(0, z)"


def test_numbers_in_formulas_are_powers_of_ten_not_e_notation():
    from dlplay import formulas

    assert formulas.number(1e-8) == "10^{-8}" and formulas.number(2.5e-5) == r"2.5 \times 10^{-5}"
    assert formulas.number(0.001) == "0.001" and formulas.number(1.0) == "1"
    assert formulas.number(float("inf")) == r"\infty" and formulas.number(-1e21) == "-10^{21}"
    assert formulas.number(0.999999, 6) == "0.999999"
    assert formulas.plain(1e-8) == "10⁻⁸" and formulas.plain(-3e-12) == "-3×10⁻¹²"
    assert formulas.times(1, "x") == "x" and formulas.times(-1, "x") == "-x" and formulas.times(0, "x") == "0"


# The output range at these parameter values, as (low, high) of evaluate() over a wide, fine grid.
GRID = np.concatenate([np.linspace(-12, 12, 240_001), [-1e4, -1e3, 1e3, 1e4]])


@pytest.mark.parametrize("name,params", CASES + [("elu", {"alpha": 0.0}), ("leaky_relu", {"alpha": 0.0})])
def test_output_range_holds_every_output_and_is_tight(name, params):
    r = activations.output_range(name, **params)
    y, _ = activations.evaluate(name, GRID, **params)
    assert r.low - 1e-12 <= y.min() and y.max() <= r.high + 1e-12
    if np.isfinite(r.low):  # tight: the outputs come within 1e-3 of the end, and reach a closed one
        assert y.min() - r.low < (1e-6 if r.low_closed else 1e-3), (y.min(), r.low)
    if np.isfinite(r.high):
        assert r.high - y.max() < 1e-3
    assert not (r.low_closed and not np.isfinite(r.low))


def test_elu_range_starts_at_minus_alpha():
    assert activations.output_range("elu").latex() == r"(-1, \infty)"
    assert activations.output_range("elu", alpha=2.5).latex() == r"(-2.5, \infty)"
    assert activations.output_range("relu").latex() == r"[0, \infty)"
    assert activations.output_range("leaky_relu", alpha=0.1).latex() == r"(-\infty, \infty)"


def test_flat_regions_mark_dead_and_vanishing_gradients():
    x = np.linspace(-10, 10, 2001)
    dead = activations.flat_regions(x, activations.evaluate("relu", x)[1])
    assert dead == [(-10.0, 0.0, "dead")]
    vanish = activations.flat_regions(x, activations.evaluate("sigmoid", x)[1])
    assert [k for *_, k in vanish] == ["vanishing", "vanishing"]
    assert vanish[0][0] == -10.0 and -5 < vanish[0][1] < -4 and 4 < vanish[1][0] < 5
    assert activations.flat_regions(x, activations.evaluate("leaky_relu", x)[1]) == []


def test_serving_path_does_not_import_torch():
    code = ("import sys, dlplay.activations, dlplay.optimizers, dlplay.deepstack, dlplay.ui.activation_figs, "
            "dlplay.ui.optimizer_figs; print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# The deep-stack experiment (dlplay.deepstack) rests on the same derivatives.
from dlplay import deepstack  # noqa: E402


@pytest.mark.parametrize("act,init,bias", [("tanh", "xavier", 0.0), ("relu", "he", -0.3), ("gelu", "lecun", 0.1)])
def test_deepstack_gradient_norms_match_autograd(act, init, bias):
    depth, width = 6, 16
    r = deepstack.run(act, depth, width, init, bias=bias, seed=3)
    ws = [torch.tensor(w, requires_grad=True) for w in deepstack.weights(depth, width, init, seed=3)]
    rng = np.random.default_rng(4)
    h = torch.tensor(rng.normal(0.0, 1.0, (deepstack.BATCH, width)))
    for w in ws:
        h = TORCH[act](h @ w.T + bias)
    top = torch.tensor(rng.normal(0.0, 1.0, (deepstack.BATCH, width))) / np.sqrt(deepstack.BATCH)
    (h * top).sum().backward()
    np.testing.assert_allclose(r.grad_norms, [w.grad.norm().item() for w in ws], rtol=1e-9)


def test_sigmoid_vanishes_relu_with_bad_init_dies_he_is_healthy():
    sig = deepstack.run("sigmoid", 20, 64, "xavier")
    assert sig.ratio < 1e-3 and "vanishes" in deepstack.diagnosis(sig)
    dead = deepstack.run("relu", 20, 64, "he", bias=-1.0)
    assert dead.dead.sum() > 100 and "dead" in deepstack.diagnosis(dead)
    ok = deepstack.run("relu", 20, 64, "he")
    assert 1e-2 < ok.ratio < 1e2 and deepstack.diagnosis(ok).startswith("Healthy")
    assert np.allclose(ok.hist.sum(axis=1), 1.0)


def test_diagnosis_reads_in_the_learners_language_with_its_numbers(monkeypatch):
    from dlplay import i18n

    sig = deepstack.run("sigmoid", 20, 64, "xavier")
    monkeypatch.setattr(i18n, "_source", lambda: "zh")
    shown = i18n.tr(deepstack.diagnosis(sig))
    assert f"{sig.ratio:.1e}" in shown and "20" in shown and "vanishes" not in shown


def test_deepstack_extremes_give_a_message_not_an_exception():
    for act, init in [("sigmoid", "large"), ("relu", "large"), ("softplus", "small"), ("elu", "large")]:
        r = deepstack.run(act, 30, 256, init)
        assert isinstance(deepstack.diagnosis(r), str)
        assert r.hist.shape == (30, deepstack.BINS)
    assert len(deepstack.run("tanh", 99, 9999).grad_norms) == deepstack.MAX_DEPTH
    with pytest.raises(ValueError, match="Unknown init"):
        deepstack.run("tanh", 3, 8, "orthogonal")


def test_mini_lab_records_the_boundary_and_dead_units_each_epoch():
    from dlplay import recipes
    from dlplay.data import toy

    r = recipes.get("mlp").train({"samples": 100, "epochs": 2, "depth": 3, "width": 8, "activation": "relu"})
    xs, _, _ = toy.grid()
    for record in r.outcome.history:
        grid, dead = record["_grid"], record["_dead"]
        assert grid.shape == (len(xs) ** 2,) and 0 <= grid.min() and grid.max() <= 1
        assert len(dead) == 3 and all(0 <= d <= 8 for d in dead)
        assert record["_width"] == 8 and record["_data"] == ("moons", 100, 0.15, 0)


def test_stack_figure_names_its_axes_and_says_when_no_gradient_arrives():
    from dlplay.ui import activation_figs

    fig = activation_figs.stack(deepstack.run("tanh", 8, 32, "xavier"))
    heat = next(t for t in fig.data if t.type == "heatmap")
    assert heat.colorbar.title.text and fig.layout.yaxis2.title.text == "activation value h"
    assert "histogram" in " ".join(a.text for a in fig.layout.annotations)
    dead = deepstack.run("relu", 12, 64, "he", bias=-1.0)
    assert not dead.grad_norms.any()
    fig = activation_figs.stack(dead)
    assert "no gradient reaches any layer" in " ".join(a.text for a in fig.layout.annotations)
    assert fig.layout.yaxis.showticklabels is False  # no empty log scale under the message


def test_curves_draw_the_output_range_at_the_current_alpha():
    from dlplay.ui import activation_figs

    fig = activation_figs.curves("elu", {"alpha": 2.5}, [], -6, 6)
    bounds = [sh.y0 for sh in fig.layout.shapes if sh.type == "line"]
    assert bounds == [-2.5]
