"""How fast do the explorers answer a slider move? python -m dlplay bench explorers [--repeat 5] [--browser]

Server side (always): each page runs in Streamlit's AppTest; every scenario sets one widget and reruns
the whole script, as a slider move does in the browser. "new" values have never been seen (nothing cached
yet), "seen" values come back to earlier settings (st.cache_data answers). Also the library calls alone.
With --browser: a real server and Chromium; time from the key press on a slider to the page having
rerun (the URL carries the new value and the status widget is gone), plus the plot being redrawn.
No training runs on any of these reruns.
With --networks: what the two training runs of these pages reach at their defaults, over three seeds:
the optimizer race's validation accuracy per optimizer (after 10 epochs and at the end), and the mini
lab's validation accuracy per data set at its default epochs and at 200 (is a longer run worth it?).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dlplay import activations, deepstack, optimizers, settings  # noqa: E402
from dlplay.data import toy  # noqa: E402
from dlplay.devtools import app_in_chromium  # noqa: E402
from tests.e2e.helpers import wait_idle  # noqa: E402

# (page, label, widget kind, key, values to cycle through)
SCENARIOS = [
    ("activations", "focus function", "selectbox", "act_name", ["relu", "gelu", "tanh", "elu", "silu", "softplus"]),
    ("activations", "x range", "slider", "act_span", [4.0, 8.0, 12.0, 16.0, 20.0, 3.0]),
    ("activations", "stack depth 12..30, width 64", "slider", "ds_depth", [14, 18, 22, 26, 30, 16]),
    ("activations", "stack width 256, depth 30", "select_slider", "ds_width", [256, 128, 256, 128, 256, 128]),
    ("activations", "lab noise (data redraw)", "slider", "lab_noise", [0.05, 0.1, 0.2, 0.3, 0.4, 0.5]),
    ("optimizers", "show step (scrub)", "slider", "opt_step", [10, 50, 100, 150, 200, 250]),
    ("optimizers", "learning rate (new race)", "select_slider", "opt_lr", [0.0005, 0.002, 0.005, 0.0002, 0.01, 0.02]),
    ("optimizers", "noise (new race)", "slider", "opt_noise", [0.5, 1.0, 2.0, 4.0, 8.0, 16.0]),
    ("optimizers", "8 optimizers, 1000 steps", "slider", "opt_steps", [1000, 990, 980, 970, 960, 950]),
]


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def server_side(repeat: int) -> list[tuple]:
    rows = []
    for page, label, kind, key, values in SCENARIOS:
        at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120)
        if key == "ds_width":
            at.query_params["ds_depth"] = "30"
        if key == "opt_steps":
            at.query_params["opt_names"] = "sgd,momentum,momentum_ema,nesterov,adagrad,rmsprop,adam,adamw"
        t0 = time.perf_counter()
        at.run()
        first = time.perf_counter() - t0
        new, seen = [], []
        for r in range(repeat):
            for v in values:
                getattr(at, kind)(key=key).set_value(v)
                t0 = time.perf_counter()
                at.run()
                (new if r == 0 else seen).append(time.perf_counter() - t0)
                assert not at.exception, at.exception[0].value
        rows.append((page, label, first, statistics.median(new), max(new),
                     statistics.median(seen) if seen else float("nan"), pct(seen, 0.9) if seen else float("nan")))
    return rows


def library() -> list[tuple[str, float]]:
    def best(fn, n=5):
        times = []
        for _ in range(n):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return min(times)

    x = np.linspace(-6, 6, 801)
    return [
        ("evaluate(), 12 functions x 801 points", best(lambda: [activations.evaluate(n, x) for n in activations.NAMES])),
        ("deepstack.run depth 12 width 64", best(lambda: deepstack.run("sigmoid", 12, 64, "xavier"))),
        ("deepstack.run depth 30 width 256", best(lambda: deepstack.run("gelu", 30, 256, "he"), 3)),
        ("optimizers.run x 8, 1000 steps each", best(lambda: [optimizers.run(n, "rosenbrock", (-1.5, 2), 1000,
                                                                            lr=1e-3) for n in optimizers.NAMES], 3)),
    ]


SEEDS = (0, 1, 2)


def race_accuracy() -> list[tuple]:
    """(optimizer, learning rate, accuracy after epoch 10 per seed, final accuracy per seed, seconds per race)."""
    # torch (and the recipes, which import it) only for --networks: the page timings run without it, as the
    # server they measure does.
    import torch

    from dlplay.recipes import optrace

    torch.set_num_threads(1)
    names = list(optimizers.NAMES)
    early, final, seconds = {n: [] for n in names}, {n: [] for n in names}, []
    for seed in SEEDS:
        t0 = time.perf_counter()
        result = optrace.train({"optimizers": names, "seed": seed})
        seconds.append(time.perf_counter() - t0)
        history = result.outcome.history
        for n in names:
            early[n].append(history[min(9, len(history) - 1)].get(f"val_acc_{n}", float("nan")))
            final[n].append(history[-1].get(f"val_acc_{n}", float("nan")))
    per_race = statistics.median(seconds)
    return [(optimizers.LABELS[n], optrace.DEFAULTS[f"lr_{n}"], early[n], final[n], per_race) for n in names]


def lab_accuracy(long_epochs: int = 200) -> list[tuple]:
    """(data set, epochs, validation accuracy per seed, seconds per run) for the mini lab's defaults."""
    import torch  # only for --networks, as above

    from dlplay.recipes import mlp

    torch.set_num_threads(1)
    settings.MAX_EPOCHS = max(settings.MAX_EPOCHS, long_epochs)  # this bench asks what a longer run would give
    rows = []
    for dataset in toy.NAMES:
        for epochs in (mlp.TABLE["epochs"].default, long_epochs):
            accs, seconds = [], []
            for seed in SEEDS:
                t0 = time.perf_counter()
                result = mlp.train({"dataset": dataset, "epochs": epochs, "seed": seed})
                seconds.append(time.perf_counter() - t0)
                accs.append(result.outcome.history[-1]["val_acc"])
            rows.append((dataset, epochs, accs, statistics.median(seconds)))
    return rows


