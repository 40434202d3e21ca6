"""Digits bench: serving latency (onnxruntime vs torch eager, batch 1), canvas-to-prediction time,
how often a reading is doubted (real digits vs scribbles), and the learner's default retrain
(time and validation accuracy). Prints tables.

    python -m dlplay bench digits            # everything
    python -m dlplay bench digits --no-train # no retrain
    python -m dlplay bench digits --doubt    # only the doubt rates
    (or: python bench/digits.py ...)
"""
from __future__ import annotations

import os
import sys
import time

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from dlplay import digits as dg  # noqa: E402
from dlplay import settings  # noqa: E402
from dlplay.data import digits as data  # noqa: E402
from dlplay.data import strokes  # noqa: E402
from dlplay.devtools import timed  # noqa: E402


def scribbles(kind: str, n: int, seed: int = 0) -> list[np.ndarray]:
    """Canvas drawings with no digit shape (or only by chance), anywhere and at any size and pen."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        cx, cy, size, pen = rng.uniform(70, 210), rng.uniform(70, 210), rng.uniform(60, 220), rng.uniform(8, 30)
        spot = lambda: (cx + rng.uniform(-0.5, 0.5) * size, cy + rng.uniform(-0.5, 0.5) * size)  # noqa: E731
        if kind == "zigzag":
            lines = [[spot() for _ in range(rng.integers(6, 25))]]
        elif kind == "random walk":
            lines = [[tuple(p) for p in np.cumsum(rng.normal(0, size / 8, (60, 2)), 0) + (cx, cy)]]
        elif kind == "circles drawn over":
            t = np.linspace(0, 12 * np.pi, 200)
            r = size / 2 * rng.uniform(0.3, 1.0) * np.linspace(1, 0.2, 200)
            lines = [list(zip(cx + r * np.cos(t), cy + r * np.sin(t)))]
        elif kind == "hatching":
            lines = [[(cx - size / 2, cy - size / 2 + k * size / 8),
                      (cx + size / 2, cy - size / 2 + k * size / 8 + rng.uniform(-20, 20))] for k in range(8)]
        else:  # "a few strokes": some of these look like a digit, and are read as one
            lines = [[spot() for _ in range(3)] for _ in range(rng.integers(2, 5))]
        out.append(strokes.render(lines, pen=pen))
    return out


def doubt_table() -> None:
    model = dg.load()
    doubted = lambda canvases: [bool(model.read(dg.steps(c)).doubt) for c in canvases]  # noqa: E731
    items = strokes.drawing_set()
    files = sorted((settings.ROOT / "tests" / "data" / "digit_drawings").glob("*.png"))
    d = data.load()
    rows = [("real", "synthetic canvas drawings", doubted([strokes.draw(digit, **kw) for digit, kw in items])),
            ("real", "drawing PNGs (tests/data/digit_drawings)", doubted([np.asarray(Image.open(f)) for f in files])),
            ("real", "MNIST test split (offline set)", list(model.doubtful(d.test.images))),
            ("real", "MNIST validation split (sets the limits)", list(model.doubtful(d.val.images)))]
    for kind in ("zigzag", "random walk", "circles drawn over", "hatching", "a few strokes"):
        rows.append(("no digit", f"scribbles: {kind}", doubted(scribbles(kind, 40))))
    rows.append(("no digit", "a dot, pens 4 to 60 px",
                 doubted([strokes.render([[(140, 140), (141, 141)]], pen=p) for p in range(4, 61, 4)])))
    print(f"\nReadings doubted ({model.name}; dlplay.digits DOUBT_* settings)\n")
    print(f"{'kind':9s} {'set':44s} {'n':>5s} {'doubted':>8s}")
    for kind, name, flags in rows:
        print(f"{kind:9s} {name:44s} {len(flags):5d} {np.mean(flags):8.1%}")


def main() -> None:
    if "--doubt" in sys.argv:
        doubt_table()
        return
    rows = []
    load = os.getloadavg()[0]
    model = dg.load()
    x = dg.canvas_to_mnist(strokes.draw(3))[None, None].astype(np.float32)
    rows.append(("ORT predict, batch 1 (shipped CNN)", *timed(lambda: model.predict(x), 500)))
    canvas = strokes.draw(7, cx=90, cy=100, size=120, pen=12)
    rows.append(("canvas 280x280 -> preparation -> reading with doubt",
                 *timed(lambda: model.read(dg.steps(canvas)), 200, 5)))

    import torch
    from dlplay.recipes import cnn
    torch.set_num_threads(settings.ORT_THREADS)  # same thread budget as the ORT session
    net = cnn.build(cnn.clamp(cnn.shipped_config()))
    cnn.shipped_weights(net)
    net.eval()
    xt = torch.from_numpy(x)

    def eager():
        with torch.no_grad():
            net(xt)
    rows.append((f"torch eager, batch 1 ({torch.get_num_threads()} thread)", *timed(eager, 500)))

    print(f"\nDigits bench on {settings.CPU_COUNT} cores, load average {load:.1f} at start\n")
    print(f"{'what':52s} {'median ms':>10s} {'p90 ms':>10s}")
    for name, med, p90 in rows:
        print(f"{name:52s} {med:10.3f} {p90:10.3f}")
    print(f"torch eager / ORT (median): {rows[2][1] / rows[0][1]:.1f}x")
    doubt_table()

    if "--no-train" in sys.argv:
        return
    torch.set_num_threads(max(1, settings.CPU_COUNT))
    start, cpu0 = time.perf_counter(), time.process_time()
    result = cnn.train(dict(cnn.DEFAULTS))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu0
    fit = result.outcome.history[-1]["elapsed"] if result.outcome.history else float("nan")
    print(f"\ndefault retrain {cnn.DEFAULTS['epochs']} epochs on {cnn.DEFAULTS['train_size']} digits "
          f"({torch.get_num_threads()} torch threads, load average now {os.getloadavg()[0]:.1f}):")
    print(f"  training loop {fit:.1f} s, with data, test/drawing checks and ONNX export {wall:.1f} s")
    print(f"  val_acc {result.metrics.get('val_acc', float('nan')):.4f}  test_acc "
          f"{result.metrics.get('test_acc', float('nan')):.4f}  drawings_acc "
          f"{result.metrics.get('drawings_acc', float('nan')):.4f}")
    # On a shared machine wall time says more about the neighbours than about the model; the CPU
    # seconds this process used are what an idle 2-core machine would have to spend.
    print(f"  CPU time used by this process {cpu:.1f} s (an idle machine with {torch.get_num_threads()} threads "
          f"needs between {cpu / torch.get_num_threads():.1f} and {cpu:.1f} s wall)")
    print(f"  {'epoch':>5s} {'val_acc':>8s} {'wall s':>8s}")
    for r in result.outcome.history:
        print(f"  {r['epoch']:5d} {r['val_acc']:8.4f} {r['elapsed']:8.1f}")


if __name__ == "__main__":
    main()
