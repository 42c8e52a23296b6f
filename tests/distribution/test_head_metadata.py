"""Every page's head: canonical address, title and description, feed links, Open Graph, Twitter card."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from newsdesk.content.models import Article, Author, Page, Publication, Section, Tag
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

OMAN_STORY_SLUG = "us-iran-envoys-oman-talks"


def head_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser").head


def prop(head, name) -> list[str]:
    """The content of every <meta property=name>, in order."""
    return [meta["content"] for meta in head.find_all("meta", attrs={"property": name})]


def named(head, name) -> str:
    return head.find("meta", attrs={"name": name})["content"]


def canonical(head) -> list[str]:
    return [link["href"] for link in head.find_all("link", rel="canonical")]


@pytest.fixture
def oman_story(demo):
    return Article.objects.get(slug=OMAN_STORY_SLUG)


@pytest.fixture
def article_head(client, oman_story):
    return head_of(client, oman_story.get_absolute_url())


# Article pages --------------------------------------------------------------------------------------


def test_the_article_page_has_one_canonical_address_from_the_base_url(article_head, oman_story, settings):
    assert canonical(article_head) == [settings.NEWSDESK_BASE_URL + oman_story.get_absolute_url()]


def test_the_article_page_title_and_description_are_the_headline_and_standfirst(article_head, oman_story):
    assert article_head.title.get_text() == f"{oman_story.headline} – The Northgate Courier"
    assert named(article_head, "description") == oman_story.dek


def test_the_article_page_has_open_graph_article_properties(article_head, oman_story, settings):
    url = settings.NEWSDESK_BASE_URL + oman_story.get_absolute_url()
    assert prop(article_head, "og:type") == ["article"]
    assert prop(article_head, "og:title") == [oman_story.headline]
    assert prop(article_head, "og:description") == [oman_story.dek]
    assert prop(article_head, "og:url") == [url]
    assert prop(article_head, "og:site_name") == ["The Northgate Courier"]


def test_the_article_page_gives_the_lead_image_with_its_size_and_alt_text(article_head, oman_story, settings):
    image = oman_story.lead_image
    assert prop(article_head, "og:image") == [settings.NEWSDESK_BASE_URL + image.file.url]
    assert prop(article_head, "og:image:width") == [str(image.width)]
    assert prop(article_head, "og:image:height") == [str(image.height)]
    assert prop(article_head, "og:image:alt") == [image.alt_text]
    assert int(image.width) > 0 and int(image.height) > 0


def test_the_article_page_gives_its_times_in_iso_8601_with_time_zone(article_head):
    assert prop(article_head, "article:published_time") == ["2026-02-05T08:00:00+00:00"]
    assert prop(article_head, "article:modified_time") == ["2026-02-05T08:00:00+00:00"]


def test_the_article_page_names_each_author_section_and_tag(article_head, oman_story, settings):
    authors = [settings.NEWSDESK_BASE_URL + line.author.get_absolute_url() for line in oman_story.bylines.all()]
    assert prop(article_head, "article:author") == authors
    assert prop(article_head, "article:section") == ["World"]
    assert sorted(prop(article_head, "article:tag")) == sorted(tag.name for tag in oman_story.tags.all())


def test_the_article_page_has_a_large_image_twitter_card(article_head, oman_story, settings):
    assert named(article_head, "twitter:card") == "summary_large_image"
    assert named(article_head, "twitter:title") == oman_story.headline
    assert named(article_head, "twitter:description") == oman_story.dek
    assert named(article_head, "twitter:image") == settings.NEWSDESK_BASE_URL + oman_story.lead_image.file.url
    assert named(article_head, "twitter:image:alt") == oman_story.lead_image.alt_text


def test_an_article_without_an_image_gets_a_summary_card_and_no_og_image(client):
    article = ArticleFactory()

    head = head_of(client, article.get_absolute_url())

    assert named(head, "twitter:card") == "summary"
    assert prop(head, "og:image") == []


def test_an_updated_article_gives_its_update_time_as_modified_time(client):
    published = timezone.now().replace(microsecond=0) - timedelta(days=1)
    article = ArticleFactory(published_at=published)
    Article.objects.filter(pk=article.pk).update(updated_at=published + timedelta(hours=2))

    head = head_of(client, article.get_absolute_url())

    zone = Publication.objects.current().zone
    assert prop(head, "article:modified_time") == [(published + timedelta(hours=2)).astimezone(zone).isoformat()]


def test_the_article_page_links_the_publication_and_section_feeds(article_head):
    feeds = {(link["type"], link["href"]) for link in article_head.find_all("link", rel="alternate")}

    assert {
        ("application/rss+xml", "/feeds/rss.xml"),
        ("application/atom+xml", "/feeds/atom.xml"),
        ("application/feed+json", "/feeds/feed.json"),
        ("application/rss+xml", "/feeds/section/world/rss.xml"),
    } <= feeds


# List pages -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "kind", "title"),
    [
        ("/section/world/", "section", "World"),
        ("/tag/iran/", "tag", "Iran"),
        ("/author/ahmed-hassan/", "author", "Ahmed Hassan"),
    ],
)
def test_each_list_page_links_its_own_feeds_first(client, demo, path, kind, title):
    head = head_of(client, path)
    slug = path.split("/")[2]

    links = head.find_all("link", rel="alternate")

    assert [(link["type"], link["href"]) for link in links[:3]] == [
        ("application/rss+xml", f"/feeds/{kind}/{slug}/rss.xml"),
        ("application/atom+xml", f"/feeds/{kind}/{slug}/atom.xml"),
        ("application/feed+json", f"/feeds/{kind}/{slug}/feed.json"),
    ]
    assert links[0]["title"] == f"{title} – The Northgate Courier (RSS)"


def test_the_section_page_has_canonical_title_description_and_open_graph(client, demo, settings):
    section = Section.objects.get(slug="world")
    head = head_of(client, "/section/world/")

    assert canonical(head) == [settings.NEWSDESK_BASE_URL + "/section/world/"]
    assert named(head, "description") == section.description
    assert prop(head, "og:type") == ["website"]
    assert prop(head, "og:title") == ["World"]
    assert prop(head, "og:description") == [section.description]
    assert prop(head, "og:url") == [settings.NEWSDESK_BASE_URL + "/section/world/"]
    assert prop(head, "og:site_name") == ["The Northgate Courier"]


def test_the_tag_page_has_canonical_title_description_and_open_graph(client, demo, settings):
    head = head_of(client, "/tag/iran/")

    assert canonical(head) == [settings.NEWSDESK_BASE_URL + "/tag/iran/"]
    assert named(head, "description") == "Stories about Iran"
    assert prop(head, "og:title") == ["Iran"]
    assert prop(head, "og:description") == ["Stories about Iran"]
    assert named(head, "twitter:title") == "Iran"


def test_the_author_page_is_a_profile_with_the_authors_photo(client, demo, settings):
    author = Author.objects.get(slug="ahmed-hassan")
    head = head_of(client, "/author/ahmed-hassan/")

    assert canonical(head) == [settings.NEWSDESK_BASE_URL + "/author/ahmed-hassan/"]
    assert prop(head, "og:type") == ["profile"]
    assert prop(head, "og:title") == ["Ahmed Hassan"]
    assert prop(head, "og:description") == ["Ahmed Hassan, International Editor"]
    assert prop(head, "og:image") == [settings.NEWSDESK_BASE_URL + author.photo.file.url]
    assert prop(head, "og:image:alt") == [author.photo.alt_text]


def test_a_later_page_of_a_list_is_its_own_canonical_page(client, settings):
    settings.NEWSDESK_PAGE_SIZE = 1
    section = SectionFactory(slug="world")
    ArticleFactory(section=section)
    ArticleFactory(section=section)

    head = head_of(client, "/section/world/page/2/")

    assert canonical(head) == [settings.NEWSDESK_BASE_URL + "/section/world/page/2/"]
    assert prop(head, "og:url") == [settings.NEWSDESK_BASE_URL + "/section/world/page/2/"]


def test_the_latest_stories_page_has_canonical_address_and_open_graph(client, demo, settings):
    head = head_of(client, "/latest/")

    assert canonical(head) == [settings.NEWSDESK_BASE_URL + "/latest/"]
    assert prop(head, "og:title") == ["Latest stories"]
    assert prop(head, "og:type") == ["website"]


# Front page and static pages -------------------------------------------------------------------------


def test_the_front_page_has_canonical_address_description_and_open_graph(client, demo, settings):
    head = head_of(client, "/")
    tagline = Publication.objects.current().tagline

    assert canonical(head) == [settings.NEWSDESK_BASE_URL + "/"]
    assert named(head, "description") == tagline
    assert prop(head, "og:type") == ["website"]
    assert prop(head, "og:title") == ["The Northgate Courier"]
    assert prop(head, "og:description") == [tagline]
    assert prop(head, "og:url") == [settings.NEWSDESK_BASE_URL + "/"]


def test_the_front_page_links_the_publication_feeds(client, demo):
    head = head_of(client, "/")

    assert [(link["type"], link["href"]) for link in head.find_all("link", rel="alternate")] == [
        ("application/rss+xml", "/feeds/rss.xml"),
        ("application/atom+xml", "/feeds/atom.xml"),
        ("application/feed+json", "/feeds/feed.json"),
    ]


def test_a_static_page_has_canonical_address_and_open_graph(client, demo, settings):
    page = Page.objects.get(slug="about")
    head = head_of(client, "/about/")

    assert canonical(head) == [settings.NEWSDESK_BASE_URL + "/about/"]
    assert prop(head, "og:title") == [page.title]
    assert prop(head, "og:url") == [settings.NEWSDESK_BASE_URL + "/about/"]


def test_a_not_found_page_claims_no_canonical_address(client, demo):
    response = client.get("/no-such-page/")
    head = BeautifulSoup(response.content, "html.parser").head

    assert response.status_code == 404
    assert canonical(head) == [] and prop(head, "og:url") == []


# Every page -----------------------------------------------------------------------------------------


def _demo_page_paths():
    yield "/"
    yield "/latest/"
    yield from (a.get_absolute_url() for a in Article.objects.published())
    yield from (s.get_absolute_url() for s in Section.objects.all())
    yield from (t.get_absolute_url() for t in Tag.objects.all())
    yield from (a.get_absolute_url() for a in Author.objects.all())
    yield from (p.get_absolute_url() for p in Page.objects.published())


def test_every_demo_page_has_exactly_one_canonical_address_matching_og_url(client, demo, settings):
    for path in _demo_page_paths():
        head = head_of(client, path)
        assert canonical(head) == [settings.NEWSDESK_BASE_URL + path], path
        assert prop(head, "og:url") == canonical(head), path


def test_every_demo_page_has_the_open_graph_basics_and_a_twitter_card(client, demo):
    for path in _demo_page_paths():
        head = head_of(client, path)
        for name in ("og:type", "og:title", "og:description", "og:url", "og:site_name"):
            assert len(prop(head, name)) == 1 and prop(head, name)[0], f"{path}: {name}"
        assert named(head, "twitter:card") in ("summary", "summary_large_image"), path


def test_addresses_in_the_head_use_the_public_base_url_not_the_request_host(client, settings):
    settings.NEWSDESK_BASE_URL = "https://news.example.org"
    article = ArticleFactory()

    head = head_of(client, article.get_absolute_url())

    assert canonical(head) == ["https://news.example.org" + article.get_absolute_url()]
    assert "testserver" not in str(head)
