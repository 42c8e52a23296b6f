"""ETags and 304s: clients re-ask cheaply, and see a change as soon as there is one."""

import pytest

from newsdesk.content import services
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_response_has_an_etag_and_may_be_cached_briefly(client):
    article = ArticleFactory()

    response = client.get(f"/api/v1/articles/{article.pk}")

    assert response["ETag"].startswith('"')
    assert "max-age=60" in response["Cache-Control"]


def test_the_same_etag_gets_a_304_without_a_body(client):
    article = ArticleFactory()
    etag = client.get(f"/api/v1/articles/{article.pk}")["ETag"]

    response = client.get(f"/api/v1/articles/{article.pk}", headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_change_changes_the_etag(client):
    article = ArticleFactory()
    etag = client.get(f"/api/v1/articles/{article.pk}")["ETag"]
    article.headline = "A new headline"
    services.save_article(article)

    response = client.get(f"/api/v1/articles/{article.pk}", headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_lists_have_etags_too(client):
    ArticleFactory()
    etag = client.get("/api/v1/articles")["ETag"]

    assert client.get("/api/v1/articles", headers={"If-None-Match": etag}).status_code == 304


def test_errors_carry_no_etag(client):
    response = client.get("/api/v1/articles/999999")

    assert response.status_code == 404
    assert not response.has_header("ETag")
