"""How fast does the backprop page answer? python bench/backprop.py [--repeat 20]

Server side: the whole page in Streamlit's AppTest after each kind of press (a full rerun; in the browser
each section is a fragment, so a press reruns only its own section, which costs less), then the library
calls alone: a training press (+100 steps on 50 points), an update of the small network, the network
picture, and the figures each section draws. Prints median and 90th percentile in milliseconds.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from dlplay import backprop as bp  # noqa: E402
from dlplay import backprop_steps as steps  # noqa: E402
from dlplay.data import toy  # noqa: E402
from dlplay.ui import activation_figs  # noqa: E402
from dlplay.ui import backprop_figs as figs  # noqa: E402


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def row(label: str, ms: list[float]) -> None:
    ms = sorted(ms)
    print(f"| {label} | {statistics.median(ms):.1f} | {ms[int(0.9 * (len(ms) - 1))]:.1f} |")


def library(repeat: int) -> None:
    x, labels = steps.lab_data("xor", 50, 0)
    walk = steps.Walkthrough("k", bp.init([2, 4, 4, 2], 0))
    example, target = np.array([[1.0, -0.5]]), np.array([1])
    grid_xs, _, grid = toy.grid()

    def press_plus_100():
        lab = steps.Lab("k", bp.init([2, 8, 8, 1], 0), x, labels, "tanh")
        lab.train(100, 1.0)
        lab.probabilities(grid)

    t = bp.trace(walk.layers, example, target, "tanh", "ce")
    lab = steps.Lab("k", bp.init([2, 4, 1], 0), x, labels, "tanh")
    lab.train(300, 1.0)
    row("training press: +100 steps, 2-8-8-1 on 50 points, boundary grid", timed(press_plus_100, repeat))
    row("update of the 2-4-4-2 network", timed(lambda: walk.update(example, target, "tanh", "ce", 0.3), repeat))
    row("network picture (DOT, 2-4-4-2)",
        timed(lambda: figs.network_dot(walk.layers, t, 3, 3, (0, 0, 0), "CE"), repeat))
    row("neuron plane figure", timed(lambda: figs.neuron_plane(0.8, -0.5, 0.1, "sigmoid", 1.0, 0.5), repeat))
    row("loss figures (curves, slowdown run and figure, softmax bars)", timed(lambda: (
        figs.loss_curves(1, -4.0), figs.slowdown(steps.confidently_wrong(-4.0, 1, 60, 1.0), 1),
        figs.softmax_bars(np.array([0.7, 0.2, 0.1]), np.array([0.7, -0.8, 0.1]), 1)), repeat))
    row("training figures after 300 steps (boundary, history)", timed(lambda: (
        activation_figs.lab(x, labels, lab.probabilities(grid), grid_xs, "t"), figs.history(lab.losses, lab.accuracy)),
        repeat))


def page(repeat: int) -> None:
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "pages" / "backprop.py"), default_timeout=60).run()
    presses = {"full rerun, nothing pressed": lambda: at.run(),
               "full rerun after Forward": lambda: at.button(key="bp_forward").click().run(),
               "full rerun after Update": lambda: at.button(key="bp_update").click().run(),
               "full rerun after +100": lambda: at.button(key="bp_train_100").click().run()}
    for label, press in presses.items():
        ms = []
        for _ in range(repeat):
            if label.endswith("Forward"):
                at.session_state["_bp_net"].forward = 0
            ms.append(timed(press, 1)[0])
        row(f"page in AppTest: {label}", ms)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    print("| what | median ms | p90 ms |\n|---|---|---|")
    library(args.repeat)
    page(max(3, args.repeat // 4))


if __name__ == "__main__":
    main()
