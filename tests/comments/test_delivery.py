"""Approved comments reach readers without an editor doing anything else: publishing is told to re-bake."""

import pytest
from bs4 import BeautifulSoup

from newsdesk.comments import services
from newsdesk.comments.models import Comment
from newsdesk.content.signals import article_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced(no_rebake):
    """The articles article_changed was sent for, with the sender, as publishing receives them."""
    calls = []

    def receiver(sender, article, **kwargs):
        calls.append((sender, article.pk))

    article_changed.connect(receiver, weak=False)
    yield calls
    article_changed.disconnect(receiver)


def held(article):
    return services.post_comment(article, name="R", email="r@example.org", body="Held comment.")


def test_approving_a_comment_announces_the_article_changed_after_commit(article, announced, django_capture_on_commit_callbacks):
    comment = held(article)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.approve_comment(comment)
    assert (Comment, article.pk) in announced
    assert callbacks


def test_nothing_is_announced_before_the_transaction_commits(article, announced, django_capture_on_commit_callbacks):
    comment = held(article)
    with django_capture_on_commit_callbacks(execute=False):
        services.approve_comment(comment)
    assert announced == []


def test_a_held_comment_arriving_announces_nothing(article, announced, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        held(article)
    assert announced == []


@pytest.mark.parametrize("action", [services.mark_comment_spam, services.trash_comment, services.restore_comment])
def test_an_approved_comment_leaving_the_page_announces_the_change(article, announced, django_capture_on_commit_callbacks, action):
    comment = services.approve_comment(held(article))
    announced.clear()
    with django_capture_on_commit_callbacks(execute=True):
        action(comment)
    assert announced == [(Comment, article.pk)]


def test_deleting_an_approved_comment_announces_the_change(article, announced, django_capture_on_commit_callbacks):
    comment = services.approve_comment(held(article))
    announced.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_comment(comment)
    assert announced == [(Comment, article.pk)]


def test_an_approved_comment_appears_on_the_article_page_and_its_count(client, article):
    services.approve_comment(held(article))
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    assert "Held comment." in page.select_one(".comment-list").get_text()
    assert page.select_one("#comments-heading").get_text(strip=True) == "1 comment"


def test_a_trashed_comment_leaves_the_page(client, article):
    comment = services.approve_comment(held(article))
    services.trash_comment(comment)
    assert b"Held comment." not in client.get(article.get_absolute_url()).content


def test_deleting_a_comment_keeps_the_replies_of_others(article):
    parent = services.approve_comment(held(article))
    reply = services.approve_comment(
        services.post_comment(article, name="S", email="s@example.org", body="A reply.", parent_id=parent.pk)
    )
    services.delete_comment(parent)
    reply.refresh_from_db()
    assert reply.parent is None and reply.depth == 1


@pytest.mark.django_db(transaction=True)
def test_approving_a_comment_rebakes_the_article_page_and_the_lists_with_its_count(settings, tmp_path):
    """With publishing's real receiver: the baked files change with no further action."""
    from tests.factories import ArticleFactory

    settings.NEWSDESK_OUTPUT_DIR = tmp_path / "output"
    article = ArticleFactory(headline="Harbour bridge reopens")
    comment = held(article)
    services.approve_comment(comment)
    page = (settings.NEWSDESK_OUTPUT_DIR / article.get_absolute_url().lstrip("/") / "index.html").read_text()
    latest = (settings.NEWSDESK_OUTPUT_DIR / "latest" / "index.html").read_text()
    assert "Held comment." in page and "1 comment" in page
    assert f'href="{article.get_absolute_url()}#reader-comments">1 comment<' in latest
