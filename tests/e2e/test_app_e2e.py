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


def test_source_toggle_belongs_to_its_page(page, app_url):
    """Reading one page's source must not keep sending source to every page visited after it."""
    from tests.e2e.helpers import wait_rerun
    sidebar = page.locator("[data-testid=stSidebar]")
    open_page(page, app_url, "activations")
    sidebar.get_by_text("Show the source of this page").click()
    wait_rerun(page)
    assert "Activation explorer" in sidebar.locator("[data-testid=stCode]").inner_text()  # the page's docstring
    sidebar.locator('a[href$="/optimizers"]').first.click()  # same session: navigation inside the app
    page.locator("h1", has_text="Optimizers").first.wait_for(timeout=60_000)
    wait_rerun(page)
    assert sidebar.locator("[data-testid=stCode]").count() == 0


def test_serving_every_page_never_imports_torch(page):
    """Visiting every page without training must not load torch into the server (it costs ~520 MB),
    nor pandas, pyarrow and SciPy.

    A server of its own: other tests train models, which rightly imports torch.
    """
    from dlplay.devtools import free_port, has_torch_loaded, start_server, stop_server
    port = free_port()
    proc = start_server(port)
    try:
        # The very first visit lands on a page's URL, as a shared link does: it must still go
        # through app.py (sidebar, navigation by title), not Streamlit's legacy pages/ mode.
        for i, slug in enumerate((SLUGS or ["about"]) + ["about", ""]):
            open_page(page, f"http://127.0.0.1:{port}", slug)
            if i == 0:
                assert page.locator("[data-testid=stSidebar]").get_by_text("Where it runs").count() == 1
                nav = page.locator("[data-testid=stSidebarNav] a").all_inner_texts()
                assert not any(t.strip() == "app" for t in nav), nav
        assert not has_torch_loaded(proc.pid)
        # Nor pandas and pyarrow (~70 MB), which the canvas's data would pull in (dlplay/ui/canvas.py).
        with open(f"/proc/{proc.pid}/maps") as f:
            maps = f.read()
        assert "/pyarrow/" not in maps and "/pandas/" not in maps
        # Nor SciPy (~18 MB), once imported for GELU's erf alone (dlplay/activations.py).
        assert "/scipy/" not in maps
    finally:
        stop_server(proc)


def test_presenter_mode_shows_each_pages_main_picture_above_the_fold(browser, app_url):
    """On a 1280x720 projector, every topic's main picture is (almost) wholly on the first screen."""
    from tests.e2e.helpers import MAIN_PICTURE, visible_fraction
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        seen = {}
        for slug in SLUGS:
            open_page(page, app_url, f"{slug}?present=1")
            page.wait_for_selector(MAIN_PICTURE, timeout=30_000)
            seen[slug] = round(visible_fraction(page), 2)
        assert all(v >= 0.8 for v in seen.values()), seen
    finally:
        context.close()
