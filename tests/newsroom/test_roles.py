"""Every role against every newsroom action, through the admin: allowed, or refused with a 403 and
nothing changed."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from newsdesk.content.models import Article, Publication, Section
from newsdesk.newsroom.models import Correction
from newsdesk.newsroom.roles import Role, role_of
from tests.newsroom.helpers import change_url, post_step

pytestmark = pytest.mark.django_db

ROLES = [Role.CONTRIBUTOR, Role.AUTHOR, Role.EDITOR, Role.ADMINISTRATOR]


def _state(article):
    article.refresh_from_db()
    return (article.status, article.headline, article.version, article.published_at)


@pytest.fixture
def actor(make_user, request, client):
    user = make_user(request.param, username="actor")
    client.force_login(user)
    return user


@pytest.fixture
def colleague(make_user):
    return make_user(Role.CONTRIBUTOR, username="colleague")


def _assert_refused(response, article, before):
    assert response.status_code == 403
    assert _state(article) == before


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_every_role_can_start_an_article(client, actor, section):
    response = client.post(reverse("admin:content_article_add"), {
        "headline": "Ferry timetable changes", "slug": "", "dek": "", "body": "Boats run later.",
        "section": section.pk, "language": "", "bylines-TOTAL_FORMS": "0", "bylines-INITIAL_FORMS": "0",
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(headline="Ferry timetable changes")
    assert article.status == Article.Status.DRAFT and article.created_by == actor
    assert [line.author for line in article.bylines.all()] == [actor.author]


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_every_role_can_edit_and_submit_their_own_draft(client, actor, draft_by):
    article = draft_by(actor)

    response = post_step(client, article, "submit", headline="Ferry timetable changes again")

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.headline) == (Article.Status.REVIEW, "Ferry timetable changes again")


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_only_editors_and_administrators_can_edit_someone_elses_draft(client, actor, colleague, draft_by):
    article = draft_by(colleague)
    before = _state(article)

    response = post_step(client, article, "", headline="Rewritten by someone else")

    if role_of(actor) >= Role.EDITOR:
        assert response.status_code == 302
        assert _state(article)[1] == "Rewritten by someone else"
    else:
        _assert_refused(response, article, before)


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_someone_elses_draft_cannot_even_be_opened_by_changing_the_id(client, actor, colleague, draft_by):
    article = draft_by(colleague)

    response = client.get(change_url(article))

    role = role_of(actor)
    assert response.status_code == (200 if role >= Role.EDITOR else 403)


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_publishing_ones_own_article_needs_the_author_role(client, actor, draft_by):
    article = draft_by(actor)
    before = _state(article)

    response = post_step(client, article, "publish")

    role = role_of(actor)
    if role >= Role.AUTHOR:
        assert response.status_code == 302
        assert _state(article)[0] == Article.Status.PUBLISHED
    else:
        _assert_refused(response, article, before)


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_publishing_someone_elses_article_needs_the_editor_role(client, actor, colleague, draft_by):
    article = draft_by(colleague)
    before = _state(article)

    response = post_step(client, article, "publish")

    role = role_of(actor)
    if role >= Role.EDITOR:
        assert _state(article)[0] == Article.Status.PUBLISHED
    else:
        _assert_refused(response, article, before)


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_scheduling_needs_the_author_role(client, actor, draft_by):
    article = draft_by(actor)
    before = _state(article)
    at = timezone.localtime(timezone.now() + timedelta(hours=2))

    response = post_step(client, article, "schedule", schedule_at_0=at.strftime("%Y-%m-%d"), schedule_at_1=at.strftime("%H:%M:%S"))

    role = role_of(actor)
    if role >= Role.AUTHOR:
        assert response.status_code == 302
        assert _state(article)[0] == Article.Status.SCHEDULED
    else:
        _assert_refused(response, article, before)


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_withdrawing_needs_the_editor_role(client, actor, published_by):
    article = published_by(actor)
    before = _state(article)

    response = post_step(client, article, "withdraw", workflow_note="legal advice")

    role = role_of(actor)
    if role >= Role.EDITOR:
        assert _state(article)[0] == Article.Status.WITHDRAWN
    else:
        _assert_refused(response, article, before)


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_adding_a_correction_needs_the_editor_role(client, actor, published_by):
    article = published_by(actor)

    response = client.post(
        reverse("admin:newsroom_article_correction", args=[article.pk]), {"kind": "correction", "text": "The vote was 7–2."}
    )

    role = role_of(actor)
    assert response.status_code == (302 if role >= Role.EDITOR else 403)
    assert Correction.objects.filter(article=article).exists() == (role >= Role.EDITOR)


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_managing_sections_needs_the_editor_role(client, actor):
    response = client.post(reverse("admin:content_section_add"), {"name": "Sport", "slug": "sport", "position": 5, "in_navigation": "on"})

    role = role_of(actor)
    assert response.status_code == (302 if role >= Role.EDITOR else 403)
    assert Section.objects.filter(slug="sport").exists() == (role >= Role.EDITOR)


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_moderating_comments_needs_the_editor_role(client, actor):
    response = client.get(reverse("admin:comments_comment_changelist"))

    role = role_of(actor)
    assert response.status_code == (200 if role >= Role.EDITOR else 403)


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_managing_users_needs_the_administrator_role(client, actor):
    response = client.post(reverse("admin:auth_user_add"), {
        "username": "newcomer", "password1": "a very long password 123", "password2": "a very long password 123",
        "usable_password": "true",
    })

    role = role_of(actor)
    assert (response.status_code == 403) == (role < Role.ADMINISTRATOR)
    assert get_user_model().objects.filter(username="newcomer").exists() == (role >= Role.ADMINISTRATOR)


@pytest.mark.parametrize("actor", ROLES, indirect=True)
def test_publication_settings_need_the_administrator_role(client, actor, publication):
    response = client.post(
        reverse("admin:content_publication_change", args=[publication.pk]),
        {"name": "Renamed", "tagline": "", "language": publication.language, "time_zone": publication.time_zone, "copyright_holder": ""},
    )

    role = role_of(actor)
    assert (response.status_code == 403) == (role < Role.ADMINISTRATOR)
    assert (Publication.objects.get().name == "Renamed") == (role >= Role.ADMINISTRATOR)
