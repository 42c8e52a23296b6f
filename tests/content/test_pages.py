"""The front page, static pages and the error pages readers see."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.utils import timezone

from newsdesk.content.models import Article
from newsdesk.core.views import server_error
from tests.factories import ArticleFactory, PageFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_the_front_page_leads_with_the_newest_story_and_shows_each_section(client):
    world, business = SectionFactory(name="World"), SectionFactory(name="Business")
    now = timezone.now()
    ArticleFactory(section=business, headline="Older business story", published_at=now - timedelta(days=9))
    for days in range(8, 0, -1):
        ArticleFactory(section=world, headline=f"World story {days}", published_at=now - timedelta(days=days))

    page = BeautifulSoup(client.get("/").content, "html.parser")

    assert page.select_one(".front-lead .card__headline").get_text(strip=True) == "World story 1"
    business_block = page.find(id=f"section-{business.slug}").find_parent("section")
    assert [a.get_text(strip=True) for a in business_block.select(".card__headline a")] == ["Older business story"]


def test_only_the_lead_story_gets_the_lead_layout(client):
    for days in range(5, 0, -1):
        ArticleFactory(published_at=timezone.now() - timedelta(days=days))

    page = BeautifulSoup(client.get("/").content, "html.parser")

    assert len(page.select(".card--lead")) == 1
    assert page.select_one(".card--lead").find_parent(class_="front-lead") is not None


def test_an_empty_site_says_nothing_is_published_yet(client):
    assert "Nothing has been published yet" in client.get("/").content.decode()


def test_a_static_page_renders_its_markdown(client):
    page = PageFactory(title="About us", body="## Our promise\n\nWe correct mistakes.")

    html = BeautifulSoup(client.get(page.get_absolute_url()).content, "html.parser")

    assert html.h1.get_text(strip=True) == "About us"
    assert html.select_one(".prose h2#our-promise") is not None


def test_an_unpublished_static_page_is_not_found(client):
    page = PageFactory(is_published=False)

    assert client.get(page.get_absolute_url()).status_code == 404


def test_footer_links_to_terms_and_privacy_on_every_page(client, publication):
    publication.terms_page = PageFactory(title="Terms of Service", slug="terms")
    publication.privacy_page = PageFactory(title="Privacy Policy", slug="privacy")
    publication.save()
    article = ArticleFactory()

    for url in ("/", article.get_absolute_url(), "/latest/", "/no-such-thing/"):
        footer = BeautifulSoup(client.get(url).content, "html.parser").select_one("footer")
        links = {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}
        assert links.get("Terms of Service") == "/terms/" and links.get("Privacy Policy") == "/privacy/", url


def test_the_server_error_page_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_the_article_body_cannot_inject_script_even_if_the_database_is_tampered_with(client):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(body_html='<p>ok</p><script>alert(1)</script><img src=x onerror=alert(2)>')

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    assert "onerror" not in html
