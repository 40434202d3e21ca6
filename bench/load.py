"""Many learners at once: N browser sessions draw digits and ask the GAN for new samples.

    python bench/load.py 10 30          (or: python -m dlplay bench load 10 30)

For each N, all sessions start together in one headless Chromium (one Playwright context each, so
each is its own Streamlit session). Every session, ROUNDS times: open /digits, draw a stroke, time
mouse-up -> `Prediction` metric; open /gan, time "New seed" click -> new image. Prints p50/p95
latency (and of opening a page until it is drawn), errors (anything not done within 3 minutes, or a
page error), server memory, and CPU seconds used by the server and by the whole machine. The
browser runs on the same 2 cores as the server, so these numbers are pessimistic for a real class (whose browsers run on their own machines).
"""
from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

from playwright.async_api import async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dlplay.devtools import ARGS, CHROMIUM, free_port, has_torch_loaded, rss_mb, start_server, stop_server  # noqa: E402

ROUNDS = 2
# Every wait gets the same 3 minutes; anything slower is an error. How many page opens took over 30 s
# is reported separately (earlier versions stopped a learner at 30 s on /gan, but at 180 s elsewhere).
WAIT_MS = 180_000
SLOW_OPEN_S = 30
IDLE = "() => !document.querySelector('[data-testid=stStatusWidget]')"
PREDICTION = """() => [...document.querySelectorAll('[data-testid=stMetric]')]
                 .some(m => m.innerText.includes('Prediction') && /\\d/.test(m.innerText.replace('Prediction','')))"""


async def _open(page, url, ready: str, opens: list):
    """Open a page and wait until `ready` (a selector) shows and the script is idle; record how long."""
    t = time.perf_counter()
    await page.goto(url, timeout=WAIT_MS)
    await page.wait_for_selector(ready, timeout=WAIT_MS)
    await page.wait_for_function(IDLE, timeout=WAIT_MS)
    opens.append(time.perf_counter() - t)


async def draw_and_read(page, base, opens):
    await _open(page, f"{base}/digits", "canvas.upper-canvas", opens)
    canvas = page.locator("canvas.upper-canvas").first
    box = await canvas.bounding_box(timeout=WAIT_MS)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.2
    await page.mouse.move(x, y)
    await page.mouse.down()
    for i in range(1, 13):
        await page.mouse.move(x, y + i * box["height"] * 0.05)
    t = time.perf_counter()
    await page.mouse.up()
    await page.wait_for_function(PREDICTION, timeout=WAIT_MS)
    return time.perf_counter() - t


async def new_samples(page, base, opens):
    await _open(page, f"{base}/gan", "[data-testid=stMain] img", opens)
    img = page.locator("[data-testid=stMain] img").first
    before = await img.get_attribute("src", timeout=WAIT_MS)
    t = time.perf_counter()
    await page.get_by_role("button", name="New seed").click(timeout=WAIT_MS)
    await page.wait_for_function(
        "(b) => { const i = document.querySelector('[data-testid=stMain] img'); return i && i.src !== b; }",
        arg=before, timeout=WAIT_MS)
    return time.perf_counter() - t


async def learner(browser, base, results):
    ctx = await browser.new_context(viewport={"width": 1300, "height": 900})
    page = await ctx.new_page()
    page.on("pageerror", lambda e: results["errors"].append(f"page error: {e}"))
    try:
        for _ in range(ROUNDS):
            results["digits"].append(await draw_and_read(page, base, results["open"]))
            results["gan"].append(await new_samples(page, base, results["open"]))
        if await page.locator("[data-testid=stException]").count():
            results["errors"].append("exception shown")
    except Exception as e:  # a timeout is an error for the table, not a crash of the bench
        results["errors"].append(f"{type(e).__name__}: {str(e)[:120]}")
    finally:
        await ctx.close()


async def run(n: int, base: str, pid: int) -> dict:
    results = {"digits": [], "gan": [], "open": [], "errors": [], "peak_rss": rss_mb(pid)}

    async def watch():
        while True:
            results["peak_rss"] = max(results["peak_rss"], rss_mb(pid))
            await asyncio.sleep(0.5)

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        watcher = asyncio.create_task(watch())
        t, server_cpu, machine_cpu = time.perf_counter(), cpu_seconds(pid), cpu_seconds()
        await asyncio.gather(*(learner(browser, base, results) for _ in range(n)))
        results["wall"] = time.perf_counter() - t
        # Who used the cores: on one machine the browsers compete with the server they measure.
        results["server_cpu"], results["machine_cpu"] = cpu_seconds(pid) - server_cpu, cpu_seconds() - machine_cpu
        watcher.cancel()
        await browser.close()
    results["rss_after"] = rss_mb(pid)
    return results


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time used so far by one process (pid) or by the whole machine (None), in seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    if pid is None:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        return (sum(int(f) for f in fields) - int(fields[3]) - int(fields[4])) / tick  # minus idle, iowait
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick  # utime + stime


def pct(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10, 30]
    port = free_port()
    proc = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(run(1, base, proc.pid))  # warm-up: load models once, like a server that has been up
        baseline = rss_mb(proc.pid)
        rows = []
        for n in sizes:
            r = asyncio.run(run(n, base, proc.pid))
            rows.append((n, r))
        torch_loaded = has_torch_loaded(proc.pid)
    finally:
        stop_server(proc)
    print(f"server RSS after warm-up: {baseline:.0f} MB; torch loaded in server: {torch_loaded}")
    print(f"{'sessions':>8} {'draw->Prediction p50':>21} {'p95':>6} {'New seed->image p50':>20} {'p95':>6} "
          f"{'page open p50':>14} {'p95':>6} {f'opens>{SLOW_OPEN_S}s':>10} {'requests':>8} {'errors':>6} "
          f"{'peak RSS':>9} {'wall':>6} {'server CPU':>11} {'all CPU':>8}")
    for n, r in rows:
        slow = sum(t > SLOW_OPEN_S for t in r["open"])
        print(f"{n:>8} {pct(r['digits'], .5):>20.2f}s {pct(r['digits'], .95):>5.2f}s {pct(r['gan'], .5):>19.2f}s "
              f"{pct(r['gan'], .95):>5.2f}s {pct(r['open'], .5):>13.2f}s {pct(r['open'], .95):>5.2f}s {slow:>10} "
              f"{len(r['digits']) + len(r['gan']):>8} {len(r['errors']):>6} "
              f"{r['peak_rss']:>7.0f}MB {r['wall']:>5.0f}s {r['server_cpu']:>10.0f}s {r['machine_cpu']:>7.0f}s")
        for e in sorted(set(r["errors"]))[:5]:
            print(f"         error: {e}")


if __name__ == "__main__":
    main()
