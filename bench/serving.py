"""Serving footprint: cold start, first rendered page, and server memory after visiting every page.

    python bench/serving.py            (or: python -m dlplay bench serving)
    python bench/serving.py --both-languages     every page in English, then every page in Chinese

Prints a table. Training is not touched, so torch must stay out of the server process.
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dlplay.devtools import ARGS, CHROMIUM, free_port, has_torch_loaded, rss_mb, start_server, stop_server  # noqa: E402
from dlplay.settings import ROOT  # noqa: E402

SLUGS = ["", "about"] + re.findall(r'topic_page\("(\w+)"\)', (ROOT / "app.py").read_text())


def main() -> None:
    visits = [(slug, "") for slug in SLUGS]
    if "--both-languages" in sys.argv:
        visits += [(slug, "?lang=zh") for slug in SLUGS]

    rows = []
    port = free_port()
    t0 = time.perf_counter()
    proc = start_server(port)
    health = time.perf_counter() - t0
    rows.append(("server health endpoint answers", f"{health:.2f} s"))
    rows.append(("server RSS before any visitor", f"{rss_mb(proc.pid):.0f} MB"))
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for slug, query in visits:
                t = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/{slug}{query}")
                page.wait_for_selector("h1", timeout=120_000)
                first = time.perf_counter() - t
                page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')",
                                       timeout=120_000)
                done = time.perf_counter() - t
                if slug == "" and not query:
                    rows.append(("cold start to first rendered page (server start + home)",
                                 f"{health + first:.2f} s"))
                rows.append((f"/{slug or ''}{query}: title shown / page finished", f"{first:.2f} s / {done:.2f} s"))
            browser.close()
        rows.append(("server RSS after visiting every page (target <= 250 MB)", f"{rss_mb(proc.pid):.0f} MB"))
        rows.append(("torch loaded in the server", str(has_torch_loaded(proc.pid))))
    finally:
        stop_server(proc)
    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':{width}s}  value")
    print("-" * (width + 20))
    for name, value in rows:
        print(f"{name:{width}s}  {value}")


if __name__ == "__main__":
    main()
