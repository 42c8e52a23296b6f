"""Stable addresses: drafts stay hidden, old slugs redirect, malformed input never breaks a page."""

import datetime

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.content import services
from newsdesk.content.models import Article, article_path, slug_path
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_a_published_article_answers_at_its_address(client):
    article = ArticleFactory(headline="Council approves budget")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "Council approves budget" in response.content.decode()


def test_draft_articles_are_not_found(client):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    local = timezone.localtime(timezone.now())

    response = client.get(f"/{local:%Y/%m/%d}/{article.slug}/")

    assert response.status_code == 404


def test_articles_scheduled_for_later_are_not_found_yet(client):
    article = ArticleFactory(published_at=timezone.now() + timezone.timedelta(days=1))

    assert client.get(article.get_absolute_url()).status_code == 404


def test_an_unpublished_article_disappears_from_its_address(client):
    article = ArticleFactory()
    url = article.get_absolute_url()

    services.unpublish_article(article)

    assert client.get(url).status_code == 404


def test_an_old_slug_redirects_permanently_to_the_new_address(client):
    article = ArticleFactory(slug="council-budget-vote")
    old_url = article.get_absolute_url()

    article.slug = "council-passes-budget"
    services.save_article(article)
    response = client.get(old_url)

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_every_old_slug_keeps_redirecting_after_several_renames(client):
    article = ArticleFactory(slug="first-name")
    first_url = article.get_absolute_url()
    for slug in ("second-name", "third-name"):
        article.slug = slug
        services.save_article(article)

    response = client.get(first_url)

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_a_wrong_date_in_the_address_redirects_to_the_right_one(client):
    article = ArticleFactory()

    response = client.get(f"/1999/01/01/{article.slug}/")

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_an_old_slug_of_a_draft_does_not_reveal_it(client):
    article = ArticleFactory(slug="before")
    old_url = article.get_absolute_url()
    article.slug = "after"
    article.status = Article.Status.DRAFT
    services.save_article(article)

    assert client.get(old_url).status_code == 404


@pytest.mark.parametrize("value", ["abc", "-1", "0", "1.5", "", "99999999999999999999", "١", "%00", "2'--"])
def test_malformed_page_numbers_are_not_found_not_errors(client, value):
    section = SectionFactory()
    ArticleFactory(section=section)

    response = client.get(section.get_absolute_url(), {"page": value})

    assert response.status_code == 404


def test_a_page_number_in_the_query_moves_to_the_page_address(client):
    section = SectionFactory()

    response = client.get(section.get_absolute_url(), {"page": "2"})

    assert response.status_code == 301
    assert response["Location"] == f"{section.get_absolute_url()}page/2/"


def test_a_page_beyond_the_last_is_not_found(client):
    section = SectionFactory()
    ArticleFactory(section=section)

    assert client.get(f"{section.get_absolute_url()}page/2/").status_code == 404
    assert client.get(f"{section.get_absolute_url()}page/99999999999999999999999/").status_code == 404


def test_page_one_has_a_single_address(client):
    section = SectionFactory()

    response = client.get(f"{section.get_absolute_url()}page/1/")

    assert response.status_code == 301
    assert response["Location"] == section.get_absolute_url()


@pytest.mark.parametrize(
    "path",
    ["/section/no-such-section/", "/tag/nope/", "/author/nobody/", "/no-such-page/", "/2026/13/45/x/", "/2026/02/05/%00/"],
)
def test_unknown_addresses_get_the_themed_not_found_page(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_section_tag_and_author_pages_list_their_articles(client):
    author, tag = AuthorFactory(name="Sara Lind"), TagFactory(name="Budget")
    article = ArticleFactory(headline="Budget passes", authors=[author])
    article.tags.add(tag)

    for url in (article.section.get_absolute_url(), tag.get_absolute_url(), author.get_absolute_url()):
        assert "Budget passes" in client.get(url).content.decode(), url


def test_drafts_are_in_no_list(client):
    draft = ArticleFactory(headline="Embargoed story", status=Article.Status.DRAFT, published_at=None)

    for url in ("/", "/latest/", draft.section.get_absolute_url()):
        assert "Embargoed story" not in client.get(url).content.decode(), url


def test_lists_are_paginated(client, settings):
    settings.NEWSDESK_PAGE_SIZE = 2
    section = SectionFactory()
    for n in range(5):
        ArticleFactory(section=section, headline=f"Story {n}")

    third = client.get(f"{section.get_absolute_url()}page/3/")

    assert third.status_code == 200
    assert "Page 3 of 3" in third.content.decode()


@given(
    slug=st.text(st.characters(categories=["L", "N", "Pd", "Pc", "Mn"]), min_size=1, max_size=40),
    day=st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)),
)
@settings(max_examples=300)
def test_article_addresses_are_what_the_url_configuration_gives(slug, day):
    # article_path() reads the pattern once; any slug, script or date must give reverse()'s answer.
    kwargs = {"year": day.year, "month": f"{day.month:02d}", "day": f"{day.day:02d}", "slug": slug}
    try:
        expected = reverse("content:article", kwargs=kwargs)
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            article_path(day.year, day.month, day.day, slug)
    else:
        assert article_path(day.year, day.month, day.day, slug) == expected


@given(
    name=st.sampled_from(["content:section", "content:tag", "content:author", "content:page"]),
    slug=st.text(st.characters(categories=["L", "N", "Pd", "Pc", "Mn"]), min_size=1, max_size=40),
)
@settings(max_examples=300)
def test_section_tag_author_and_page_addresses_are_what_the_url_configuration_gives(name, slug):
    # slug_path() reads each pattern once; any slug in any script must give reverse()'s answer.
    try:
        expected = reverse(name, kwargs={"slug": slug})
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            slug_path(name, slug)
    else:
        assert slug_path(name, slug) == expected


@override_settings(FORCE_SCRIPT_NAME="/news/")
def test_article_addresses_follow_the_script_prefix(client):
    set_script_prefix("/news/")
    try:
        assert article_path(2026, 3, 7, "harbour-strike") == "/news/2026/03/07/harbour-strike/"
    finally:
        set_script_prefix("/")
