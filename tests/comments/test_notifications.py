"""Editors are emailed when a comment waits; commenters who asked are emailed replies, with an unsubscribe link."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core import mail

from newsdesk.comments import services
from newsdesk.comments.models import Comment
from tests.comments.conftest import approved_comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_rebake")]


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", "editor@example.org", "x" * 12, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_comment"))
    return user


def comment_on(article, **fields):
    fields.setdefault("name", "Reader")
    fields.setdefault("email", "reader@example.org")
    fields.setdefault("body", "Some words.")
    return services.post_comment(article, **fields)


def test_editors_are_emailed_when_a_comment_awaits_moderation(article, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_on(article)
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]
    assert article.headline in mail.outbox[0].subject
    assert f"/admin/comments/comment/{comment.pk}/change/" in mail.outbox[0].body


def test_staff_without_the_comment_permission_are_not_emailed(article, django_capture_on_commit_callbacks):
    User.objects.create_user("writer", "writer@example.org", "x" * 12, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        comment_on(article)
    assert mail.outbox == []


def test_inactive_editors_are_not_emailed(article, editor, django_capture_on_commit_callbacks):
    editor.is_active = False
    editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        comment_on(article)
    assert mail.outbox == []


def test_editors_are_not_emailed_about_approved_comments(article, editor, django_capture_on_commit_callbacks):
    approved_comment(article, email="known@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment_on(article, email="known@example.org")
    assert mail.outbox == []


def reply_to(parent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.approve_comment(
            comment_on(parent.article, email="replier@example.org", name="Replier", body="My answer.", parent_id=parent.pk)
        )
    return reply


def test_a_commenter_who_asked_is_emailed_when_a_reply_is_approved(article, django_capture_on_commit_callbacks):
    parent = approved_comment(article, email="asker@example.org", notify_replies=True)
    mail.outbox.clear()
    reply_to(parent, django_capture_on_commit_callbacks)
    sent = [m for m in mail.outbox if m.to == ["asker@example.org"]]
    assert len(sent) == 1
    assert "My answer." in sent[0].body
    assert sent[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_commenter_who_did_not_ask_is_not_emailed(article, django_capture_on_commit_callbacks):
    parent = approved_comment(article, email="quiet@example.org")
    mail.outbox.clear()
    reply_to(parent, django_capture_on_commit_callbacks)
    assert all(m.to != ["quiet@example.org"] for m in mail.outbox)


def test_a_held_reply_sends_no_email_until_approved(article, django_capture_on_commit_callbacks):
    parent = approved_comment(article, email="asker@example.org", notify_replies=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment_on(article, email="replier@example.org", parent_id=parent.pk)
    assert all(m.to != ["asker@example.org"] for m in mail.outbox)


def test_a_reply_is_notified_once_even_if_approved_again(article, django_capture_on_commit_callbacks):
    parent = approved_comment(article, email="asker@example.org", notify_replies=True)
    reply = reply_to(parent, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.restore_comment(reply)
        services.approve_comment(reply)
    assert len([m for m in mail.outbox if m.to == ["asker@example.org"]]) == 1


def test_the_unsubscribe_link_stops_reply_emails_in_one_click(client, article, django_capture_on_commit_callbacks):
    parent = approved_comment(article, email="asker@example.org", notify_replies=True)
    reply_to(parent, django_capture_on_commit_callbacks)
    link = re.search(r"http://\S+/comments/unsubscribe/\S+/", mail.outbox[-1].body).group(0)
    response = client.get(link.split("8000", 1)[1])
    parent.refresh_from_db()
    assert response.status_code == 200
    assert not parent.notify_replies


def test_a_tampered_unsubscribe_link_is_refused(client, article):
    parent = approved_comment(article, notify_replies=True)
    response = client.get(f"/comments/unsubscribe/{parent.pk}:forged/")
    parent.refresh_from_db()
    assert response.status_code == 404
    assert parent.notify_replies


def test_the_form_offers_reply_emails(client, article):
    assert b'name="notify_replies"' in client.get(article.get_absolute_url()).content


def test_the_forms_reply_email_choice_is_stored(post, article):
    from tests.comments.conftest import form_data

    post(form_data(article, notify_replies="on"))
    assert Comment.objects.get().notify_replies
