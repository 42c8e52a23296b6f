"""Previews of drafts (in the admin and by secret link) and corrections readers can see."""

import time

import pytest
from django.test import override_settings
from django.urls import reverse

from newsdesk.content.models import Article
from newsdesk.newsroom import preview, workflow
from newsdesk.publishing.baker import bake_pending
from newsdesk.publishing.store import file_for

pytestmark = pytest.mark.django_db


def test_an_editor_previews_a_draft_as_it_will_look(client, editor, draft_by):
    article = draft_by(editor, headline="Tram line extension approved", body="## Route\n\nSix new stops.\n")
    client.force_login(editor)

    response = client.get(reverse("admin:newsroom_article_preview", args=[article.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Tram line extension approved" in page and "<h2" in page and "Six new stops." in page
    assert "noindex" in response["X-Robots-Tag"] and "no-store" in response["Cache-Control"]


def test_the_preview_of_a_published_story_shows_its_pending_update(client, editor, published_by):
    article = published_by(editor, headline="Old words")
    workflow.save_edit(article, editor, {"headline": "New words"}, base_version=article.version)
    client.force_login(editor)

    page = client.get(reverse("admin:newsroom_article_preview", args=[article.pk])).content.decode()

    assert "New words" in page


def test_a_preview_link_opens_the_draft_without_an_account(client, editor, draft_by):
    article = draft_by(editor, headline="Embargoed budget story")

    response = client.get(preview.link_for(article).removeprefix("http://127.0.0.1:8000"))

    assert response.status_code == 200 and "Embargoed budget story" in response.content.decode()


def test_an_altered_preview_link_gives_a_clear_404(client, editor, draft_by):
    article = draft_by(editor)
    token = preview.link_token(article)

    response = client.get(reverse("shared-preview", args=[token[:-2] + "xx"]))

    assert response.status_code == 404 and "expired or is not valid" in response.content.decode()


def test_an_expired_preview_link_gives_a_clear_404(client, editor, draft_by):
    article = draft_by(editor)
    token = preview.link_token(article)
    time.sleep(1.1)

    with override_settings(NEWSDESK_PREVIEW_LINK_HOURS=0):
        response = client.get(reverse("shared-preview", args=[token]))

    assert response.status_code == 404 and "expired or is not valid" in response.content.decode()


def test_a_correction_shows_on_the_article(client, editor, published_by):
    article = published_by(editor)

    workflow.add_correction(article, editor, kind="correction", text="The vote was 7–2, not 6–3.")

    page = client.get(article.get_absolute_url()).content.decode()
    assert "Correction:</strong> The vote was 7–2, not 6–3." in page


def test_a_correction_moves_the_updated_time(editor, published_by):
    from datetime import timedelta

    from django.utils import timezone

    article = published_by(editor, published_at=timezone.now() - timedelta(days=2))

    note = workflow.add_correction(article, editor, kind="update", text="Police have named the driver.")

    article.refresh_from_db()
    assert article.updated_at == note.created_at and article.was_updated


def test_the_corrections_page_lists_notes_newest_first(client, editor, published_by):
    first, second = published_by(editor, headline="First story"), published_by(editor, headline="Second story")
    workflow.add_correction(first, editor, kind="correction", text="Older note.")
    workflow.add_correction(second, editor, kind="update", text="Newer note.")

    page = client.get(reverse("newsroom:corrections")).content.decode()

    assert page.index("Newer note.") < page.index("Older note.")


def test_the_corrections_page_is_baked_when_a_correction_is_added(editor, published_by, settings, django_capture_on_commit_callbacks):
    article = published_by(editor)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.add_correction(article, editor, kind="correction", text="A name was misspelt.")
    bake_pending()

    assert "A name was misspelt." in file_for(settings.NEWSDESK_OUTPUT_DIR, "/corrections/").read_text()


def test_a_correction_cannot_go_on_a_draft(editor, draft_by):
    with pytest.raises(workflow.WorkflowError):
        workflow.add_correction(draft_by(editor), editor, kind="correction", text="x")


def test_the_editor_preview_counts_words_and_minutes_as_the_site_does(client, author, draft_by):
    body = "## Heading\n\n" + "word " * 950
    article = draft_by(author, body=body)
    client.force_login(author)

    data = client.post(reverse("admin:newsroom_render_preview"), {"body": body, "language": ""}).json()

    assert (data["word_count"], data["reading_time"]) == (article.word_count, article.reading_time)
    assert "<h2" in data["html"]


def test_a_draft_never_appears_on_the_site(client, author, draft_by):
    article = draft_by(author, headline="Secret draft headline")

    assert "Secret draft headline" not in client.get(reverse("content:latest")).content.decode()
    assert Article.objects.published().filter(pk=article.pk).count() == 0
