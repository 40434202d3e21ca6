"""dlplay.backprop against torch autograd and finite differences; the expression graph against torch; the
chain rule written out, the page's step state and the gate data sets."""
import subprocess
import sys
import zlib

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from dlplay import activations
from dlplay import backprop as bp
from dlplay import backprop_steps as steps
from dlplay import chain_rule as cr
from dlplay import expression_graph as eg
from dlplay.data import gates

TORCH_ACTIVATIONS = {
    "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": F.relu, "leaky_relu": F.leaky_relu, "elu": F.elu,
    "selu": F.selu, "gelu": F.gelu, "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"), "silu": F.silu,
    "softplus": F.softplus, "mish": F.mish, "softsign": F.softsign,
}


def test_every_activation_has_a_torch_twin_here():
    assert set(TORCH_ACTIVATIONS) == set(activations.NAMES)


def random_case(rng, loss, depth, scale=1.0):
    """A random network of `depth` layers, widths 1-6, and a batch of inputs and targets for `loss`."""
    widths = [int(w) for w in rng.integers(1, 7, depth + 1)]
    if loss == "ce":
        widths[-1] = max(widths[-1], 2)
    layers = [(rng.normal(0, scale, (o, i)), rng.normal(0, 0.5 * scale, o)) for i, o in zip(widths, widths[1:])]
    n = int(rng.integers(1, 9))
    x = rng.normal(0, 1, (n, widths[0]))
    if loss == "mse":
        y = rng.normal(0, 1, (n, widths[-1]))
    elif loss == "bce":
        y = rng.integers(0, 2, (n, widths[-1])).astype(np.float64)
    else:
        y = rng.integers(0, widths[-1], n)
    return layers, x, y


def torch_loss_and_grads(layers, x, y, activation, loss):
    params = [(torch.tensor(w, requires_grad=True), torch.tensor(b, requires_grad=True)) for w, b in layers]
    h = torch.tensor(x)
    for i, (w, b) in enumerate(params):
        h = F.linear(h, w, b)
        if i < len(params) - 1:
            h = TORCH_ACTIVATIONS[activation](h)
    if loss == "mse":
        value = torch.nn.MSELoss()(h, torch.tensor(y))
    elif loss == "bce":
        value = torch.nn.BCELoss()(torch.sigmoid(h), torch.tensor(y))
    elif loss == "sigmoid_mse":
        value = torch.nn.MSELoss()(torch.sigmoid(h), torch.tensor(y))
    else:
        value = torch.nn.CrossEntropyLoss()(h, torch.tensor(y))
    value.backward()
    return value.item(), [(w.grad.numpy(), b.grad.numpy()) for w, b in params]


def assert_close(ours, theirs, scale, rtol=1e-9):
    """Equal to `rtol` relative to `scale`, the network's largest gradient: with saturated units a whole
    layer's gradient can be 1e-30 next to others of 1, and there both computations only round."""
    assert np.max(np.abs(np.asarray(ours) - theirs)) <= rtol * max(scale, 1e-300), (ours, theirs)


@pytest.mark.parametrize("loss", list(bp.HEADS))
@pytest.mark.parametrize("activation", activations.NAMES)
def test_forward_backward_equals_torch_autograd_in_float64(activation, loss):
    rng = np.random.default_rng(zlib.crc32(f"{activation} {loss}".encode()))  # the same cases every run
    for depth in (1, 2, 3):
        for scale in (0.5, 1.0, 1.0, 8.0):  # 8: large weights that saturate units and outputs
            layers, x, y = random_case(rng, "mse" if loss == "sigmoid_mse" else loss, depth, scale)
            if loss == "sigmoid_mse":
                y = rng.uniform(0, 1, y.shape)
            value, grads = bp.forward_backward(layers, x, y, activation, loss)
            t_value, t_grads = torch_loss_and_grads(layers, x, y, activation, loss)
            assert value == pytest.approx(t_value, rel=1e-9, abs=1e-300)
            assert len(grads) == len(layers)
            biggest = max(max(np.max(np.abs(tw)), np.max(np.abs(tb))) for tw, tb in t_grads)
            for (dw, db), (tw, tb), (w, b) in zip(grads, t_grads, layers):
                assert dw.shape == w.shape and db.shape == b.shape
                assert_close(dw, tw, biggest)
                assert_close(db, tb, biggest)


