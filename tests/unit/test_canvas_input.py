"""dlplay.drawing_input: the canvas's value is untrusted; only a PNG of the size asked for is decoded."""
import base64
import io
import struct
import tracemalloc
import zlib

import numpy as np
import pytest
from PIL import Image

from dlplay import drawing_input as di
from dlplay.data import strokes


def url(data: bytes, prefix: str = di.PREFIX) -> str:
    return prefix + base64.b64encode(data).decode("ascii")


def encoded(img: Image.Image, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt)
    return buf.getvalue()


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_claiming(w: int, h: int, rows: int = 4) -> bytes:
    """A small PNG whose header says w x h RGBA pixels, with only a few rows of data behind it."""
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00" * (4 * w + 1) * rows)) + chunk(b"IEND", b""))


def png_of_zeros(w: int, h: int) -> bytes:
    """A complete, valid w x h black RGBA PNG, compressed row by row (a forged canvas picture that
    is small on the wire and huge once decoded)."""
    z = zlib.compressobj(9)
    row = b"\x00" * (4 * w + 1)
    body = b"".join(z.compress(row) for _ in range(h)) + z.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def peak_mib(fn) -> float:
    tracemalloc.start()
    try:
        fn()
    except di.DrawingError:
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def test_a_real_drawing_round_trips():
    rgba = strokes.draw(5)
    got = di.decode(url(encoded(Image.fromarray(rgba))), 280)
    assert got.dtype == np.uint8 and np.array_equal(got, rgba)


def test_rgb_and_grey_pngs_of_the_right_size_come_back_as_rgba():
    grey = Image.fromarray(strokes.draw(1)[..., 0])
    got = di.decode(url(encoded(grey)), 280)
    assert got.shape == (280, 280, 4) and (got[..., 3] == 255).all() and got[..., 0].max() == 255


def test_no_picture_yet_is_none():
    assert di.decode(None, 280) is None


FORGED = {
    "6000x6000 picture (140 KB on the wire)": lambda: url(png_of_zeros(6000, 6000)),
    "20000x20000 decompression bomb": lambda: url(png_claiming(20000, 20000)),
    "800x800 all white": lambda: url(encoded(Image.new("RGBA", (800, 800), "white"))),
    "281x280": lambda: url(encoded(Image.new("RGBA", (281, 280)))),
    "140x140 (a smaller canvas)": lambda: url(encoded(Image.new("RGBA", (140, 140)))),
    "JPEG called a PNG": lambda: url(encoded(Image.new("RGB", (280, 280)), "JPEG")),
    "JPEG data URL": lambda: url(encoded(Image.new("RGB", (280, 280)), "JPEG"), "data:image/jpeg;base64,"),
    "GIF": lambda: url(encoded(Image.new("P", (280, 280)), "GIF")),
    "garbage base64": lambda: di.PREFIX + "!!not base64!!",
    "base64 of text": lambda: url(b"<svg onload=alert(1)>" * 10),
    "truncated PNG": lambda: url(encoded(Image.fromarray(np.random.default_rng(0).integers(
        0, 255, (280, 280, 4), dtype=np.uint8)))[:5000]),
    "megabytes of base64": lambda: di.PREFIX + "A" * 5_000_000,
    "a number": lambda: 12345,
    "a list": lambda: ["data:image/png;base64,"],
    "an http URL": lambda: "https://example.com/x.png",
    "empty PNG data URL": lambda: di.PREFIX,
}


@pytest.mark.parametrize("name", list(FORGED))
def test_forged_values_are_refused(name):
    with pytest.raises(di.DrawingError):
        di.decode(FORGED[name](), 280)


@pytest.mark.parametrize("name", ["6000x6000 picture (140 KB on the wire)", "20000x20000 decompression bomb",
                                  "800x800 all white", "megabytes of base64"])
def test_forged_pictures_are_refused_without_being_expanded(name):
    """Refused from the header: decoding never allocates the picture the header claims (6000x6000 RGBA
    is 137 MiB, 20000x20000 is 1.5 GiB); what is held is about the size of the text that arrived."""
    value = FORGED[name]()
    peak = peak_mib(lambda: di.decode(value, 280))
    assert peak < 2 + 2 * len(value) / 2**20, peak


def test_the_size_is_read_from_the_header_before_anything_else():
    with pytest.raises(di.DrawingError, match="20000x20000"):
        di.decode(url(png_claiming(20000, 20000)), 280)
    with pytest.raises(di.DrawingError, match="800x800"):
        di.decode(url(encoded(Image.new("RGBA", (800, 800), "white"))), 280)


def test_the_byte_cap_fits_any_honest_png_of_the_canvas():
    """Random noise does not compress: the largest PNG a 280x280 canvas can honestly make."""
    noise = np.random.default_rng(1).integers(0, 256, (280, 280, 4), dtype=np.uint8)
    data = encoded(Image.fromarray(noise))
    assert len(data) <= di.max_png_bytes(280)
    assert np.array_equal(di.decode(url(data), 280), noise)
    assert di.max_png_bytes(280) < 400_000


def test_each_canvas_size_is_checked_against_its_own():
    small = url(encoded(Image.fromarray(strokes.draw(3, canvas=200))))
    assert di.decode(small, 200).shape == (200, 200, 4)
    with pytest.raises(di.DrawingError):
        di.decode(small, 280)


@pytest.mark.parametrize("value,expected", [
    (None, (None, None)),
    ({}, (None, None)),
    ({"drawing": None}, (None, None)),
    ({"drawing": {"raw": {"objects": [{"type": "path"}]}, "data": "u"}}, ([{"type": "path"}], "u")),
    ({"drawing": {"raw": "text", "data": "u"}}, (None, "u")),
    ({"drawing": {"raw": {"objects": "many"}, "data": None}}, (None, None)),
    ({"drawing": 5}, (None, 5)),
    ("a string", (None, "a string")),
])
def test_parts_reads_any_shape_of_value(value, expected):
    assert di.parts(value) == expected


def test_only_small_drawings_are_kept_for_the_next_visit():
    stroke = {"type": "path", "path": [["M", 1, 2], ["L", 3, 4]]}
    assert di.keepable([stroke] * 5) == [stroke] * 5
    assert di.keepable([stroke] * (di.MAX_KEPT_OBJECTS + 1)) is None
    assert di.keepable([{"type": "path", "path": [["L", 1, 1]] * 200_000}]) is None
    assert di.keepable(["not an object"]) is None
    assert di.keepable(None) is None
