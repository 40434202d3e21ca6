"""One forward and backward pass through a deep stack of dense layers, in numpy.

This is the vanishing/exploding-gradient experiment: push a batch of standard-normal inputs through
`depth` layers h = f(W h + b), send a random gradient back from the top, and record per layer how
large the weight gradient is, how the activations are spread, and how many units are dead (their
input is <= 0 for every sample, so ReLU passes back nothing). Derivatives come from
dlplay.activations, so the page shows exactly the slopes the plot above it shows.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from threadpoolctl import threadpool_limits

from dlplay import activations
from dlplay.i18n import N_, Msg

INITS = {
    "he": (N_("He / Kaiming"), lambda fan_in, fan_out: np.sqrt(2.0 / fan_in)),
    "xavier": (N_("Xavier / Glorot"), lambda fan_in, fan_out: np.sqrt(2.0 / (fan_in + fan_out))),
    "lecun": (N_("LeCun"), lambda fan_in, fan_out: np.sqrt(1.0 / fan_in)),
    "small": (N_("Too small (std 0.01)"), lambda fan_in, fan_out: 0.01),
    "large": (N_("Too large (std 1)"), lambda fan_in, fan_out: 1.0),
}
MAX_DEPTH = 30
MAX_WIDTH = 256
BATCH = 128
BINS = 40


@dataclass
class StackReport:
    grad_norms: np.ndarray  # (depth,) Frobenius norm of dL/dW per layer, layer 1 = nearest the input
    act_mean: np.ndarray  # (depth,)
    act_std: np.ndarray  # (depth,)
    dead: np.ndarray  # (depth,) units whose derivative is 0 for every sample (no gradient can pass)
    saturated: np.ndarray  # (depth,) fraction of (sample, unit) pairs with |f'(z)| < 0.01
    hist: np.ndarray  # (depth, BINS) fraction of activations per bin
    edges: np.ndarray  # (BINS+1,)
    width: int

    @property
    def ratio(self) -> float:
        """How much smaller (or larger) the first layer's gradient is than the last one's."""
        return float(self.grad_norms[0] / self.grad_norms[-1]) if self.grad_norms[-1] > 0 else float("inf")


def weights(depth: int, width: int, init: str, seed: int = 0) -> list[np.ndarray]:
    if init not in INITS:
        raise ValueError(f"Unknown init '{init}'. Choose one of {', '.join(INITS)}.")
    # Drawn for the deepest stack once, so moving the depth slider keeps the layers below unchanged.
    return list(_unit_weights(width, seed)[:depth] * INITS[init][1](width, width))


@lru_cache(maxsize=8)
def _unit_weights(width: int, seed: int) -> np.ndarray:
    w = np.random.default_rng(seed).normal(0.0, 1.0, (MAX_DEPTH, width, width))
    w.flags.writeable = False
    return w


def run(activation: str, depth: int = 10, width: int = 64, init: str = "he", bias: float = 0.0,
        seed: int = 0, **params) -> StackReport:
    """Forward and backward pass; depth and width are clamped to the page's caps."""
    depth = int(min(max(1, depth), MAX_DEPTH))
    width = int(min(max(2, width), MAX_WIDTH))
    ws = weights(depth, width, init, seed)
    rng = np.random.default_rng(seed + 1)
    h = rng.normal(0.0, 1.0, (BATCH, width))
    inputs, slopes, outs = [], [], []
    # One BLAS thread: with the cores shared by many sessions and training jobs, OpenBLAS's own pool
    # made these small matmuls 70x slower (3.3 s instead of 0.05 s measured on 2 busy cores).
    with np.errstate(all="ignore"), threadpool_limits(1, user_api="blas"):
        for w in ws:
            inputs.append(h)
            h, dh = activations.evaluate(activation, h @ w.T + bias, **params)
            slopes.append(dh)
            outs.append(h)
        delta = rng.normal(0.0, 1.0, (BATCH, width)) / np.sqrt(BATCH)  # dL/dh at the top
        norms = np.zeros(depth)
        for i in range(depth - 1, -1, -1):
            dz = delta * slopes[i]
            norms[i] = np.linalg.norm(dz.T @ inputs[i])
            delta = dz @ ws[i]
    acts = np.stack(outs)
    finite = np.where(np.isfinite(acts), acts, 0.0)
    lo, hi = np.percentile(finite[:, ::7], [0.5, 99.5])  # a sample is plenty for bin edges
    lo, hi = (lo - 0.5, hi + 0.5) if hi - lo < 1e-9 else (lo, hi)
    edges = np.linspace(lo, hi, BINS + 1)
    hist = np.stack([np.histogram(np.clip(a, lo, hi), edges)[0] / a.size for a in finite])
    slope = np.stack(slopes)
    return StackReport(np.nan_to_num(norms, nan=np.inf), finite.mean(axis=(1, 2)), finite.std(axis=(1, 2)),
                       (slope == 0).all(axis=1).sum(axis=1), (np.abs(slope) < 0.01).mean(axis=(1, 2)), hist,
                       edges, width)


def diagnosis(r: StackReport) -> Msg:
    """One sentence on what happened, for the page (a Msg: dlplay.i18n.tr shows it in the reader's language)."""
    n = len(r.grad_norms)
    dead = int(r.dead.sum())
    if not np.all(np.isfinite(r.grad_norms)) or r.grad_norms.max() > 1e12:
        return Msg(N_("The gradient explodes: it overflows on the way down. Use a smaller init."))
    if dead and r.dead[-1] == r.width:
        return Msg(N_("Every unit of the top layer is dead: no gradient reaches any layer below it "
                      "({dead} dead units in all)."), dead=dead)
    if r.grad_norms[0] == 0:
        return Msg(N_("The gradient never reaches layer 1: {dead} units are dead (their input is never positive)."),
                   dead=dead)
    if r.ratio < 1e-3:
        return Msg(N_("The gradient vanishes: layer 1 gets {ratio:.1e} times the gradient of layer {depth}. "
                      "The first layers will barely learn."), ratio=r.ratio, depth=n)
    if r.ratio > 1e3:
        return Msg(N_("The gradient explodes: layer 1 gets {ratio:.1e} times the gradient of layer {depth}."),
                   ratio=r.ratio, depth=n)
    if dead:
        return Msg(N_("Healthy: the gradient norm changes by a factor {ratio:.2g} from layer {depth} down to layer 1 "
                      "({dead} dead units)."), ratio=r.ratio, depth=n, dead=dead)
    return Msg(N_("Healthy: the gradient norm changes by a factor {ratio:.2g} from layer {depth} down to layer 1."),
               ratio=r.ratio, depth=n)

