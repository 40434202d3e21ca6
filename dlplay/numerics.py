"""Small numpy helpers shared by the serving modules (torch-free)."""
from __future__ import annotations

import numpy as np


def softmax(logits: np.ndarray, axis: int = -1) -> np.ndarray:
    """Probabilities from logits, computed in float64 and stable for large logits."""
    z = np.asarray(logits, dtype=np.float64)
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def image_batch(images, side: int = 28) -> np.ndarray:
    """(side, side), (N, side, side) or (N, 1, side, side) pixels in [0, 1] as float32 (N, 1, side, side),
    the input of every image model here (the CNN, the autoencoder's encoder); NaN counts as black,
    values are clipped to [0, 1], any other shape raises ValueError."""
    x = np.asarray(images, dtype=np.float32)
    if x.ndim == 2:
        x = x[None]
    if x.ndim == 3:
        x = x[:, None]
    if x.ndim != 4 or x.shape[1:] != (1, side, side):
        raise ValueError(f"Expected {side}x{side} images, got an array of shape {np.shape(images)}.")
    return np.clip(np.nan_to_num(x), 0.0, 1.0)
