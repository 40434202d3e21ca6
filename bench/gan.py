"""How good is the shipped GAN? python -m dlplay bench gan [--n 2000] [--seed 0]

Samples digits from the shipped generator (dlplay.gan.load(); each latent picks its own digit) and judges them
with the project's digit classifier (models/cnn_digits.onnx): confidence, class coverage and the
Frechet distance to held-out real digits, next to the same numbers for real and blurred real digits.
"""
from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from dlplay import gan, gan_quality, runtime
from dlplay.data import digits


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m dlplay bench gan")
    ap.add_argument("--n", type=int, default=2000, help="generated samples (default 2000)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    session = gan_quality.classifier()
    if session is None:
        print("models/cnn_digits.onnx is missing: build it with `python -m dlplay train cnn` first.")
        return 1
    try:
        model = gan.load()
        t0 = time.perf_counter()
        generated = model.sample(args.n, args.seed)
        ms = (time.perf_counter() - t0) * 1000
    except runtime.ModelFileError as e:
        print(e)
        return 1
    d = digits.load()
    held_out = np.concatenate([d.val.images, d.test.images])
    reference = d.train.images[np.random.default_rng(args.seed).permutation(len(d.train.images))[:args.n]]
    r = gan_quality.report(generated, held_out, reference, session)
    print(f"GAN quality: {args.n} samples (seed {args.seed}) vs {len(held_out)} held-out real digits; "
          f"classifier features: {r.pop('features')}")
    print(f"{'images':28s} {'confidence':>10s} {'coverage (bits)':>16s} {'Frechet':>9s}")
    for name, row in r.items():
        print(f"{name:28s} {row['confidence']:10.3f} {row['coverage_bits']:16.3f} {row['frechet']:9.3f}")
    print(f"{'targets (generated)':28s} {'>= 0.900':>10s} {'>= 3.200':>16s} {'':>9s}  (max coverage 3.322)")
    print("predicted classes of the generated digits:", r["generated"]["counts"])
    if model.can_be_asked:
        # a conditional generator can be asked for a digit: does the classifier read that digit?
        per = max(1, args.n // 10)
        asked = np.repeat(np.arange(10), per)
        probs, _ = gan_quality.classify(model.generate(model.noise(len(asked), args.seed + 1), gan.onehot(asked)),
                                        session)
        hits = probs.argmax(1) == asked
        print(f"asked for a digit ({per} each): classifier agrees {hits.mean():.3f}; per digit "
              + " ".join(f"{k}:{hits[asked == k].mean():.2f}" for k in range(10)))
    meta = runtime.metadata(model.plain)
    print(f"sampling {args.n} digits took {ms:.0f} ms; generator config: {meta.get('config')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
