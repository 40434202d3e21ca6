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
    assert "0.25" in f and "0.25" in d and "{alpha}" not in f
    f, _ = activations.latex("softplus")
    assert "{beta}" not in f


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
