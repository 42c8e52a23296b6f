"""Spam and abuse defence: each rejection has a clear message, the right status, and stores nothing."""

import time

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from newsdesk.comments import tokens
from newsdesk.comments.models import Comment
from tests.comments.conftest import approved_comment, form_data, fresh_token
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def message(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def test_a_filled_honeypot_is_refused_with_400_and_nothing_stored(post, article):
    response = post(form_data(article, homepage="https://spam.example"))
    assert response.status_code == 400
    assert "This field must stay empty; it catches robots." in message(response)
    assert Comment.objects.count() == 0


def test_the_honeypot_is_hidden_from_readers_and_assistive_technology(client, article):
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    honeypot = page.select_one("#id_homepage")
    assert honeypot["tabindex"] == "-1"
    assert honeypot.find_parent(class_="comment-form__hp")["aria-hidden"] == "true"


def test_a_comment_sent_sooner_than_the_minimum_time_is_refused(post, article):
    response = post(form_data(article, token=fresh_token(article, age=0)))
    assert response.status_code == 400
    assert "wait a few seconds and send it again" in message(response)
    assert Comment.objects.count() == 0


def test_the_minimum_time_is_configurable(post, article, comment_settings):
    comment_settings.min_seconds = 0
    comment_settings.save()
    assert post(form_data(article, token=fresh_token(article, age=0))).status_code == 303


def test_a_baked_form_token_older_than_the_minimum_passes(client, post, article):
    type(article).objects.filter(pk=article.pk).update(modified_at=timezone.now() - timezone.timedelta(hours=1))
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    baked = page.select_one("#id_token")["value"]
    assert tokens.read_form_token(baked).issued_at <= time.time() - 60
    assert post(form_data(article, token=baked)).status_code == 303


def test_a_post_without_a_form_token_is_refused_with_403(post, article):
    response = post(form_data(article, token=""))
    assert response.status_code == 403
    assert "reload the page" in message(response)
    assert Comment.objects.count() == 0


def test_a_forged_form_token_is_refused_with_403(post, article):
    response = post(form_data(article, token=fresh_token(article)[:-2] + "xx"))
    assert response.status_code == 403


def test_a_form_token_of_another_article_is_refused_with_403(post, article):
    other = ArticleFactory()
    response = post(form_data(article, token=fresh_token(other)))
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_a_post_from_another_sites_page_is_refused_with_403(post, article):
    response = post(origin="https://evil.example")
    assert response.status_code == 403
    assert "sent from another site" in message(response)
    assert Comment.objects.count() == 0


def test_a_post_with_a_null_origin_is_refused(post):
    assert post(origin="null").status_code == 403


def test_without_an_origin_header_the_referer_must_be_this_site(post, article):
    ok = post(origin=None, HTTP_REFERER=f"http://127.0.0.1:8000{article.get_absolute_url()}")
    assert ok.status_code == 303
    refused = post(form_data(article), origin=None, HTTP_REFERER="https://evil.example/page")
    assert refused.status_code == 403


def test_a_post_with_neither_origin_nor_referer_is_refused(post):
    assert post(origin=None).status_code == 403


def test_the_requests_own_host_is_an_accepted_origin(post):
    assert post(origin="http://testserver").status_code == 303


def test_the_comment_endpoint_needs_no_csrf_cookie(article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/comments/post/{article.pk}/", form_data(article), HTTP_ORIGIN="http://testserver")
    assert response.status_code == 303


def test_too_many_comments_from_one_ip_address_are_refused_with_429_and_retry_after(post, article, comment_settings):
    comment_settings.rate_limit_count = 2
    comment_settings.save()
    assert [post().status_code for _ in range(2)] == [303, 303]
    response = post()
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= comment_settings.rate_limit_seconds
    assert "Too many comments from your IP address" in message(response)
    assert Comment.objects.count() == 2


def test_too_many_comments_from_one_email_are_refused_with_429(post, article, comment_settings):
    comment_settings.rate_limit_count = 2
    comment_settings.save()
    for n, ip in enumerate(["10.0.0.1", "10.0.0.2"]):
        assert post(form_data(article, email="same@example.org", comment=f"Take {n}"), REMOTE_ADDR=ip).status_code == 303
    response = post(form_data(article, email="same@example.org", comment="Take 3"), REMOTE_ADDR="10.0.0.3")
    assert response.status_code == 429
    assert "Too many comments from your email address" in message(response)


def test_the_rate_limit_window_passes(article, comment_settings):
    from newsdesk.comments import services

    comment_settings.rate_limit_count = 1
    comment_settings.save()
    earlier = timezone.now() - timezone.timedelta(seconds=comment_settings.rate_limit_seconds + 1)
    commenter = services.Commenter("10.9.9.9")
    services.post_comment(article, name="A", email="a@example.org", body="One.", commenter=commenter, at=earlier)
    services.post_comment(article, name="A", email="a@example.org", body="Two.", commenter=commenter)
    assert Comment.objects.count() == 2


def test_a_duplicate_comment_is_refused_with_409(post, article):
    data = form_data(article)
    assert post(data).status_code == 303
    response = post({**data, "comment": "  " + data["comment"].upper() + "\n"})
    assert response.status_code == 409
    assert "You have already said that" in message(response)
    assert Comment.objects.count() == 1


def test_the_same_words_from_someone_else_are_not_a_duplicate(post, article):
    post(form_data(article, comment="Agreed."))
    assert post(form_data(article, comment="Agreed.")).status_code == 303


def test_a_comment_over_the_maximum_length_is_refused_with_413_and_kept(post, article, comment_settings):
    text = "word " * (comment_settings.max_length // 5 + 1)
    response = post(form_data(article, comment=text))
    assert response.status_code == 413
    assert "at most 5,000 characters" in message(response)
    assert BeautifulSoup(response.content, "html.parser").select_one("#id_comment").get_text() == text
    assert Comment.objects.count() == 0


def test_a_one_megabyte_body_is_refused_with_413_before_it_is_read(post, article):
    response = post(form_data(article, comment="x" * (1024 * 1024)))
    assert response.status_code == 413
    assert "far too long" in message(response)
    assert Comment.objects.count() == 0


def test_comments_on_an_unpublished_article_are_not_found(post, article):
    from newsdesk.content.services import unpublish_article

    unpublish_article(article)
    assert post().status_code == 404


def test_the_comment_endpoint_answers_only_posts(client, article):
    assert client.get(f"/comments/post/{article.pk}/").status_code == 405


def test_a_trusted_proxys_forwarded_address_is_used_for_rate_limits(post, article, settings):
    settings.NEWSDESK_TRUSTED_PROXIES = ["127.0.0.1"]
    post(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert Comment.objects.get().ip_address == "203.0.113.9"


def test_an_untrusted_forwarded_address_is_ignored(post, article):
    post(REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert Comment.objects.get().ip_address == "198.51.100.1"


def test_a_reply_to_a_held_comment_is_refused(post, article):
    from newsdesk.comments import services

    held = services.post_comment(article, name="H", email="h@example.org", body="Held.")
    response = post(form_data(article, parent=held.pk))
    assert response.status_code == 400
    assert "no longer there" in message(response)


def test_an_approved_comment_makes_a_known_commenter(article):
    # Guard for the fixtures: approved_comment() really approves.
    assert approved_comment(article).status == Comment.Status.APPROVED
