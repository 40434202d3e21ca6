"""Uploaded images, checked by content and size before they are decoded (torch-free).

The extension and the browser's MIME type are ignored: the bytes must be a PNG, JPEG, GIF, BMP or
WebP image that PIL recognises, no larger than settings.MAX_UPLOAD_BYTES, and with at most
settings.MAX_UPLOAD_PIXELS pixels (read from the header, so a decompression bomb is refused before
it is expanded).
"""
from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image

from dlplay import settings

ALLOWED_FORMATS = {"PNG", "JPEG", "GIF", "BMP", "WEBP"}


class UploadError(ValueError):
    """The upload was refused; the message is meant for the learner."""


def load_image(data: bytes) -> Image.Image:
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise UploadError(f"That file is {len(data) / 1e6:.1f} MB; the limit is "
                          f"{settings.MAX_UPLOAD_BYTES / 1e6:.1f} MB.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            fmt = img.format
            width, height = img.size
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise UploadError("That image has far too many pixels.") from None
    except Exception:
        raise UploadError("That file is not an image (PNG, JPEG, GIF, BMP or WebP).") from None
    if fmt not in ALLOWED_FORMATS:
        raise UploadError(f"{fmt} images are not accepted; use PNG, JPEG, GIF, BMP or WebP.")
    if width * height > settings.MAX_UPLOAD_PIXELS:
        raise UploadError(f"That image is {width}x{height} pixels; the limit is "
                          f"{settings.MAX_UPLOAD_PIXELS:,} pixels.")
    try:
        img.load()
    except Exception:
        raise UploadError("That image is damaged and could not be read.") from None
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
