"""Comments are plain text: links made, line breaks kept, and nothing a reader types runs."""

import pytest
from bs4 import BeautifulSoup

from newsdesk.comments.text import render_comment
from tests.comments.conftest import approved_comment
from tests.comments.payloads import XSS_PAYLOADS

pytestmark = pytest.mark.django_db


def comment_text(client, article, comment):
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    return page.select_one(f"#comment-{comment.pk} .comment__text")


def test_an_address_becomes_a_link_with_nofollow_ugc_noopener():
    html = render_comment("See https://example.org/report?a=1&b=2.")
    link = BeautifulSoup(html, "html.parser").a
    assert link["href"] == "https://example.org/report?a=1&b=2"
    assert link["rel"] == ["nofollow", "ugc", "noopener"]
    assert html.endswith("</a>.</p>")


def test_only_http_and_https_addresses_become_links():
    html = render_comment("javascript:alert(1) and ftp://example.org/file and data:text/html,x")
    assert "<a" not in html


def test_html_a_reader_types_is_shown_as_text():
    html = render_comment("<b>bold</b> & <i>italic</i>")
    assert html == "<p>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;italic&lt;/i&gt;</p>"


def test_line_breaks_are_kept_and_blank_lines_make_paragraphs():
    assert render_comment("one\ntwo\n\nthree") == "<p>one<br>two</p><p>three</p>"


def test_windows_line_endings_are_kept_as_line_breaks():
    assert render_comment("one\r\ntwo") == "<p>one<br>two</p>"


def test_a_closing_bracket_belonging_to_the_address_stays_in_the_link():
    link = BeautifulSoup(render_comment("(see https://en.example.org/wiki/Foo_(bar))"), "html.parser").a
    assert link["href"] == "https://en.example.org/wiki/Foo_(bar)"


def test_a_commenters_website_links_their_name_with_nofollow_ugc_noopener(client, article):
    comment = approved_comment(article, name="Linus", website="https://linus.example.org/")
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    link = page.select_one(f"#comment-{comment.pk} .comment__author a")
    assert link["href"] == "https://linus.example.org/"
    assert link["rel"] == ["nofollow", "ugc", "noopener"]


@pytest.mark.parametrize("payload", XSS_PAYLOADS, ids=range(len(XSS_PAYLOADS)))
def test_a_script_payload_is_stored_as_typed_and_shown_as_inert_text(client, article, payload):
    comment = approved_comment(article, body=payload, name=payload[:100])
    shown = comment_text(client, article, comment)
    tags = {tag.name for tag in shown.find_all(True)}
    assert tags <= {"p", "br", "a"}
    for link in shown.find_all("a"):
        assert link["href"].startswith(("http://", "https://"))
        assert set(link.attrs) == {"href", "rel"}
    assert " ".join(shown.get_text(" ").split()).replace(" ", "") == "".join(payload.split())
    author = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser").select_one(
        f"#comment-{comment.pk} .comment__author"
    )
    assert [t.name for t in author.find_all(True)] == ["bdi"]
    assert author.get_text() == " ".join(payload[:100].split()) or author.get_text() == payload[:100].strip()
