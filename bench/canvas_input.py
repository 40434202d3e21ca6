"""What one canvas value costs the server, honest or forged: decoding (dlplay.drawing_input) and
preparing the drawing for the network (dlplay.digit_prep.steps). Prints a table: median and worst
milliseconds over the repeats, and the peak memory Python allocated (tracemalloc) in one more run.

    python bench/canvas_input.py [repeats]     (or: python -m dlplay bench canvas_input)

Forged values are the ones a script in the learner's page can send instead of the canvas's PNG: a
large picture that is small on the wire, a decompression bomb, other formats, text that is not base64.
"""
from __future__ import annotations

import base64
import io
import os
import struct
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from dlplay import digit_prep, drawing_input  # noqa: E402
from dlplay.data import strokes  # noqa: E402

SIZE = 280


def _url(data: bytes) -> str:
    return drawing_input.PREFIX + base64.b64encode(data).decode("ascii")


def _png(img: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, format="PNG")
    return buf.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_of_zeros(side: int, rows: int | None = None) -> bytes:
    """A side x side black RGBA PNG, compressed row by row (never held whole); with `rows`, only that
    many rows of data behind a header that claims them all."""
    z = zlib.compressobj(9)
    row = b"\x00" * (4 * side + 1)
    body = b"".join(z.compress(row) for _ in range(side if rows is None else rows)) + z.flush()
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0))
            + _chunk(b"IDAT", body) + _chunk(b"IEND", b""))


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.fromarray(strokes.draw(3)[..., :3]).save(buf, format="JPEG")
    return buf.getvalue()


def cases() -> list[tuple[str, object]]:
    white = np.full((SIZE, SIZE, 4), 255, np.uint8)
    return [
        ("a drawn 3 (the usual stroke)", _url(_png(strokes.draw(3)))),
        ("a thin-pen 0 (stroke thickened)", _url(_png(strokes.draw(0, size=200, pen=3)))),
        ("a fat-pen 0 (stroke thinned)", _url(_png(strokes.draw(0, size=200, pen=55)))),
        ("fully inked 280x280", _url(_png(white))),
        ("random noise 280x280 (largest honest PNG)",
         _url(_png(np.random.default_rng(0).integers(0, 256, (SIZE, SIZE, 4), dtype=np.uint8)))),
        ("forged: 800x800 all white", _url(_png(np.full((800, 800, 4), 255, np.uint8)))),
        ("forged: 6000x6000 black", _url(_png_of_zeros(6000))),
        ("forged: 20000x20000 bomb header", _url(_png_of_zeros(20000, rows=4))),
        ("forged: JPEG called a PNG", _url(_jpeg())),
        ("forged: not base64", drawing_input.PREFIX + "%%%" * 1000),
        ("forged: 5 MB of base64", drawing_input.PREFIX + "A" * 5_000_000),
        ("forged: not a string", {"objects": []}),
    ]


def read(value) -> str:
    """What draw_digit and the page do with a value: decode it, then prepare the drawing."""
    try:
        rgba = drawing_input.decode(value, SIZE)
    except drawing_input.DrawingError:
        return "refused"
    s = digit_prep.steps(rgba)
    return "no ink" if s is None else f"read{', pen ' + s.stroke_fix if s.stroke_fix else ''}"


def _steps_only(side: int) -> tuple[str, object]:
    """digit_prep on an oversized array handed over directly (not through the decoder)."""
    return f"steps() on a {side}x{side} inked array", np.full((side, side, 4), 255, np.uint8)


def measure(fn, repeats: int) -> tuple[float, float, float]:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1e3)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return float(np.median(times)), max(times), peak


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 20
    rows = []
    for name, value in cases():
        wire = len(value) if isinstance(value, str) else 0
        outcome = read(value)
        rows.append((name, wire, outcome, *measure(lambda: read(value), repeats)))
    for side in (800, 2000):
        name, arr = _steps_only(side)
        s = digit_prep.steps(arr)
        rows.append((name, 0, f"worked on at {max(s.ink.shape)} px", *measure(lambda: digit_prep.steps(arr), repeats)))
    print(f"\nCanvas input bench: {repeats} repeats, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}; canvas {SIZE}x{SIZE}, byte cap {drawing_input.max_png_bytes(SIZE):,}\n")
    print(f"{'value':44s} {'on the wire':>12s} {'outcome':>28s} {'median ms':>10s} {'max ms':>8s} {'peak MiB':>9s}")
    for name, wire, outcome, med, worst, peak in rows:
        print(f"{name:44s} {wire:12,d} {outcome:>28s} {med:10.2f} {worst:8.2f} {peak:9.2f}")


if __name__ == "__main__":
    main()