def networks() -> None:
    print(f"\nOptimizer race at its defaults (every optimizer; seeds {', '.join(map(str, SEEDS))}): "
          "validation accuracy")
    print(f"{'optimizer':<26} {'lr':>6} {'epoch 10':>18} {'final':>18}")
    rows = race_accuracy()
    for label, lr, early, final, _ in rows:
        print(f"{label:<26} {lr:>6g} {' '.join(f'{a:.2f}' for a in early):>18} "
              f"{' '.join(f'{a:.2f}' for a in final):>18}")
    print(f"(one race of all {len(rows)} optimizers, median: {rows[0][4]:.1f} s on one torch thread)")
    print("\nMini lab at its defaults: validation accuracy per data set")
    print(f"{'data':<10} {'epochs':>6} {'accuracy per seed':>20} {'s/run':>6}")
    for dataset, epochs, accs, secs in lab_accuracy():
        print(f"{dataset:<10} {epochs:>6} {' '.join(f'{a:.2f}' for a in accs):>20} {secs:6.2f}")


def browser(repeat: int) -> list[tuple]:
    moves = [("activations", "Depth (layers)", "ds_depth", "act_name="),
             ("optimizers", "Show step", "opt_step", "opt_surface="),
             ("optimizers", "lr: SGD, momentum, Nesterov", "opt_lr", "opt_surface=")]
    rows = []
    with app_in_chromium() as (pg, base, _):
        for page, label, key, marker in moves:
            pg.goto(f"{base}/{page}")
            pg.wait_for_url(lambda u: marker in u, timeout=60_000)
            wait_idle(pg)
            thumb = pg.locator("[data-testid=stSlider]", has_text=label).locator("input[type=range]").first
            times = []
            for i in range(repeat * 2):
                before = pg.url
                thumb.focus()
                t0 = time.perf_counter()
                pg.keyboard.press("ArrowRight" if (i // repeat) else "ArrowLeft")  # step is at its max
                # the script writes the new value into the URL as its last act; then the status widget goes
                pg.wait_for_function("(before) => location.href !== before", arg=before, timeout=30_000)
                pg.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')")
                times.append(time.perf_counter() - t0)
            rows.append((page, label, statistics.median(times), max(times)))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m dlplay bench explorers")
    ap.add_argument("--repeat", type=int, default=5, help="passes over each scenario's values (default 5)")
    ap.add_argument("--browser", action="store_true", help="also time slider moves in Chromium")
    ap.add_argument("--networks", action="store_true",
                    help="only train the race and the mini lab at their defaults and print what they reach")
    args = ap.parse_args()
    print(f"CPU cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    if args.networks:
        networks()
        return 0
    print("\nPage rerun after a widget change (AppTest, whole script), seconds")
    print(f"{'page':<12} {'widget':<32} {'first run':>9} {'new med':>8} {'new max':>8} {'seen med':>9} {'seen p90':>9}")
    for page, label, first, nmed, nmax, smed, sp90 in server_side(max(1, args.repeat)):
        print(f"{page:<12} {label:<32} {first:9.3f} {nmed:8.3f} {nmax:8.3f} {smed:9.3f} {sp90:9.3f}")
    print("\nLibrary calls alone (best of a few), seconds")
    for label, t in library():
        print(f"{label:<42} {t:8.4f}")
    if args.browser:
        print("\nChromium: key press on a slider -> page rerun finished, seconds")
        print(f"{'page':<12} {'slider':<32} {'median':>8} {'max':>8}")
        for page, label, med, mx in browser(max(1, args.repeat)):
            print(f"{page:<12} {label:<32} {med:8.3f} {mx:8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
