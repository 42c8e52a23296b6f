"""RSS 2.0, Atom 1.0 and JSON Feed 1.1: valid, complete, full text, and only published stories."""

import json
import time
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from newsdesk.content import services
from newsdesk.content.models import Article, Author, Section, Tag
from newsdesk.distribution import feeds
from tests.distribution.validators import (
    ATOM,
    assert_valid_atom,
    assert_valid_json_feed,
    assert_valid_rss,
)
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

FORMATS = ["rss.xml", "atom.xml", "feed.json"]


def _demo_feed_paths():
    yield from (f"/feeds/{name}" for name in FORMATS)
    for kind, model in (("section", Section), ("tag", Tag), ("author", Author)):
        for slug in model.objects.values_list("slug", flat=True):
            yield from (f"/feeds/{kind}/{slug}/{name}" for name in FORMATS)


def test_every_rss_and_atom_feed_of_the_demo_parses_in_feedparser_without_errors(client, demo):
    # feedparser 6.0 reads RSS and Atom only; the JSON feeds are checked against JSON Feed 1.1 below.
    for path in _demo_feed_paths():
        if path.endswith(".xml"):
            response = client.get(path)
            assert response.status_code == 200, path
            parsed = feedparser.parse(response.content)
            assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
            assert parsed.version in ("rss20", "atom10"), path


def test_every_rss_feed_of_the_demo_has_every_element_rss_2_requires(client, demo, settings):
    for path in _demo_feed_paths():
        if path.endswith("rss.xml"):
            assert_valid_rss(client.get(path).content, base_url=settings.NEWSDESK_BASE_URL)


def test_every_atom_feed_of_the_demo_has_every_element_atom_requires(client, demo, settings):
    for path in _demo_feed_paths():
        if path.endswith("atom.xml"):
            assert_valid_atom(client.get(path).content, base_url=settings.NEWSDESK_BASE_URL)


def test_every_json_feed_of_the_demo_is_a_valid_json_feed_1_1(client, demo, settings):
    for path in _demo_feed_paths():
        if path.endswith("feed.json"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert_valid_json_feed(json.loads(response.content), base_url=settings.NEWSDESK_BASE_URL)


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/feeds/rss.xml", "application/rss+xml; charset=utf-8"),
        ("/feeds/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/feeds/feed.json", "application/feed+json; charset=utf-8"),
    ],
)
def test_each_feed_is_served_with_its_formats_content_type(client, path, content_type):
    assert client.get(path)["Content-Type"] == content_type


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("kind", ["section", "tag", "author"])
def test_a_feed_for_an_unknown_section_tag_or_author_is_not_found(client, kind, name):
    assert client.get(f"/feeds/{kind}/no-such-{kind}/{name}").status_code == 404


def test_the_publication_feed_lists_published_articles_newest_first(client):
    older = ArticleFactory(published_at=timezone.now() - timedelta(days=2))
    newer = ArticleFactory(published_at=timezone.now() - timedelta(hours=1))

    parsed = feedparser.parse(client.get("/feeds/rss.xml").content)

    assert [entry.title for entry in parsed.entries] == [newer.headline, older.headline]


def test_draft_articles_are_not_in_any_feed(client):
    draft = ArticleFactory(headline="Embargoed story", status=Article.Status.DRAFT, published_at=None)

    for name in FORMATS:
        for path in ("/feeds/", f"/feeds/section/{draft.section.slug}/"):
            assert b"Embargoed story" not in client.get(path + name).content


def test_scheduled_articles_are_not_in_the_feed_before_their_time(client):
    ArticleFactory(headline="Tomorrow's story", published_at=timezone.now() + timedelta(days=1))

    assert b"Tomorrow's story" not in client.get("/feeds/rss.xml").content


def test_a_withdrawn_article_leaves_the_feed(client):
    article = ArticleFactory(headline="Withdrawn story")
    services.unpublish_article(article)

    assert b"Withdrawn story" not in client.get("/feeds/atom.xml").content


def test_a_section_feed_lists_only_that_sections_articles(client):
    world, business = SectionFactory(slug="world"), SectionFactory(slug="business")
    ArticleFactory(headline="Envoys meet", section=world)
    ArticleFactory(headline="Markets fall", section=business)

    titles = [entry.title for entry in feedparser.parse(client.get("/feeds/section/world/rss.xml").content).entries]

    assert titles == ["Envoys meet"]


