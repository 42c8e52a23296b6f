"""Sharing an article: plain share links, a native share button and "Copy link", nothing loaded from elsewhere."""

import pytest
from bs4 import BeautifulSoup


pytestmark = pytest.mark.django_db

@pytest.fixture
def page(client, oman_story):
    return BeautifulSoup(client.get(oman_story.get_absolute_url()).content, "html.parser")


def test_the_native_share_button_is_hidden_until_script_finds_a_share_sheet(page):
    item = page.select_one(".share [data-share-native]")

    assert item.has_attr("hidden")
    assert item.find("button", type="button") is not None


def test_the_native_share_button_shares_the_headline_and_the_canonical_address(page, oman_story, settings):
    button = page.select_one(".share [data-share-native] button")

    assert button["data-share-title"] == oman_story.headline
    assert button["data-share-url"] == settings.NEWSDESK_BASE_URL + oman_story.get_absolute_url()


def test_copy_link_copies_the_canonical_address(page, oman_story, settings):
    copy = page.select_one(".share [data-copy-link]")

    assert copy["href"] == settings.NEWSDESK_BASE_URL + oman_story.get_absolute_url()
    assert copy.find_next_sibling(class_="share__status")["role"] == "status"


def test_the_share_section_loads_nothing_from_another_site(page):
    share = page.select_one(".share")

    assert share.find_all(["img", "script", "iframe", "object", "embed", "link"]) == []


def test_the_page_asks_no_other_site_for_anything_before_a_click(page):
    for element in page.find_all(["script", "img", "iframe", "link", "source", "video", "audio"]):
        rel = element.get("rel") or []
        if element.name == "link" and ("canonical" in rel or "alternate" in rel):
            continue  # addresses of this page and its feeds, never fetched by the browser on its own
        for attribute in ("src", "href", "srcset"):
            value = element.get(attribute) or ""
            assert not value.startswith(("http:", "https:", "//")), f"<{element.name}> loads {value}"
    assert not page.find_all("link", rel=["preconnect", "dns-prefetch", "prefetch", "preload"])


def test_the_page_has_no_inline_script_only_json_ld_data(page):
    for script in page.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json", script
