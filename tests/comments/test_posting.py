"""Readers post comments from the form under an article, without JavaScript."""

import pytest
from bs4 import BeautifulSoup

from newsdesk.comments.models import Comment
from tests.comments.conftest import approved_comment, form_data

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_the_article_page_has_the_comment_form_with_its_required_marks_and_email_notice(client, article):
    page = soup(client.get(article.get_absolute_url()))
    form = page.select_one("section#reader-comments form#commentform")
    assert page.select_one("#reply-title").get_text(strip=True) == "Leave a Reply"
    assert "Your email address will not be published." in form.get_text()
    assert "Required fields are marked *" in " ".join(form.get_text().split())
    for name in ("name", "email", "comment"):
        field = form.select_one(f"[name={name}]")
        assert field.has_attr("required")
        assert form.select_one(f"label[for={field['id']}] .required").get_text() == "*"
    assert not form.select_one("[name=website]").has_attr("required")


def test_the_form_posts_to_the_comment_endpoint_without_javascript(client, article):
    form = soup(client.get(article.get_absolute_url())).select_one("form#commentform")
    assert form["method"] == "post"
    assert form["action"] == f"/comments/post/{article.pk}/"
    assert form.select_one("button[type=submit]") is not None


def test_a_posted_comment_is_stored_and_the_reader_is_sent_back_to_it(post, article):
    response = post()
    comment = Comment.objects.get()
    assert response.status_code == 303
    assert response["Location"].startswith(article.get_absolute_url() + "?comment=")
    assert response["Location"].endswith(f"#comment-{comment.pk}")


def test_an_approved_comment_shows_at_once(client, post, article):
    earlier = approved_comment(article)
    post(form_data(article, email=earlier.email, comment="My second thought."))
    page = soup(client.get(article.get_absolute_url()))
    assert "My second thought." in page.select_one(".comment-list").get_text()


def test_a_held_comment_is_shown_to_its_commenter_marked_awaiting_moderation(client, post):
    response = post()
    page = soup(client.get(response["Location"]))
    comment = Comment.objects.get()
    item = page.select_one(f"#comment-{comment.pk}")
    assert comment.status == Comment.Status.PENDING
    assert "awaiting moderation" in item.select_one(".comment__awaiting").get_text()


def test_a_held_comment_is_invisible_to_other_readers(client, post, article):
    post()
    page = soup(client.get(article.get_absolute_url()))
    assert "A thoughtful comment" not in page.get_text()


def test_a_forged_pending_token_shows_nothing(client, post, article):
    post()
    comment = Comment.objects.get()
    page = soup(client.get(f"{article.get_absolute_url()}?comment={comment.pk}"))
    assert page.select_one(f"#comment-{comment.pk}") is None


def test_a_mistake_brings_the_form_back_with_the_text_kept_and_a_message_beside_the_field(post, article):
    response = post(form_data(article, email="not-an-email", comment="Keep my words, please."))
    page = soup(response)
    assert response.status_code == 400
    assert page.select_one("#id_comment").get_text() == "Keep my words, please."
    assert page.select_one("#id_name")["value"] == "Ada Reader"
    assert page.select_one("#email-error").get_text() == "Enter a valid email address, such as name@example.com."
    assert page.select_one("#id_email")["aria-invalid"] == "true"
    assert page.select_one("h1").get_text(strip=True) == article.headline
    assert Comment.objects.count() == 0


def test_the_article_page_is_identical_for_every_anonymous_reader_and_sets_no_cookie(client, article):
    approved_comment(article)
    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url(), REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Other")
    assert first.content == second.content
    assert not first.cookies and not second.cookies


def test_the_form_token_endpoint_gives_a_fresh_uncached_token(client, article):
    response = client.get(f"/comments/form-token/{article.pk}/")
    assert response.status_code == 200
    assert response.json()["token"]
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_the_comment_script_is_an_external_file_not_inline(client, article):
    page = soup(client.get(article.get_absolute_url()))
    scripts = page.select("#reader-comments script")
    assert [s.get("src") for s in scripts] == ["/static/newsdesk/js/comments.js"]
    assert all(not s.get_text(strip=True) for s in scripts)
