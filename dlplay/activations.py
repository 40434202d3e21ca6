"""Activation functions and their derivatives in numpy, defined exactly as torch.nn.functional.

`evaluate(name, x, **params)` returns `(y, dy)`. Where torch picks a value for the derivative at a
kink (ReLU at 0, ELU at 0) we pick the same one, so a plot and a training run tell the same story.
Each function also carries its formula in LaTeX (written out at the learner's parameter values),
its output range at those values, and its parameters, so the page never has to know any maths. Labels
and notes are English, marked for the translation catalogs; a page shows them through `dlplay.i18n._`.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from dlplay import formulas
from dlplay.i18n import N_

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
class Range:
    """An interval of outputs; a closed end is a value the function reaches (ReLU's 0, GELU's dip)."""
    low: float
    high: float
    low_closed: bool = False
    high_closed: bool = False

    def latex(self) -> str:
        return (("[" if self.low_closed else "(") + formulas.number(self.low, 3) + ", "
                + formulas.number(self.high, 3) + ("]" if self.high_closed else ")"))


# The lowest value of the smooth ReLU-likes, reached at one x < 0 (found numerically; the tests
# check them against a fine grid).
GELU_MIN, GELU_TANH_MIN, SILU_MIN, MISH_MIN = -0.1699712075, -0.1700407506, -0.2784645428, -0.3088434131


@dataclass(frozen=True)
class Activation:
    name: str
    label: str
    fn: Callable
    # LaTeX of f and f', or a function of the parameter values giving it (written as a textbook would
    # at those values: no coefficient of 1, numbers as 10^{-8}).
    formula: str | Callable[..., str]
    derivative: str | Callable[..., str]
    output_range: Range | Callable[..., Range]
    params: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # name -> (default, lo, hi)
    note: str = ""


def _cases(head: str, positive: str, negative: str) -> str:
    return rf"{head} = \begin{{cases}} {positive} & x > 0 \\ {negative} & x \le 0 \end{{cases}}"


def _softplus_scale(beta: float) -> str:
    """1/beta in front of the log, as printed: nothing for 1, "2" for beta 0.5, "\\frac{1}{3}" for 3."""
    if beta == 1:
        return ""
    inverse = 1 / beta
    if beta < 1 and abs(inverse - round(inverse, 2)) < 1e-9:
        return formulas.number(inverse) + r"\,"
    return rf"\frac{{1}}{{{formulas.number(beta)}}}"


def _above_zero(alpha: float) -> Range:
    """Where a negative slope of size alpha leaves the outputs: all reals, or from 0 when alpha is 0."""
    return Range(0.0, np.inf, low_closed=True) if alpha == 0 else Range(-np.inf, np.inf)


ACTIVATIONS: dict[str, Activation] = {a.name: a for a in [
    Activation("sigmoid", N_("Sigmoid"), _sigmoid_pair, r"\sigma(x) = \frac{1}{1 + e^{-x}}",
               r"\sigma'(x) = \sigma(x)\,(1 - \sigma(x)) \le 0.25", Range(0.0, 1.0),
               note=N_("The derivative is at most 0.25: every layer shrinks the gradient by at least 4x.")),
    Activation("tanh", N_("Tanh"), _tanh_pair, r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
               r"\tanh'(x) = 1 - \tanh^2(x)", Range(-1.0, 1.0),
               note=N_("Zero-centred, slope 1 at 0, but it saturates for |x| > 3 just like the sigmoid.")),
    Activation("relu", N_("ReLU"), _relu_pair, r"\mathrm{ReLU}(x) = \max(0, x)",
               _cases(r"\mathrm{ReLU}'(x)", "1", "0"), Range(0.0, np.inf, low_closed=True),
               note=N_("No saturation for x > 0, but a unit whose input is always negative gets no gradient: "
                       "it is dead.")),
    Activation("leaky_relu", N_("Leaky ReLU"), _leaky_pair,
               lambda alpha: _cases(r"\mathrm{LeakyReLU}(x)", "x", formulas.times(alpha, "x")),
               lambda alpha: _cases(r"\mathrm{LeakyReLU}'(x)", "1", formulas.number(alpha)),
               _above_zero, {"alpha": (0.01, 0.0, 1.0)},
               note=N_("A small slope for x < 0 keeps every unit trainable.")),
    Activation("elu", N_("ELU"), _elu_pair,
               lambda alpha: _cases(r"\mathrm{ELU}(x)", "x", "e^{x} - 1" if alpha == 1 else
                                    formulas.times(alpha, "(e^{x} - 1)")),
               lambda alpha: _cases(r"\mathrm{ELU}'(x)", "1", formulas.times(alpha, "e^{x}")),
               lambda alpha: _above_zero(0.0) if alpha == 0 else Range(-alpha, np.inf),
               {"alpha": (1.0, 0.0, 3.0)},
               note=N_("Smooth negative part that saturates at -α: outputs average closer to zero.")),
    Activation("selu", N_("SELU"), _selu_pair,
               r"\mathrm{SELU}(x) = 1.0507 \begin{cases} x & x > 0 \\ 1.6733\,(e^{x} - 1) & x \le 0 \end{cases}",
               r"\mathrm{SELU}'(x) = 1.0507 \begin{cases} 1 & x > 0 \\ 1.6733\,e^{x} & x \le 0 \end{cases}",
               Range(-SELU_SCALE * SELU_ALPHA, np.inf),
               note=N_("Scaled ELU: with LeCun init, activations keep mean 0 and variance 1 layer after layer.")),
    Activation("gelu", N_("GELU (exact)"), _gelu_pair, r"\mathrm{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + "
               r"\mathrm{erf}\frac{x}{\sqrt{2}}\right)", r"\mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x)",
               Range(GELU_MIN, np.inf, low_closed=True),
               note=N_("Weights x by the chance that a standard normal is below x (BERT, GPT).")),
    Activation("gelu_tanh", N_("GELU (tanh approx.)"), _gelu_tanh_pair,
               r"\mathrm{GELU}(x) \approx \frac{x}{2}\left(1 + \tanh\left[\sqrt{2/\pi}\,(x + 0.044715\,x^3)"
               r"\right]\right)", r"\text{(chain rule through the tanh)}", Range(GELU_TANH_MIN, np.inf, low_closed=True),
               note=N_("torch's gelu(approximate='tanh'): the form GPT-2 used, within 1e-3 of the exact one.")),
    Activation("silu", N_("SiLU / Swish"), _silu_pair, r"\mathrm{SiLU}(x) = x\,\sigma(x)",
               r"\mathrm{SiLU}'(x) = \sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)",
               Range(SILU_MIN, np.inf, low_closed=True),
               note=N_("Smooth, non-monotonic: dips slightly below zero before rising like ReLU.")),
    Activation("softplus", N_("Softplus"), _softplus_pair,
               lambda beta: rf"\mathrm{{softplus}}(x) = {_softplus_scale(beta)}\log\left(1 + "
                            rf"e^{{{formulas.times(beta, 'x')}}}\right)",
               lambda beta: rf"\mathrm{{softplus}}'(x) = \sigma({formulas.times(beta, 'x')})",
               Range(0.0, np.inf), {"beta": (1.0, 0.1, 10.0)},
               note=N_("A smooth ReLU; its derivative is exactly the sigmoid.")),
    Activation("mish", N_("Mish"), _mish_pair, r"\mathrm{Mish}(x) = x \tanh(\mathrm{softplus}(x))",
               r"\mathrm{Mish}'(x) = \tanh(s) + x\,(1 - \tanh^2 s)\,\sigma(x),\ s = \mathrm{softplus}(x)",
               Range(MISH_MIN, np.inf, low_closed=True), note=N_("Like SiLU, a smooth self-gated ReLU (YOLOv4).")),
    Activation("softsign", N_("Softsign"), _softsign_pair, r"\mathrm{softsign}(x) = \frac{x}{1 + |x|}",
               r"\mathrm{softsign}'(x) = \frac{1}{(1 + |x|)^2}", Range(-1.0, 1.0),
               note=N_("Like tanh, but approaches its limits polynomially, not exponentially.")),
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


def _at(value, params: dict):
    return value(**params) if callable(value) else value


def latex(name: str, variable: str = "x", **params) -> tuple[str, str]:
    """The function's and derivative's formulas, written as a textbook would at these parameter values,
    in `variable` (a backprop lesson writes f(z))."""
    act = _check(name)
    values = {**defaults(name), **{k: float(v) for k, v in params.items() if k in act.params}}
    f, d = _at(act.formula, values), _at(act.derivative, values)
    if variable != "x":  # a lone x only: the x of \max or \exp stays
        f, d = (re.sub(r"(?<![\\A-Za-z])x(?![A-Za-z])", lambda _: variable, t) for t in (f, d))
    return f, d


def output_range(name: str, **params) -> Range:
    """The outputs the function can give at these parameter values (ELU's lower end is -alpha)."""
    act = _check(name)
    return _at(act.output_range, {**defaults(name), **{k: float(v) for k, v in params.items() if k in act.params}})


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
