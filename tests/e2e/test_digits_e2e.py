"""Draw digits with the mouse in Chromium on /digits and read the Prediction metric (预测 in Chinese).
The shipped models are in git: a missing one fails these tests."""
import pytest

from dlplay.data import strokes
from tests.e2e.helpers import MAIN_PICTURE, open_page, visible_fraction, wait_idle, wait_rerun

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


def prediction(page, label: str = "Prediction") -> str:
    wait_rerun(page)
    page.wait_for_selector(f"[data-testid=stMetric]:has-text('{label}')", timeout=30_000)
    metric = page.locator("[data-testid=stMetric]").filter(has_text=label).first
    return metric.locator("[data-testid=stMetricValue]").inner_text().strip()


def clear(page):
    page.get_by_role("button", name="Clear", exact=True).first.click()
    wait_rerun(page)
    assert ink_on_canvas(page) == 0


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


def test_a_digit_drawn_in_chinese_is_read(page, app_url):
    """From a ?lang=zh link: the reading is labelled 预测, the bars' picture and its caption are Chinese."""
    open_page(page, app_url, "digits?lang=zh")
    page.wait_for_selector("canvas.upper-canvas", timeout=30_000)
    draw(page, 3, 0, dict(cx=140, cy=140, size=200))
    assert prediction(page, "预测") == "3"
    assert page.locator("[data-testid=stMetric]").filter(has_text="Prediction").count() == 0
    assert page.get_by_text("识别所用模型：内置模型。").count() >= 1
    assert page.locator("[data-testid=stException]").count() == 0


def ink_on_canvas(page) -> int:
    """How many bright pixels the browser's drawing canvas holds (what the learner sees)."""
    return page.evaluate("""() => {
        const find = (root) => root.querySelector('canvas.dc-canvas.lower-canvas') ||
            [...root.querySelectorAll('*')].map(e => e.shadowRoot && find(e.shadowRoot)).find(Boolean);
        const c = find(document);
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] > 128) n++;
        return n;
    }""")


def a_four_read(page, app_url, path: str = "digits") -> int:
    """Open the page, draw a 4, see it read; returns the ink on the canvas."""
    open_page(page, app_url, path)
    page.wait_for_selector("canvas.upper-canvas", timeout=30_000)
    draw(page, 4, 0, dict(cx=140, cy=140, size=200))
    assert prediction(page) == "4"
    return ink_on_canvas(page)


def test_retrain_from_a_shared_link_keeps_the_drawing(page, app_url):
    """Settings come from the URL; after training, the drawing stays on screen and both models read it."""
    before = a_four_read(page, app_url, "digits?dg_epochs=1&dg_train_size=400&dg_channels=4&dg_blocks=1")
    assert before > 1000
    page.get_by_role("button", name="Train", exact=True).first.click()
    page.wait_for_selector("[data-testid=stMetric]:has-text('Shipped model says')", timeout=180_000)
    wait_idle(page)
    assert page.locator("[data-testid=stException]").count() == 0
    assert ink_on_canvas(page) == before
    shipped = page.locator("[data-testid=stMetric]").filter(has_text="Shipped model says").first
    assert shipped.locator("[data-testid=stMetricValue]").inner_text().strip() == "4"


def test_fat_pen_from_the_slider(page, app_url):
    open_page(page, app_url, "digits")
    page.wait_for_selector("canvas.upper-canvas", timeout=30_000)
    thumb = page.get_by_role("slider", name="Pen width")
    thumb.focus()
    for _ in range(27):  # 18 -> 45 px: a marker pen
        page.keyboard.press("ArrowRight")
    wait_idle(page)
    page.wait_for_timeout(1000)  # each key press re-sent the canvas its pen; let it settle before drawing
    shown = page.locator("[data-testid=stSlider]").filter(has_text="Pen width").first
    assert shown.locator("[data-testid=stSliderThumbValue]").inner_text().strip() == "45"
    draw(page, 5, 0, dict(cx=140, cy=140, size=170))
    assert prediction(page) == "5"


def _nav(page, path: str):
    """Move to another page as a learner does (the sidebar's link), keeping the session."""
    page.locator(f"[data-testid=stSidebarNav] a[href$='/{path}']").first.click()
    wait_rerun(page)


def test_the_drawing_survives_leaving_the_page(page, app_url):
    before = a_four_read(page, app_url)
    _nav(page, "about")
    assert page.locator("canvas.upper-canvas").count() == 0
    _nav(page, "digits")
    page.wait_for_selector("canvas.upper-canvas", timeout=30_000)
    wait_idle(page)
    assert ink_on_canvas(page) == before
    assert prediction(page) == "4"
    assert page.locator("[data-testid=stException]").count() == 0


