"""Each story has RSS, Atom and JSON feeds of its articles, built by the distribution app's machinery."""

import json

import feedparser
import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_rss_feed_lists_only_the_storys_articles_newest_first(client, story):
    ArticleFactory(headline="Unrelated story")

    feed = feedparser.parse(client.get("/feeds/story/harbour-strike/rss.xml").content)

    assert [entry.title for entry in feed.entries] == ["Instalment 3", "Instalment 2", "Instalment 1"]
    assert feed.feed.title.startswith("Harbour strike")


def test_the_atom_feed_links_the_story_page(client, story):
    feed = feedparser.parse(client.get("/feeds/story/harbour-strike/atom.xml").content)

    assert feed.version == "atom10"
    assert feed.feed.link.endswith("/stories/harbour-strike/")


def test_the_json_feed_has_every_instalment(client, story):
    response = client.get("/feeds/story/harbour-strike/feed.json")

    assert response["Content-Type"].startswith("application/feed+json")
    assert [item["title"] for item in json.loads(response.content)["items"]] == [
        "Instalment 3", "Instalment 2", "Instalment 1",
    ]  # fmt: skip


def test_the_story_page_announces_its_feeds(client, story):
    content = client.get("/stories/harbour-strike/").content.decode()

    assert 'type="application/rss+xml" title="Harbour strike' in content
    assert 'href="/feeds/story/harbour-strike/rss.xml"' in content


def test_an_unknown_storys_feed_is_a_404(client, db):
    assert client.get("/feeds/story/nothing/rss.xml").status_code == 404
