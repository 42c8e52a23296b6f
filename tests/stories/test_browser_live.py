"""In Chromium: a reader keeps the demo's live page open while an editor posts, corrects and pins; the
page follows without a reload."""

import pytest

from tests.stories.server import make_run_server, post_update

pytestmark = [pytest.mark.browser, pytest.mark.server]

LIVE_PATH = "/live/us-iran-talks-oman-live/"


@pytest.fixture
def reader_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_an_update_posted_by_an_editor_appears_on_an_open_live_page_without_a_reload(site_copy, reader_page):
    env, port, _ = site_copy
    with make_run_server(env, port) as url:
        page = reader_page
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{url}{LIVE_PATH}")
        page.evaluate("window.stillTheSamePage = true")
        page.wait_for_timeout(1000)  # the event stream is open

        update_id, _ = post_update(env, "Envoys leave the talks for the evening.")

        arrived = page.locator(f"[data-live-updates] #update-{update_id}")
        arrived.wait_for(timeout=5000)
        assert "Envoys leave the talks for the evening." in arrived.inner_text()
        assert page.locator("[data-live-updates] .live-update").first.get_attribute("id") == f"update-{update_id}"
        assert page.evaluate("window.stillTheSamePage") is True
        assert "New update at" in page.locator("[data-live-status]").inner_text()
        assert errors == []
