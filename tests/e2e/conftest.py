"""End-to-end fixtures: one Streamlit server per test session, a fresh Chromium page per test.

Chromium is Debian's (/usr/bin/chromium): Playwright's own browser download does not work on
these machines. Without it the e2e tests are skipped with a clear reason; CI installs it.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from dlplay.devtools import ARGS, CHROMIUM, free_port, start_server, stop_server

from tests.e2e.helpers import open_page, wait_idle  # noqa: F401  (re-exported for tests)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("DLPLAY_REQUIRE_E2E"):
            pytest.fail(f"no Chromium at {CHROMIUM} and DLPLAY_REQUIRE_E2E is set (CI must run e2e tests)")
        pytest.skip(f"no Chromium at {CHROMIUM}: install it with `apt-get install -y chromium`")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def app_server(browser):
    """The running Streamlit process (its pid is what memory and import checks look at)."""
    port = free_port()
    proc = start_server(port)
    proc.url = f"http://127.0.0.1:{port}"
    yield proc
    stop_server(proc)


@pytest.fixture(scope="session")
def app_url(app_server):
    return app_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()
