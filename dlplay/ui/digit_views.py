"""Pictures for the digits page: probability bars, feature-map and kernel tiles, convolution numbers,
confusion matrix. uint8 images (and one plotly figure, the confusion matrix, shown only after a
retrain); the page decides where they go.

Images of pixels are made at their own size (a 28x28 map is 28x28 pixels) and enlarged by the
browser without smoothing (PIXELATED, which the page sends once, styles what `pixels` holds): a
stroke then sends a few kilobytes instead of pictures enlarged in Python, which a class's shared
server had to encode and send again per stroke.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from PIL import Image, ImageDraw

from dlplay.i18n import N_, _
from dlplay.ui import fonts

_MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}
PIXELATED = "<style>[class*='st-key-dg_px'] img {image-rendering: pixelated;}</style>"
PICTURE = 240  # pixels: four side by side on a laptop, one under the other on a phone without filling it


_INK, _MUTED, _GRID = (40, 40, 50), (90, 90, 100), (225, 228, 235)
_HEADROOM = 1.12  # the y axis reaches 112 %, so a bar at 100 % still has room for its label
SERIES_COLOURS = [(99, 110, 250), (239, 85, 59), (0, 204, 150), (171, 99, 250), (255, 161, 90)]


def _axes(draw, box, x_title: str, y_title: str, font) -> None:
    """Percent grid lines (0 to 100 %) inside box = (left, top, right, bottom), and the axis titles."""
    left, top, right, bottom = box
    for frac in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = bottom - frac * (bottom - top) / _HEADROOM
        draw.line((left, y, right, y), fill=_GRID, width=1)
        draw.text((left - 6, y), f"{frac:.0%}", fill=_MUTED, font=font, anchor="rm")
    draw.text(((left + right) / 2, draw.im.size[1] - 4), x_title, fill=_MUTED, font=font, anchor="md")
    if y_title:
        draw.text((4, top - 14), y_title, fill=_MUTED, font=font, anchor="lm")


def bars(values: np.ndarray, groups: list[str], names: list[str] | None = None, *, x_title: str = "",
         y_title: str = "", colours=None, width: int = 640, height: int = 250) -> np.ndarray:
    """Bars of values in [0, 1] as a picture (RGB uint8): one group per label in `groups`, one bar
    per series (rows of `values`) in each group, a legend on top when the series have `names`. Words
    come in the reader's language (see dlplay.ui.fonts: the font follows it).

    A picture, not a plotly chart: in the browser a picture costs one decode, a chart costs loading
    and running plotly.js (about 0.3-0.5 s of CPU per visitor, which a class shares on one server;
    see bench/load.py in README). `colours` is one RGB per series, or one per bar for a single series.
    """
    v = np.clip(np.nan_to_num(np.atleast_2d(np.asarray(values, np.float64))), 0.0, 1.0)
    n_series, n_groups = v.shape
    im = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(im)
    small, big = fonts.font(13), fonts.font(15)
    legend = 22 if names else 0
    left, right, top, bottom = 46, width - 8, 30 + legend, height - 40
    _axes(draw, (left, top, right, bottom), x_title, y_title, small)
    if names:
        x = left
        for i, name in enumerate(names):
            draw.rectangle((x, 8, x + 12, 20), fill=SERIES_COLOURS[i % len(SERIES_COLOURS)])
            draw.text((x + 17, 14), name, fill=_INK, font=small, anchor="lm")
            x += 30 + draw.textlength(name, font=small)
    per_bar = colours is not None and n_series == 1
    palette = colours or SERIES_COLOURS
    slot = (right - left) / n_groups
    bar = slot * 0.7 / n_series
    for g in range(n_groups):
        x0 = left + g * slot + slot * 0.15
        for s_ in range(n_series):
            p = v[s_, g]
            colour = colours[g] if per_bar else palette[s_ % len(palette)]
            y = bottom - p * (bottom - top) / _HEADROOM
            draw.rectangle((x0 + s_ * bar, y, x0 + (s_ + 1) * bar - (1 if n_series > 1 else 0), bottom), fill=colour)
            if n_series == 1 and p >= 0.01:
                draw.text((x0 + bar / 2, y - 3), f"{p:.0%}", fill=_INK, font=small, anchor="md")
        draw.text((left + (g + 0.5) * slot, bottom + 6), groups[g], fill=_INK, font=big, anchor="mt")
    return np.asarray(im)


def prob_bars(probs: np.ndarray) -> np.ndarray:
    """The 10 class probabilities as a bar chart picture, the likeliest digit in red."""
    probs = np.asarray(probs).reshape(-1)
    best = int(np.argmax(probs))
    colours = [(255, 75, 75) if i == best else (142, 167, 199) for i in range(len(probs))]
    x_title = fonts.label(N_("digit"), 13)[0]  # the bars draw it with the font that goes with it
    return bars(probs, [str(i) for i in range(len(probs))], x_title=x_title, colours=colours)


def pixels(where, key: str):
    """A container in `where` whose pictures the browser enlarges pixel by pixel (see PIXELATED)."""
    return where.container(key=f"dg_px_{key}")


def upscale(img: np.ndarray, k: int) -> np.ndarray:
    """Nearest-neighbour enlargement, so the learner sees the real pixels, not a smoothed picture."""
    return np.kron(np.asarray(img, np.float32), np.ones((k, k), np.float32))


def grey(img: np.ndarray, k: int = 1) -> np.ndarray:
    x = upscale(img, k) if k > 1 else np.asarray(img, np.float32)
    return (np.clip(x, 0, 1) * 255).astype(np.uint8)


def square(img: np.ndarray, fill: float = 0.22) -> np.ndarray:
    """A grey image centred on a square of `fill` grey, so pictures side by side share one height
    and the image's own edges stay visible."""
    img = np.asarray(img, np.float32)
    h, w = img.shape
    side = max(h, w)
    out = np.full((side, side), fill, np.float32)
    top, left = (side - h) // 2, (side - w) // 2
    out[top:top + h, left:left + w] = img
    return out


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


