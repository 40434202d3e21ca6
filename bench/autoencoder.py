"""Does the shipped autoencoder beat PCA? python -m dlplay bench autoencoder

Reconstruction MSE on the 500 held-out test digits (never seen in training or PCA fitting) for
the shipped 16-D autoencoder and the 2-D map VAE, each beside PCA with the same number of
components fitted on the training split; then denoising; then how the shipped digits CNN reads the
decoded typical code of each digit and the frames of the page's default morph; then serving
latencies (batch 1). Target from the issue: AE MSE <= 0.7 x PCA MSE at the shipped latent size.
"""
from __future__ import annotations

import time

import numpy as np

from dlplay import autoencoder as ae
from dlplay import digits as dg
from dlplay import runtime
from dlplay.data import digits
from dlplay.params.autoencoder import EXPLORE


def latency_ms(fn, repeats: int = 200) -> tuple[float, float]:
    fn()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return float(np.median(times)), float(np.percentile(times, 90))


def main() -> int:
    try:
        shipped = ae.load()
    except runtime.ModelFileError as e:
        print(e)
        return 1
    models = {"ae": shipped.quality, "ae2d": shipped.map}
    test = digits.load().test.images
    print(f"held-out test digits: {len(test)} ({digits.load().source})\n")
    print(f"{'model':8s} {'kind':4s} {'D':>3s} {'AE MSE':>8s} {'PCA MSE':>8s} {'AE/PCA':>7s}  target <= 0.70")
    for name, m in models.items():
        a = ae.mse(m.reconstruct(test), test).mean()
        p = ae.mse(ae.pca(m.latent).reconstruct(test), test).mean()
        verdict = "met" if a <= 0.7 * p else "NOT met"
        print(f"{name:8s} {m.kind:4s} {m.latent:3d} {a:8.4f} {p:8.4f} {a / p:7.2f}  {verdict if name == 'ae' else ''}")

    big = models["ae"]
    print(f"\ndenoising ({big.latent}-D AE vs PCA-{big.latent}), MSE against the clean digits:")
    print(f"{'noise sd':>8s} {'noisy':>8s} {'AE':>8s} {'PCA':>8s}")
    for level in (0.1, 0.3, 0.5):
        noisy = ae.add_noise(test, level, seed=0)
        print(f"{level:8.1f} {ae.mse(noisy, test).mean():8.4f} {ae.mse(big.reconstruct(noisy), test).mean():8.4f} "
              f"{ae.mse(ae.pca(big.latent).reconstruct(noisy), test).mean():8.4f}")

    ex = ae.explorer(models["ae2d"])
    typical = dg.load().predict(models["ae2d"].decode(ex.typical))
    print("\nthe digits CNN reading each digit's typical code on the 2-D map, decoded:")
    print("  digit    " + " ".join(f"{c:5d}" for c in range(10)))
    print("  read as  " + " ".join(f"{r:5d}" for r in typical.argmax(1)))
    print("  conf.    " + " ".join(f"{p:5.2f}" for p in typical.max(1)))
    a, b, method = EXPLORE["a"].default, EXPLORE["b"].default, EXPLORE["method"].default
    print(f"\ndefault morph {a} -> {b} ({method}), frames read by the digits CNN (confidence):")
    for steps in (EXPLORE["steps"].low, EXPLORE["steps"].default, EXPLORE["steps"].high):
        p = dg.load().predict(ex.morph(a, b, steps, method)[1])
        print(f"  {steps:2d} steps: " + " ".join(f"{r}({c:.2f})" for r, c in zip(p.argmax(1), p.max(1))))

    print("\nserving latency, batch 1, onnxruntime on", runtime.provider(big.encoder), "(ms, median / p90):")
    one = test[:1]
    z = big.encode(one)
    for label, fn in (("encode 16-D", lambda: big.encode(one)), ("decode 16-D", lambda: big.decode(z)),
                      ("grid 12x12 (2-D)", lambda: ex.grid((-3, 3), (-3, 3), 12))):
        if label.startswith("grid"):
            t = time.perf_counter()
            ex = ae.Explorer(models["ae2d"])  # timed afresh: the one above came from the cache
            print(f"  {'explorer build (2-D)':22s} {(time.perf_counter() - t) * 1000:8.1f} (once per model)")
        med, p90 = latency_ms(fn, 50 if label.startswith("grid") else 200)
        print(f"  {label:22s} {med:8.2f} / {p90:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
