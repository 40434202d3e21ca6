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


def wait_idle(page, timeout: float = 60_000, quiet_ms: int = 700):
    """Wait until the app is quiet: no "running" status widget and no element added or removed for
    `quiet_ms` (the status widget itself only shows up after a short delay, so its absence alone
    proves nothing right after a click)."""
    page.wait_for_function(
        """(quiet) => {
            const busy = document.querySelector('[data-testid=stStatusWidget]');
            const n = document.querySelectorAll('[data-testid=stMain] [data-testid]').length;
            const now = performance.now();
            if (busy || n === 0 || n !== window.__dlplayCount) {
                window.__dlplayCount = n; window.__dlplaySince = now; return false;
            }
            return now - window.__dlplaySince > quiet;
        }""", arg=quiet_ms, timeout=timeout, polling=100)


def wait_rerun(page, timeout: float = 60_000, start_within_ms: int = 1500):
    """After an action (click, stroke, key): give the app a moment to start rerunning (the status
    widget shows up), then wait until it is quiet. A plain wait_idle right after the action can
    return before the rerun has even begun."""
    try:
        page.wait_for_selector("[data-testid=stStatusWidget]", timeout=start_within_ms)
    except Exception:  # a fast rerun may come and go before we look; the quiet wait covers it
        pass
    wait_idle(page, timeout)


MAIN_PICTURE = ".st-key-main_picture"  # pages wrap their main picture in st.container(key="main_picture")


def visible_fraction(page, selector: str = MAIN_PICTURE) -> float:
    """How much of the element's height lies inside the first screen (before any scrolling)."""
    box = page.locator(selector).first.bounding_box()
    viewport = page.viewport_size["height"]
    if not box or box["height"] <= 0:
        return 0.0
    return max(0.0, min(box["y"] + box["height"], viewport) - max(box["y"], 0)) / box["height"]
