"""Fit the training cost model: python bench/training_cost.py [--no-write] [--no-check]

(or: python -m dlplay bench training_cost)

Trains every recipe briefly (2 epochs, small sizes) at two or three settings chosen to vary what its
cost depends on (examples, widths, layers, cells, length), the way a job trains (dlplay.jobs.local_work:
one torch thread on a 2-core server), and fits dlplay.training_costs' constants: each recipe's
multiply-adds per second and one fixed cost per update. Seconds are CPU seconds of the run scaled to its
epochs (what the run would take alone on a free core; the wall seconds and the load average are printed
beside them, since the machine may be shared). The constants go to dlplay/training_costs.json with the
date and the machine, unless --no-write.

The table gives each setting's measured and predicted seconds per epoch, their ratio with the constants
fitted on every row (fit), and with constants fitted without that row (left out: how well the model
predicts settings it has not seen). Then, unless --no-check, every recipe trains one epoch at the
learner's defaults, which the fit never saw, and is predicted the same way.
"""
from __future__ import annotations

import argparse
import datetime
import itertools
import json
import math
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dlplay import jobs, settings, train, training_costs  # noqa: E402

SMALL = 2  # epochs per measured run
RUNS: dict[str, list[dict]] = {
    "mlp": [{"samples": 400}, {"samples": 1000, "width": 64, "depth": 4}],
    "optrace": [{"optimizers": ["sgd", "adam"]}, {"optimizers": ["sgd", "momentum", "rmsprop", "adam", "adamw"]}],
    "cnn": [{"train_size": 1000, "channels": 8}, {"train_size": 1000, "channels": 16, "blocks": 3, "kernel": 5},
            {"train_size": 1500, "channels": 4, "blocks": 1, "augment": False}],
    "autoencoder": [{"samples": 1000, "width": 8}, {"samples": 1000, "width": 32, "kind": "ae", "latent": 16}],
    "gan": [{"samples": 1000}, {"samples": 1000, "arch": "fc", "batch_size": 64, "d_steps": 2}],
    "sentiment": [{"train_samples": 1000, "phrases": 500},
                  {"train_samples": 1500, "phrases": 0, "cell": "gru", "hidden": 16, "embedding": 16, "max_len": 24,
                   "pretrained": False},
                  {"train_samples": 1000, "phrases": 500, "layers": 2, "bidirectional": True, "hidden": 32,
                   "max_len": 32}],
    "sentiment_zh": [{"train_samples": 1000, "phrases": 500},
                     {"train_samples": 1000, "phrases": 1000, "cell": "lstm", "hidden": 32, "max_len": 48},
                     {"train_samples": 800, "phrases": 0, "cell": "rnn", "hidden": 16, "layers": 2,
                      "bidirectional": True, "max_len": 64}],
}
SHOWN = ("samples", "train_size", "train_samples", "phrases", "optimizers", "arch", "kind", "cell", "layers",
         "bidirectional", "width", "channels", "blocks", "kernel", "latent", "hidden", "embedding", "max_len",
         "augment", "pretrained", "batch_size", "d_steps")


def measure(recipe: str, config: dict) -> dict:
    """One run's seconds per epoch: wall (the history's, as dlplay.estimate records it) and CPU."""
    marks = []

    def callback(progress):
        marks.append((time.perf_counter(), time.process_time()))

    load = os.getloadavg()[0]
    result = jobs.local_work(recipe, config)(callback, None, None)
    history = result.outcome.history
    if result.outcome.status != "finished" or not history or len(marks) < 2:
        raise RuntimeError(f"{recipe} {config}: {result.outcome.status} {result.outcome.message}")
    wall = history[-1]["elapsed"] / len(history)
    (w0, c0), (w1, c1) = marks[0], marks[-1]
    share = (c1 - c0) / max(w1 - w0, 1e-9)  # CPU seconds per wall second while it trained
    return {"recipe": recipe, "config": config, "wall": wall, "cpu": wall * min(share, 1.0), "load": load}


def fit(rows: list[dict]) -> dict:
    """The fixed costs per update and per recurrent cell step (shared by all recipes) and each recipe's rate
    that make the predictions' squared log errors smallest; a rate is the geometric mean of its rows' work
    per second."""
    best = None
    for per_update, per_cell in itertools.product(_scale(3, 8.5), _scale(4, 8)):
        constants = {"madds_per_update": per_update, "madds_per_cell_step": per_cell, "madds_per_second": {}}
        for recipe in {r["recipe"] for r in rows}:
            rates = [training_costs.priced(r["work"], constants) / r["cpu"] for r in rows if r["recipe"] == recipe]
            constants["madds_per_second"][recipe] = math.exp(sum(map(math.log, rates)) / len(rates))
        error = sum(math.log(_predicted(r, constants) / r["cpu"]) ** 2 for r in rows)
        if best is None or error < best[0]:
            best = (error, constants)
    return best[1]


