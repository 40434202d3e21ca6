"""The drawing canvas's value, read as untrusted input (torch-free, streamlit-free).

The canvas component sends its drawing from the browser as a PNG data URL, and a script in the page
can send anything in its place: a 6000x6000 picture that costs 140 KB on the wire and gigabytes once
decoded, a decompression bomb, another format, text that is not base64 at all. Nothing here expands
a pixel before the value has passed every check that costs no more than reading it: the data URL's
prefix, its length, the PNG signature and the size in the IHDR header, which must be exactly the
size the page asked the canvas for (the component renders at a multiplier of 1 on every screen,
HiDPI and phones included). Only then is the PNG decoded, at a cost bounded by that size.
"""
from __future__ import annotations

import base64
import binascii
import json

import numpy as np

from dlplay import uploads
from dlplay.i18n import N_

PREFIX = "data:image/png;base64,"
MESSAGE = N_("That drawing could not be read, so nothing is shown for it. Clear the canvas and draw again.")
# What a drawing may keep across page visits: the strokes are sent back to the browser on every rerun.
MAX_KEPT_OBJECTS = 500
MAX_KEPT_CHARS = 1_000_000


class DrawingError(ValueError):
    """The canvas sent something that is not a drawing of the expected size; str() says why (for
    logs and tests); learners are shown MESSAGE (translated where it is shown)."""


def max_png_bytes(size: int) -> int:
    """No honest PNG of a size x size RGBA canvas is larger than its raw pixels (plus one filter byte
    a row) and its framing, even stored without compression; the browser's is a few KB."""
    return size * size * 4 + size + 16_384


def decode(data_url: object, size: int) -> np.ndarray | None:
    """The canvas's (size, size, 4) RGBA uint8 image from its PNG data URL; None when the canvas has
    sent no picture yet. Raises DrawingError for anything else, after reading at most the URL's text
    and the PNG's first 24 bytes when the value is oversized or not a PNG of the right size."""
    if data_url is None:
        return None
    if not isinstance(data_url, str) or not data_url.startswith(PREFIX):
        raise DrawingError("not a PNG data URL")
    limit = max_png_bytes(size)
    chars = len(data_url) - len(PREFIX)
    if chars > (limit + 2) // 3 * 4:  # base64 length of `limit` bytes
        raise DrawingError(f"{chars:,} characters of base64, more than a {size}x{size} PNG needs")
    try:
        data = base64.b64decode(data_url[len(PREFIX):], validate=True)
    except (binascii.Error, ValueError):
        raise DrawingError("not base64") from None
    found = uploads.png_size(data)
    if found is None:
        raise DrawingError("not a PNG")
    if found != (size, size):
        raise DrawingError(f"a {found[0]}x{found[1]} picture from a {size}x{size} canvas")
    try:
        img = uploads.open_image(data, max_bytes=limit, max_pixels=size * size, formats={"PNG"})
        img.load()
        rgba = np.asarray(img.convert("RGBA"), dtype=np.uint8)
    except uploads.UploadError as e:
        raise DrawingError(str(e)) from None
    except Exception as e:  # truncated or corrupt streams raise from PIL's decoder in many ways
        raise DrawingError(f"damaged PNG ({type(e).__name__})") from None
    if rgba.shape != (size, size, 4):
        raise DrawingError(f"decoded to shape {rgba.shape}")
    return rgba


def parts(value: object) -> tuple[list | None, object]:
    """(strokes, data URL) from the canvas's widget value {"drawing": {"raw": {"objects": [...]},
    "data": url}}; whatever shape it arrived in. The strokes are None when there are none to read;
    a value that is not shaped like a drawing comes back as the "data URL", for decode to refuse."""
    if value is None:
        return None, None
    if not isinstance(value, dict):
        return None, value
    drawing = value.get("drawing")
    if drawing is None:
        return None, None
    if not isinstance(drawing, dict):
        return None, drawing
    raw = drawing.get("raw")
    objects = raw.get("objects") if isinstance(raw, dict) else None
    return (objects if isinstance(objects, list) else None), drawing.get("data")


def keepable(objects: list | None) -> list | None:
    """The strokes, if they are small enough to hand back to the browser on every rerun (so that the
    drawing survives leaving the page); None otherwise."""
    if objects is None or len(objects) > MAX_KEPT_OBJECTS:
        return None
    if not all(isinstance(o, dict) for o in objects):
        return None
    try:
        text = json.dumps(objects)
    except (TypeError, ValueError):
        return None
    return objects if len(text) <= MAX_KEPT_CHARS else None
