"""Backpropagation through a small dense network, in numpy, with every intermediate number kept.

`forward_backward(layers, x, y, activation, loss)` is the contract other code relies on (DESIGN.md):
layers are `(W [out, in], b [out])` pairs as in `torch.nn.Linear`, hidden layers apply `activation`
(any name of dlplay.activations), the last layer applies the loss's head (nothing for "mse", a
sigmoid for "bce", a softmax for "ce"), and the loss is the mean torch's default reduction takes.
`trace` returns the same pass with every pre-activation, activation and error signal kept, which is
what the backprop page draws; `train` repeats gradient-descent steps and stops at the first step
whose loss or gradient is not a finite number, saying which step that was.

The losses follow torch to its last digits, including where it clamps: binary cross-entropy is torch's
sigmoid followed by BCELoss (so a saturated output, |z| > 27.6, sends back less than p - y, as there),
cross-entropy is log-softmax based like CrossEntropyLoss.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dlplay import activations
from dlplay.i18n import N_, Msg
from dlplay.numerics import softmax

LOSSES = ("mse", "bce", "ce")
# A sigmoid output scored with squared error: not something to train with, but the other half of
# the page's lesson on why cross-entropy learns faster when the output is confidently wrong.
HEADS = LOSSES + ("sigmoid_mse",)
LOG_FLOOR = -100.0  # torch's BCELoss clamps each log at -100, so one sure mistake costs at most 100
BCE_EPS = float(np.float32(1e-12))  # and divides by p(1 - p) no smaller than 1e-12 (a float32 constant there)

Layers = list[tuple[np.ndarray, np.ndarray]]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return activations.evaluate("sigmoid", z)[0]


def head(z: np.ndarray, loss: str) -> np.ndarray:
    """The network's output from the last layer's pre-activation `z` [N, out]."""
    if loss == "mse":
        return z
    if loss in ("bce", "sigmoid_mse"):
        return _sigmoid(z)
    if loss == "ce":
        return softmax(z, axis=1)
    raise ValueError(f"Unknown loss '{loss}'. Choose one of {', '.join(HEADS)}.")


def loss_and_delta(z: np.ndarray, out: np.ndarray, y: np.ndarray, loss: str) -> tuple[float, np.ndarray]:
    """The mean loss and its gradient with respect to the last pre-activation `z` [N, out]."""
    if loss == "mse":
        diff = out - y
        return float(np.mean(diff * diff)), 2.0 * diff / diff.size
    if loss == "sigmoid_mse":
        diff = out - y
        return float(np.mean(diff * diff)), 2.0 * diff * out * (1.0 - out) / diff.size
    if loss == "bce":
        # As torch's sigmoid followed by BCELoss computes it, clamps included: each log at -100, and the
        # division by p(1 - p) in the gradient at 1e-12. Unsaturated, the gradient is the familiar p - y;
        # once |z| > 27.6 the clamp shrinks it (and once p rounds to 0 or 1 it is 0), exactly as in torch.
        log_p = np.maximum(np.log(out), LOG_FLOOR)
        log_q = np.maximum(np.log1p(-out), LOG_FLOOR)
        slope = out * (1.0 - out)
        return (float(-np.mean(y * log_p + (1.0 - y) * log_q)),
                (out - y) / np.maximum(slope, BCE_EPS) * slope / z.size)
    if loss == "ce":
        rows = np.arange(z.shape[0])
        shifted = z - z.max(axis=1, keepdims=True)  # log-softmax in torch's order of operations
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        delta = out.copy()
        delta[rows, y] -= 1.0
        return float(-np.mean(log_p[rows, y])), delta / z.shape[0]
    raise ValueError(f"Unknown loss '{loss}'. Choose one of {', '.join(HEADS)}.")


def bce_clamped(output: np.ndarray) -> np.ndarray:
    """Where torch's BCELoss stops dividing by p(1 - p) (a saturated sigmoid output, |z| > 27.6): there it
    sends back less than p - y, so the gradient is smaller than the true slope of the loss it reports."""
    return output * (1.0 - output) < BCE_EPS


@dataclass
class Trace:
    """One forward and backward pass. Index l = 0 is the first layer (the page numbers it 1)."""
    inputs: list[np.ndarray]  # what layer l reads: inputs[0] = x, inputs[l] = hidden activation a^(l)
    zs: list[np.ndarray]  # pre-activations z = a W^T + b of every layer [N, out_l]
    slopes: list[np.ndarray]  # f'(z) of every hidden layer (the last layer's head has none here)
    output: np.ndarray  # the network's output after the head
    loss: float
    deltas: list[np.ndarray] = field(default_factory=list)  # dL/dz of every layer
    grads: Layers = field(default_factory=list)  # (dL/dW, dL/db) of every layer

    @property
    def finite(self) -> bool:
        return bool(np.isfinite(self.loss) and all(np.all(np.isfinite(dw)) and np.all(np.isfinite(db))
                                                  for dw, db in self.grads))

    def grad_inputs(self, layers: Layers, l: int) -> np.ndarray:
        """dL/d(inputs[l]): the gradient reaching what layer l reads (for l >= 1, a hidden layer's output)."""
        return self.deltas[l] @ layers[l][0]


def _check(layers: Layers, x: np.ndarray, y, loss: str) -> None:
    if loss not in HEADS:
        raise ValueError(f"Unknown loss '{loss}'. Choose one of {', '.join(HEADS)}.")
    if not layers:
        raise ValueError("A network needs at least one layer.")
    width = x.shape[1]
    for i, (w, b) in enumerate(layers):
        if w.ndim != 2 or w.shape[1] != width or b.shape != (w.shape[0],):
            raise ValueError(f"Layer {i + 1}: W must be [out, {width}] and b [out]; got {w.shape} and {b.shape}.")
        width = w.shape[0]
    if y is None:
        return
    n = x.shape[0]
    if loss == "ce" and np.shape(y) != (n,):
        raise ValueError(f"Cross-entropy takes one class index per sample: y must be [{n}].")
    if loss != "ce" and np.shape(y) != (n, width):
        raise ValueError(f"y must be [{n}, {width}] for {loss}.")


def forward(layers: Layers, x, activation: str = "tanh", loss: str = "mse", y=None) -> Trace:
    """The forward pass; with `y` also the loss (else the loss is nan)."""
    x = np.asarray(x, dtype=np.float64)
    _check(layers, x, y, loss)
    inputs, zs, slopes = [x], [], []
    with np.errstate(all="ignore"):
        h = x
        for i, (w, b) in enumerate(layers):
            z = h @ np.asarray(w, dtype=np.float64).T + b
            zs.append(z)
            if i < len(layers) - 1:
                h, dh = activations.evaluate(activation, z)
                slopes.append(dh)
                inputs.append(h)
        out = head(zs[-1], loss)
    value = float("nan")
    if y is not None:
        with np.errstate(all="ignore"):
            value, _ = loss_and_delta(zs[-1], out, _targets(y, loss), loss)
    return Trace(inputs, zs, slopes, out, value)


def _targets(y, loss: str) -> np.ndarray:
    return np.asarray(y, dtype=np.int64) if loss == "ce" else np.asarray(y, dtype=np.float64)


def trace(layers: Layers, x, y, activation: str = "tanh", loss: str = "mse") -> Trace:
    """Forward and backward pass with everything kept. Overflow gives inf or nan, never an exception."""
    t = forward(layers, x, activation, loss)
    y = _targets(y, loss)
    _check(layers, t.inputs[0], y, loss)
    with np.errstate(all="ignore"):
        t.loss, delta = loss_and_delta(t.zs[-1], t.output, y, loss)
        deltas, grads = [None] * len(layers), [None] * len(layers)
        for l in range(len(layers) - 1, -1, -1):
            deltas[l] = delta
            grads[l] = (delta.T @ t.inputs[l], delta.sum(axis=0))
            if l:
                delta = (delta @ layers[l][0]) * t.slopes[l - 1]
    t.deltas, t.grads = deltas, grads
    return t


def forward_backward(layers: Layers, x, y, activation: str = "tanh", loss: str = "mse") -> tuple[float, Layers]:
    """The mean loss and (dL/dW, dL/db) for every layer, shaped like `layers`."""
    t = trace(layers, x, y, activation, loss)
    return t.loss, t.grads


def init(sizes: list[int], seed: int = 0, scale: float = 1.0) -> Layers:
    """Layers for widths `sizes` (inputs first): Xavier-normal weights times `scale`, small biases."""
    rng = np.random.default_rng(seed)
    layers = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        std = np.sqrt(2.0 / (n_in + n_out)) * scale
        layers.append((rng.normal(0.0, std, (n_out, n_in)), rng.normal(0.0, 0.1 * scale, n_out)))
    return layers


def step(layers: Layers, grads: Layers, lr: float) -> Layers:
    """One gradient-descent update: every weight and bias moves by -lr times its gradient."""
    with np.errstate(all="ignore"):
        return [(w - lr * dw, b - lr * db) for (w, b), (dw, db) in zip(layers, grads)]


def finite_difference(layers: Layers, x, y, activation: str, loss: str, layer: int, row: int,
                      col: int | None, eps: float = 1e-6) -> float:
    """dL/dW[row, col] of `layer` (dL/db[row] when col is None) by central differences."""
    def loss_with(delta: float) -> float:
        moved = [(w.copy(), b.copy()) for w, b in layers]
        if col is None:
            moved[layer][1][row] += delta
        else:
            moved[layer][0][row, col] += delta
        return forward(moved, x, activation, loss, y).loss
    with np.errstate(all="ignore"):
        return (loss_with(eps) - loss_with(-eps)) / (2 * eps)


@dataclass
class Run:
    """Gradient descent from some weights for some steps."""
    layers: Layers  # the last weights whose loss and gradient were finite
    losses: list[float]  # the loss before the first step and after every step taken
    outputs: list[np.ndarray] = field(default_factory=list)  # the network's output at the same moments
    diverged_at: int | None = None  # the step after which the loss or gradient was not finite (0: at the start)
    bad_loss: float | None = None  # the loss there (inf or nan, or finite when only the gradient overflowed)

    @property
    def message(self) -> str:
        """Why training stopped, as a Msg (dlplay.i18n.tr shows it in the reader's language); else ""."""
        return stopped(self.diverged_at, self.bad_loss, "step")


# Why a run stopped, one whole sentence per case so that a translation can order it freely:
# (the gradient overflowed or the loss did, where it happened).
_STOPPED = {
    ("gradient", "start"): N_("The gradient overflowed at the start, so training stopped there. Lower the "
                              "learning rate or the weight scale."),
    ("gradient", "step"): N_("The gradient overflowed at step {at}, so training stopped there. Lower the learning "
                             "rate or the weight scale."),
    ("gradient", "update"): N_("The gradient overflowed at update {at}, so the weights were not changed. Lower the "
                               "learning rate or the weight scale."),
    ("loss", "start"): N_("The loss became {value} at the start, so training stopped there. Lower the learning "
                          "rate or the weight scale."),
    ("loss", "step"): N_("The loss became {value} at step {at}, so training stopped there. Lower the learning rate "
                         "or the weight scale."),
    ("loss", "update"): N_("The loss became {value} at update {at}, so the weights were not changed. Lower the "
                           "learning rate or the weight scale."),
}
NOT_A_NUMBER = N_("not a number")


def stopped(at: int | None, bad_loss: float | None, unit: str = "step") -> str:
    """The message for a loss or gradient that stopped being a finite number at step (or update) `at`
    (0: before the first); "" when `at` is None. `unit` is "step" or "update"."""
    if at is None:
        return ""
    what = "gradient" if bad_loss is not None and np.isfinite(bad_loss) else "loss"
    where = "start" if at == 0 else unit
    value = "inf" if bad_loss is not None and np.isinf(bad_loss) else Msg(NOT_A_NUMBER)
    return Msg(_STOPPED[what, where], at=at, value=value)


def train(layers: Layers, x, y, activation: str, loss: str, lr: float, steps: int, first_step: int = 1) -> Run:
    """Full-batch gradient descent. `first_step` numbers the steps when a run continues an earlier one."""
    t = trace(layers, x, y, activation, loss)
    if not t.finite:
        return Run(layers, [], [], first_step - 1, t.loss)
    losses, outputs = [t.loss], [t.output]
    for s in range(first_step, first_step + steps):
        moved = step(layers, t.grads, lr)
        t = trace(moved, x, y, activation, loss)
        if not t.finite:
            return Run(layers, losses, outputs, s, t.loss)
        layers = moved
        losses.append(t.loss)
        outputs.append(t.output)
    return Run(layers, losses, outputs)


def predict(layers: Layers, x, activation: str, loss: str) -> np.ndarray:
    """The output for inputs x (probabilities for bce and ce)."""
    return forward(layers, x, activation, loss).output
