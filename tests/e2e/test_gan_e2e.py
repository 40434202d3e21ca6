"""GAN page in Chromium: the sample grid appears, "New seed" draws a different grid, D judges a drawing."""
import pytest

from dlplay import gan, settings
from tests.e2e.helpers import open_page, wait_idle

pytestmark = pytest.mark.skipif(not (settings.MODELS_DIR / gan.GENERATOR).is_file(),
                                reason="shipped GAN missing: run `python -m dlplay train gan`")


def sample_grid(page):
    """The first image on the page is the sample grid; its src changes with its pixels."""
    img = page.locator("[data-testid=stImage] img").first
    img.wait_for()
    return img.get_attribute("src"), page.locator("[data-testid=stImageCaption]").first.inner_text()


def test_generate_and_new_seed_changes_the_grid(page, app_url):
    open_page(page, app_url, "gan")
    src, caption = sample_grid(page)
    assert "40 samples, seed 0" in caption
    page.get_by_role("button", name="New seed").click()
    # Wait for the new grid itself: right after a click the app may not have started rerunning yet.
    page.wait_for_function(
        "(old) => { const i = document.querySelector('[data-testid=stImage] img'); return i && i.src !== old; }",
        arg=src, timeout=60_000)
    wait_idle(page)
    src2, caption2 = sample_grid(page)
    assert src2 != src and "seed 0" not in caption2
    assert page.locator("[data-testid=stException]").count() == 0


def test_discriminator_judges_a_drawn_digit(page, app_url):
    open_page(page, app_url, "gan")
    surface = page.locator("canvas.upper-canvas").first
    surface.scroll_into_view_if_needed()
    box = surface.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 13):  # a vertical stroke: a "1"
        page.mouse.move(x, y + i * box["height"] * 0.05)
    page.mouse.up()
    wait_idle(page)
    page.get_by_text("your digit", exact=True).first.wait_for(timeout=20_000)
    # the bar chart (a picture) now has a "your digit" series beside the reference pictures
    assert page.locator("[data-testid=stImageCaption]").filter(has_text="D's score for your digit").count() == 1
    assert page.locator("[data-testid=stException]").count() == 0
