"""Does the GAN page's default run draw digits? python -m dlplay bench gan_default [--seeds 0 1 2]

Trains the recipe at the page's defaults (dlplay.recipes.gan.DEFAULTS, from dlplay.params.gan) on one
torch thread, which is what a training job gets on a 2-core server (cores / MAX_CONCURRENT_JOBS),
under the job's time cap, once per seed. Each run's generator is then read the way the page reads
it (dlplay.gan.load) and 1,000 samples are judged by the shipped digit CNN: its mean confidence
(real digits: about 0.99), the digit coverage (entropy of the predicted digits, 1.0 = all ten equally
often), how many of the ten digits appear at least 20 times, and, for a conditional generator, how
often the CNN reads the digit the generator was asked for. The shipped model is the reference row.
Wall seconds only mean something on a quiet machine, so the load average is printed beside them,
and so is the run's CPU time: with one thread it is close to what the run takes alone on one core.

`--config '{"lr_g": 0.0005}'` trains other settings instead of the defaults; `--grid FILE.png`
saves the first run's samples.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np
from PIL import Image

from dlplay import gan, gan_quality, runtime, settings, store
from dlplay.recipes import gan as recipe
from dlplay.train import use_threads

SAMPLES = 1000
SEEN = 20  # a digit counts as drawn when at least this many of the 1,000 samples are read as it


def judge(model: gan.Generator, session) -> dict:
    """The numbers of one generator on SAMPLES samples (their own digits, then asked digits)."""
    images = model.sample(SAMPLES, seed=12345)
    probs, _ = gan_quality.classify(images, session)
    counts = gan_quality.class_counts(probs)
    row = {"confidence": gan_quality.confidence(probs), "coverage": gan_quality.coverage(probs),
           "digits": int((counts >= SEEN).sum()), "agree": float("nan"), "images": images}
    if model.can_be_asked:
        asked = np.arange(SAMPLES) % 10
        asked_probs, _ = gan_quality.classify(model.generate(model.noise(SAMPLES, 54321), gan.onehot(asked)), session)
        row["agree"] = float((asked_probs.argmax(1) == asked).mean())
    return row


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m dlplay bench gan_default")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--config", default="{}", help="JSON settings that replace the defaults")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (a job on a 2-core server gets 1)")
    ap.add_argument("--grid", default="", help="save the first run's first 100 samples as this PNG")
    args = ap.parse_args()
    session = gan_quality.classifier()
    if session is None:
        print("models/cnn_digits.onnx is missing: build it with `python -m dlplay train cnn` first.")
        return 1
    use_threads(args.threads)
    config = {**recipe.DEFAULTS, **json.loads(args.config)}
    print(f"GAN default run: {recipe.clamp(config)}")
    print(f"{args.threads} torch thread(s), time cap {settings.JOB_WALL_SECONDS:.0f} s, "
          f"{SAMPLES} samples judged by the shipped digit CNN")
    header = (f"{'model':16s} {'seconds':>8s} {'CPU s':>6s} {'epochs':>6s} {'confidence':>10s} {'coverage':>8s} "
              f"{'digits >= 20':>12s} {'asked digit read':>16s} {'load before/after':>18s}")
    print(header)
    print("-" * len(header))
    rows = []
    for seed in args.seeds:
        before = os.getloadavg()[0]
        t0, cpu0 = time.perf_counter(), time.process_time()
        result = recipe.train({**config, "seed": seed}, max_seconds=settings.JOB_WALL_SECONDS)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        after = os.getloadavg()[0]
        if not result.artifacts:
            print(f"seed {seed:<11d} {seconds:8.1f} {result.outcome.message}")
            continue
        learner = store.LearnerModel("gan", "gan", result.config, result.artifacts, result.metrics,
                                     result.outcome.history, number=seed + 1)
        r = judge(gan.load(learner), session)
        rows.append(r)
        print(f"{'seed ' + str(seed):16s} {seconds:8.1f} {cpu:6.1f} {len(result.outcome.history):6d} {r['confidence']:10.3f} "
              f"{r['coverage']:8.3f} {r['digits']:12d} {r['agree']:16.3f} {before:8.2f} / {after:<7.2f}", flush=True)
    shipped = gan.load()
    ref = judge(shipped, session)
    epochs = runtime.metadata(shipped.plain).get("config", {}).get("epochs", 0)
    print(f"{'shipped model':16s} {'':>8s} {'':>6s} {epochs:6d} {ref['confidence']:10.3f} {ref['coverage']:8.3f} "
          f"{ref['digits']:12d} {ref['agree']:16.3f}")
    if args.grid and rows:
        Image.fromarray(gan.grid(rows[0]["images"][:100], cols=10, scale=2)).save(args.grid)
        print(f"first run's samples: {args.grid}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
