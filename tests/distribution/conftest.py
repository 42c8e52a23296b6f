"""Chromium for the distribution app's browser tests, driven from a thread of its own.

tests/browser/conftest.py keeps a Playwright instance open on the main thread for the whole session,
and Playwright's sync API allows one instance per thread (a second one fails with "using Playwright Sync
API inside the asyncio loop"). Re-declaring its `browser` fixture here would start that second
instance, so these tests run their scenarios on a worker thread with a Chromium of its own. When the
browser fixtures move up to tests/conftest.py, this file can give way to them.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import CHROMIUM, require_chromium


class ChromiumThread:
    """One Chromium, launched and driven on one worker thread: `run(scenario, *args)` calls scenario(browser, *args)."""

    def __init__(self):
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium")
        self._playwright, self._browser = self._thread.submit(self._launch).result()

    @staticmethod
    def _launch():
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        return playwright, browser

    def run(self, scenario: Callable, *args):
        return self._thread.submit(scenario, self._browser, *args).result()

    def close(self) -> None:
        def stop(_browser):
            self._browser.close()
            self._playwright.stop()

        self.run(stop)
        self._thread.shutdown()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium on its own thread; skipped where missing, unless NEWSDESK_REQUIRE_BROWSER requires it."""
    require_chromium()
    runner = ChromiumThread()
    yield runner
    runner.close()
