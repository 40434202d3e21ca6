import io
import zlib
import struct

import numpy as np
import pytest
from PIL import Image

from dlplay import settings, uploads


def _png(w, h, color=0, mode="L"):
    buf = io.BytesIO()
    Image.new(mode, (w, h), color).save(buf, format="PNG")
    return buf.getvalue()


def test_a_real_image_is_accepted_and_inverted_when_paper_is_white():
    img = Image.new("L", (100, 60), 255)
    img.paste(0, (40, 10, 60, 50))  # a dark bar on white paper
    buf = io.BytesIO()
    img.save(buf, format="JPEG")
    rgba = uploads.image_to_canvas_rgba(buf.getvalue())
    assert rgba.shape == (280, 280, 4) and rgba.dtype == np.uint8
    assert rgba[..., 0].max() > 200 and rgba[0, 0, 0] == 0  # white ink on black


def test_content_not_extension_decides():
    with pytest.raises(uploads.UploadError, match="not an image"):
        uploads.load_image(b"<svg onload=alert(1)></svg>")
    with pytest.raises(uploads.UploadError, match="not an image"):
        uploads.load_image(b"MZ\x90\x00 pretending to be digit.png")


def test_too_many_bytes(monkeypatch):
    monkeypatch.setattr(settings, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(uploads.UploadError, match="limit"):
        uploads.load_image(_png(200, 200, 128) + b"\x00" * 200)


def _bomb_png(w, h) -> bytes:
    """A tiny PNG whose header claims w x h pixels (a decompression bomb)."""
    raw = zlib.compress(b"\x00" * (w + 1) * 8)  # only a few rows of data
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def test_decompression_bomb_is_refused_before_decoding():
    data = _bomb_png(30000, 30000)
    assert len(data) < settings.MAX_UPLOAD_BYTES
    with pytest.raises(uploads.UploadError, match="pixels"):
        uploads.load_image(data)


def test_damaged_image_is_a_clear_error():
    data = _png(50, 50, 255)
    with pytest.raises(uploads.UploadError):
        uploads.load_image(data[: len(data) // 2])
