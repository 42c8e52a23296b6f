"""A newsroom day in Chromium, on the server and worker `make run` starts: a contributor writes a story
with an image and submits it, an editor reviews, edits and schedules it a few seconds ahead, the worker
publishes it, a reader finds it, the editor corrects it, and the reader sees the correction."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from tests import servers

HEADLINE = "Northgate ferry crews vote to strike over rosters"
TIMEOUT_MS = 30_000


@pytest.fixture
def newsroom_site(site_copy):
    env, port, var_dir = site_copy
    servers.manage(env, "demo_users")
    logins = dict(line.split(" ", 1) for line in (var_dir / "demo-logins").read_text().splitlines())
    with servers.granian(env, port) as url, servers.worker(env):
        yield url, logins


def _log_in(browser, url: str, username: str, password: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("[type=submit]")
    page.wait_for_url(f"{url}/admin/")
    return page


def _choose(page, field: str, text: str) -> None:
    """Pick an option in one of the admin's autocomplete (select2) fields."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-results__option:has-text('{text}')")


def _photo(tmp_path) -> str:
    path = tmp_path / "ferry-terminal.png"
    image = Image.new("RGB", (1200, 800), (40, 90, 140))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_a_story_goes_from_contributor_to_reader_and_is_corrected(browser, newsroom_site, tmp_path):
    url, logins = newsroom_site

    # The contributor uploads a photo, writes the story with it and submits it for review.
    writer = _log_in(browser, url, "contributor", logins["contributor"])
    writer.goto(f"{url}/admin/media/image/add/")
    writer.set_input_files("input[type=file]", _photo(tmp_path))
    writer.fill("#id_alt_text", "Ferries moored at the Northgate terminal")
    writer.click("input[name=_save]")
    writer.wait_for_url(f"{url}/admin/media/image/")

    writer.goto(f"{url}/admin/content/article/add/")
    writer.fill("#id_headline", HEADLINE)
    writer.fill("#id_body", "## The vote\n\nCrews backed a walkout by a wide margin.\n")
    writer.click("[data-md=image]")
    writer.click(".markdown-editor__library-results button")
    writer.wait_for_selector(".markdown-editor__preview img")
    _choose(writer, "section", "World")
    writer.click("button[name=_workflow][value=submit]")
    writer.wait_for_selector(".messagelist")

    # The editor finds it waiting for review, edits it and schedules it a few seconds ahead.
    editor = _log_in(browser, url, "editor", logins["editor"])
    editor.click(f"#newsroom-dashboard a:has-text('{HEADLINE}')")
    body = editor.locator("#id_body")
    body.fill(body.input_value() + "\nThe operator said talks would continue on Monday.\n")
    offset = int(editor.get_attribute("body", "data-admin-utc-offset") or 0)
    at = datetime.now(UTC) + timedelta(seconds=offset + 8)
    editor.fill("#id_schedule_at_0", at.strftime("%Y-%m-%d"))
    editor.fill("#id_schedule_at_1", at.strftime("%H:%M:%S"))
    editor.click("button[name=_workflow][value=schedule]")
    editor.wait_for_selector(".messagelist")
    assert "Scheduled for" in editor.content()

    # The worker publishes it at its time; a reader finds it on the latest stories.
    reader = browser.new_page()
    deadline = time.monotonic() + 90  # the worker may first finish a backlog (the demo's image renditions)
    while HEADLINE not in reader.request.get(f"{url}/latest/").text() and time.monotonic() < deadline:
        time.sleep(1)
    reader.goto(f"{url}/latest/")
    reader.click(f"text={HEADLINE}")
    assert "talks would continue on Monday" in reader.content()
    assert reader.locator(".article__body img").count() == 1

    # The editor adds a correction; the reader sees it on the story and on /corrections/.
    editor.click(f"a:has-text('{HEADLINE}')")
    editor.click("text=Add correction")
    editor.select_option("#id_kind", "correction")
    editor.fill("#id_text", "An earlier version gave the wrong day for the next talks.")
    editor.click("#correction-form [type=submit]")
    editor.wait_for_selector(".messagelist")
    assert "on the corrections page" in editor.inner_text(".messagelist"), editor.content()[:3000]
    story = reader.url
    deadline = time.monotonic() + 30
    # Asked without the browser's cache (pages may be kept for a minute), as a reader arriving later is.
    while "Correction:" not in reader.request.get(story).text() and time.monotonic() < deadline:
        time.sleep(0.5)
    reader = browser.new_page()
    reader.goto(story)
    assert "An earlier version gave the wrong day" in reader.locator(".corrections").inner_text()
    reader.goto(f"{url}/corrections/")
    assert HEADLINE in reader.locator(".corrections-list").inner_text()
