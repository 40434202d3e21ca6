"""A canvas drawing prepared the way MNIST digits were made (torch-free).

Canvas demos misread real drawings when they squash the whole canvas to 28x28: MNIST digits were
cropped to their ink, scaled so the longer side is 20 px and centred by centre of mass. This module
repeats those steps and keeps each stage for the page to show.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from dlplay.i18n import Msg, N_

INK_LEVEL = 0.2  # a pixel brighter than this counts as ink when finding the digit's box
MIN_INK_PIXELS = 3  # fewer than this is dust, not a drawing
BOX = 20  # MNIST fits the longer side of the digit into 20 px ...
SIZE = 28  # ... and centres it by centre of mass in a 28x28 frame
# The app's largest canvas. A bigger image handed to steps() is area-averaged down to this first, so
# every later step costs what a 280x280 drawing costs, whatever arrived (the canvas's own values are
# refused before this by dlplay.drawing_input unless they have the canvas's size).
MAX_SIDE = 280
# MNIST strokes are about 3 px wide (2.5 to 5) for a 20 px tall digit. A learner's pen may be far thinner or
# thicker relative to their digit; beyond these limits the stroke is thinned or thickened first,
# to a width inside the usual range (not all the way to the middle: a bold 7 may stay bold).
STROKE_MIN, STROKE_MAX = 1.8, 5.0
THICKEN_TO, THIN_TO = 2.5, 3.5


@dataclass(frozen=True)
class Steps:
    """Each stage of `canvas_to_mnist`, for the page to show what the network sees."""
    ink: np.ndarray  # (H, W) float32 in [0, 1], the whole canvas as grey levels, at most MAX_SIDE a side
    crop: np.ndarray  # the ink's bounding box, at canvas resolution (after stroke correction)
    box: tuple[int, int, int, int]  # top, left, bottom, right of the crop on the canvas
    resized: np.ndarray  # longer side 20 px
    image: np.ndarray  # (28, 28) float32 in [0, 1], centre of mass at (14, 14)
    stroke: float  # estimated pen width in 20-px-box pixels, before correction
    stroke_fix: str  # "", "thinned" or "thickened"
    warning: str  # why a prediction may make little sense ("" when the drawing looks fine; else a Msg)


def to_ink(canvas) -> np.ndarray:
    """Grey levels in [0, 1] from an RGBA/RGB/grey canvas (white ink on black), at most MAX_SIDE a side.

    A transparent pixel counts as background, so a canvas without a background colour works too.
    """
    a = np.asarray(canvas)
    if a.dtype == object or a.size == 0 or a.ndim not in (2, 3):
        raise ValueError(f"Expected an image array (H, W) or (H, W, 3|4), got shape {a.shape}.")
    if a.ndim == 3 and a.shape[2] not in (1, 3, 4):
        raise ValueError(f"Expected 1, 3 or 4 colour channels, got {a.shape[2]}.")
    if a.shape[0] < 2 or a.shape[1] < 2:
        raise ValueError(f"The canvas {a.shape[:2]} is too small to hold a digit.")
    if a.ndim == 2:
        a = a[..., None]
    if a.dtype == np.uint8:  # the canvas's own format: the channel maximum is cheaper in uint8
        grey = _channel_max(a[..., :3]).astype(np.float32) * np.float32(1 / 255)
    else:
        a = a.astype(np.float32)
        if np.issubdtype(np.asarray(canvas).dtype, np.integer) or np.nanmax(a, initial=0.0) > 1.0:
            a *= np.float32(1 / 255)
        a = np.clip(np.nan_to_num(a, nan=0.0, posinf=1.0, neginf=0.0), 0.0, 1.0)
        grey = _channel_max(a[..., :3])  # coloured ink counts as ink too
    if a.shape[2] == 4:
        grey *= a[..., 3].astype(np.float32) * np.float32(1 / 255 if a.dtype == np.uint8 else 1)
    return _fit(grey)


def _channel_max(rgb: np.ndarray) -> np.ndarray:
    grey = rgb[..., 0]
    for c in range(1, rgb.shape[2]):
        grey = np.maximum(grey, rgb[..., c])
    return np.asarray(grey, dtype=rgb.dtype)


def _fit(grey: np.ndarray) -> np.ndarray:
    h, w = grey.shape
    if max(h, w) <= MAX_SIDE:
        return np.ascontiguousarray(grey, dtype=np.float32)
    s = MAX_SIDE / max(h, w)
    size = (max(2, round(w * s)), max(2, round(h * s)))
    return np.clip(np.asarray(Image.fromarray(np.ascontiguousarray(grey, dtype=np.float32), mode="F")
                              .resize(size, Image.Resampling.BOX), dtype=np.float32), 0.0, 1.0)


def stroke_width(mask: np.ndarray) -> float:
    """Pen width in pixels of a binary drawing: a stroke of length L and width w has area L*w and
    an outline of about 2L, so w ~ 2 * area / outline."""
    area = float(mask.sum())
    if area == 0:
        return 0.0
    p = np.pad(mask, 1)
    inner = p[1:-1, 1:-1] & p[:-2, 1:-1] & p[2:, 1:-1] & p[1:-1, :-2] & p[1:-1, 2:]
    outline = float(area - inner.sum())
    return 2.0 * area / max(outline, 1.0)


def _morph(img: np.ndarray, radius: int, grow: bool) -> np.ndarray:
    """Maximum (grow) or minimum of each (2r+1)x(2r+1) square, edges repeated outwards (as PIL's
    Max/MinFilter). The square splits into a row pass and a column pass, and each pass doubles its
    window, so the cost is side^2 * log(r); PIL's rank filter costs side^2 * r^2, seconds for a fully
    inked canvas, whose estimated pen width (and so r) is as large as the canvas allows."""
    op = np.maximum if grow else np.minimum
    out = np.pad(img, radius, mode="edge")
    for _ in range(2):  # rows, then columns (by transposing twice)
        out = _window(out, 2 * radius + 1, op).T
    return np.ascontiguousarray(out, dtype=np.float32)


def _window(a: np.ndarray, n: int, op) -> np.ndarray:
    """op over each run of n consecutive rows: a row of the result covers rows i..i+n-1 of a."""
    span = 1
    while span * 2 <= n:
        a = op(a[:-span], a[span:])  # each row now covers 2 * span rows
        span *= 2
    rest = n - span
    return op(a[:-rest], a[rest:]) if rest else a  # two overlapping runs of span cover n


def _resize(img: np.ndarray, w: int, h: int) -> np.ndarray:
    # Area averaging (BOX) when shrinking, as MNIST's anti-aliased scaling; bilinear when a tiny
    # drawing has to grow, where BOX would just repeat pixels into blocks.
    shrinking = w <= img.shape[1] and h <= img.shape[0]
    method = Image.Resampling.BOX if shrinking else Image.Resampling.BILINEAR
    return np.asarray(Image.fromarray(img, mode="F").resize((w, h), method), dtype=np.float32)


def _centre(small: np.ndarray) -> np.ndarray:
    """Paste into 28x28 so the centre of mass lands on (14, 14), clipped to the frame."""
    out = np.zeros((SIZE, SIZE), np.float32)
    h, w = small.shape
    total = small.sum()
    ys, xs = np.indices(small.shape)
    cy, cx = ((ys * small).sum() / total, (xs * small).sum() / total) if total > 0 else (h / 2, w / 2)
    top = int(np.clip(round(SIZE / 2 - cy), 0, SIZE - h))
    left = int(np.clip(round(SIZE / 2 - cx), 0, SIZE - w))
    out[top:top + h, left:left + w] = small
    return out


def _crop_to_ink(img: np.ndarray) -> np.ndarray:
    mask = img > INK_LEVEL
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return img[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]


def steps(canvas) -> Steps | None:
    """Every stage from the canvas to the 28x28 network input; None when there is no ink."""
    ink = to_ink(canvas)
    mask = ink > INK_LEVEL
    if mask.sum() < MIN_INK_PIXELS:
        return None
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    crop = ink[top:bottom, left:right]
    longest = max(crop.shape)
    scale = BOX / longest
    width = stroke_width(mask[top:bottom, left:right]) * scale
    fix = ""
    # Correct the pen width at canvas resolution, where one filter step is a fraction of a pixel
    # after scaling; only for drawings big enough for the estimate to mean something.
    if longest >= 40 and width > 0:
        target = THIN_TO if width > STROKE_MAX else THICKEN_TO
        radius = int(round(abs(width - target) / scale / 2))
        if width > STROKE_MAX and radius > 0:
            thinned = _morph(crop, radius, grow=False)
            if (thinned > INK_LEVEL).sum() >= MIN_INK_PIXELS:
                crop, fix = thinned, "thinned"
        elif width < STROKE_MIN and radius > 0:
            crop = _morph(np.pad(crop, radius), radius, grow=True)
            fix = "thickened"
        crop = _crop_to_ink(crop)  # a thinned stroke leaves an empty margin, a thickened one grows
    h, w = crop.shape
    s = BOX / max(h, w)
    resized = np.clip(_resize(crop, max(1, round(w * s)), max(1, round(h * s))), 0.0, 1.0)
    image = _centre(resized)
    peak = image.max()
    if peak > 0:
        image = image / peak  # faint anti-aliased ink from a thin pen still reads as full strokes
    return Steps(ink, crop, (int(top), int(left), int(bottom), int(right)), resized, image.astype(np.float32),
                 float(width), fix, _warning(ink, mask, longest))


def _warning(ink: np.ndarray, mask: np.ndarray, longest: int) -> str:
    side = max(ink.shape)
    if longest < 0.06 * side:
        return Msg(N_("That is a dot, not a digit: the network will guess, but the guess means little."))
    if mask.mean() > 0.5:
        return Msg(N_("The canvas is mostly ink: there is no digit shape left to read."))
    return ""


def canvas_to_mnist(rgba) -> np.ndarray | None:
    """An RGBA uint8 canvas (H, W, 4), white strokes on black, to a (28, 28) float32 image in [0, 1]
    prepared like MNIST; None when there is no ink."""
    s = steps(rgba)
    return None if s is None else s.image
