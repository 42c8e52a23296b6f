"""One reading-time figure per article, computed when saved and shown the same on every page."""

import pytest
from bs4 import BeautifulSoup

from newsdesk.content import services
from tests.factories import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db


def _figures(html: bytes, card_href: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    cards = [a.find_parent(class_="card") for a in soup.select(f'.card__headline a[href="{card_href}"]')]
    return [card.select_one(".reading-time").get_text(strip=True) for card in cards]


def test_reading_time_is_stored_when_the_article_is_saved():
    article = ArticleFactory(body="word " * 1000)

    assert article.reading_time == 5  # 1,000 words at 228 a minute


def test_reading_time_follows_the_body_when_it_is_edited():
    article = ArticleFactory(body="word " * 100)

    article.body = "word " * 2000
    services.save_article(article)
    article.refresh_from_db()

    assert article.reading_time == 9


def test_lists_show_the_same_reading_time_as_the_article_page(client):
    tag = TagFactory()
    article = ArticleFactory(body="word " * 1500)
    article.tags.add(tag)
    url = article.get_absolute_url()

    page = BeautifulSoup(client.get(url).content, "html.parser")
    on_article = page.select_one(".article__facts .reading-time").get_text(strip=True)

    assert on_article == "7 min read"
    for list_url in ("/", "/latest/", article.section.get_absolute_url(), tag.get_absolute_url()):
        assert set(_figures(client.get(list_url).content, url)) == {on_article}, list_url


def test_an_article_in_arabic_gets_the_arabic_reading_speed():
    article = ArticleFactory(body="كلمة " * 600, language="ar")

    assert article.reading_time == 5
