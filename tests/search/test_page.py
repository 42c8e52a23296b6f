"""The search page and the search box every page carries."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_page_has_the_search_box_in_its_header(client, publish):
    article = publish(headline="Port news")

    for path in ("/", article.get_absolute_url(), "/latest/"):
        page = client.get(path).content.decode()
        header = page[page.index("<header") : page.index("</header>")]
        assert 'action="/search/"' in header and 'name="q"' in header, path


def test_the_search_page_is_not_indexed_by_search_engines(client):
    response = client.get("/search/", {"q": "harbour"})

    assert b'<meta name="robots" content="noindex">' in response.content


def test_results_are_never_stored_in_shared_caches(client):
    response = client.get("/search/", {"q": "harbour"})

    assert "private" in response["Cache-Control"]


def test_the_next_page_link_keeps_the_query_and_filters(client, publish):
    for n in range(12):
        publish(headline=f"Flood warning {n}")

    response = client.get("/search/", {"q": "flood", "published_from": "2000-01-01"})

    assert b'href="?q=flood&amp;published_from=2000-01-01&amp;page=2"' in response.content


def test_the_page_says_how_many_were_found(client, publish):
    publish(headline="Flood warning")
    publish(headline="Flood defences")

    response = client.get("/search/", {"q": "flood"})

    assert "2 stories found for “".encode() in response.content


def test_post_is_not_allowed(client):
    assert client.post("/search/", {"q": "x"}).status_code == 405