def tile(maps: np.ndarray, cols: int = 8, k: int = 1, signed: bool = False, gap: int = 1) -> np.ndarray:
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


def _number(v: float, fmt: str = ".2f") -> str:
    return format(float(format(float(v), fmt)) + 0.0, fmt).replace("-", "−")  # no "-0.00"; a real minus sign


def _matrix_html(m: np.ndarray, caption: str, shade) -> str:
    rows = "".join("<tr>" + "".join(f'<td style="background:{shade(v)}">{_number(v)}</td>' for v in row) + "</tr>"
                   for row in np.asarray(m))
    return f'<figure><table>{rows}</table><figcaption>{caption}</figcaption></figure>'


def conv_numbers_html(patch: np.ndarray, kernel: np.ndarray, products: np.ndarray, total: float) -> str:
    """One convolution step in numbers, as HTML: the input window, times the kernel number by number,
    gives the products, whose sum is the output cell. HTML, not a LaTeX formula: the browser lays out
    a small table at once, where typesetting three matrices again after every stroke cost far more."""
    limit = float(max(np.abs(kernel).max(), np.abs(products).max())) or 1.0
    grey = lambda v: "rgb({0},{0},{0})".format(int(255 - 110 * min(max(v, 0), 1)))  # noqa: E731  ink is darker
    signed = lambda v: "rgb({},{},{})".format(*diverging(np.array([[v * 0.6]]), limit)[0, 0])  # noqa: E731
    style = ("<style>.dg-conv{display:flex;flex-wrap:wrap;align-items:center;gap:.6rem;font-size:.85rem}"
             ".dg-conv figure{margin:0;text-align:center}.dg-conv table{border-collapse:collapse}"
             ".dg-conv td{padding:.1rem .35rem;text-align:right;font-variant-numeric:tabular-nums;border:1px solid #ddd}"
             ".dg-conv figcaption{color:#777;font-size:.8rem}.dg-conv .op{font-size:1.3rem}</style>")
    total_html = _("sum = {total}").format(total=f"<b>{_number(total)}</b>")
    return (style + '<div class="dg-conv">' + _matrix_html(patch, _("input window"), grey)
            + '<span class="op">⊙</span>' + _matrix_html(kernel, _("kernel"), signed) + '<span class="op">=</span>'
            + _matrix_html(products, _("products"), signed)
            + f'<span class="op">→</span><span>{total_html}</span></div>')


def marked(img: np.ndarray, row: int, col: int, size: int, k: int = 4, signed: bool = False) -> np.ndarray:
    """An image enlarged k times (grey, or blue-white-red when signed) with a red square around
    the size x size window whose top-left pixel is (row, col). Images, not charts: they render
    at once, so the prediction above them shows sooner after each stroke."""
    big = upscale(img, k)
    rgb = diverging(big) if signed else np.repeat(grey(big)[..., None], 3, axis=2)
    im = Image.fromarray(rgb)
    ImageDraw.Draw(im).rectangle((col * k, row * k, (col + size) * k - 1, (row + size) * k - 1),
                                 outline=(255, 75, 75) if not signed else (0, 0, 0), width=2)
    return np.asarray(im)


def confusion_figure(m: np.ndarray, title: str | None = None) -> go.Figure:
    fig = go.Figure(go.Heatmap(z=m, x=[str(i) for i in range(10)], y=[str(i) for i in range(10)],
                               text=m, texttemplate="%{text}", colorscale="Blues", showscale=False))
    fig.update_layout(height=380, margin=_MARGIN, title=title or _("Confusion matrix (validation digits)"),
                      xaxis={"title": _("predicted digit"), "type": "category"},
                      yaxis={"title": _("true digit"), "type": "category", "autorange": "reversed"})
    return fig
