"""Digits bench: serving latency (onnxruntime vs torch eager, batch 1), canvas-to-prediction time,
and the learner's default retrain (time and validation accuracy). Prints a table.

    python -m dlplay bench digits            # everything
    python -m dlplay bench digits --no-train # latency only
"""
from __future__ import annotations

import os
import sys
import time

import numpy as np

from dlplay import digits as dg
from dlplay import runtime, settings
from dlplay.devtools import timed
from dlplay.data import strokes


def main() -> None:
    rows = []
    load = os.getloadavg()[0]
    session = runtime.shipped(dg.MODEL_FILE)
    x = dg.canvas_to_mnist(strokes.draw(3))[None, None].astype(np.float32)
    rows.append(("ORT predict, batch 1 (shipped CNN)", *timed(lambda: dg.predict(x, session), 500)))
    canvas = strokes.draw(7, cx=90, cy=100, size=120, pen=12)
    rows.append(("canvas 280x280 -> preprocessing -> prediction",
                 *timed(lambda: dg.predict(dg.canvas_to_mnist(canvas), session), 200, 5)))

    import torch
    from dlplay.recipes import cnn
    torch.set_num_threads(settings.ORT_THREADS)  # same thread budget as the ORT session
    model = cnn.build(cnn.clamp(cnn.shipped_config()))
    cnn.shipped_weights(model)
    model.eval()
    xt = torch.from_numpy(x)

    def eager():
        with torch.no_grad():
            model(xt)
    rows.append((f"torch eager, batch 1 ({torch.get_num_threads()} thread)", *timed(eager, 500)))

    print(f"\nDigits bench on {settings.CPU_COUNT} cores, load average {load:.1f} at start\n")
    print(f"{'what':52s} {'median ms':>10s} {'p90 ms':>10s}")
    for name, med, p90 in rows:
        print(f"{name:52s} {med:10.3f} {p90:10.3f}")
    print(f"torch eager / ORT (median): {rows[2][1] / rows[0][1]:.1f}x")

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
