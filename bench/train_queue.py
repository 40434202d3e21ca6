"""Four learners press Train at the same moment on the digits page (2-core machine).

    python bench/train_queue.py [learners]      (or: python -m dlplay bench train_queue)

Each learner is its own Chromium context (its own Streamlit session). With the default pool
(one job per core) two jobs train and the others wait, seeing their queue position. The last
learner presses Stop while its job is queued or running. Reported per learner: what the page
showed, the longest time its progress text went without changing (a frozen page would show
a long gap), how long until its job ended and how it ended.
"""
from __future__ import annotations

import asyncio
import re
import sys
import time
from pathlib import Path

from playwright.async_api import async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dlplay.devtools import ARGS, CHROMIUM, free_port, start_server, stop_server  # noqa: E402

PAGE = "digits?dg_epochs=3"
ENDED = re.compile(r"(Finished \d+ epochs|Stopped|diverged|failed|time limit)", re.I)


async def learner(browser, base: str, out: dict):
    ctx = await browser.new_context(viewport={"width": 1300, "height": 900})
    page = await ctx.new_page()
    await page.goto(f"{base}/{PAGE}", timeout=180_000)
    await page.get_by_role("button", name="Train", exact=True).wait_for(timeout=180_000)
    await page.wait_for_timeout(1500)
    out["seen"] = set()
    return ctx, page


async def watch(page, t0, stop_after, out):
    last_text, last_change, gaps = None, time.perf_counter(), []
    pressed = False
    while True:
        texts = await page.locator("[data-testid=stProgress]").all_inner_texts()
        alerts = " ".join(await page.locator("[data-testid=stAlert]").all_inner_texts())
        text = " ".join(texts)
        if "queue" in alerts:
            out["seen"].add("queue position")
        if "epoch" in text:
            out["seen"].add("progress")
        now = time.perf_counter()
        if text != last_text:
            gaps.append(now - last_change)
            last_text, last_change = text, now
        m = ENDED.search(alerts)
        if m:
            out["ended"] = m.group(1)
            out["after"] = now - t0
            break
        if stop_after is not None and not pressed and now - t0 > stop_after:
            await page.get_by_role("button", name="Stop", exact=True).click()
            pressed = True
        if now - t0 > 600:
            out["ended"] = "still running after 600 s"
            break
        await asyncio.sleep(0.25)
    out["max_gap"] = max(gaps[1:] or [0.0])


async def main_async(n: int):
    port = free_port()
    proc = start_server(port)
    base = f"http://127.0.0.1:{port}"
    outs = [{} for _ in range(n)]
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            opened = [await learner(browser, base, outs[i]) for i in range(n)]
            t0 = time.perf_counter()
            await asyncio.gather(*(p.get_by_role("button", name="Train", exact=True).click() for _, p in opened))
            await asyncio.gather(*(watch(p, t0, 8.0 if i == n - 1 else None, outs[i])
                                   for i, (_, p) in enumerate(opened)))
            await browser.close()
    finally:
        stop_server(proc)
    print(f"{n} learners pressed Train at once on /{PAGE} (learner {n} presses Stop after 8 s)")
    print(f"{'learner':>7}  {'page showed':28s} {'longest progress gap':>21} {'ended after':>12}  how")
    for i, o in enumerate(outs, 1):
        print(f"{i:>7}  {', '.join(sorted(o.get('seen', []))) or '-':28s} {o.get('max_gap', float('nan')):>20.1f}s "
              f"{o.get('after', float('nan')):>11.1f}s  {o.get('ended', '?')}")


if __name__ == "__main__":
    asyncio.run(main_async(int(sys.argv[1]) if len(sys.argv) > 1 else 4))