@pytest.mark.parametrize("loss", list(bp.LOSSES))
def test_forward_backward_equals_finite_differences(loss):
    rng = np.random.default_rng(7)
    for depth in (1, 2, 3):
        layers, x, y = random_case(rng, loss, depth)
        _, grads = bp.forward_backward(layers, x, y, "tanh", loss)
        for l, (w, b) in enumerate(layers):
            for i in range(w.shape[0]):
                for j in range(w.shape[1]):
                    fd = bp.finite_difference(layers, x, y, "tanh", loss, l, i, j)
                    assert fd == pytest.approx(grads[l][0][i, j], rel=1e-5, abs=1e-8)
                assert bp.finite_difference(layers, x, y, "tanh", loss, l, i, None) == \
                    pytest.approx(grads[l][1][i], rel=1e-5, abs=1e-8)


def test_loss_is_the_mean_over_every_element():
    layers = [(np.eye(2), np.zeros(2))]
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert bp.forward_backward(layers, x, np.zeros((2, 2)), loss="mse")[0] == pytest.approx(7.5)


def test_a_saturated_sigmoid_costs_and_sends_back_what_torch_does():
    layers = [(np.array([[1.0]]), np.array([0.0]))]
    for z in (-1000.0, -30.0, -20.0):
        x, y = np.array([[z]]), np.array([[1.0]])
        value, grads = bp.forward_backward(layers, x, y, loss="bce")
        t_value, t_grads = torch_loss_and_grads(layers, x, y, "tanh", "bce")
        assert value == pytest.approx(t_value, rel=1e-12)
        assert grads[0][1][0] == pytest.approx(t_grads[0][1][0], rel=1e-9, abs=1e-300)
    assert bp.forward_backward(layers, np.array([[-1000.0]]), np.array([[1.0]]), loss="bce")[0] == 100.0
    assert bp.forward_backward(layers, np.array([[-5.0]]), np.array([[1.0]]), loss="bce")[1][0][1][0] == \
        pytest.approx(1 / (1 + np.exp(5.0)) - 1)  # unsaturated: p - y


