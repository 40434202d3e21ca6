"""Canvas stroke -> `Prediction` metric, measured in Chromium, against a page that only echoes the canvas.

    python bench/canvas_latency.py [samples]      (or: python -m dlplay bench canvas_latency)

Both servers run at the same time and are measured alternately, so machine load affects both alike.
The difference is what our preprocessing, inference and page add on top of Streamlit's own round trip.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dlplay.devtools import ARGS, CHROMIUM, free_port, start_server, stop_server  # noqa: E402
from dlplay.settings import ROOT  # noqa: E402

PREDICTION = """() => [...document.querySelectorAll('[data-testid=stMetric]')]
                 .some(m => m.innerText.includes('Prediction') && /\\d/.test(m.innerText.replace('Prediction','')))"""


def start_echo(port: int) -> subprocess.Popen:
    import urllib.request
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "bench" / "echo_canvas_app.py"),
                             "--server.headless", "true", "--server.port", str(port), "--server.fileWatcherType",
                             "none", "--browser.gatherUsageStats", "false"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(300):
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read() == b"ok":
                return proc
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("echo app did not start")


def one_stroke(page, url: str) -> float:
    page.goto(url)
    canvas = page.locator("canvas.upper-canvas").first
    canvas.wait_for(timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 13):
        page.mouse.move(x, y + i * box["height"] * 0.05)
    t = time.perf_counter()
    page.mouse.up()
    page.wait_for_function(PREDICTION, timeout=60_000)
    return time.perf_counter() - t


def main() -> None:
    from playwright.sync_api import sync_playwright

    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    app_port, echo_port = free_port(), free_port()
    app, echo = start_server(app_port), start_echo(echo_port)
    times = {"DL Playground /digits": [], "echo page (canvas only)": []}
    urls = {"DL Playground /digits": f"http://127.0.0.1:{app_port}/digits",
            "echo page (canvas only)": f"http://127.0.0.1:{echo_port}/"}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            for name, url in urls.items():  # warm-up, not counted
                one_stroke(page, url)
            for _ in range(samples):
                for name, url in urls.items():
                    times[name].append(one_stroke(page, url))
            browser.close()
    finally:
        stop_server(app)
        stop_server(echo)
    print(f"{'page':28s} {'samples':>7} {'median':>8} {'p95':>8}")
    for name, t in times.items():
        t = sorted(t)
        p95 = t[min(len(t) - 1, int(round(0.95 * (len(t) - 1))))]
        print(f"{name:28s} {len(t):>7} {statistics.median(t) * 1000:>6.0f}ms {p95 * 1000:>6.0f}ms")
    extra = statistics.median(times["DL Playground /digits"]) - statistics.median(times["echo page (canvas only)"])
    print(f"our page adds {extra * 1000:.0f} ms (median) on top of Streamlit's own round trip")


if __name__ == "__main__":
    main()
