"""Activation functions and their derivatives in numpy, defined exactly as torch.nn.functional.

`evaluate(name, x, **params)` returns `(y, dy)`. Where torch picks a value for the derivative at a
kink (ReLU at 0, ELU at 0) we pick the same one, so a plot and a training run tell the same story.
Each function also carries its formula in LaTeX (with the learner's parameter values filled in),
its output range, and its parameters, so the page never has to know any maths.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

# math.erf per element instead of scipy.special.erf: the plots need a few thousand points at most,
# and importing SciPy would cost every server process about 18 MB for this one function.
erf = np.vectorize(math.erf, otypes=[np.float64])

_SQRT2 = np.sqrt(2.0)
_SQRT_2_OVER_PI = np.sqrt(2.0 / np.pi)
# torch.nn.functional.selu's constants (Klambauer et al. 2017).
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def _sigmoid(x: np.ndarray) -> np.ndarray:
    # Split by sign so exp never overflows.
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def _sigmoid_pair(x, **_):
    s = _sigmoid(x)
    return s, s * (1 - s)


def _tanh_pair(x, **_):
    t = np.tanh(x)
    return t, 1 - t * t


def _relu_pair(x, **_):
    return np.maximum(x, 0), (x > 0).astype(x.dtype)


def _leaky_pair(x, alpha=0.01, **_):
    # torch: grad = 1 where x > 0, else alpha (so alpha at exactly 0).
    return np.where(x > 0, x, alpha * x), np.where(x > 0, 1.0, alpha).astype(x.dtype)


def _elu_pair(x, alpha=1.0, **_):
    em1 = np.expm1(np.minimum(x, 0))
    return np.where(x > 0, x, alpha * em1), np.where(x > 0, 1.0, alpha * (em1 + 1)).astype(x.dtype)


def _selu_pair(x, **_):
    y, dy = _elu_pair(x, alpha=SELU_ALPHA)
    return SELU_SCALE * y, SELU_SCALE * dy


def _gelu_pair(x, **_):
    cdf = 0.5 * (1 + erf(x / _SQRT2))
    pdf = np.exp(-0.5 * x * x) / np.sqrt(2 * np.pi)
    return x * cdf, cdf + x * pdf


def _gelu_tanh_pair(x, **_):
    inner = _SQRT_2_OVER_PI * (x + 0.044715 * x ** 3)
    t = np.tanh(inner)
    dinner = _SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x)
    return 0.5 * x * (1 + t), 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * dinner


def _silu_pair(x, **_):
    s = _sigmoid(x)
    return x * s, s * (1 + x * (1 - s))


def _softplus_pair(x, beta=1.0, threshold=20.0, **_):
    # torch reverts to the identity above the threshold to avoid overflow; so do we.
    bx = beta * x
    linear = bx > threshold
    y = np.where(linear, x, np.logaddexp(0.0, bx) / beta)
    return y, np.where(linear, 1.0, _sigmoid(bx)).astype(x.dtype)


def _mish_pair(x, **_):
    sp, dsp = _softplus_pair(x)
    t = np.tanh(sp)
    return x * t, t + x * (1 - t * t) * dsp


def _softsign_pair(x, **_):
    d = 1 + np.abs(x)
    return x / d, 1 / (d * d)


@dataclass(frozen=True)
class Activation:
    name: str
    label: str
    fn: Callable
    formula: str  # LaTeX; {alpha} etc. are filled in by latex()
    derivative: str
    output_range: tuple[float, float]  # (low, high); +-inf for unbounded
    params: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # name -> (default, lo, hi)
    note: str = ""


ACTIVATIONS: dict[str, Activation] = {a.name: a for a in [
    Activation("sigmoid", "Sigmoid", _sigmoid_pair, r"\sigma(x) = \frac{1}{1 + e^{-x}}",
               r"\sigma'(x) = \sigma(x)\,(1 - \sigma(x)) \le 0.25", (0.0, 1.0),
               note="The derivative is at most 0.25: every layer shrinks the gradient by at least 4x."),
    Activation("tanh", "Tanh", _tanh_pair, r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
               r"\tanh'(x) = 1 - \tanh^2(x)", (-1.0, 1.0),
               note="Zero-centred, slope 1 at 0, but it saturates for |x| > 3 just like the sigmoid."),
    Activation("relu", "ReLU", _relu_pair, r"\mathrm{ReLU}(x) = \max(0, x)",
               r"\mathrm{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}", (0.0, np.inf),
               note="No saturation for x > 0, but a unit whose input is always negative gets no gradient: "
                    "it is dead."),
    Activation("leaky_relu", "Leaky ReLU", _leaky_pair,
               r"\mathrm{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ {alpha}\,x & x \le 0 \end{cases}",
               r"\mathrm{LeakyReLU}'(x) = \begin{cases} 1 & x > 0 \\ {alpha} & x \le 0 \end{cases}",
               (-np.inf, np.inf), {"alpha": (0.01, 0.0, 1.0)},
               note="A small slope for x < 0 keeps every unit trainable."),
    Activation("elu", "ELU", _elu_pair,
               r"\mathrm{ELU}(x) = \begin{cases} x & x > 0 \\ {alpha}\,(e^{x} - 1) & x \le 0 \end{cases}",
               r"\mathrm{ELU}'(x) = \begin{cases} 1 & x > 0 \\ {alpha}\,e^{x} & x \le 0 \end{cases}",
               (-np.inf, np.inf), {"alpha": (1.0, 0.0, 3.0)},
               note="Smooth negative part that saturates at -alpha: outputs average closer to zero."),
    Activation("selu", "SELU", _selu_pair,
               r"\mathrm{SELU}(x) = 1.0507 \begin{cases} x & x > 0 \\ 1.6733\,(e^{x} - 1) & x \le 0 \end{cases}",
               r"\mathrm{SELU}'(x) = 1.0507 \begin{cases} 1 & x > 0 \\ 1.6733\,e^{x} & x \le 0 \end{cases}",
               (-SELU_SCALE * SELU_ALPHA, np.inf),
               note="Scaled ELU: with LeCun init, activations keep mean 0 and variance 1 layer after layer."),
    Activation("gelu", "GELU (exact)", _gelu_pair, r"\mathrm{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + "
               r"\mathrm{erf}\frac{x}{\sqrt{2}}\right)", r"\mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x)",
               (-0.17, np.inf), note="Weights x by the chance that a standard normal is below x (BERT, GPT)."),
    Activation("gelu_tanh", "GELU (tanh approx.)", _gelu_tanh_pair,
               r"\mathrm{GELU}(x) \approx \frac{x}{2}\left(1 + \tanh\left[\sqrt{2/\pi}\,(x + 0.044715\,x^3)"
               r"\right]\right)", r"\text{(chain rule through the tanh)}", (-0.17, np.inf),
               note="torch's gelu(approximate='tanh'): the form GPT-2 used, within 1e-3 of the exact one."),
    Activation("silu", "SiLU / Swish", _silu_pair, r"\mathrm{SiLU}(x) = x\,\sigma(x)",
               r"\mathrm{SiLU}'(x) = \sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)", (-0.28, np.inf),
               note="Smooth, non-monotonic: dips slightly below zero before rising like ReLU."),
    Activation("softplus", "Softplus", _softplus_pair,
               r"\mathrm{softplus}(x) = \frac{1}{{beta}} \log\left(1 + e^{{beta}\,x}\right)",
               r"\mathrm{softplus}'(x) = \sigma({beta}\,x)", (0.0, np.inf), {"beta": (1.0, 0.1, 10.0)},
               note="A smooth ReLU; its derivative is exactly the sigmoid."),
    Activation("mish", "Mish", _mish_pair, r"\mathrm{Mish}(x) = x \tanh(\mathrm{softplus}(x))",
               r"\mathrm{Mish}'(x) = \tanh(s) + x\,(1 - \tanh^2 s)\,\sigma(x),\ s = \mathrm{softplus}(x)",
               (-0.31, np.inf), note="Like SiLU, a smooth self-gated ReLU (YOLOv4)."),
    Activation("softsign", "Softsign", _softsign_pair, r"\mathrm{softsign}(x) = \frac{x}{1 + |x|}",
               r"\mathrm{softsign}'(x) = \frac{1}{(1 + |x|)^2}", (-1.0, 1.0),
               note="Like tanh, but approaches its limits polynomially, not exponentially."),
]}
NAMES = tuple(ACTIVATIONS)


def _check(name: str) -> Activation:
    if name not in ACTIVATIONS:
        raise ValueError(f"Unknown activation '{name}'. Choose one of {', '.join(NAMES)}.")
    return ACTIVATIONS[name]


def evaluate(name: str, x, **params) -> tuple[np.ndarray, np.ndarray]:
    """The activation and its derivative at x (float64 unless x is float32)."""
    act = _check(name)
    unknown = set(params) - set(act.params) - ({"threshold"} if name == "softplus" else set())
    if unknown:
        raise ValueError(f"{act.label} takes no parameter {', '.join(sorted(unknown))}.")
    x = np.asarray(x)
    if x.dtype != np.float32:
        x = x.astype(np.float64)
    scalar = x.ndim == 0
    y, dy = act.fn(np.atleast_1d(x), **params)
    y, dy = y.astype(x.dtype, copy=False), dy.astype(x.dtype, copy=False)
    return (y[0], dy[0]) if scalar else (y, dy)


def defaults(name: str) -> dict[str, float]:
    return {k: v[0] for k, v in _check(name).params.items()}


def latex(name: str, **params) -> tuple[str, str]:
    """The function's and derivative's formulas with the parameter values written in."""
    act = _check(name)
    values = {**defaults(name), **params}
    fill = {"{" + k + "}": f"{v:g}" for k, v in values.items()}
    out = []
    for text in (act.formula, act.derivative):
        for k, v in fill.items():
            text = text.replace(k, v)
        out.append(text)
    return out[0], out[1]


def flat_regions(x: np.ndarray, dy: np.ndarray, tol: float = 0.01) -> list[tuple[float, float, str]]:
    """Intervals of x where the gradient is dead (exactly 0) or vanishing (|f'| < tol).

    Returns (start, end, "dead" | "vanishing") runs over the sampled x, for shading a plot.
    """
    kind = np.where(dy == 0, "dead", np.where(np.abs(dy) < tol, "vanishing", ""))
    runs, start = [], None
    for i, k in enumerate(kind):
        if start is not None and k != kind[start]:
            if kind[start]:
                runs.append((float(x[start]), float(x[i - 1]), str(kind[start])))
            start = i
        elif start is None:
            start = i
    if start is not None and kind[start]:
        runs.append((float(x[start]), float(x[-1]), str(kind[start])))
    return runs
