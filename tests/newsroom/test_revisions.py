"""Revisions: every save kept, compared word by word, restored; concurrent edits never lose words."""

import pytest
from django.urls import reverse

from newsdesk.content.models import Article
from newsdesk.newsroom import workflow
from newsdesk.newsroom.models import Revision
from tests.newsroom.helpers import article_form, change_url

pytestmark = pytest.mark.django_db


def test_every_save_keeps_a_revision_with_its_writer(author, draft_by):
    article = draft_by(author)

    workflow.save_edit(article, author, {"body": "First take.\n"}, base_version=article.version)
    article.refresh_from_db()
    workflow.save_edit(article, author, {"headline": "A sharper headline"}, base_version=article.version)

    revisions = list(article.revisions.order_by("number"))
    assert [(r.data["body"], r.data["headline"]) for r in revisions][-1] == ("First take.\n", "A sharper headline")
    assert revisions[-2].data["body"] == "First take.\n" and revisions[-2].data["headline"] != "A sharper headline"
    assert {r.created_by for r in revisions} == {author}


def test_the_difference_between_two_revisions_is_shown_word_by_word(client, editor, draft_by):
    article = draft_by(editor, body="The council met.\n")
    workflow.save_edit(article, editor, {"body": "The council met on Tuesday.\n"}, base_version=article.version)
    article.refresh_from_db()
    workflow.save_edit(article, editor, {"body": "The council met on Wednesday.\n"}, base_version=article.version)
    first, second = article.revisions.order_by("number")[:2]
    client.force_login(editor)

    page = client.get(reverse("admin:newsroom_article_revisions", args=[article.pk]), {"a": first.number, "b": second.number}).content.decode()

    assert "<del>Tuesday.</del><ins>Wednesday.</ins>" in page


def test_a_revision_is_restored(client, editor, draft_by):
    article = draft_by(editor, headline="Original headline")
    workflow.save_edit(article, editor, {"headline": "Original headline", "body": "v1\n"}, base_version=article.version)
    article.refresh_from_db()
    workflow.save_edit(article, editor, {"headline": "Worse headline"}, base_version=article.version)
    original = article.revisions.get(data__headline="Original headline", data__body="v1\n")
    client.force_login(editor)

    client.post(reverse("admin:newsroom_article_restore", args=[article.pk, original.number]))

    article.refresh_from_db()
    assert article.headline == "Original headline"
    assert article.revisions.order_by("-number").first().kind == Revision.Kind.RESTORED


def test_restoring_on_a_published_article_makes_a_pending_update(editor, published_by):
    article = published_by(editor, headline="Live headline")
    workflow.save_edit(article, editor, {"headline": "Draft headline"}, base_version=article.version)
    article.refresh_from_db()
    pending = workflow.pending_update(article)

    workflow.restore_revision(article, pending, editor)

    article.refresh_from_db()
    assert article.headline == "Live headline"
    assert workflow.working_copy(article)["headline"] == "Draft headline"


def test_the_later_of_two_concurrent_saves_is_refused_with_what_changed(client, editor, make_user, draft_by):
    from newsdesk.newsroom.roles import Role

    other = make_user(Role.EDITOR, username="other")
    article = draft_by(editor)
    workflow.save_edit(article, editor, {"body": "The bridge opens in May."}, base_version=article.version)
    article.refresh_from_db()
    mine = article_form(article, body="The bridge opens in May, the council said.\n")
    theirs = article_form(article, body="The bridge opens in June.\n")
    client.force_login(other)
    client.post(change_url(article), theirs)
    client.force_login(editor)

    response = client.post(change_url(article), mine)

    page = response.content.decode()
    assert response.status_code == 409
    assert "other saved this article after you opened it" in page
    assert "<del>May.</del><ins>June.</ins>" in page


def test_a_refused_save_loses_nothing(client, editor, make_user, draft_by):
    from newsdesk.newsroom.roles import Role

    other = make_user(Role.EDITOR, username="other")
    article = draft_by(editor)
    mine = article_form(article, body="My paragraph that must survive.\n")
    client.force_login(other)
    client.post(change_url(article), article_form(article, body="Their paragraph.\n"))
    client.force_login(editor)

    client.post(change_url(article), mine)

    article.refresh_from_db()
    kept = article.revisions.get(kind=Revision.Kind.CONFLICT)
    assert article.body == "Their paragraph."
    assert kept.data["body"] == "My paragraph that must survive." and kept.created_by == editor


def test_a_stale_save_through_the_workflow_raises_a_conflict(editor, draft_by):
    article = draft_by(editor)
    base = article.version
    workflow.save_edit(article, editor, {"body": "One.\n"}, base_version=base)

    with pytest.raises(workflow.EditConflict) as conflict:
        workflow.save_edit(article, editor, {"body": "Two.\n"}, base_version=base)

    assert "body" in conflict.value.changed_fields
    assert Article.objects.get(pk=article.pk).body == "One.\n"
