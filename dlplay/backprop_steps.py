"""What the backprop page's buttons change, kept in the learner's session (numpy only).

`Walkthrough`: the small network of section 3, how far its forward pass (layer by layer from the
inputs) and backward pass (layer by layer from the loss) are shown, and its weights after each
update. `Lab`: the training run of section 5, its weights and its loss and accuracy after every
step. Both refuse a step whose loss or gradient is not a finite number and say so in `problem`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dlplay import backprop as bp
from dlplay.data import gates, toy
from dlplay.i18n import _


@dataclass
class Walkthrough:
    key: tuple  # the settings these weights belong to; new settings start a new walkthrough
    layers: bp.Layers
    forward: int = 0  # layers whose values are shown, from the inputs
    backward: int = 0  # layers whose gradients are shown, from the loss
    updates: int = 0
    last: tuple[float, float] | None = None  # the loss before and after the last update
    problem: str = ""

    @property
    def depth(self) -> int:
        return len(self.layers)

    def step_forward(self) -> None:
        self.forward = min(self.forward + 1, self.depth)

    def step_backward(self) -> None:
        if self.forward >= self.depth:
            self.backward = min(self.backward + 1, self.depth)

    def update(self, x, y, activation: str, loss: str, lr: float) -> None:
        """One gradient-descent step on the example; kept only if the loss after it is a finite number."""
        before = bp.trace(self.layers, x, y, activation, loss)
        moved = bp.step(self.layers, before.grads, lr)
        after = bp.trace(moved, x, y, activation, loss)
        if not (before.finite and after.finite):
            self.problem = bp.stopped(self.updates + 1, after.loss, "update")
            return
        self.layers, self.forward, self.backward = moved, self.depth, 0
        self.updates += 1
        self.last, self.problem = (before.loss, after.loss), ""

    def status(self) -> str:
        """What the picture shows now and which button comes next, in words (the reader's language)."""
        if self.backward >= self.depth:
            return _("Backward pass done: every weight knows its gradient. Press **Update** to take one step "
                     "downhill.")
        if self.backward:
            return _("Backward: the gradients of the top {done} of {depth} layers are known (edge width shows the size "
                     "of a weight's gradient; blue positive, red negative). Press **Backward** again.").format(
                done=self.backward, depth=self.depth)
        if self.forward >= self.depth:
            return _("Forward pass done: the loss is known. Press **Backward** to send the error back.")
        if self.forward:
            return _("Forward: {done} of {depth} layers computed. Press **Forward** again.").format(
                done=self.forward, depth=self.depth)
        return _("Press **Forward** to push the example through the first layer.")


def accuracy(output: np.ndarray, labels: np.ndarray) -> float:
    return float(((output[:, 0] > 0.5) == labels).mean())


@dataclass
class Lab:
    """Full-batch gradient descent with one sigmoid output and binary cross-entropy."""
    key: tuple
    layers: bp.Layers
    x: np.ndarray
    labels: np.ndarray  # (N,) 0 or 1
    activation: str
    losses: list[float] = field(default_factory=list)  # at the start and after every step
    accuracy: list[float] = field(default_factory=list)
    problem: str = ""

    def __post_init__(self):
        if not self.losses:
            t = bp.trace(self.layers, self.x, self.targets, self.activation, "bce")
            self.losses, self.accuracy = [t.loss], [accuracy(t.output, self.labels)]
            if not t.finite:
                self.problem = bp.Run(self.layers, [], [], 0, t.loss).message

    @property
    def targets(self) -> np.ndarray:
        return self.labels[:, None].astype(np.float64)

    @property
    def steps(self) -> int:
        return len(self.losses) - 1

    def train(self, steps: int, lr: float) -> None:
        if self.problem:
            return
        run = bp.train(self.layers, self.x, self.targets, self.activation, "bce", lr, steps, first_step=self.steps + 1)
        self.layers = run.layers
        self.losses += run.losses[1:]
        self.accuracy += [accuracy(o, self.labels) for o in run.outputs[1:]]
        self.problem = run.message

    def probabilities(self, points: np.ndarray) -> np.ndarray | None:
        """P(class 1) at `points`, or None where the weights no longer give finite numbers."""
        p = bp.predict(self.layers, points, self.activation, "bce")[:, 0]
        return p if np.all(np.isfinite(p)) else None


def lab_data(name: str, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The training lab's points (float64) and labels: a logic gate, or two moons."""
    if name == "moons":
        x, labels = toy.make("moons", n, noise=0.1, seed=seed)
        return x.astype(np.float64), labels
    return gates.make(name, n, seed=seed)


def weight_codes(layers: bp.Layers) -> list[str]:
    """Every weight ("w,layer,row,col") and bias ("b,layer,row") of the network, numbered from 1."""
    weights = [f"w,{l + 1},{i + 1},{j + 1}" for l, (w, _bias) in enumerate(layers)
               for i in range(w.shape[0]) for j in range(w.shape[1])]
    return weights + [f"b,{l + 1},{i + 1}" for l, (_weights, b) in enumerate(layers) for i in range(len(b))]


def parse_code(code: str) -> tuple[int, int, int | None]:
    """(layer, row, col) counted from 0; col is None for a bias."""
    _kind, l, i, *j = code.split(",")
    return int(l) - 1, int(i) - 1, (int(j[0]) - 1 if j else None)


def output_gradient(z: float, label: int, loss: str) -> float:
    """dL/dz that a sigmoid output neuron with input z passes back for a true `label` (0 or 1)."""
    passthrough = [(np.eye(1), np.zeros(1))]  # W = 1, b = 0: dL/db is dL/dz
    return float(bp.forward_backward(passthrough, np.array([[z]]), np.array([[float(label)]]), loss=loss)[1][0][1][0])


def confidently_wrong(z: float, label: int, steps: int, lr: float) -> dict[str, np.ndarray]:
    """The prediction σ(z) of one output neuron (input 1, weight = bias = z/2) after each gradient-descent
    step, trained with squared error and with cross-entropy from the same start."""
    start = [(np.array([[z / 2]]), np.array([z / 2]))]
    one, target = np.ones((1, 1)), np.array([[float(label)]])
    out = {}
    for loss in ("sigmoid_mse", "bce"):
        run = bp.train(start, one, target, "tanh", loss, lr, steps)
        out[loss] = np.array([o[0, 0] for o in run.outputs])
    return out


def picked_gradient(t: bp.Trace, layer: int, row: int, col: int | None) -> float:
    """Backpropagation's dL/dW[row, col] of `layer` in a trace (dL/db[row] when col is None)."""
    dw, db = t.grads[layer]
    return float(db[row] if col is None else dw[row, col])


def gradient_check(exact: float, estimate: float, loss: str, output: np.ndarray) -> str | None:
    """How backpropagation's gradient and the finite-difference estimate compare: "agree" (within 1e-4,
    relative to the larger of 1 and the two), "saturated" (they differ because binary cross-entropy is
    clamped at a saturated output, as in torch), "coarse" (they differ: the nudge no longer measures the
    slope, at large numbers or at a kink); None when either is not a finite number."""
    if not (np.isfinite(exact) and np.isfinite(estimate)):
        return None
    if abs(exact - estimate) <= 1e-4 * max(1.0, abs(exact), abs(estimate)):
        return "agree"
    if loss == "bce" and np.any(bp.bce_clamped(output)):
        return "saturated"
    return "coarse"