def test_bad_names_and_shapes_are_refused_with_a_message():
    layers = [(np.zeros((1, 2)), np.zeros(1))]
    with pytest.raises(ValueError, match="Unknown loss"):
        bp.forward_backward(layers, np.zeros((3, 2)), np.zeros((3, 1)), loss="hinge")
    with pytest.raises(ValueError, match="Unknown activation"):
        bp.forward_backward(layers + [(np.zeros((1, 1)), np.zeros(1))], np.zeros((3, 2)), np.zeros((3, 1)),
                            activation="cosine")
    with pytest.raises(ValueError, match="W must be"):
        bp.forward_backward(layers, np.zeros((3, 5)), np.zeros((3, 1)))
    with pytest.raises(ValueError, match="y must be"):
        bp.forward_backward(layers, np.zeros((3, 2)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match="class index"):
        bp.forward_backward([(np.zeros((2, 2)), np.zeros(2))], np.zeros((3, 2)), np.zeros((3, 2)), loss="ce")


def test_importing_the_lesson_modules_does_not_import_torch():
    code = ("import sys, dlplay.backprop, dlplay.backprop_steps, dlplay.chain_rule, dlplay.expression_graph, "
            "dlplay.data.gates, dlplay.params.backprop, dlplay.ui.backprop_figs; print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_gradient_descent_lowers_the_loss_and_stops_at_the_first_overflow():
    x, labels = gates.make("xor", 40)
    y = labels[:, None].astype(np.float64)
    run = bp.train(bp.init([2, 4, 1], 0), x, y, "tanh", "bce", 1.0, 50)
    assert run.diverged_at is None and len(run.losses) == 51 and run.losses[-1] < 0.5 * run.losses[0]
    wild = bp.train(bp.init([2, 4, 1], 0, scale=10.0), x * 1e3, y * 1e3, "relu", "mse", 10.0, 100)
    assert wild.diverged_at is not None and 1 <= wild.diverged_at <= 100
    assert "at step" in wild.message and "nan" not in wild.message.lower()
    assert len(wild.losses) == wild.diverged_at and all(np.isfinite(wild.losses))
    assert all(np.all(np.isfinite(w)) for w, _ in wild.layers)  # the last finite weights are kept


def test_xor_needs_a_hidden_layer():
    x, labels = gates.make("xor", 40)
    lab = steps.Lab("flat", bp.init([2, 1], 0), x, labels, "tanh")
    lab.train(300, 1.0)
    assert lab.accuracy[-1] <= 0.6
    lab = steps.Lab("bent", bp.init([2, 4, 1], 0), x, labels, "tanh")
    lab.train(100, 1.0)
    assert lab.accuracy[-1] == 1.0 and len(lab.accuracy) == 101


def test_gates_are_balanced_around_the_corners():
    x, y = gates.make("and", 40, seed=3)
    assert x.shape == (40, 2) and y.sum() == 10
    assert gates.make("or", 40)[1].sum() == 30 and gates.make("xor", 40)[1].sum() == 20
    with pytest.raises(ValueError):
        gates.make("nand")


# --- the expression graph ----------------------------------------------------------------------------

@pytest.mark.parametrize("values", [(2.0, -1.0, 3.0, 0.5), (0.3, 1.7, -2.2, -1.4), (0.0, 0.0, 0.0, 3.0)])
def test_expression_graph_gradients_equal_torch(values):
    g = eg.example(*values)
    a, b, c, d = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in values)
    m = a * b
    s = m + c
    t = torch.tanh(d)
    f = s * t
    for node in (m, s, t):
        node.retain_grad()
    f.backward()
    assert g.nodes["f"].value == pytest.approx(f.item(), rel=1e-12)
    for name, tensor in zip("abcdmst", (a, b, c, d, m, s, t)):
        assert g.nodes[name].grad == pytest.approx(tensor.grad.item(), rel=1e-12, abs=1e-15), name


def test_a_node_used_twice_sums_both_paths():
    g = eg.Graph()
    g.input("x", 3.0)
    g.apply("y", "mul", "x", "x")
    g.backward("y")
    assert g.nodes["x"].grad == 6.0
    assert len(g.paths("y", "x")) == 2
    assert cr.expression_lines(g, "y", "x").endswith(r"&= 3 + 3 = 6\end{aligned}")


def test_edges_carry_the_local_derivative_and_its_formula():
    g = eg.example(2.0, -1.0, 3.0, 0.5)
    edges = {(src, dst): (d, text) for src, dst, d, text in g.edges()}
    assert edges[("a", "m")] == (-1.0, "b") and edges[("b", "m")] == (2.0, "a")
    assert edges[("d", "t")][0] == pytest.approx(1 - np.tanh(0.5) ** 2)
    line = cr.expression_lines(g, "f", "a")
    assert numbers_after_last_equals(line) == pytest.approx(g.nodes["a"].grad, rel=1e-3)
    assert r"\partial m}{\partial a}" in line


# --- the chain rule written out, and the walkthrough ---------------------------------------------------

def numbers_after_last_equals(line: str) -> float:
    value = line.removesuffix(r"\end{aligned}").rsplit("=", 1)[1]
    return float(value.replace(r"\times 10^{", "e").replace("}", "").strip())


@pytest.mark.parametrize("loss", list(bp.LOSSES))
@pytest.mark.parametrize("sizes", [[2, 3, 1], [2, 4, 4, 2], [2, 2, 2]])
def test_chain_rule_lines_end_in_the_gradient(sizes, loss):
    if loss == "ce" and sizes[-1] < 2:
        sizes = sizes[:-1] + [2]
    layers = bp.init(sizes, 1)
    x = np.array([[0.7, -1.2]])
    y = np.array([1]) if loss == "ce" else np.full((1, sizes[-1]), 0.8)
    t = bp.trace(layers, x, y, "tanh", loss)
    for code in steps.weight_codes(layers):
        layer, row, col = steps.parse_code(code)
        lines = cr.weight_lines(t, layers, y, loss, layer, row, col)
        grad = t.grads[layer][1][row] if col is None else t.grads[layer][0][row, col]
        assert numbers_after_last_equals(lines[0]) == pytest.approx(grad, rel=1e-3, abs=1e-6)
        assert all("nan" not in line.lower() for line in lines)


def test_a_saturated_output_writes_the_clamp_its_gradient_went_through():
    layers, y = [(np.array([[1.0]]), np.array([0.0]))], np.array([[1.0]])
    t = bp.trace(layers, np.array([[-40.0]]), y, "tanh", "bce")
    p, delta = t.output[0, 0], t.deltas[-1][0, 0]
    assert bp.bce_clamped(t.output).all() and abs(delta) < 1e-5 < 0.5 < abs(p - 1)  # far less than p - y comes back
    head = cr.weight_lines(t, layers, y, "bce", 0, 0, 0)[-1]
    kept = p * (1 - p) / bp.BCE_EPS
    assert r"\max" in head and f"{cr.factor(kept)} = {cr.num(delta)}" in head
    assert (p - 1) * kept == pytest.approx(delta)
    unsaturated = bp.trace(layers, np.array([[-3.0]]), y, "tanh", "bce")
    assert not bp.bce_clamped(unsaturated.output).any()
    assert r"\max" not in cr.weight_lines(unsaturated, layers, y, "bce", 0, 0, 0)[-1]


def test_numbers_never_show_nan():
    assert cr.num(float("nan")) == cr.num(float("inf")) == r"\text{overflow}"
    assert cr.num(-0.0) == "0" and cr.factor(-2.5) == "(-2.5)"
    assert cr.num(1.5e-7) == r"1.5\times 10^{-7}"


def test_walkthrough_steps_forward_then_backward_then_update_lowers_the_loss():
    x, y = np.array([[1.0, -0.5]]), np.array([[1.0]])
    walk = steps.Walkthrough("k", bp.init([2, 3, 1], 0))
    walk.step_backward()
    assert walk.backward == 0  # no backward pass before the forward pass is complete
    walk.step_forward(), walk.step_forward(), walk.step_forward()
    assert walk.forward == 2
    walk.step_backward()
    assert walk.backward == 1 and "top 1 of 2" in walk.status()
    walk.update(x, y, "tanh", "mse", 0.3)
    before, after = walk.last
    assert after < before and walk.updates == 1 and walk.backward == 0


def test_walkthrough_refuses_an_update_that_overflows():
    x, y = np.array([[2.0, 2.0]]), np.array([[1.0]])
    walk = steps.Walkthrough("k", bp.init([2, 4, 4, 1], 0, scale=10.0))
    for _ in range(300):
        walk.update(x, y, "relu", "mse", 10.0)
        if walk.problem:
            break
    assert "update" in walk.problem and "nan" not in walk.problem.lower()
    assert all(np.all(np.isfinite(w)) for w, _ in walk.layers)


def test_output_gradient_vanishes_for_squared_error_when_confidently_wrong():
    assert steps.output_gradient(-8.0, 1, "bce") == pytest.approx(1 / (1 + np.exp(8.0)) - 1)  # p - y
    assert abs(steps.output_gradient(-8.0, 1, "sigmoid_mse")) < 1e-3 < 0.99 < abs(steps.output_gradient(-8.0, 1, "bce"))


def test_confidently_wrong_output_learns_slowly_with_squared_error():
    outs = steps.confidently_wrong(-6.0, 1, 60, 1.0)
    assert outs["bce"][-1] > 0.8 > 0.2 > outs["sigmoid_mse"][-1]


def test_picked_gradient_reads_a_weight_or_a_bias_of_the_trace():
    layers = bp.init([2, 3, 1], 0)
    x, y = np.array([[1.0, -0.5]]), np.array([[1.0]])
    t = bp.trace(layers, x, y, "tanh", "mse")
    for pick in [(0, 2, 1), (1, 0, 2), (0, 1, None), (1, 0, None)]:
        assert steps.picked_gradient(t, *pick) == pytest.approx(
            bp.finite_difference(layers, x, y, "tanh", "mse", *pick), rel=1e-6, abs=1e-9)
    assert steps.picked_gradient(t, 0, 2, 1) == t.grads[0][0][2, 1]
    assert steps.picked_gradient(t, 0, 1, None) == t.grads[0][1][1]


def test_gradient_check_says_agree_only_when_the_numbers_agree():
    calm = np.array([[0.7]])
    assert steps.gradient_check(2.5, 2.5 + 1e-7, "mse", calm) == "agree"
    assert steps.gradient_check(1000.0, 1000.05, "mse", calm) == "agree"  # the tolerance grows with the numbers
    assert steps.gradient_check(1e-3, 2e-3, "mse", calm) == "coarse"  # but never shrinks below 1e-4
    assert steps.gradient_check(0.5, 0.4, "bce", calm) == "coarse"
    saturated = bp.trace([(np.array([[1.0]]), np.array([0.0]))], np.array([[-40.0]]), np.array([[1.0]]), "tanh",
                         "bce").output
    assert steps.gradient_check(-1e-6, -1.0, "bce", saturated) == "saturated"
    assert steps.gradient_check(-1e-6, -1.0, "mse", saturated) == "coarse"  # the clamp belongs to cross-entropy
    assert steps.gradient_check(float("inf"), 1.0, "mse", calm) is None
    assert steps.gradient_check(1.0, float("nan"), "mse", calm) is None
