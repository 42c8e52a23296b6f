"""Comments close per article on demand, and automatically N days after publication."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from newsdesk.comments import services
from newsdesk.comments.models import Comment
from tests.comments.conftest import approved_comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_an_article_takes_comments_unless_closed(article):
    assert services.comments_open(article)


def test_a_closed_article_shows_no_form_and_says_comments_are_closed(client, article):
    services.close_comments(article)
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    assert page.select_one("form#commentform") is None
    assert page.select_one("#reader-comments .comments__closed").get_text() == "Comments are closed on this article."


def test_a_closed_article_keeps_its_comments_on_show(client, article):
    comment = approved_comment(article)
    services.close_comments(article)
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    assert page.select_one(f"#comment-{comment.pk}") is not None
    assert page.select_one(".comment__reply") is None


def test_a_post_to_a_closed_article_is_refused_with_403(post, article):
    services.close_comments(article)
    response = post()
    assert response.status_code == 403
    assert b"Comments are closed on this article." in response.content
    assert Comment.objects.count() == 0


def test_comments_can_be_opened_again(article):
    services.close_comments(article)
    services.open_comments(article)
    assert services.comments_open(article)


def test_comments_close_automatically_the_set_number_of_days_after_publication(comment_settings):
    comment_settings.close_after_days = 14
    comment_settings.save()
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=20))
    assert not services.comments_open(article)


def test_comments_stay_open_within_the_set_number_of_days(comment_settings):
    comment_settings.close_after_days = 14
    comment_settings.save()
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=13))
    assert services.comments_open(article)


def test_with_no_auto_close_set_old_articles_stay_open():
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=3650))
    assert services.comments_open(article)
