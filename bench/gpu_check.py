"""The CUDA paths, checked on a machine with an NVIDIA GPU: each recipe trains on cuda through the one
training loop, exports through the same ONNX path (parity-checked against torch), and is timed
beside the same run on the CPU.

    python bench/gpu_check.py            (or: python -m dlplay bench gpu_check)

Prints a table; on a machine without CUDA it says so and times the CPU only.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from dlplay import recipes, settings  # noqa: E402

RUNS = [  # small, fixed configs: the point is the path and the ratio, not the model
    ("mlp", {"epochs": 20, "samples": 400}),
    ("cnn", {"epochs": 2, "train_size": 4000}),
    ("autoencoder", {"epochs": 2}),
    ("gan", {"epochs": 2}),
]


def timed(recipe: str, config: dict, device: str) -> tuple[float, str, dict]:
    settings.TRAIN_DEVICE = device  # the loop's own choice, pinned for the comparison
    start = time.perf_counter()
    result = recipes.get(recipe).train(dict(config))
    seconds = time.perf_counter() - start
    shown = {k: round(v, 4) for k, v in result.metrics.items() if isinstance(v, float)}
    return seconds, result.outcome.status, shown


def main() -> None:
    cuda = torch.cuda.is_available()
    print(f"torch {torch.__version__}; cuda available: {cuda}"
          + (f" ({torch.cuda.get_device_name(0)})" if cuda else ""))
    torch.set_num_threads(1)  # the CPU column is one training job's share on a 2-core server
    print(f"{'recipe':12s} {'config':34s} {'cpu s':>7s} {'cuda s':>7s}  outcome / metrics on cuda")
    for recipe, config in RUNS:
        cpu_s, _, _ = timed(recipe, config, "cpu")
        if cuda:
            gpu_s, status, metrics = timed(recipe, config, "cuda")
            print(f"{recipe:12s} {str(config):34s} {cpu_s:7.1f} {gpu_s:7.1f}  {status} {metrics}")
        else:
            print(f"{recipe:12s} {str(config):34s} {cpu_s:7.1f} {'-':>7s}")


if __name__ == "__main__":
    main()
