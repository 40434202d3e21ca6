"""GAN page in Chromium: the sample grid appears, "New seed" draws a different grid, D judges a drawing in a table
of bars (text, not a picture), and the page opens in Chinese from a ?lang=zh link. The shipped models are in git:
a missing one fails these tests."""
import re

from tests.e2e.helpers import open_page, wait_idle, wait_rerun


def sample_grid(page):
    """The first image on the page is the sample grid; its src changes with its pixels."""
    img = page.locator("[data-testid=stImage] img").first
    img.wait_for()
    return img.get_attribute("src"), page.locator("[data-testid=stImageCaption]").first.inner_text()


def score_table(page):
    """D's table of scores: its column names and, per claimed digit, the percentages shown."""
    table = page.locator("[data-testid=stHtml] table").filter(has_text="%").first
    table.wait_for()
    head = [th.inner_text().strip() for th in table.locator("th").all()]
    rows = [[td.inner_text().strip() for td in tr.locator("td").all()] for tr in table.locator("tbody tr").all()]
    return head, rows


def test_generate_and_new_seed_changes_the_grid(page, app_url):
    open_page(page, app_url, "gan")
    src, caption = sample_grid(page)
    assert "40 samples by the shipped model, seed 0" in caption
    page.get_by_role("button", name="New seed").click()
    # Wait for the new grid itself: right after a click the app may not have started rerunning yet.
    page.wait_for_function(
        "(old) => { const i = document.querySelector('[data-testid=stImage] img'); return i && i.src !== old; }",
        arg=src, timeout=60_000)
    wait_idle(page)
    src2, caption2 = sample_grid(page)
    assert src2 != src and "seed 0" not in caption2 and "by the shipped model" in caption2
    assert page.locator("[data-testid=stException]").count() == 0


def test_discriminator_judges_a_drawn_digit(page, app_url):
    open_page(page, app_url, "gan")
    head, rows = score_table(page)
    assert head == ["claimed digit", "real", "fake", "noise"]
    surface = page.locator("canvas.upper-canvas").first
    surface.scroll_into_view_if_needed()
    box = surface.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 13):  # a vertical stroke: a "1"
        page.mouse.move(x, y + i * box["height"] * 0.05)
    page.mouse.up()
    wait_rerun(page)
    page.get_by_text("your digit", exact=True).first.wait_for(timeout=20_000)
    # The drawing gets a column of its own in D's table, as text the browser draws sharp at any zoom.
    head, rows = score_table(page)
    assert head == ["claimed digit", "yours", "real", "fake", "noise"]
    assert [row[0] for row in rows] == [str(d) for d in range(10)]
    assert all(len(row) == 5 and all(re.fullmatch(r"\d{1,3} %", cell) for cell in row[1:]) for row in rows), rows
    assert page.locator("[data-testid=stException]").count() == 0


def test_the_page_opens_in_chinese(page, app_url):
    open_page(page, app_url, "gan?lang=zh")
    assert page.locator("h1").first.inner_text().strip().endswith("GAN：凭空生成数字")
    assert page.get_by_text("生成器（generator）").count() >= 1
    head, rows = score_table(page)
    assert head == ["声称数字", "真实", "生成", "噪声"] and len(rows) == 10
    assert "40 个样本（内置模型，种子 0）" in sample_grid(page)[1]
