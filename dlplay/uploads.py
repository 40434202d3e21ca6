"""Uploaded images, checked by content and size before they are decoded (torch-free).

The extension and the browser's MIME type are ignored: the bytes must be a PNG, JPEG, GIF, BMP or
WebP image that PIL recognises, no larger than settings.MAX_UPLOAD_BYTES, and with at most
settings.MAX_UPLOAD_PIXELS pixels (read from the header, so a decompression bomb is refused before
it is expanded). The same header checks (`open_image`, `png_size`) guard the drawing canvas's
picture in dlplay.drawing_input, with the canvas's own limits.
"""
from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image

from dlplay import settings
from dlplay.i18n import Msg, N_

ALLOWED_FORMATS = {"PNG", "JPEG", "GIF", "BMP", "WEBP"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class UploadError(ValueError):
    """The upload was refused; the message is meant for the learner: a dlplay.i18n.Msg, shown with
    `tr(e.args[0])` in the learner's language."""


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's IHDR chunk, which the format requires right after the 8-byte
    signature; None when the bytes do not start like a PNG. Reads 24 bytes, decodes nothing."""
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def open_image(data: bytes, *, max_bytes: int, max_pixels: int,
               formats: set[str] = ALLOWED_FORMATS) -> Image.Image:
    """The image, opened but not decoded, once its byte count, format and pixel count (read from the
    header) are within the limits: decoding it afterwards (`.load()`) costs at most max_pixels."""
    if len(data) > max_bytes:
        raise UploadError(Msg(N_("That file is {size:.1f} MB; the limit is {limit:.1f} MB."),
                              size=len(data) / 1e6, limit=max_bytes / 1e6))
    named = ", ".join("WebP" if f == "WEBP" else f for f in sorted(formats))
    size = png_size(data)  # a PNG's size is checked before PIL reads any of its other chunks
    if size is not None and size[0] * size[1] > max_pixels:
        raise UploadError(_too_many_pixels(*size, max_pixels))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data), formats=sorted(formats))
            width, height = img.size
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise UploadError(Msg(N_("That image has far too many pixels."))) from None
    except Exception:
        raise UploadError(Msg(N_("That file is not an image ({formats})."), formats=named)) from None
    if width * height > max_pixels:
        raise UploadError(_too_many_pixels(width, height, max_pixels))
    return img


def _too_many_pixels(width: int, height: int, limit: int) -> Msg:
    return Msg(N_("That image is {width}x{height} pixels; the limit is {limit:,} pixels."),
               width=width, height=height, limit=limit)


def load_image(data: bytes) -> Image.Image:
    img = open_image(data, max_bytes=settings.MAX_UPLOAD_BYTES, max_pixels=settings.MAX_UPLOAD_PIXELS)
    try:
        img.load()
    except Exception:
        raise UploadError(Msg(N_("That image is damaged and could not be read."))) from None
    return img


def image_to_canvas_rgba(data: bytes, size: int = 280) -> np.ndarray:
    """An uploaded digit picture as the canvas would give it: RGBA uint8, white ink on black.

    Pictures with dark ink on a light background (a photo of paper) are inverted.
    """
    img = load_image(data).convert("L")
    img.thumbnail((size, size), Image.Resampling.LANCZOS)
    gray = np.asarray(img, dtype=np.uint8)
    if gray.mean() > 127:
        gray = 255 - gray
    canvas = np.zeros((size, size), np.uint8)
    top, left = (size - gray.shape[0]) // 2, (size - gray.shape[1]) // 2
    canvas[top:top + gray.shape[0], left:left + gray.shape[1]] = gray
    return np.dstack([canvas, canvas, canvas, np.full_like(canvas, 255)])
