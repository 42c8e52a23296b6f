"""Every article of a story shows "Part of: <story>", its three latest timeline entries and the instalments either side."""

import pytest
from bs4 import BeautifulSoup

from newsdesk.stories import services
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _box(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".part-of")


def test_an_article_in_a_story_names_and_links_the_story(client, story, instalments):
    box = _box(client, instalments[1])

    link = box.select_one(".part-of__label a")
    assert (link.get_text(), link["href"]) == ("Harbour strike", "/stories/harbour-strike/")


def test_the_box_shows_the_three_latest_timeline_entries_newest_first(client, story, instalments):
    box = _box(client, instalments[1])

    entries = [li.get_text(" ", strip=True) for li in box.select(".part-of__timeline li")]
    assert entries == ["15 January 2026 Talks begin", "12 January 2026 Port closes", "9 January 2026 First walk-out"]


def test_the_middle_instalment_links_the_previous_and_the_next(client, story, instalments):
    box = _box(client, instalments[1])

    assert box.select_one("a[rel=prev]")["href"] == instalments[0].get_absolute_url()
    assert box.select_one("a[rel=next]")["href"] == instalments[2].get_absolute_url()


def test_the_first_instalment_has_no_previous_link(client, story, instalments):
    box = _box(client, instalments[0])

    assert box.select_one("a[rel=prev]") is None
    assert box.select_one("a[rel=next]")["href"] == instalments[1].get_absolute_url()


def test_an_article_outside_any_story_has_no_box(client, story):
    assert _box(client, ArticleFactory()) is None


def test_an_article_taken_out_of_the_story_loses_its_box(client, story, instalments):
    services.set_story_articles(story, instalments[:2])

    assert _box(client, instalments[2]) is None


def test_the_box_links_the_storys_live_page_while_it_is_live(client, coverage, instalments):
    box = _box(client, instalments[0])
    assert box.select_one(".part-of__live a")["href"] == "/live/harbour-strike-live/"

    services.end_coverage(coverage)

    assert _box(client, instalments[0]).select_one(".part-of__live") is None
