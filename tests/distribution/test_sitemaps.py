"""sitemap.xml (an index of monthly sitemaps and a pages sitemap), the News sitemap and robots.txt."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content import services
from newsdesk.content.models import Article, Publication
from newsdesk.distribution import sitemaps
from tests.distribution.validators import (
    IMAGE,
    NEWS,
    SITEMAP,
    assert_valid_news_sitemap,
    assert_valid_sitemap_index,
    assert_valid_urlset,
)
from tests.factories import ArticleFactory, AuthorFactory, PageFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def _locs(root) -> list[str]:
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def _index_locs(client, base_url) -> list[str]:
    return _locs(assert_valid_sitemap_index(client.get("/sitemap.xml").content, base_url=base_url))


def test_the_sitemap_index_of_the_demo_follows_the_sitemap_protocol(client, demo, settings):
    index = assert_valid_sitemap_index(client.get("/sitemap.xml").content, base_url=settings.NEWSDESK_BASE_URL)

    assert len(index.findall(f"{SITEMAP}sitemap")) >= 3


def test_every_sitemap_the_demo_index_names_follows_the_sitemap_protocol(client, demo, settings):
    base = settings.NEWSDESK_BASE_URL
    for loc in _index_locs(client, base):
        response = client.get(loc.removeprefix(base))
        assert response.status_code == 200, loc
        if loc.endswith("/news.xml"):
            assert_valid_news_sitemap(response.content, base_url=base)
        else:
            assert_valid_urlset(response.content, base_url=base)


def test_every_published_demo_article_is_in_exactly_one_monthly_sitemap(client, demo, settings):
    base = settings.NEWSDESK_BASE_URL
    listed = []
    for loc in _index_locs(client, base):
        if "/sitemaps/20" in loc:
            listed += _locs(assert_valid_urlset(client.get(loc.removeprefix(base)).content, base_url=base))

    expected = [base + article.get_absolute_url() for article in Article.objects.published()]
    assert sorted(listed) == sorted(expected)


def test_sitemaps_are_served_as_xml(client):
    ArticleFactory()
    month = timezone.localtime(Article.objects.get().published_at)

    for path in ("/sitemap.xml", "/sitemaps/pages.xml", "/sitemaps/news.xml", f"/sitemaps/{month:%Y-%m}.xml"):
        assert client.get(path)["Content-Type"] == "application/xml; charset=utf-8", path


def test_the_index_gives_each_month_its_last_change(client, settings):
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=40))
    Article.objects.filter(pk=article.pk).update(updated_at=article.published_at + timedelta(days=1))
    month = timezone.localtime(article.published_at)

    index = assert_valid_sitemap_index(client.get("/sitemap.xml").content, base_url=settings.NEWSDESK_BASE_URL)

    entries = {e.findtext(f"{SITEMAP}loc"): e.findtext(f"{SITEMAP}lastmod") for e in index.findall(f"{SITEMAP}sitemap")}
    lastmod = entries[f"{settings.NEWSDESK_BASE_URL}/sitemaps/{month:%Y-%m}.xml"]
    assert lastmod == timezone.localtime(article.published_at + timedelta(days=1)).replace(microsecond=0).isoformat()


def test_a_monthly_sitemap_lists_the_months_articles_with_lastmod_and_lead_image(client, demo, settings):
    base = settings.NEWSDESK_BASE_URL
    oman = Article.objects.get(slug="us-iran-envoys-oman-talks")

    urlset = assert_valid_urlset(client.get("/sitemaps/2026-02.xml").content, base_url=base)

    urls = {u.findtext(f"{SITEMAP}loc"): u for u in urlset.findall(f"{SITEMAP}url")}
    url = urls[base + oman.get_absolute_url()]
    assert url.findtext(f"{SITEMAP}lastmod") == "2026-02-05T08:00:00+00:00"
    assert url.find(f"{IMAGE}image").findtext(f"{IMAGE}loc") == base + oman.lead_image.file.url


def test_a_month_without_articles_has_no_sitemap(client):
    assert client.get("/sitemaps/1999-01.xml").status_code == 404


def test_a_month_that_does_not_exist_has_no_sitemap(client):
    assert client.get("/sitemaps/2026-13.xml").status_code == 404


def test_drafts_scheduled_and_withdrawn_articles_are_in_no_sitemap(client, settings):
    base = settings.NEWSDESK_BASE_URL
    now = timezone.now()
    ArticleFactory(slug="draft-story", status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(slug="scheduled-story", published_at=now + timedelta(hours=2))
    services.unpublish_article(ArticleFactory(slug="withdrawn-story", published_at=now - timedelta(hours=1)))
    ArticleFactory(slug="live-story", published_at=now - timedelta(hours=1))

    bodies = b"".join(client.get(loc.removeprefix(base)).content for loc in _index_locs(client, base))

    assert b"live-story" in bodies
    for slug in (b"draft-story", b"scheduled-story", b"withdrawn-story"):
        assert slug not in bodies


def test_the_pages_sitemap_lists_front_page_sections_tags_authors_and_static_pages(client, settings):
    base = settings.NEWSDESK_BASE_URL
    tag, author = TagFactory(slug="energy"), AuthorFactory(slug="jane-doe")
    article = ArticleFactory(section=SectionFactory(slug="climate"), authors=[author])
    services.set_tags(article, [tag])
    PageFactory(slug="about")

    locs = _locs(assert_valid_urlset(client.get("/sitemaps/pages.xml").content, base_url=base))

    for path in ("/", "/latest/", "/section/climate/", "/tag/energy/", "/author/jane-doe/", "/about/"):
        assert base + path in locs, path


def test_the_pages_sitemap_leaves_out_tags_and_authors_without_published_stories(client, settings):
    TagFactory(slug="unused-topic")
    AuthorFactory(slug="new-writer")
    ArticleFactory(status=Article.Status.DRAFT, published_at=None, authors=[AuthorFactory(slug="draft-writer")])

    content = client.get("/sitemaps/pages.xml").content

    assert b"unused-topic" not in content and b"new-writer" not in content and b"draft-writer" not in content


def test_sitemap_addresses_are_percent_encoded(client, settings):
    ArticleFactory(slug="حوار-في-مسقط", section=SectionFactory(slug="عالم"))

    index_locs = _index_locs(client, settings.NEWSDESK_BASE_URL)
    pages = client.get("/sitemaps/pages.xml").content

    assert all(loc.isascii() for loc in index_locs)
    assert_valid_urlset(pages, base_url=settings.NEWSDESK_BASE_URL)
    assert "/section/%D8%B9%D8%A7%D9%84%D9%85/".encode() in pages


def test_sitemap_addresses_use_the_public_base_url_not_the_request_host(client, settings):
    settings.NEWSDESK_BASE_URL = "https://news.example.org"
    ArticleFactory()

    for path in ("/sitemap.xml", "/sitemaps/pages.xml", "/sitemaps/news.xml", "/robots.txt"):
        content = client.get(path, HTTP_HOST="127.0.0.1").content
        assert b"https://news.example.org/" in content, path
        assert b"//127.0.0.1" not in content and b"testserver" not in content, path


def test_the_news_sitemap_lists_only_articles_from_the_last_two_days(client):
    now = timezone.now()
    ArticleFactory(slug="fresh-story", published_at=now - timedelta(hours=47))
    ArticleFactory(slug="old-story", published_at=now - timedelta(hours=49))

    content = client.get("/sitemaps/news.xml").content

    assert b"fresh-story" in content and b"old-story" not in content


def test_the_news_sitemap_gives_publication_language_date_and_title(client, settings):
    published = timezone.now().replace(microsecond=0) - timedelta(hours=3)
    article = ArticleFactory(headline="Envoys meet in Muscat", published_at=published)
    publication = Publication.objects.current()

    urlset = assert_valid_news_sitemap(client.get("/sitemaps/news.xml").content, base_url=settings.NEWSDESK_BASE_URL)

    news = urlset.find(f"{SITEMAP}url/{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == publication.name
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}publication_date") == timezone.localtime(published, publication.zone).isoformat()
    assert news.findtext(f"{NEWS}title") == "Envoys meet in Muscat"


def test_the_news_sitemap_stops_at_its_limit_keeping_the_newest(client, settings, monkeypatch):
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 2)
    for hours in (1, 2, 3):
        ArticleFactory(slug=f"story-{hours}h-ago", published_at=timezone.now() - timedelta(hours=hours))

    urlset = assert_valid_news_sitemap(client.get("/sitemaps/news.xml").content, base_url=settings.NEWSDESK_BASE_URL)

    assert [loc.rsplit("/", 2)[1] for loc in _locs(urlset)] == ["story-1h-ago", "story-2h-ago"]


def test_the_news_sitemap_limit_is_a_thousand():
    assert sitemaps.NEWS_LIMIT == 1000


def test_the_news_language_is_the_code_google_news_expects():
    assert [sitemaps.news_language(code) for code in ("en", "en-gb", "pt-br", "zh-hans", "zh-hant")] == [
        "en", "en", "pt", "zh-cn", "zh-tw",
    ]  # fmt: skip


def test_robots_txt_names_the_sitemap_index_and_the_news_sitemap(client, settings):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert f"Sitemap: {settings.NEWSDESK_BASE_URL}/sitemap.xml" in lines
    assert f"Sitemap: {settings.NEWSDESK_BASE_URL}/sitemaps/news.xml" in lines
    assert "User-agent: *" in lines


def test_the_pages_sitemap_lists_authors_by_name_whoever_was_added_first(client, settings):
    # The same order on every database: it used to follow the database's grouping.
    zed, amy = AuthorFactory(name="Zed Quinn"), AuthorFactory(name="Amy Brook")
    ArticleFactory(authors=[zed])
    ArticleFactory(authors=[amy])

    urlset = assert_valid_urlset(client.get("/sitemaps/pages.xml").content, base_url=settings.NEWSDESK_BASE_URL)
    authors = [loc for loc in _locs(urlset) if "/author/" in loc]

    assert authors == [settings.NEWSDESK_BASE_URL + amy.get_absolute_url(), settings.NEWSDESK_BASE_URL + zed.get_absolute_url()]
