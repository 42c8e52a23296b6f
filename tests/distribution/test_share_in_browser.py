"""A reader copies an article's link in Chromium and is told so; the native share button shows only where it works.

Each scenario is a plain function of the browser, run on the Chromium thread (see conftest.py).
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

OMAN_STORY_PATH = "/2026/02/05/us-iran-envoys-oman-talks/"


def _canonical(page) -> str:
    return page.locator('link[rel="canonical"]').get_attribute("href")


def _copy_link(browser, url: str) -> tuple[str, str]:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url)

    page.get_by_role("link", name="Copy link").click()

    expect(page.locator(".share__status")).to_have_text("Link copied")
    copied, canonical = page.evaluate("navigator.clipboard.readText()"), _canonical(page)
    context.close()
    return copied, canonical


def test_copy_link_puts_the_canonical_address_on_the_clipboard_and_says_link_copied(chromium, site_url):
    copied, canonical = chromium.run(_copy_link, site_url + OMAN_STORY_PATH)

    assert copied == canonical and canonical.endswith(OMAN_STORY_PATH)


def _native_share_without_a_share_sheet(browser, url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script("delete Navigator.prototype.share; delete navigator.share;")
    page.goto(url)

    expect(page.locator(".share__native button")).to_have_count(1)
    expect(page.locator(".share__native button")).to_be_hidden()
    context.close()


def test_the_native_share_button_stays_hidden_without_a_share_sheet(chromium, site_url):
    chromium.run(_native_share_without_a_share_sheet, site_url + OMAN_STORY_PATH)


def _native_share(browser, url: str) -> tuple[dict, str, str]:
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script("navigator.share = async (data) => { window.sharedData = data; };")
    page.goto(url)

    page.get_by_role("button", name="Share…").click()

    shared = page.wait_for_function("window.sharedData").json_value()
    headline, canonical = page.locator("h1.article__headline").inner_text(), _canonical(page)
    context.close()
    return shared, headline, canonical


def test_the_native_share_button_shares_the_headline_and_canonical_address(chromium, site_url):
    shared, headline, canonical = chromium.run(_native_share, site_url + OMAN_STORY_PATH)

    assert shared == {"title": headline, "text": headline, "url": canonical}
    assert canonical.endswith(OMAN_STORY_PATH)


def _requests_on_opening(browser, url: str) -> list[str]:
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    context.close()
    return requests


def test_nothing_is_requested_from_another_site_when_the_article_opens(chromium, site_url):
    requests = chromium.run(_requests_on_opening, site_url + OMAN_STORY_PATH)

    assert requests and all(url.startswith(site_url) for url in requests), requests
