"""Toy 2-D classification sets (generated, numpy only): moons, circles, spirals, xor."""
from __future__ import annotations

import numpy as np

NAMES = ("moons", "circles", "spirals", "xor")


def check_name(name: str, names, what: str) -> None:
    """A clear error for a data set name a caller (a link, a test) made up."""
    if name not in names:
        raise ValueError(f"Unknown {what} '{name}'. Choose one of {', '.join(names)}.")


def make(name: str, n: int = 400, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Points (n, 2) float32 roughly in [-1.5, 1.5]^2 and labels (n,) int64 in {0, 1}."""
    check_name(name, NAMES, "toy set")
    rng = np.random.default_rng(seed)
    n = max(2, int(n))
    y = np.arange(n) % 2
    t = rng.uniform(0, 1, n)
    if name == "moons":
        a = np.pi * t
        x = np.where(y[:, None] == 0, np.c_[np.cos(a), np.sin(a)], np.c_[1 - np.cos(a), 0.5 - np.sin(a)])
        x = (x - [0.5, 0.25]) * [1.0, 1.6]
    elif name == "circles":
        a = 2 * np.pi * t
        r = np.where(y == 0, 1.0, 0.45)
        x = np.c_[r * np.cos(a), r * np.sin(a)]
    elif name == "spirals":
        r = 0.15 + 1.1 * t
        a = 3.5 * np.pi * t + np.pi * y
        x = np.c_[r * np.cos(a), r * np.sin(a)]
    else:  # xor
        x = rng.uniform(-1, 1, (n, 2))
        y = ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype(np.int64)
    x = x + rng.normal(0, noise, x.shape)
    return x.astype(np.float32), y.astype(np.int64)


def grid(extent: float = 1.8, resolution: int = 80) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A square grid of points for drawing decision boundaries: (xs, ys, points (R*R, 2))."""
    xs = np.linspace(-extent, extent, resolution, dtype=np.float32)
    gx, gy = np.meshgrid(xs, xs)
    return xs, xs, np.c_[gx.ravel(), gy.ravel()].astype(np.float32)
