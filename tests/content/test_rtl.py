import pytest
from bs4 import BeautifulSoup

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_right_to_left_publication_renders_rtl(client, publication):
    publication.language = "ar"
    publication.save()
    article = ArticleFactory(headline="محادثات في مسقط")

    html = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser").html

    assert html["dir"] == "rtl"
    assert html["lang"] == "ar"


def test_a_left_to_right_publication_renders_ltr(client, publication):
    html = BeautifulSoup(client.get("/").content, "html.parser").html

    assert html["dir"] == "ltr"


def test_an_arabic_article_in_an_english_publication_is_marked_rtl(client, publication):
    article = ArticleFactory(headline="محادثات في مسقط", language="ar")

    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")

    assert page.html["dir"] == "ltr"
    assert page.select_one("article.article")["dir"] == "rtl"
    assert page.select_one("article.article")["lang"] == "ar"
