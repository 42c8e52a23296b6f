"""Bad input is refused with a clear message beside its field, or stored and shown as inert text."""

import pytest
from bs4 import BeautifulSoup

from newsdesk.comments.models import Comment
from tests.comments.conftest import form_data

pytestmark = pytest.mark.django_db


def field_error(response, field: str) -> str:
    found = BeautifulSoup(response.content, "html.parser").select_one(f"#{field}-error")
    return found.get_text() if found else ""


@pytest.mark.parametrize("field", ["name", "email", "comment"])
def test_an_empty_required_field_is_refused_with_a_message_beside_it(post, article, field):
    response = post(form_data(article, **{field: ""}))
    assert response.status_code == 400
    assert field_error(response, field)
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("field", ["name", "email", "comment"])
def test_a_whitespace_only_required_field_is_refused(post, article, field):
    response = post(form_data(article, **{field: " \t\n\u00a0 "}))
    assert response.status_code == 400
    assert field_error(response, field)
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "email", ["plainaddress", "@example.org", "reader@", "reader@@example.org", "reader@exa mple.org", "a" * 250 + "@x.org"]
)
def test_an_invalid_email_is_refused(post, article, email):
    response = post(form_data(article, email=email))
    assert response.status_code == 400
    assert field_error(response, "email")


@pytest.mark.parametrize("website", ["javascript:alert(1)", "data:text/html,hi", "ftp://example.org/", "not a url"])
def test_a_website_that_is_not_an_http_address_is_refused(post, article, website):
    response = post(form_data(article, website=website))
    assert response.status_code == 400
    assert field_error(response, "website") == "Enter a web address starting with http:// or https://, or leave it empty."


def test_a_website_without_a_scheme_is_taken_as_https(post, article):
    post(form_data(article, website="example.org"))
    assert Comment.objects.get().website == "https://example.org"


@pytest.mark.parametrize("field", ["name", "comment"])
def test_a_nul_byte_is_refused(post, article, field):
    response = post(form_data(article, **{field: "before\x00after"}))
    assert response.status_code == 400
    assert field_error(response, field)
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x08", "\x7f", "\x85", "\x9b"])
def test_control_characters_are_refused_with_a_message(post, article, char):
    response = post(form_data(article, comment=f"bell{char}ring"))
    assert response.status_code == 400
    assert field_error(response, "comment") == "This contains control characters that cannot be stored; remove them."


def test_tabs_and_line_breaks_are_allowed(post, article):
    post(form_data(article, comment="one\ttwo\r\nthree"))
    assert Comment.objects.get().body == "one\ttwo\nthree"


def test_mixed_right_to_left_text_is_stored_and_isolated_on_the_page(client, post, article):
    text = "Hello שלום world مرحبا 123"
    response = client.get(post(form_data(article, name="דנה Dana", comment=text))["Location"])
    shown = BeautifulSoup(response.content, "html.parser").select_one(".comment__text")
    assert Comment.objects.get().body == text
    assert shown.get_text() == text
    assert shown["dir"] == "auto"


def test_a_right_to_left_override_cannot_flip_the_text_after_the_comment(client, post, article):
    response = client.get(post(form_data(article, name="evil\u202eredro", comment="\u202egnp.exe"))["Location"])
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one(".comment__author bdi") is not None
    assert page.select_one(".comment__text")["dir"] == "auto"


def test_emoji_are_stored_and_shown_intact(client, post, article):
    text = "Great reporting 👏🏽 — 🇬🇧 👨‍👩‍👧"
    response = client.get(post(form_data(article, name="Zoë 😀", comment=text))["Location"])
    page = BeautifulSoup(response.content, "html.parser")
    assert Comment.objects.get().body == text
    assert page.select_one(".comment__text").get_text() == text
    assert page.select_one(".comment__author").get_text() == "Zoë 😀"


def test_a_name_longer_than_100_characters_is_refused(post, article):
    response = post(form_data(article, name="n" * 101))
    assert response.status_code == 400
    assert field_error(response, "name")


def test_html_in_the_name_is_stored_as_text(client, post, article):
    response = client.get(post(form_data(article, name="<b>Bold</b>"))["Location"])
    author = BeautifulSoup(response.content, "html.parser").select_one(".comment__author")
    assert author.get_text() == "<b>Bold</b>"
    assert [tag.name for tag in author.find_all(True)] == ["bdi"]
