"""Server memory once learners have trained and left, and the training processes' memory.

    python bench/memory_after_training.py [rounds]     (or: python -m dlplay bench memory_after_training)

Each round, three learners (browser contexts) each train the activations page's mini lab and the
digits CNN (1 epoch, 1,000 digits), then leave. After every round the table shows the server's RSS
with no session alive, the RSS of the training processes still alive, and whether torch is in the
server. Training processes exit after DLPLAY_WORKER_IDLE_SECONDS (set to 20 s here); the last row
waits for that.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dlplay.devtools import ARGS, CHROMIUM, free_port, has_torch_loaded, rss_mb, start_server, stop_server  # noqa: E402

IDLE = 20
PAGES = [("activations?lab_epochs=5&lab_samples=200", "Finished 5 epochs"),
         ("digits?dg_epochs=1&dg_train_size=1000", "Finished 1 epochs")]


def children_rss(pid: int) -> tuple[int, float]:
    """(count, total RSS in MB) of the server's child processes (the training workers)."""
    total, count = 0.0, 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        if ppid == pid:
            count += 1
            total += rss_mb(int(entry))
    return count, total


def train(browser, url: str) -> None:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    for path, done in PAGES:
        page.goto(f"{url}/{path}")
        page.get_by_role("button", name="Train", exact=True).wait_for(timeout=120_000)
        page.get_by_role("button", name="Train", exact=True).click()
        page.get_by_text(done).first.wait_for(timeout=300_000)
    ctx.close()


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    port = free_port()
    proc = start_server(port, extra_env={"DLPLAY_WORKER_IDLE_SECONDS": str(IDLE)},
                        args=["--server.disconnectedSessionTTL", "1"])
    url = f"http://127.0.0.1:{port}"
    rows = [("before any visitor", rss_mb(proc.pid), *children_rss(proc.pid), has_torch_loaded(proc.pid))]
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for r in range(1, rounds + 1):
                for _ in range(3):
                    train(browser, url)
                time.sleep(5)  # sessions expire one second after their browser leaves
                rows.append((f"after round {r} (3 learners x 2 jobs, all gone)", rss_mb(proc.pid),
                             *children_rss(proc.pid), has_torch_loaded(proc.pid)))
            browser.close()
        time.sleep(IDLE + 10)
        rows.append((f"{IDLE + 10} s later (idle training processes exit)", rss_mb(proc.pid),
                     *children_rss(proc.pid), has_torch_loaded(proc.pid)))
    finally:
        stop_server(proc)
    print(f"{'moment':48s} {'server RSS':>10s} {'trainers':>8s} {'trainer RSS':>11s} {'torch in server':>15s}")
    for name, server, n, workers, torch in rows:
        print(f"{name:48s} {server:8.0f} MB {n:8d} {workers:8.0f} MB {str(torch):>15s}")


if __name__ == "__main__":
    main()
