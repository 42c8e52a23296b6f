"""Editors run stories and live pages from the admin, within their model permissions."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from newsdesk.stories import services
from newsdesk.stories.models import KeyFact, LiveUpdate, Story

pytestmark = pytest.mark.django_db


def _staff(client, *codenames):
    user = get_user_model().objects.create_user("desk", password="correct horse battery staple", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="stories", codename__in=codenames))
    client.force_login(user)
    return user


@pytest.fixture
def superuser_client(client):
    client.force_login(get_user_model().objects.create_superuser("chief", password="correct horse battery staple"))
    return client


def _inlines(**totals) -> dict:
    data = {}
    for prefix in ("story_articles", "facts", "people", "timeline"):
        data |= {f"{prefix}-TOTAL_FORMS": str(totals.get(prefix, 0)), f"{prefix}-INITIAL_FORMS": "0",
                 f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}  # fmt: skip
    return data


@pytest.mark.parametrize("model", ["story", "livecoverage", "liveupdate"])
def test_each_list_and_add_form_opens(superuser_client, model):
    assert superuser_client.get(reverse(f"admin:stories_{model}_changelist")).status_code == 200
    assert superuser_client.get(reverse(f"admin:stories_{model}_add")).status_code == 200


def test_an_editor_creates_a_story_with_its_key_facts_in_one_form(superuser_client):
    data = {"title": "Floods", "slug": "floods", "status": "developing", "summary": "Rivers rise.",
            "in_navigation": "on", "navigation_position": "0", **_inlines(facts=1),
            "facts-0-statement": "Homes flooded", "facts-0-figure": "1200", "facts-0-unit": "homes",
            "facts-0-position": "0"}  # fmt: skip

    response = superuser_client.post(reverse("admin:stories_story_add"), data)

    assert response.status_code == 302
    fact = KeyFact.objects.get(story__slug="floods")
    assert fact.figure_display == "1,200 homes"


def test_an_editor_with_permission_posts_a_live_update(client, coverage):
    _staff(client, "add_liveupdate", "view_liveupdate")

    response = client.post(reverse("admin:stories_liveupdate_add"), {"coverage": coverage.pk, "body": "Gates shut."})

    assert response.status_code == 302
    assert "Gates shut." in client.get(coverage.get_absolute_url()).content.decode()


def test_a_staff_member_without_permission_cannot_post(client, coverage):
    _staff(client, "view_liveupdate")

    response = client.post(reverse("admin:stories_liveupdate_add"), {"coverage": coverage.pk, "body": "Gates shut."})

    assert response.status_code == 403
    assert not LiveUpdate.objects.exists()


def test_a_staff_member_without_permission_cannot_edit_a_story(client, story):
    _staff(client, "view_story")

    response = client.post(reverse("admin:stories_story_change", args=[story.pk]), {"title": "Hijacked"})

    assert response.status_code == 403
    assert Story.objects.get(pk=story.pk).title == "Harbour strike"


def test_a_correction_in_the_admin_needs_a_note(superuser_client, coverage):
    update = services.post_update(coverage, body="Ten ships.")

    response = superuser_client.post(
        reverse("admin:stories_liveupdate_change", args=[update.pk]), {"body": "Twelve ships.", "correction": ""}
    )

    assert response.status_code == 200
    assert "Tell readers what was corrected." in response.content.decode()
    assert LiveUpdate.objects.get(pk=update.pk).body == "Ten ships."


def test_a_correction_in_the_admin_is_shown_to_readers(superuser_client, coverage):
    update = services.post_update(coverage, body="Ten ships.")

    superuser_client.post(
        reverse("admin:stories_liveupdate_change", args=[update.pk]),
        {"body": "Twelve ships.", "correction": "Miscounted."},
    )

    update.refresh_from_db()
    assert (update.body, update.correction_note) == ("Twelve ships.", "Miscounted.")
    assert "Ten ships." in update.previous_body_html


def test_removing_in_the_admin_needs_a_reason_and_keeps_a_notice(superuser_client, coverage):
    update = services.post_update(coverage, body="Rumour.")
    url = reverse("admin:stories_liveupdate_change", args=[update.pk])

    refused = superuser_client.post(url, {"body": "Rumour.", "remove": "on", "removal_reason": ""})
    superuser_client.post(url, {"body": "Rumour.", "remove": "on", "removal_reason": "Unconfirmed."})

    assert refused.status_code == 200
    update.refresh_from_db()
    assert update.is_removed and update.removal_note == "Unconfirmed."


def test_updates_cannot_be_deleted_silently(superuser_client, coverage):
    update = services.post_update(coverage, body="Rumour.")

    response = superuser_client.post(reverse("admin:stories_liveupdate_delete", args=[update.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert LiveUpdate.objects.filter(pk=update.pk).exists()


def test_ending_coverage_from_the_list(superuser_client, coverage):
    response = superuser_client.post(
        reverse("admin:stories_livecoverage_changelist"), {"action": "end_selected", "_selected_action": [coverage.pk]}
    )

    assert response.status_code == 302
    coverage.refresh_from_db()
    assert not coverage.is_live


def test_ended_coverage_is_not_offered_for_new_updates(superuser_client, coverage):
    services.end_coverage(coverage)

    response = superuser_client.post(reverse("admin:stories_liveupdate_add"), {"coverage": coverage.pk, "body": "Late."})

    assert response.status_code == 200
    assert not LiveUpdate.objects.exists()
