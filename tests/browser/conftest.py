"""Browser tests: Debian's Chromium, driven by Playwright, against the server `make run` starts.

The fixtures (`browser`, `page`, `site_url`) live in tests/conftest.py, shared by every app's browser
tests. The server runs in its own var/ directory with a fresh SQLite database and the demo publication, as a
reader's first visit after `make run` would find it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, require_chromium  # noqa: F401 - where other tests import them from

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
