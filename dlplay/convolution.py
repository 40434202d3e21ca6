"""Convolution and pooling by hand (numpy), for the digits page's lesson."""
from __future__ import annotations

import numpy as np

from dlplay.i18n import N_

# Hand-made kernels, by their name in English (shown translated: the names are marked for the catalog).
CLASSIC_KERNELS = {
    N_("vertical edges (Sobel)"): np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], np.float32),
    N_("horizontal edges (Sobel)"): np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], np.float32),
    N_("diagonal edges"): np.array([[0, 1, 2], [-1, 0, 1], [-2, -1, 0]], np.float32),
    N_("blur (box)"): np.full((3, 3), 1 / 9, np.float32),
    N_("sharpen"): np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], np.float32),
    N_("outline (Laplacian)"): np.array([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], np.float32),
}


def conv2d(image: np.ndarray, kernel: np.ndarray, padding: int | None = None) -> np.ndarray:
    """What a Conv2d layer computes for one channel (cross-correlation, as in PyTorch):
    out[i, j] = sum_{u,v} kernel[u, v] * image[i + u, j + v], with zero padding ("same" by default)."""
    image, kernel = np.asarray(image, np.float32), np.asarray(kernel, np.float32)
    k = kernel.shape[0]
    p = k // 2 if padding is None else padding
    x = np.pad(image, p)
    h, w = x.shape[0] - k + 1, x.shape[1] - k + 1
    windows = np.lib.stride_tricks.sliding_window_view(x, (k, k))[:h, :w]
    return np.einsum("ijuv,uv->ij", windows, kernel)


def conv_cell(image: np.ndarray, kernel: np.ndarray, row: int, col: int) -> tuple[np.ndarray, np.ndarray, float]:
    """One output cell of `conv2d` spelled out: the input patch, the products, and their sum."""
    k = kernel.shape[0]
    x = np.pad(np.asarray(image, np.float32), k // 2)
    patch = x[row:row + k, col:col + k]
    products = patch * kernel
    return patch, products, float(products.sum())


def pool2d(x: np.ndarray, size: int = 2, kind: str = "max") -> np.ndarray:
    """Max or average pooling with a size x size window and stride size (edges that do not fit are dropped)."""
    h, w = (x.shape[0] // size) * size, (x.shape[1] // size) * size
    blocks = np.asarray(x)[:h, :w].reshape(h // size, size, w // size, size)
    return blocks.max(axis=(1, 3)) if kind == "max" else blocks.mean(axis=(1, 3))
