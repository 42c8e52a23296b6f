"""The moderation queue in the admin: statuses, bulk actions, filters and dashboard counts."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User

from newsdesk.comments import services
from newsdesk.comments.models import ArticleCommentSettings, Comment, CommentSettings
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("boss", "boss@example.org", "x" * 12)
    client.force_login(user)
    return client


def held(article, n=0):
    return services.post_comment(article, name=f"R{n}", email=f"r{n}@example.org", body=f"Comment {n}.")


def bulk(admin_client, action: str, comments) -> None:
    response = admin_client.post(CHANGELIST, {"action": action, "_selected_action": [c.pk for c in comments]})
    assert response.status_code == 302


def statuses(comments) -> list[str]:
    return [Comment.objects.get(pk=c.pk).status for c in comments]


def test_bulk_approve(admin_client, article):
    comments = [held(article, n) for n in range(2)]
    bulk(admin_client, "approve_selected", comments)
    assert statuses(comments) == ["approved", "approved"]


def test_bulk_mark_as_spam(admin_client, article):
    comments = [held(article, n) for n in range(2)]
    bulk(admin_client, "spam_selected", comments)
    assert statuses(comments) == ["spam", "spam"]


def test_bulk_trash(admin_client, article):
    comments = [held(article, n) for n in range(2)]
    bulk(admin_client, "trash_selected", comments)
    assert statuses(comments) == ["trash", "trash"]


def test_bulk_restore_puts_comments_back_in_the_queue(admin_client, article):
    comments = [services.trash_comment(held(article, 0)), services.mark_comment_spam(held(article, 1))]
    bulk(admin_client, "restore_selected", comments)
    assert statuses(comments) == ["pending", "pending"]


@pytest.mark.parametrize("status", ["pending", "approved", "spam", "trash"])
def test_the_queue_filters_by_status(admin_client, article, status):
    wanted = services.set_comment_status(held(article, 0), status)
    other = services.set_comment_status(held(article, 1), "approved" if status != "approved" else "spam")
    page = BeautifulSoup(admin_client.get(f"{CHANGELIST}?status={status}").content, "html.parser")
    shown = {int(box["value"]) for box in page.select("input[name=_selected_action]")}
    assert shown == {wanted.pk}
    assert other.pk not in shown


def test_the_queue_filters_by_article(admin_client, article):
    mine = held(article, 0)
    held(ArticleFactory(), 1)
    page = BeautifulSoup(admin_client.get(f"{CHANGELIST}?article__id__exact={article.pk}").content, "html.parser")
    assert {int(box["value"]) for box in page.select("input[name=_selected_action]")} == {mine.pk}


def test_the_admin_dashboard_counts_comments_in_each_status(admin_client, article):
    held(article, 0)
    held(article, 1)
    services.mark_comment_spam(held(article, 2))
    page = BeautifulSoup(admin_client.get("/admin/").content, "html.parser")
    rows = {row.th.get_text(strip=True): row.td.get_text(strip=True) for row in page.select("#comment-queue tr")}
    assert rows == {"Awaiting moderation": "2", "Approved": "0", "Spam": "1", "Trash": "0"}


def test_the_dashboard_still_lists_the_apps(admin_client):
    assert b"app-content" in admin_client.get("/admin/").content


def test_an_editor_can_fix_a_comments_text(admin_client, article):
    comment = held(article)
    response = admin_client.post(
        f"{CHANGELIST}{comment.pk}/change/",
        {"name": "R0", "email": "r0@example.org", "website": "", "body": "Fixed typo."},
    )
    assert response.status_code == 302
    assert Comment.objects.get(pk=comment.pk).body == "Fixed typo."


def test_the_comment_settings_are_one_row_edited_in_the_admin(admin_client):
    response = admin_client.get("/admin/comments/commentsettings/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/admin/comments/commentsettings/{CommentSettings.objects.current().pk}/change/")


def test_an_editor_closes_an_articles_comments_in_the_admin(admin_client, article):
    response = admin_client.post("/admin/comments/articlecommentsettings/add/", {"article": article.pk})
    assert response.status_code == 302
    assert ArticleCommentSettings.objects.get(article=article).comments_open is False
    assert not services.comments_open(article)
