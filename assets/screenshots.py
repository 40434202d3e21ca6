"""Rebuild the README screenshots and the home page thumbnails from the running app.

    python assets/screenshots.py [--lang zh] [slug ...]

Serves the app, opens each page in Chromium at a height that fits the whole page (Streamlit
scrolls inside its own container, so a normal full-page shot is cut at the window), draws a
digit on pages that have a canvas, and writes assets/<slug>.png and assets/thumbs/<slug>.png
(with --lang zh: assets/zh/<slug>.png and assets/thumbs/zh/<slug>.png, the page in Chinese).
Page icons are emoji: without a colour emoji font (Debian: `apt-get install fonts-noto-color-emoji`)
headless Chromium draws them as empty boxes. Shoot the topic pages before home, whose cards show
their thumbnails (the default order does).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image  # noqa: E402

from dlplay.devtools import app_in_chromium  # noqa: E402
from dlplay.settings import ROOT  # noqa: E402
from tests.e2e.helpers import open_page, wait_idle  # noqa: E402

ASSETS = ROOT / "assets"
SLUGS = re.findall(r'topic_page\("(\w+)"\)', (ROOT / "app.py").read_text()) + ["home"]  # home shows the thumbnails
THUMB = (480, 300)


def draw_seven(page) -> None:
    canvas = page.locator("canvas.upper-canvas").first
    if canvas.count() == 0:
        return
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    pts = [(0.25, 0.2), (0.75, 0.2), (0.45, 0.85)]
    page.mouse.move(box["x"] + pts[0][0] * box["width"], box["y"] + pts[0][1] * box["height"])
    page.mouse.down()
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        for t in range(1, 11):
            page.mouse.move(box["x"] + (x0 + (x1 - x0) * t / 10) * box["width"],
                            box["y"] + (y0 + (y1 - y0) * t / 10) * box["height"])
    page.mouse.up()
    wait_idle(page)


def main() -> None:
    args = sys.argv[1:]
    lang = ""
    if args[:1] == ["--lang"]:
        lang, args = args[1], args[2:]
    slugs = args or SLUGS
    shots, thumbs = (ASSETS / lang, ASSETS / "thumbs" / lang) if lang else (ASSETS, ASSETS / "thumbs")
    shots.mkdir(parents=True, exist_ok=True)
    thumbs.mkdir(parents=True, exist_ok=True)
    query = f"?lang={lang}" if lang else ""
    with app_in_chromium() as (page, base, _):
        for slug in slugs:
            open_page(page, base, ("" if slug == "home" else slug) + query, timeout=180_000)
            if slug == "digits":
                draw_seven(page)
            height = 0
            for _ in range(6):  # a fragment (the digits lesson) may still be growing the page: fit until stable
                now = page.evaluate(
                    "() => document.querySelector('[data-testid=stMainBlockContainer]').scrollHeight + 120")
                if now == height:
                    break
                height = now
                page.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 9000)})
                wait_idle(page)
                page.wait_for_timeout(1500)  # plotly and images finish drawing
            out = shots / f"{slug}.png"
            page.screenshot(path=str(out))
            page.set_viewport_size({"width": 1400, "height": 1000})
            with Image.open(out) as img:
                top = img.crop((300, 0, 1400, 700)).convert("RGB")  # the page without the sidebar
                top.thumbnail(THUMB)
                top.save(thumbs / f"{slug}.png", optimize=True)
            print(f"wrote {out.relative_to(ROOT)} ({height}px tall) and its thumbnail")

if __name__ == "__main__":
    main()