@pytest.mark.parametrize("screen", ["projector", "phone"])
def test_where_the_prediction_shows(browser, app_url, screen):
    """On a projector (presenter mode, 1280x720) the Prediction needs no scrolling; on a phone it sits
    under the canvas, before the bars."""
    projector = screen == "projector"
    context = browser.new_context(viewport={"width": 1280, "height": 720} if projector else
                                  {"width": 390, "height": 844}, has_touch=not projector, is_mobile=not projector)
    page = context.new_page()
    try:
        open_page(page, app_url, "digits?present=1" if projector else "digits")
        page.wait_for_selector("canvas.upper-canvas", timeout=30_000)
        draw(page, 3, 0, dict(cx=140, cy=140, size=200))
        assert prediction(page) == "3"
        value = page.locator("[data-testid=stMetric]").filter(has_text="Prediction").first
        shown = value.locator("[data-testid=stMetricValue]").bounding_box()
        if projector:
            assert shown["y"] + shown["height"] <= 720  # with no scrolling
            assert visible_fraction(page) >= 0.8
        else:
            canvas = page.locator("canvas.upper-canvas").first.bounding_box()
            bars = page.locator(f"{MAIN_PICTURE} [data-testid=stImage]").first.bounding_box()
            assert canvas["y"] + canvas["height"] < shown["y"] < bars["y"]  # under the canvas, before the bars
    finally:
        context.close()


def _opacity(locator) -> float:
    """The lowest opacity on the way from the element to the page: 0 anywhere hides it."""
    return locator.evaluate("""(el) => { let o = 1;
        for (let e = el; e && e.nodeType === 1; e = e.parentElement) o = Math.min(o, +getComputedStyle(e).opacity);
        return o; }""")


@pytest.mark.parametrize("phone", [False, True])
def test_undo_and_clear_show_without_hovering(browser, app_url, phone):
    """Undo and Clear are buttons of the page under the canvas (the component's own toolbar appears
    only while a mouse hovers over it, never on a touch screen); a tap works them."""
    size = {"width": 390, "height": 844} if phone else {"width": 1400, "height": 1000}
    context = browser.new_context(viewport=size, has_touch=phone, is_mobile=phone)
    page = context.new_page()
    try:
        open_page(page, app_url, "digits")
        page.wait_for_selector("canvas.upper-canvas", timeout=30_000)
        page.mouse.move(1, 1)  # nowhere near the canvas
        undo = page.get_by_role("button", name="Undo", exact=True).first
        clear_button = page.get_by_role("button", name="Clear", exact=True).first
        for button in (undo, clear_button):
            button.scroll_into_view_if_needed()
            assert button.is_visible() and _opacity(button) == 1.0
        assert undo.is_disabled()  # nothing to take back yet
        page.locator("canvas.upper-canvas").first.scroll_into_view_if_needed()
        draw(page, 4, 0, dict(cx=140, cy=140, size=200))  # two strokes
        wait_rerun(page)
        two_strokes = ink_on_canvas(page)
        undo.tap() if phone else undo.click()
        wait_rerun(page)
        assert 0 < ink_on_canvas(page) < two_strokes  # the 4's second stroke is gone, the first stays
        clear_button.tap() if phone else clear_button.click()
        wait_rerun(page)
        assert ink_on_canvas(page) == 0
        assert not [m for m in page.locator("[data-testid=stMetric]").all_inner_texts() if "Prediction" in m]
        assert page.locator("[data-testid=stException]").count() == 0
    finally:
        context.close()


def test_a_forged_canvas_picture_gets_a_calm_message(page, app_url):
    """A script in the page makes the canvas send an 800x800 white PNG (3.7 KB; it once cost a
    minute of server CPU per stroke): the page says the drawing could not be read, shows no
    prediction and stays responsive."""
    import base64
    import io

    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGBA", (800, 800), "white").save(buf, format="PNG")
    forged = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
    open_page(page, app_url, "digits")
    page.wait_for_selector("canvas.upper-canvas", timeout=30_000)
    page.evaluate("(url) => { HTMLCanvasElement.prototype.toDataURL = () => url; }", forged)
    draw(page, 1, 0, dict(cx=140, cy=140, size=200))
    wait_rerun(page)
    page.wait_for_selector("[data-testid=stAlert]:has-text('could not be read')", timeout=30_000)
    assert not [m for m in page.locator("[data-testid=stMetric]").all_inner_texts() if "Prediction" in m]
    assert page.locator("[data-testid=stException]").count() == 0
