"""The paths the publishing app bakes for distribution: all of them, and those one article touches."""

from datetime import datetime, timedelta, timezone as dt_timezone

import pytest

from newsdesk.content import services
from newsdesk.content.models import Article, Author, Publication, Section, Tag
from django.utils import timezone

from newsdesk.distribution.baking import all_paths, paths_for_article, paths_for_article_edit
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_every_path_the_site_has_answers_200(client, demo):
    for path in all_paths():
        assert client.get(path).status_code == 200, path


def test_all_paths_are_site_relative_file_names_without_query_strings(demo):
    for path in all_paths():
        assert path.startswith("/") and "?" not in path and not path.endswith("/"), path


def test_all_paths_name_every_feed_sitemap_and_robots_txt(demo):
    paths = set(all_paths())

    assert {"/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json", "/sitemap.xml", "/sitemaps/pages.xml"} <= paths
    assert {"/sitemaps/news.xml", "/robots.txt", "/sitemaps/2026-02.xml"} <= paths
    for kind, model in (("section", Section), ("tag", Tag), ("author", Author)):
        for slug in model.objects.values_list("slug", flat=True):
            assert f"/feeds/{kind}/{slug}/rss.xml" in paths
            assert f"/feeds/{kind}/{slug}/feed.json" in paths


def test_all_paths_name_each_path_once(demo):
    paths = all_paths()

    assert len(paths) == len(set(paths))


def test_all_paths_leave_out_months_without_published_articles():
    ArticleFactory(status=Article.Status.DRAFT, published_at=datetime(2020, 5, 1, 12, tzinfo=dt_timezone.utc))

    assert "/sitemaps/2020-05.xml" not in all_paths()


def test_an_articles_paths_are_its_feeds_and_the_sitemaps_it_appears_in():
    section, tag = SectionFactory(slug="world"), TagFactory(slug="iran")
    first, second = AuthorFactory(slug="ada"), AuthorFactory(slug="ben")
    article = ArticleFactory(
        section=section, authors=[first, second], published_at=datetime(2026, 2, 5, 8, tzinfo=dt_timezone.utc)
    )
    services.set_tags(article, [tag])

    paths = paths_for_article(article)

    directories = ("/feeds/", "/feeds/section/world/", "/feeds/tag/iran/", "/feeds/author/ada/", "/feeds/author/ben/")
    for directory in directories:
        assert {f"{directory}rss.xml", f"{directory}atom.xml", f"{directory}feed.json"} <= set(paths), directory
    assert {"/sitemap.xml", "/sitemaps/pages.xml", "/sitemaps/2026-02.xml", "/sitemaps/news.xml"} <= set(paths)


def test_an_articles_paths_leave_out_other_sections_tags_and_authors():
    SectionFactory(slug="business")
    TagFactory(slug="economy")
    article = ArticleFactory(section=SectionFactory(slug="world"))

    paths = paths_for_article(article)

    assert not any("business" in path or "economy" in path for path in paths)


def test_an_articles_month_is_the_month_of_its_address():
    # 23:30 UTC on 31 January is already 1 February in a UTC+1 publication: the address says February.
    publication = Publication.objects.current()
    publication.time_zone = "Europe/Paris"
    publication.save()
    article = ArticleFactory(published_at=datetime(2026, 1, 31, 23, 30, tzinfo=dt_timezone.utc))

    assert article.get_absolute_url().startswith("/2026/02/01/")
    assert "/sitemaps/2026-02.xml" in paths_for_article(article)


def test_a_draft_that_was_never_published_touches_no_monthly_sitemap():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    assert not any(path.startswith("/sitemaps/2") for path in paths_for_article(article))


def test_every_path_an_article_touches_is_one_the_site_has(client):
    article = ArticleFactory()
    services.set_tags(article, [TagFactory()])

    for path in paths_for_article(article):
        assert client.get(path).status_code == 200, path


def test_editing_a_story_of_the_last_two_days_rebakes_the_news_sitemap():
    article = ArticleFactory(published_at=timezone.now() - timedelta(hours=30))

    assert "/sitemaps/news.xml" in paths_for_article_edit(article)


def test_editing_an_older_story_leaves_the_news_sitemap_alone():
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=30))

    paths = paths_for_article_edit(article)

    assert "/sitemaps/news.xml" not in paths
    year, month = article.get_absolute_url().split("/")[1:3]
    assert {"/sitemap.xml", f"/sitemaps/{year}-{month}.xml"} <= set(paths)