def _predicted(row: dict, constants: dict) -> float:
    return training_costs.predict(row["recipe"], row["config"], constants)


def _scale(low: float, high: float) -> list[float]:
    """Powers of ten from 10**low to 10**high, ten per decade."""
    return [10 ** (e / 10) for e in range(int(low * 10), int(high * 10) + 1)]


def left_out(rows: list[dict], i: int) -> float | None:
    """Row i's prediction by constants fitted without it (None when it is its recipe's only row)."""
    others = rows[:i] + rows[i + 1:]
    if not any(r["recipe"] == rows[i]["recipe"] for r in others):
        return None
    return _predicted(rows[i], fit(others))


def describe(config: dict) -> str:
    shown = []
    for key in SHOWN:
        if key in config:
            value = config[key]
            shown.append(f"{key}={len(value) if isinstance(value, list) else value}")
    return " ".join(shown) or "defaults"


def table(rows: list[dict], constants: dict, with_left_out: bool) -> None:
    print(f"{'recipe':13} {'settings':62} {'load':>5} {'wall s':>7} {'cpu s':>7} {'pred s':>7} {'fit':>5} "
          f"{'left out':>8}")
    for i, r in enumerate(rows):
        predicted = _predicted(r, constants)
        other = left_out(rows, i) if with_left_out else None
        print(f"{r['recipe']:13} {describe(r['config']):62.62} {r['load']:5.2f} {r['wall']:7.2f} {r['cpu']:7.2f} "
              f"{predicted:7.2f} {predicted / r['cpu']:5.2f} {(other / r['cpu']) if other else float('nan'):8.2f}")


def machine() -> dict:
    name = platform.processor() or platform.machine()
    try:
        name = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpu": name, "cores": settings.CPU_COUNT, "threads": train.threads_for_job()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true", help="print only; keep dlplay/training_costs.json")
    ap.add_argument("--no-check", action="store_true", help="skip the one-epoch runs at the learner's defaults")
    ap.add_argument("--rows", type=Path, help="JSON file of measured runs: read it when it exists (to refit "
                    "after changing a formula without training again), else write it")
    args = ap.parse_args()
    host = machine()
    print(f"{datetime.date.today()} · {host['cpu']} · {host['cores']} cores · {host['threads']} torch thread(s) "
          f"per job · load before {os.getloadavg()[0]:.2f}")
    if args.rows and args.rows.exists():
        rows, checks = json.loads(args.rows.read_text())
    else:
        rows = [measure(recipe, {**config, "epochs": SMALL}) for recipe, configs in RUNS.items() for config in configs]
        checks = [] if args.no_check else [measure(recipe, {"epochs": 1}) for recipe in RUNS]
        if args.rows:
            args.rows.write_text(json.dumps([rows, checks]))
    for r in rows + checks:
        r["work"] = training_costs.work(r["recipe"], r["config"])
    constants = fit(rows)
    print(f"\nfitted on {len(rows)} runs of {SMALL} epochs: {constants['madds_per_update']:,.0f} multiply-adds per "
          f"update, {constants['madds_per_cell_step']:,.0f} per recurrent cell step; multiply-adds per second: "
          + ", ".join(f"{k} {v / 1e9:.2f} G" for k, v in sorted(constants["madds_per_second"].items())))
    table(rows, constants, True)
    ratios = [_predicted(r, constants) / r["cpu"] for r in rows]
    others = [o / r["cpu"] for i, r in enumerate(rows) if (o := left_out(rows, i))]
    print(f"ratio predicted / measured: fit {min(ratios):.2f}-{max(ratios):.2f}, "
          f"left out {min(others):.2f}-{max(others):.2f}")
    if checks:
        print("\nthe learner's defaults, one epoch (not in the fit):")
        table(checks, constants, False)
        ratios = [_predicted(r, constants) / r["cpu"] for r in checks]
        print(f"ratio predicted / measured at the defaults: {min(ratios):.2f}-{max(ratios):.2f}")
    if not args.no_write:
        loads = [r["load"] for r in rows]
        data = {"measured": str(datetime.date.today()), "machine": host,
                "load_average": [round(min(loads), 2), round(max(loads), 2)],
                "command": "python bench/training_cost.py", "seconds": "CPU seconds per epoch, one torch thread",
                "madds_per_update": round(constants["madds_per_update"]),
                "madds_per_cell_step": round(constants["madds_per_cell_step"]),
                "madds_per_second": {k: round(v) for k, v in sorted(constants["madds_per_second"].items())}}
        training_costs.FITTED.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {training_costs.FITTED.relative_to(settings.ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
