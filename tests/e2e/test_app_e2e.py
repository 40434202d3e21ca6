"""Every registered page opens in a real browser without an exception, and a screenshot is taken."""
import re

from tests.e2e.helpers import open_page

APP = (__import__("pathlib").Path(__file__).resolve().parents[2] / "app.py").read_text()
SLUGS = re.findall(r'topic_page\("(\w+)"\)', APP)


def test_every_page_renders(page, app_url, tmp_path):
    for slug in ["", "about"] + SLUGS:
        open_page(page, app_url, slug)
        page.screenshot(path=str(tmp_path / f"{slug or 'home'}.png"), full_page=True)
        assert (tmp_path / f"{slug or 'home'}.png").stat().st_size > 10_000
    assert page.errors == []


def test_home_lists_topics_and_links(page, app_url):
    open_page(page, app_url, "")
    assert page.locator("h1", has_text="DL Playground").first.is_visible()
    for slug in SLUGS:
        assert page.locator(f'a[href$="/{slug}"]').count() >= 1
