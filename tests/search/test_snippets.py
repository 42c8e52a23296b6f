"""Excerpts show the matched words highlighted, and never let stored HTML through."""

import pytest

from newsdesk.search.queries import highlight, search_articles
from newsdesk.search.query import MARK_END, MARK_START

pytestmark = pytest.mark.django_db


def snippet(text):
    return str(search_articles(text).results[0].snippet)


def test_matched_words_are_marked(publish):
    publish(headline="Port news", body="Dockers returned to the harbour on Monday after the strike.\n")

    assert "<mark>harbour</mark>" in snippet("harbour")


def test_the_standfirst_is_shown_when_only_it_matches(publish):
    publish(headline="Port news", dek="Envoys met in Muscat.", body="Nothing else happened.\n")

    assert "<mark>Muscat</mark>" in snippet("muscat")


def test_text_that_looks_like_html_is_escaped(publish):
    publish(headline="Security advisory", body="Readers reported `<img src=x onerror=alert(1)>` in the harbour widget.\n")

    html = snippet("harbour")

    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_raw_html_in_the_body_never_reaches_the_snippet(publish):
    publish(headline="Security advisory", body='Harbour news <script>alert("x")</script><b onclick="x()">bold</b>\n')

    html = snippet("harbour")

    assert "<script" not in html and "<b" not in html and "onclick" not in html


def test_stored_highlight_characters_cannot_open_a_mark(publish):
    publish(headline="Odd text", body=f"Harbour {MARK_START}<script>{MARK_END} end.\n")

    html = snippet("harbour")

    assert html.count("<mark>") == html.count("</mark>") == 1
    assert "<script>" not in html


def test_unbalanced_marks_from_a_backend_are_dropped():
    assert str(highlight(f"{MARK_START}<b>")) == "&lt;b&gt;"


def test_the_search_page_shows_the_marked_excerpt(client, publish):
    publish(headline="Port news", body="Dockers returned to the harbour on Monday.\n")

    response = client.get("/search/", {"q": "harbour"})

    assert b"<mark>harbour</mark>" in response.content


LONG_OPENING = " ".join(["The committee heard evidence from residents about the timetable."] * 40)


def test_a_match_far_into_a_long_story_is_marked(publish):
    publish(headline="Transport inquiry", body=f"{LONG_OPENING}\n\nIn the end the harbour stayed open.\n")

    assert "<mark>harbour</mark>" in snippet("harbour")


def test_a_match_far_into_a_long_story_in_another_form_of_the_word_is_marked(publish):
    publish(headline="Transport inquiry", body=f"{LONG_OPENING}\n\nIn the end the striking dockers went home.\n")

    assert "<mark>striking</mark>" in snippet("strikes")


def test_a_word_first_seen_inside_a_longer_word_is_marked_where_it_stands_alone(publish):
    publish(headline="Transport inquiry", body=f"Portside meeting. {LONG_OPENING}\n\nThen the port closed.\n")

    assert "<mark>port</mark>" in snippet("port")
