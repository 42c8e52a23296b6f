"""The editorial workflow: states with their history, updates to published stories, scheduling."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newsdesk.content.models import Article
from newsdesk.core import schedule
from newsdesk.newsroom import workflow
from newsdesk.newsroom.models import Event
from tests.newsroom.helpers import change_url, post_step

pytestmark = pytest.mark.django_db
Status = Article.Status


def test_each_transition_records_who_and_when(contributor, editor, draft_by):
    article = draft_by(contributor)

    workflow.submit_for_review(article, contributor)
    workflow.publish(article, editor)
    workflow.withdraw(article, editor, "legal advice")

    steps = [(e.action, e.from_status, e.to_status, e.user) for e in article.events.order_by("at", "pk")]
    assert steps == [
        ("submit", "draft", "review", contributor),
        ("publish", "review", "published", editor),
        ("withdraw", "published", "withdrawn", editor),
    ]
    assert all(e.at is not None for e in article.events.all())


def test_the_history_page_lists_the_transitions(client, editor, draft_by):
    article = draft_by(editor)
    workflow.submit_for_review(article, editor)
    client.force_login(editor)

    page = client.get(reverse("admin:newsroom_article_revisions", args=[article.pk])).content.decode()

    assert "Submitted for review" in page and "draft → review" in page


def test_editing_a_published_article_leaves_the_live_version_until_the_update_is_published(client, editor, published_by):
    article = published_by(editor, headline="Bridge to reopen in May")
    client.force_login(editor)

    post_step(client, article, "", headline="Bridge to reopen in June")
    live_before = client.get(article.get_absolute_url()).content.decode()
    article.refresh_from_db()
    post_step(client, article, "update")
    live_after = client.get(article.get_absolute_url()).content.decode()

    assert "Bridge to reopen in May" in live_before and "in June" not in live_before
    assert "Bridge to reopen in June" in live_after


def test_publishing_an_update_records_it_and_marks_the_story_updated(editor, published_by):
    article = published_by(editor, published_at=timezone.now() - timedelta(days=1))
    workflow.save_edit(article, editor, {"body": "New facts.\n"}, base_version=article.version)

    workflow.publish(article, editor)

    article.refresh_from_db()
    assert article.body == "New facts.\n" and article.was_updated
    assert article.events.filter(action=Event.Action.UPDATE).count() == 1


def test_submitting_a_story_that_is_not_a_draft_is_refused_with_a_reason(editor, published_by):
    article = published_by(editor)

    with pytest.raises(workflow.WorkflowError, match="Only a draft"):
        workflow.submit_for_review(article, editor)


def test_a_scheduled_article_is_published_by_the_worker_at_its_time(author, draft_by):
    article = draft_by(author)
    at = timezone.now() + timedelta(minutes=10)
    workflow.schedule(article, author, at)

    early = workflow.publish_due(now=at - timedelta(seconds=1))
    due = workflow.publish_due(now=at + timedelta(seconds=1))

    article.refresh_from_db()
    assert early == [] and [a.pk for a in due] == [article.pk]
    assert article.status == Status.PUBLISHED and article.published_at == at


def test_a_scheduled_article_is_published_only_once(author, draft_by):
    article = draft_by(author)
    at = timezone.now() + timedelta(minutes=10)
    workflow.schedule(article, author, at)

    workflow.publish_due(now=at + timedelta(minutes=1))
    workflow.publish_due(now=at + timedelta(minutes=2))

    assert article.events.filter(action=Event.Action.PUBLISH).count() == 1


def test_an_article_whose_time_passed_while_nothing_ran_is_published_on_the_workers_first_tick(author, draft_by):
    article = draft_by(author)
    workflow.schedule(article, author, timezone.now() + timedelta(minutes=5))
    # Hours pass with no worker running: the article's time is long gone when the worker starts.
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(hours=3))

    schedule.tick()

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_a_time_in_the_past_cannot_be_scheduled(author, draft_by):
    article = draft_by(author)

    with pytest.raises(workflow.WorkflowError, match="future"):
        workflow.schedule(article, author, timezone.now() - timedelta(minutes=1))


def test_the_admin_refuses_a_schedule_without_a_time(client, author, draft_by):
    article = draft_by(author)
    client.force_login(author)

    response = post_step(client, article, "schedule")

    assert response.status_code == 200 and "Choose when to publish it." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_a_withdrawn_article_answers_410(client, editor, published_by, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = published_by(editor)
    url = article.get_absolute_url()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(article, editor, "legal")

    assert client.get(url).status_code == 410


def test_the_audit_log_lists_publishing_actions_for_editors(client, editor, author, draft_by):
    article = draft_by(author)
    workflow.publish(article, author)
    client.force_login(editor)

    page = client.get(reverse("admin:newsroom_event_changelist")).content.decode()

    assert "Published" in page and article.headline in page


def test_the_audit_log_is_closed_to_writers(client, author):
    client.force_login(author)

    assert client.get(reverse("admin:newsroom_event_changelist")).status_code == 403


def test_the_dashboard_shows_drafts_waiting_for_review(client, editor, contributor, draft_by):
    article = draft_by(contributor, headline="Harbour dredging plan")
    workflow.submit_for_review(article, contributor)
    client.force_login(editor)

    page = client.get(reverse("admin:index")).content.decode()

    assert "Waiting for review" in page and "Harbour dredging plan" in page


def test_the_change_form_offers_only_the_steps_the_role_may_take(client, contributor, draft_by):
    article = draft_by(contributor)
    client.force_login(contributor)

    page = client.get(change_url(article)).content.decode()

    assert 'value="submit"' in page and 'value="publish"' not in page