def test_a_tag_feed_lists_only_articles_with_that_tag(client):
    energy = TagFactory(slug="energy")
    tagged = ArticleFactory(headline="Heat pumps")
    services.set_tags(tagged, [energy])
    ArticleFactory(headline="Unrelated")

    titles = [item["title"] for item in json.loads(client.get("/feeds/tag/energy/feed.json").content)["items"]]

    assert titles == ["Heat pumps"]


def test_an_author_feed_lists_only_that_authors_articles(client):
    writer = AuthorFactory(slug="jane-doe")
    ArticleFactory(headline="Jane's story", authors=[writer])
    ArticleFactory(headline="Someone else's")

    titles = [entry.title for entry in feedparser.parse(client.get("/feeds/author/jane-doe/atom.xml").content).entries]

    assert titles == ["Jane's story"]


def test_feeds_carry_the_newest_fifty_items_by_default():
    assert feeds.FEED_ITEMS == 50


def test_feeds_stop_at_the_configured_number_of_items(client, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_ITEMS", 3)
    for hours in range(5):
        ArticleFactory(published_at=timezone.now() - timedelta(hours=hours + 1))

    for name in ("rss.xml", "atom.xml"):
        assert len(feedparser.parse(client.get(f"/feeds/{name}").content).entries) == 3, name
    assert len(json.loads(client.get("/feeds/feed.json").content)["items"]) == 3


def test_an_items_id_stays_the_same_when_the_article_is_edited(client):
    article = ArticleFactory(headline="First headline", slug="first-slug")
    before = [feedparser.parse(client.get(f"/feeds/{name}").content).entries[0].id for name in ("rss.xml", "atom.xml")]
    before.append(json.loads(client.get("/feeds/feed.json").content)["items"][0]["id"])

    article.headline, article.slug, article.body = "Second headline", "second-slug", "A corrected body.\n"
    services.save_article(article)

    after = [feedparser.parse(client.get(f"/feeds/{name}").content).entries[0].id for name in ("rss.xml", "atom.xml")]
    after.append(json.loads(client.get("/feeds/feed.json").content)["items"][0]["id"])
    assert after == before
    assert before[0] == before[1] == before[2]


def test_the_rss_guid_is_marked_as_not_a_permalink(client):
    ArticleFactory()

    channel = assert_valid_rss(client.get("/feeds/rss.xml").content, base_url="http")

    assert channel.find("item/guid").get("isPermaLink") == "false"


def test_items_carry_the_full_sanitised_text(client):
    ArticleFactory(body="## Vote\n\nThe council voted.\n\n<script>alert(1)</script><p onclick=\"x()\">Clicked</p>\n")

    for name in ("rss.xml", "atom.xml"):
        content = feedparser.parse(client.get(f"/feeds/{name}").content).entries[0].content[0].value
        assert "The council voted." in content
        assert "<script" not in content and "onclick" not in content
    item = json.loads(client.get("/feeds/feed.json").content)["items"][0]
    assert "The council voted." in item["content_html"] and "<script" not in item["content_html"]


def test_links_in_the_full_text_are_absolute(client, settings):
    ArticleFactory(body="See [the budget](/section/politics/) and [the vote](#vote).\n")

    content = json.loads(client.get("/feeds/feed.json").content)["items"][0]["content_html"]

    assert f'href="{settings.NEWSDESK_BASE_URL}/section/politics/"' in content
    assert 'href="#vote"' not in content and "/#vote" in content


def test_heading_permalinks_are_left_out_of_the_full_text(client):
    ArticleFactory(body="## Vote\n\nThe council voted.\n")

    content = json.loads(client.get("/feeds/feed.json").content)["items"][0]["content_html"]

    assert "heading-anchor" not in content and '<h2 id="vote">Vote</h2>' in content


def test_items_carry_the_summary(client):
    ArticleFactory(dek="Councillors voted after a long debate.")

    entry = feedparser.parse(client.get("/feeds/atom.xml").content).entries[0]

    assert entry.summary == "Councillors voted after a long debate."


def test_items_name_every_author_in_byline_order(client):
    first, second = AuthorFactory(name="Ada Jones"), AuthorFactory(name="Ben Smith")
    ArticleFactory(authors=[first, second])

    atom = assert_valid_atom(client.get("/feeds/atom.xml").content, base_url="http")
    rss = client.get("/feeds/rss.xml").content
    json_item = json.loads(client.get("/feeds/feed.json").content)["items"][0]

    atom_authors = atom.find(f"{ATOM}entry").findall(f"{ATOM}author")
    assert [author.findtext(f"{ATOM}name") for author in atom_authors] == ["Ada Jones", "Ben Smith"]
    assert b"<dc:creator>Ada Jones</dc:creator><dc:creator>Ben Smith</dc:creator>" in rss
    assert [a["name"] for a in json_item["authors"]] == ["Ada Jones", "Ben Smith"]


def test_items_carry_published_and_modified_times(client):
    published = timezone.now().replace(microsecond=0) - timedelta(days=1)
    article = ArticleFactory(published_at=published)
    Article.objects.filter(pk=article.pk).update(updated_at=published + timedelta(hours=3))

    entry = feedparser.parse(client.get("/feeds/atom.xml").content).entries[0]
    item = json.loads(client.get("/feeds/feed.json").content)["items"][0]

    assert entry.published_parsed[:6] == published.utctimetuple()[:6]
    assert entry.updated_parsed[:6] == (published + timedelta(hours=3)).utctimetuple()[:6]
    assert item["date_modified"] > item["date_published"]


def test_items_carry_the_section_and_tags_as_categories(client):
    article = ArticleFactory(section=SectionFactory(name="Climate", slug="climate"))
    services.set_tags(article, [TagFactory(name="Energy")])

    entry = feedparser.parse(client.get("/feeds/rss.xml").content).entries[0]

    assert [tag.term for tag in entry.tags] == ["Climate", "Energy"]


def test_items_carry_the_lead_image_as_enclosure_and_media(client, demo, settings):
    rss = assert_valid_rss(client.get("/feeds/rss.xml").content, base_url=settings.NEWSDESK_BASE_URL)
    item = rss.find("item")
    enclosure = item.find("enclosure")
    media = item.find("{http://search.yahoo.com/mrss/}content")

    assert enclosure.get("url").startswith(settings.NEWSDESK_BASE_URL + "/media/")
    assert enclosure.get("type") == "image/jpeg" and int(enclosure.get("length")) > 0
    assert media.get("url") == enclosure.get("url")
    assert int(media.get("width")) > 0 and int(media.get("height")) > 0


def test_the_json_feed_gives_the_lead_image(client, demo, settings):
    item = json.loads(client.get("/feeds/feed.json").content)["items"][0]

    assert item["image"].startswith(settings.NEWSDESK_BASE_URL + "/media/")


def test_feed_addresses_use_the_public_base_url_not_the_request_host(client, settings):
    settings.NEWSDESK_BASE_URL = "https://news.example.org"
    ArticleFactory()

    content = client.get("/feeds/atom.xml", HTTP_HOST="127.0.0.1").content

    assert b"https://news.example.org/" in content
    assert b"//127.0.0.1" not in content and b"testserver" not in content


def test_feeds_say_which_page_they_mirror_and_where_they_live(client, settings):
    SectionFactory(slug="world")
    document = json.loads(client.get("/feeds/section/world/feed.json").content)
    channel = assert_valid_rss(client.get("/feeds/section/world/rss.xml").content, base_url=settings.NEWSDESK_BASE_URL)

    assert document["home_page_url"] == settings.NEWSDESK_BASE_URL + "/section/world/"
    assert document["feed_url"] == settings.NEWSDESK_BASE_URL + "/feeds/section/world/feed.json"
    assert channel.findtext("link") == settings.NEWSDESK_BASE_URL + "/section/world/"
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("rel") == "self" and self_link.get("href").endswith("/feeds/section/world/rss.xml")


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml"])
def test_an_empty_feed_reads_the_same_whenever_it_is_rendered(client, name):
    path = f"/feeds/tag/{TagFactory().slug}/{name}"
    first = client.get(path).content
    time.sleep(1.1)  # feed dates are to the second

    again = client.get(path).content

    assert b"<item>" not in first and b"<entry>" not in first
    assert again == first
