"""Threaded replies, permalinks, order and the approved-comment count."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.comments import services, tokens
from newsdesk.comments.models import Comment
from tests.comments.conftest import approved_comment, form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_a_reply_is_shown_under_the_comment_it_answers(client, article):
    parent = approved_comment(article, body="Parent words.")
    reply = approved_comment(article, body="Reply words.", parent_id=parent.pk)
    page = soup(client.get(article.get_absolute_url()))
    assert page.select_one(f"#comment-{parent.pk} > .comment-children > #comment-{reply.pk}") is not None


def test_replies_nest_three_deep_by_default(article):
    first = approved_comment(article)
    second = approved_comment(article, parent_id=first.pk)
    third = approved_comment(article, parent_id=second.pk)
    assert [first.depth, second.depth, third.depth] == [1, 2, 3]


def test_a_reply_past_the_deepest_level_joins_its_parents_thread(article):
    first = approved_comment(article)
    second = approved_comment(article, parent_id=first.pk)
    third = approved_comment(article, parent_id=second.pk)
    fourth = approved_comment(article, parent_id=third.pk)
    assert fourth.parent_id == second.pk
    assert fourth.depth == 3


def test_the_reply_depth_is_configurable(article, comment_settings):
    comment_settings.max_depth = 2
    comment_settings.save()
    first = approved_comment(article)
    second = approved_comment(article, parent_id=first.pk)
    third = approved_comment(article, parent_id=second.pk)
    assert third.depth == 2 and third.parent_id == first.pk


def test_each_comment_has_a_reply_link_except_at_the_deepest_level(client, article, comment_settings):
    comment_settings.max_depth = 2
    comment_settings.save()
    first = approved_comment(article)
    second = approved_comment(article, parent_id=first.pk)
    page = soup(client.get(article.get_absolute_url()))
    assert page.select_one(f"#comment-{first.pk} > article .comment__reply")["href"] == f"?replytocom={first.pk}#respond"
    assert page.select_one(f"#comment-{second.pk} > article .comment__reply") is None


def test_the_reply_link_without_javascript_shows_the_form_as_a_reply(client, article):
    parent = approved_comment(article, name="Grace Hopper")
    page = soup(client.get(f"{article.get_absolute_url()}?replytocom={parent.pk}"))
    assert page.select_one("#id_parent")["value"] == str(parent.pk)
    assert "Replying to Grace Hopper" in page.select_one("#replying-to").get_text()


def test_a_reply_posted_through_the_form_is_stored_under_its_parent(post, article):
    parent = approved_comment(article)
    post(form_data(article, parent=parent.pk, email=parent.email, comment="Replying here."))
    assert Comment.objects.get(body="Replying here.").parent == parent


def test_a_reply_to_a_comment_of_another_article_is_refused(post, article):
    other = approved_comment(ArticleFactory())
    response = post(form_data(article, parent=other.pk))
    assert response.status_code == 400
    assert Comment.objects.filter(article=article).count() == 0


def test_each_comment_has_a_permalink_to_its_anchor(client, article):
    comment = approved_comment(article)
    page = soup(client.get(article.get_absolute_url()))
    assert page.select_one(f"li#comment-{comment.pk} a.comment__permalink")["href"] == f"#comment-{comment.pk}"
    assert comment.get_absolute_url() == f"{article.get_absolute_url()}#comment-{comment.pk}"


def test_comments_are_listed_oldest_first(client, article):
    now = timezone.now()
    newer = approved_comment(article, body="Newer.", at=now)
    older = approved_comment(article, body="Older.", at=now - timedelta(minutes=5))
    page = soup(client.get(article.get_absolute_url()))
    ids = [li["id"] for li in page.select(".comment-list > li")]
    assert ids == [f"comment-{older.pk}", f"comment-{newer.pk}"]


def test_the_article_shows_its_approved_comment_count(client, article):
    approved_comment(article)
    approved_comment(article)
    services.post_comment(article, name="Held", email="held@example.org", body="Not counted.")
    page = soup(client.get(article.get_absolute_url()))
    assert page.select_one("#comments-heading").get_text(strip=True) == "2 comments"


def test_the_count_takes_in_replies_but_not_the_readers_own_held_comment(client, article):
    first = approved_comment(article)
    approved_comment(article, parent_id=approved_comment(article, parent_id=first.pk).pk)
    held = services.post_comment(article, name="Held", email="held@example.org", body="Awaiting moderation.")

    page = soup(client.get(f"{article.get_absolute_url()}?comment={tokens.pending_token(held.pk)}"))

    assert page.select_one("#comments-heading").get_text(strip=True) == "3 comments"
    assert "Awaiting moderation." in page.get_text()


def test_article_lists_show_each_articles_approved_comment_count(client, article):
    approved_comment(article)
    page = soup(client.get("/latest/"))
    link = page.select_one(f'.card__comments[href="{article.get_absolute_url()}#reader-comments"]')
    assert link.get_text(strip=True) == "1 comment"


def test_counting_comments_on_a_list_costs_one_query_however_many_cards(client):
    articles = [ArticleFactory() for _ in range(3)]
    for a in articles:
        approved_comment(a)
    client.get("/latest/")  # settings and publication now cached, as on a warm server
    with CaptureQueriesContext(connection) as few:
        client.get("/latest/")
    for a in [ArticleFactory() for _ in range(5)]:
        approved_comment(a)
    with CaptureQueriesContext(connection) as many:
        client.get("/latest/")
    assert len(many) == len(few)
    assert sum("comments_comment" in q["sql"] for q in many.captured_queries) == 1
