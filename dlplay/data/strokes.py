"""Digits drawn from pen strokes: the same paths render to a canvas image (PIL) or guide a mouse.

A learner's drawing differs from MNIST: any place, any size, any pen width, perfectly smooth
strokes. These synthetic drawings let tests, the bench and the browser test check that the
preprocessing and the CNN read such drawings, without a human at the canvas.
Coordinates are in a unit square, x to the right, y down.
"""
from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw


def _arc(cx, cy, rx, ry, a0, a1, n=24):
    return [(cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a)))
            for a in np.linspace(a0, a1, n)]


# One or two writing styles per digit; each style is a list of strokes (polylines).
STROKES: dict[int, list[list[list[tuple[float, float]]]]] = {
    0: [[_arc(0.5, 0.5, 0.27, 0.42, -90, 275, 40)]],
    1: [[[(0.52, 0.05), (0.48, 0.95)]],
        [[(0.33, 0.25), (0.55, 0.05), (0.52, 0.95)]]],
    2: [[_arc(0.5, 0.3, 0.27, 0.23, -170, 30) + [(0.2, 0.92), (0.82, 0.92)]]],
    3: [[_arc(0.48, 0.28, 0.25, 0.21, -160, 90) + _arc(0.48, 0.71, 0.28, 0.23, -90, 160)]],
    4: [[[(0.58, 0.05), (0.18, 0.65), (0.82, 0.65)], [(0.64, 0.3), (0.64, 0.95)]],
        [[(0.25, 0.05), (0.22, 0.55), (0.78, 0.55)], [(0.72, 0.05), (0.72, 0.95)]]],
    5: [[[(0.76, 0.06), (0.32, 0.06), (0.3, 0.44)] + _arc(0.5, 0.66, 0.28, 0.25, -125, 150)]],
    6: [[[(0.7, 0.05), (0.52, 0.16), (0.36, 0.36), (0.27, 0.62)] + _arc(0.5, 0.72, 0.23, 0.2, 180, 540)]],
    7: [[[(0.18, 0.07), (0.82, 0.07), (0.42, 0.95)]],
        [[(0.18, 0.07), (0.82, 0.07), (0.42, 0.95)], [(0.38, 0.5), (0.74, 0.5)]]],
    8: [[_arc(0.5, 0.27, 0.2, 0.2, 90, 450) + _arc(0.5, 0.7, 0.25, 0.23, -90, 270)]],
    9: [[_arc(0.48, 0.3, 0.23, 0.22, 0, 360) + [(0.71, 0.3), (0.66, 0.95)]]],
}


def paths(digit: int, style: int = 0, *, cx: float = 140, cy: float = 140, size: float = 200,
          slant: float = 0.0) -> list[list[tuple[float, float]]]:
    """The strokes of a digit in canvas pixels: centred at (cx, cy), `size` pixels tall,
    `slant` moving the top to the right by that fraction of the height."""
    styles = STROKES[digit]
    out = []
    for stroke in styles[style % len(styles)]:
        out.append([(cx + (x - 0.5) * size + slant * (0.5 - y) * size, cy + (y - 0.5) * size) for x, y in stroke])
    return out


def render(strokes, *, canvas: int = 280, pen: float = 18) -> np.ndarray:
    """White strokes on an opaque black RGBA canvas, anti-aliased like the browser's canvas."""
    k = 3  # draw larger and shrink: PIL's lines have no anti-aliasing of their own
    img = Image.new("L", (canvas * k, canvas * k), 0)
    d = ImageDraw.Draw(img)
    r = pen * k / 2
    for stroke in strokes:
        pts = [(x * k, y * k) for x, y in stroke]
        d.line(pts, fill=255, width=max(1, round(pen * k)), joint="curve")
        for x, y in pts:  # round joins and caps, as a real pen makes
            d.ellipse((x - r, y - r, x + r, y + r), fill=255)
    grey = np.asarray(img.resize((canvas, canvas), Image.Resampling.BOX))
    rgba = np.empty((canvas, canvas, 4), np.uint8)
    rgba[..., :3] = grey[..., None]
    rgba[..., 3] = 255
    return rgba


def drawing_set() -> list[tuple[int, dict]]:
    """A fixed set of (digit, render arguments): every style of every digit, at several places,
    sizes, pen widths and slants, the way different people use a 280x280 canvas."""
    placements = [  # cx, cy, size, pen, slant
        (140, 140, 200, 18, 0.0),   # the textbook drawing
        (80, 85, 110, 12, 0.1),     # small, top left
        (200, 190, 120, 10, -0.1),  # small, bottom right
        (140, 140, 260, 28, 0.15),  # fills the canvas, fat pen
        (150, 130, 170, 6, 0.0),    # thin pen
        (120, 160, 190, 40, 0.05),  # very fat pen
        (215, 70, 60, 6, 0.0),      # tiny, in a corner
        (140, 150, 230, 14, -0.15),  # large, slanted left
    ]
    out = []
    for digit, styles in STROKES.items():
        for style in range(len(styles)):
            for cx, cy, size, pen, slant in placements:
                out.append((digit, {"style": style, "cx": cx, "cy": cy, "size": size, "pen": pen, "slant": slant}))
    return out


def draw(digit: int, style: int = 0, cx: float = 140, cy: float = 140, size: float = 200, pen: float = 18,
         slant: float = 0.0, canvas: int = 280) -> np.ndarray:
    return render(paths(digit, style, cx=cx, cy=cy, size=size, slant=slant), canvas=canvas, pen=pen)
