"""Whatever a reader types, the search page answers with results or a clear "nothing found": never a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.search.backends import fts5_match
from newsdesk.search.queries import search_articles
from newsdesk.search.query import MAX_QUERY_CHARS, parse_query

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(publish):
    return publish(headline="Harbour strike ends", body="Dockers return to work at the harbour.\n")


def test_an_empty_search_asks_for_words(client, story):
    response = client.get("/search/", {"q": "   "})

    assert response.status_code == 200
    assert b"Type a word or two to search for." in response.content


def test_the_search_page_without_a_query_shows_the_form(client):
    response = client.get("/search/")

    assert response.status_code == 200
    assert b'id="search-q"' in response.content
    assert b"Nothing found" not in response.content


@pytest.mark.parametrize(
    "query",
    ['"', '"""', "harbour\"", "NEAR(harbour strike)", "harbour AND", "OR", "NOT harbour", "-", "--harbour", "*", "harb*",
     "harbour^2", "headline:harbour", "{headline}: harbour", "(harbour", "harbour)", "a & b | !c", "'; DROP TABLE x; --",
     "harbour:*", "\\", "%", "_", "\x00harbour", "harbour\u202e", "+harbour", "~harbour", "harbour!!"],
)  # fmt: skip
def test_operators_and_quotes_are_never_an_error(client, story, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    # "N stories found", "Nothing found", or (punctuation alone) "Type a word or two"
    assert b"found" in response.content or b"Type a word or two" in response.content


def test_operators_typed_around_a_word_still_find_it(client, story):
    response = client.get("/search/", {"q": "(harbour) AND strike!"})

    assert b"Harbour strike ends" in response.content


def test_a_10_kb_query_is_shortened_and_said_so(client, story):
    response = client.get("/search/", {"q": "harbour " + "x" * 10_000})

    assert response.status_code == 200
    assert b"only its first words were used" in response.content


def test_a_query_of_many_words_is_shortened(story):
    found = search_articles("harbour " * 500)

    assert found.query.shortened
    assert len(found.query.positive_terms) <= 16
    assert [r.article.headline for r in found.results] == ["Harbour strike ends"]


def test_nothing_found_is_said_plainly(client, story):
    response = client.get("/search/", {"q": "zeppelin"})

    assert response.status_code == 200
    assert "Nothing found for “<bdi>zeppelin</bdi>”".encode() in response.content


def test_unicode_and_accents_are_found_either_way(publish):
    publish(headline="Café society returns to Zürich")

    assert [r.article.headline for r in search_articles("cafe zurich").results] == ["Café society returns to Zürich"]


def test_right_to_left_text_is_found(client, publish):
    publish(headline="محادثات السلام في مسقط", body="التقى المبعوثون في مسقط.\n", language="ar")

    response = client.get("/search/", {"q": "مسقط"})

    assert "محادثات السلام في مسقط".encode() in response.content


def test_hebrew_query_with_direction_marks_is_found(publish):
    publish(headline="שביתה בנמל", body="העובדים חזרו.\n", language="he")

    assert len(search_articles("\u200fשביתה\u200f").results) == 1


def test_a_malformed_page_number_is_the_first_page(client, story):
    response = client.get("/search/", {"q": "harbour", "page": "two"})

    assert b"Harbour strike ends" in response.content


def test_fts5_strings_cannot_close_their_quotes():
    assert fts5_match(parse_query('say "hi" NEAR')) == '("say" AND "hi" AND "NEAR")'
    assert fts5_match(parse_query('a"b')) == '("a""b")'


def test_the_query_is_cut_to_its_limit():
    assert parse_query("x" * (MAX_QUERY_CHARS + 50)).shortened


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_any_text_searches_without_error(story, text):
    found = search_articles(text)

    assert found.total >= 0
