"""Autoencoder page in Chromium: clicking the map decodes the clicked digit or the empty point clicked.
The shipped models are in git: a missing one fails here (the page shows its rebuild message)."""
import time

from tests.e2e.helpers import open_page, wait_idle


def decoded(page):
    """The decoded point's image (its src changes with its pixels) and caption."""
    figure = page.locator("[data-testid=stImage]").filter(has_text="decoded at").first
    figure.wait_for()
    return figure.locator("img").get_attribute("src"), figure.inner_text()


def decoded_after(page, old_src, timeout_s=20.0):
    """The decoded image once it differs from `old_src` (a click's rerun can start after a short pause)."""
    deadline = time.time() + timeout_s
    while True:
        wait_idle(page)
        src, caption = decoded(page)
        if src != old_src or time.time() > deadline:
            return src, caption
        page.wait_for_timeout(300)


def test_clicking_a_digit_on_the_map_decodes_it(page, app_url):
    open_page(page, app_url, "autoencoder")
    src, caption = decoded(page)
    assert "decoded at (0.00, 0.00)" in caption
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.scroll_into_view_if_needed()
    # The first trace holds the held-out zeros; click one of its markers.
    point = chart.locator(".scatterlayer .trace").first.locator("path.point").first
    point.wait_for()
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    src2, caption2 = decoded_after(page, src)
    assert src2 != src
    assert "held-out digit 0" in caption2
    assert page.locator("[data-testid=stException]").count() == 0


def test_clicking_empty_space_decodes_that_point(page, app_url):
    open_page(page, app_url, "autoencoder")
    src, _ = decoded(page)
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.scroll_into_view_if_needed()
    plot = chart.locator(".nsewdrag").first  # the plotting area
    box = plot.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.08, box["y"] + box["height"] * 0.08)  # near the top-left corner
    src2, caption2 = decoded_after(page, src)
    assert src2 != src and "held-out digit" not in caption2 and "(0.00, 0.00)" not in caption2
    assert page.get_by_text("outside the training region").count() >= 1
