"""Every address the WordPress site had answers 301 to the article it became."""

import pytest

from newsdesk.content import services
from newsdesk.content.models import Article

pytestmark = pytest.mark.django_db


def test_an_old_permalink_answers_301_to_the_article(wordpress_site, client):
    response = client.get("/2024/03/ferry-timetable-cut/")

    assert response.status_code == 301
    assert response["Location"] == "/2024/03/04/ferry-timetable-cut/"


def test_an_old_permalink_without_its_trailing_slash_answers_301(wordpress_site, client):
    response = client.get("/2024/03/ferry-timetable-cut")

    assert response.status_code == 301
    assert response["Location"] == "/2024/03/04/ferry-timetable-cut/"


def test_a_query_link_on_the_front_page_answers_301(wordpress_site, client):
    response = client.get("/?p=101")

    assert response.status_code == 301
    assert response["Location"] == "/2024/03/04/ferry-timetable-cut/"


def test_a_page_id_link_answers_301_to_the_page(wordpress_site, client):
    response = client.get("/?page_id=2")

    assert response.status_code == 301
    assert response["Location"] == "/about/"


def test_an_unknown_query_link_shows_the_front_page(wordpress_site, client):
    assert client.get("/?p=999999").status_code == 200


def test_an_arabic_permalink_answers_301(wordpress_site, client):
    response = client.get("/2024/03/%D9%85%D9%87%D8%B1%D8%AC%D8%A7%D9%86-%D8%A7%D9%84%D9%85%D9%8A%D9%86%D8%A7%D8%A1/")

    assert response.status_code == 301
    assert response["Location"] == "/2024/03/06/%D9%85%D9%87%D8%B1%D8%AC%D8%A7%D9%86-%D8%A7%D9%84%D9%85%D9%8A%D9%86%D8%A7%D8%A1/"


def test_a_post_whose_slug_was_taken_redirects_to_its_new_slug(wordpress_site, client):
    response = client.get("/2024/03/harbour-dues-2/")

    assert response["Location"] == "/2024/03/08/harbour-dues-2/"


def test_the_old_address_of_an_unpublished_story_is_404(wordpress_site, client):
    assert client.get("/?p=106").status_code == 200  # the front page, nothing about the private post
    assert client.get("/2024/03/lifeboat-crew/").status_code == 404


def test_the_redirect_follows_the_article_when_it_moves_again(wordpress_site, client):
    article = Article.objects.get(slug="ferry-timetable-cut")
    article.slug = "ferry-sailings-cut"
    services.save_article(article)

    assert client.get("/?p=101")["Location"] == "/2024/03/04/ferry-sailings-cut/"
