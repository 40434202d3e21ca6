"""Pictures for the digits page: probability bars, feature-map and kernel tiles, convolution numbers,
confusion matrix. Plotly figures and uint8 images only; the page decides where they go."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from PIL import Image, ImageDraw

_MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}


def prob_bars(probs: np.ndarray, title: str = "") -> go.Figure:
    best = int(np.argmax(probs))
    colours = ["#ff4b4b" if i == best else "#8ea7c7" for i in range(len(probs))]
    fig = go.Figure(go.Bar(x=[str(i) for i in range(len(probs))], y=probs, marker_color=colours,
                           text=[f"{p:.0%}" if p >= 0.01 else "" for p in probs], textposition="outside"))
    fig.update_layout(height=260, margin=_MARGIN, title=title or None, yaxis={"range": [0, 1.12], "tickformat": ".0%"},
                      xaxis={"title": "digit", "type": "category"}, yaxis_title="probability")
    return fig


def upscale(img: np.ndarray, k: int) -> np.ndarray:
    """Nearest-neighbour enlargement, so the learner sees the real pixels, not a smoothed picture."""
    return np.kron(np.asarray(img, np.float32), np.ones((k, k), np.float32))


def grey(img: np.ndarray, k: int = 1) -> np.ndarray:
    x = upscale(img, k) if k > 1 else np.asarray(img, np.float32)
    return (np.clip(x, 0, 1) * 255).astype(np.uint8)


def with_box(ink: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """The canvas in grey with the ink's bounding box drawn in red."""
    top, left, bottom, right = box
    im = Image.fromarray(grey(ink)).convert("RGB")
    ImageDraw.Draw(im).rectangle((left, top, right - 1, bottom - 1), outline=(255, 75, 75), width=3)
    return np.asarray(im)


def diverging(x: np.ndarray, limit: float | None = None) -> np.ndarray:
    """Blue for negative, white for zero, red for positive: kernel weights read at a glance."""
    limit = limit or float(np.abs(x).max()) or 1.0
    t = np.clip(x / limit, -1, 1)[..., None]
    white, red, blue = np.array([255, 255, 255.]), np.array([214, 39, 40.]), np.array([31, 119, 180.])
    out = np.where(t >= 0, white + t * (red - white), white - t * (blue - white))
    return out.astype(np.uint8)


def tile(maps: np.ndarray, cols: int = 8, k: int = 4, signed: bool = False, gap: int = 3) -> np.ndarray:
    """A grid of small images (N, h, w): each activation map scaled to its own maximum, or kernels
    on a shared signed colour scale."""
    n, h, w = maps.shape
    rows = -(-n // cols)
    H, W = h * k, w * k
    canvas = np.full((rows * (H + gap) - gap, cols * (W + gap) - gap, 3), 150 if signed else 40, np.uint8)
    limit = float(np.abs(maps).max()) or 1.0
    for i, m in enumerate(maps):
        r, c = divmod(i, cols)
        if signed:
            cell = diverging(upscale(m, k), limit)
        else:
            top = float(m.max())
            cell = np.repeat(grey(m / top if top > 0 else m, k)[..., None], 3, axis=2)
        canvas[r * (H + gap):r * (H + gap) + H, c * (W + gap):c * (W + gap) + W] = cell
    return canvas


def matrix_latex(m: np.ndarray, fmt: str = ".2f") -> str:
    """A small matrix as a LaTeX bmatrix (the numbers of one convolution step)."""
    rows = [" & ".join(format(float(format(float(v), fmt)) + 0.0, fmt) for v in r) for r in np.asarray(m)]  # no "-0.00"
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def marked(img: np.ndarray, row: int, col: int, size: int, k: int = 8, signed: bool = False) -> np.ndarray:
    """An image enlarged k times (grey, or blue-white-red when signed) with a red square around
    the size x size window whose top-left pixel is (row, col). Images, not charts: they render
    at once, so the prediction above them shows sooner after each stroke."""
    big = upscale(img, k)
    rgb = diverging(big) if signed else np.repeat(grey(big)[..., None], 3, axis=2)
    im = Image.fromarray(rgb)
    ImageDraw.Draw(im).rectangle((col * k, row * k, (col + size) * k - 1, (row + size) * k - 1),
                                 outline=(255, 75, 75) if not signed else (0, 0, 0), width=2)
    return np.asarray(im)


def confusion_figure(m: np.ndarray) -> go.Figure:
    fig = go.Figure(go.Heatmap(z=m, x=[str(i) for i in range(10)], y=[str(i) for i in range(10)],
                               text=m, texttemplate="%{text}", colorscale="Blues", showscale=False))
    fig.update_layout(height=380, margin=_MARGIN, title="Confusion matrix (validation digits)",
                      xaxis={"title": "predicted", "type": "category"},
                      yaxis={"title": "true", "type": "category", "autorange": "reversed"})
    return fig
