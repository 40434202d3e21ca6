"""Draw digits with the mouse in Chromium on /digits and read the Prediction metric."""
import pytest

from dlplay import settings
from dlplay.data import strokes
from tests.e2e.helpers import open_page, wait_idle

pytestmark = pytest.mark.skipif(not (settings.MODELS_DIR / "cnn_digits.onnx").exists(),
                                reason="models/cnn_digits.onnx not built yet (python -m dlplay train cnn)")

CASES = [  # digit, style, where and how big on the 280x280 canvas
    (3, 0, dict(cx=140, cy=140, size=200)),
    (7, 0, dict(cx=75, cy=80, size=110)),     # off-centre, top left
    (0, 0, dict(cx=205, cy=200, size=90)),    # small, bottom right
    (4, 1, dict(cx=140, cy=150, size=230)),
    (2, 0, dict(cx=200, cy=90, size=70)),     # small, top right
    (8, 0, dict(cx=120, cy=140, size=180)),
]


def draw(page, digit, style, where):
    box = page.locator("canvas.upper-canvas").first.bounding_box()
    k = box["width"] / 280  # the canvas may be displayed scaled
    for stroke in strokes.paths(digit, style, **where):
        pts = [(box["x"] + x * k, box["y"] + y * k) for x, y in stroke]
        page.mouse.move(*pts[0])
        page.mouse.down()
        for x, y in pts[1:]:
            page.mouse.move(x, y, steps=3)
        page.mouse.up()


def prediction(page) -> str:
    wait_idle(page)
    page.wait_for_selector("[data-testid=stMetric]:has-text('Prediction')", timeout=30_000)
    metric = page.locator("[data-testid=stMetric]").filter(has_text="Prediction").first
    return metric.locator("[data-testid=stMetricValue]").inner_text().strip()


def clear(page):
    # The bin empties the canvas in the browser; Python hears of it with the next stroke.
    page.locator("button[aria-label='Reset canvas & history']").first.click()
    page.wait_for_timeout(300)


def test_drawn_digits_are_read(page, app_url):
    open_page(page, app_url, "digits")
    page.wait_for_selector("canvas.upper-canvas", timeout=30_000)
    read = []
    for digit, style, where in CASES:
        draw(page, digit, style, where)
        read.append((digit, prediction(page)))
        print(read[-1])
        clear(page)
    assert page.locator("[data-testid=stException]").count() == 0
    assert all(str(d) == p for d, p in read), read
