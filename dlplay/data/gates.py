"""Logic gates as tiny 2-D data sets: points scattered around the four corners (±1, ±1), numpy only.

A corner stands for an input pair: -1 is "false", +1 is "true" (centred inputs suit tanh units). AND
and OR can be split by one straight line; XOR cannot, which is why it needs a hidden layer.
"""
from __future__ import annotations

import numpy as np

from dlplay.data import toy

GATES = {
    "and": lambda p, q: p & q,
    "or": lambda p, q: p | q,
    "xor": lambda p, q: p ^ q,
}
NAMES = tuple(GATES)


def make(name: str, n: int = 40, noise: float = 0.15, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Points (n, 2) float64, as even a share per corner as n allows, and labels (n,) int64 in {0, 1}."""
    toy.check_name(name, NAMES, "gate")
    rng = np.random.default_rng(seed)
    n = max(4, int(n))
    corner = np.arange(n) % 4
    p, q = corner // 2, corner % 2
    x = np.c_[2.0 * p - 1, 2.0 * q - 1] + rng.normal(0.0, noise, (n, 2))
    return x, GATES[name](p, q).astype(np.int64)
