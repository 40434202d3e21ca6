"""Helpers for e2e tests: `from tests.e2e.helpers import open_page, wait_idle`."""
from __future__ import annotations


def open_page(page, app_url: str, path: str = "", timeout: float = 60_000):
    """Open a page, wait until Streamlit has finished running it, fail on any exception box."""
    page.goto(f"{app_url}/{path}")
    page.wait_for_selector("[data-testid=stMain]", timeout=timeout)
    wait_idle(page, timeout)
    assert page.locator("[data-testid=stException]").count() == 0, \
        page.locator("[data-testid=stException]").first.inner_text()
    return page


def wait_idle(page, timeout: float = 60_000):
    """Wait until the app's script is no longer running (the status widget disappears)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=timeout)
    page.wait_for_timeout(200)
