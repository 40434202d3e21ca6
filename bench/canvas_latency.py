"""Canvas stroke -> `Prediction` metric, measured in Chromium, against a page that only echoes the canvas.

    python bench/canvas_latency.py [samples] [--learners 10] [--rounds 4]
    (or: python -m dlplay bench canvas_latency ...)

Both servers run at the same time and are measured alternately, so machine load affects both alike.
The difference is what our preprocessing, inference and page add on top of Streamlit's own round trip.
Two scenes: one learner drawing alone (`--samples` strokes per page), and `--learners` learners, each
in their own browser context, releasing the mouse at the same moment (`--rounds` times per page).
Targets (issue 15): single learner median <= 1.2x the echo page's, all learners at once p95 <= 1.5x.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dlplay.devtools import ARGS, CHROMIUM, free_port, start_server, stop_server  # noqa: E402

PREDICTION = """() => [...document.querySelectorAll('[data-testid=stMetric]')]
                 .some(m => m.innerText.includes('Prediction') && /\\d/.test(m.innerText.replace('Prediction','')))"""
IDLE = "() => !document.querySelector('[data-testid=stStatusWidget]')"
DIGITS, ECHO = "DL Playground /digits", "echo page (canvas only)"


async def ready(page, url: str) -> None:
    """Open the page and wait until it is idle with its canvas on screen (not timed)."""
    await page.goto(url, timeout=180_000)
    await page.locator("canvas.upper-canvas").first.wait_for(timeout=180_000)
    await page.wait_for_function(IDLE, timeout=180_000)


async def stroke(page, together: asyncio.Barrier | None = None) -> float:
    """Draw one stroke and time mouse release -> a `Prediction` with a digit in it."""
    box = await page.locator("canvas.upper-canvas").first.bounding_box()
    x, y = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.2
    await page.mouse.move(x, y)
    await page.mouse.down()
    for i in range(1, 13):
        await page.mouse.move(x, y + i * box["height"] * 0.05)
    if together is not None:
        await together.wait()  # every learner lifts the pen at the same moment
    t = time.perf_counter()
    await page.mouse.up()
    await page.wait_for_function(PREDICTION, timeout=180_000)
    return time.perf_counter() - t


async def one_stroke(page, url: str) -> float:
    await ready(page, url)
    return await stroke(page)


def p95(t: list[float]) -> float:
    t = sorted(t)
    return t[min(len(t) - 1, int(round(0.95 * (len(t) - 1))))]


async def measure(urls: dict[str, str], samples: int, learners: int, rounds: int) -> dict:
    from playwright.async_api import async_playwright

    times = {(scene, name): [] for scene in ("single", "together") for name in urls}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = await browser.new_page(viewport={"width": 1300, "height": 900})
        for url in urls.values():  # warm-up, not counted
            await one_stroke(page, url)
        for _ in range(samples):
            for name, url in urls.items():
                times["single", name].append(await one_stroke(page, url))
        await page.close()
        if learners > 1:
            pages = [await (await browser.new_context(viewport={"width": 1300, "height": 900})).new_page()
                     for _ in range(learners)]
            for _ in range(rounds):
                for name, url in urls.items():
                    for p in pages:  # one after the other: the pages' loading is not what is measured
                        await ready(p, url)
                    together = asyncio.Barrier(learners)
                    times["together", name] += await asyncio.gather(*(stroke(p, together) for p in pages))
        await browser.close()
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("samples", nargs="?", type=int, default=20, help="strokes per page, one learner")
    ap.add_argument("--learners", type=int, default=10, help="learners drawing at once (1: skip that scene)")
    ap.add_argument("--rounds", type=int, default=4, help="simultaneous strokes per page with many learners")
    a = ap.parse_args()
    app_port, echo_port = free_port(), free_port()
    app = start_server(app_port)
    try:
        echo = start_server(echo_port, script="bench/echo_canvas_app.py")
    except Exception:
        stop_server(app)
        raise
    urls = {DIGITS: f"http://127.0.0.1:{app_port}/digits", ECHO: f"http://127.0.0.1:{echo_port}/"}
    try:
        times = asyncio.run(measure(urls, a.samples, a.learners, a.rounds))
    finally:
        stop_server(app)
        stop_server(echo)
    print(f"{'scene':22s} {'page':26s} {'samples':>7} {'median':>8} {'p95':>8}")
    for (scene, name), t in times.items():
        if t:
            label = "one learner" if scene == "single" else f"{a.learners} learners at once"
            print(f"{label:22s} {name:26s} {len(t):>7} {statistics.median(t) * 1000:>6.0f}ms {p95(t) * 1000:>6.0f}ms")
    single = statistics.median(times["single", DIGITS]) / statistics.median(times["single", ECHO])
    print(f"one learner, median /digits / echo: {single:.2f}x (target <= 1.2x)")
    if times["together", DIGITS]:
        many = p95(times["together", DIGITS]) / p95(times["together", ECHO])
        print(f"{a.learners} learners at once, p95 /digits / echo: {many:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
