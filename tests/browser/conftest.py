"""Browser tests: Debian's Chromium, driven by Playwright, against the server `make run` starts.

The server runs in its own var/ directory with a fresh SQLite database and the demo publication, as a
reader's first visit after `make run` would find it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests import servers

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def require_chromium() -> str:
    """Debian's Chromium: skip where it is missing, unless NEWSDESK_REQUIRE_BROWSER says it must run (CI)."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        message = f"{CHROMIUM} is missing: install Debian's chromium package (make test does so as root)."
        if os.environ.get("NEWSDESK_REQUIRE_BROWSER"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return CHROMIUM


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_url(prepared_site):
    """The address of a granian server serving the set-up and baked demo publication."""
    port = servers.free_port()
    with servers.granian(servers.site_env(prepared_site, port=port), port) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium; skipped where it is missing, unless NEWSDESK_REQUIRE_BROWSER says it must run."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
