"""API tokens: missing, malformed, revoked, unknown or another user's; stored hashed, shown once."""

import pytest
from django.contrib.auth import get_user_model

from newsdesk.api.models import ApiToken
from newsdesk.api.tokens import hash_token, issue_token, revoke_token
from newsdesk.newsroom.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor(make_user):
    return make_user(Role.CONTRIBUTOR)


def test_no_token_is_401_with_a_hint(api, contributor, draft_by):
    article = draft_by(contributor)

    response = api().get(f"/api/v1/newsroom/articles/{article.pk}")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in response.json()["detail"]


@pytest.mark.parametrize(
    "header",
    ["Bearer", "Bearer ", "Token ndk_x", "Basic dXNlcjpwYXNz", "Bearer ndk_short", "Bearer ndk_" + "a" * 43, "bearer  \x00",
     "Bearer " + "x" * 5000],
)  # fmt: skip
def test_a_malformed_or_unknown_token_is_401(api, contributor, draft_by, header):
    article = draft_by(contributor)

    response = api().get(f"/api/v1/newsroom/articles/{article.pk}", headers={"Authorization": header})

    assert response.status_code == 401


def test_a_valid_token_acts_as_its_user(api, contributor, draft_by, token_for):
    article = draft_by(contributor, headline="My own draft")

    response = api(token_for(contributor)).get(f"/api/v1/newsroom/articles/{article.pk}")

    assert response.status_code == 200
    assert response.json()["headline"] == "My own draft"


def test_a_revoked_token_is_401_at_once(api, contributor, draft_by):
    article = draft_by(contributor)
    token, secret = issue_token(contributor, name="laptop")
    revoke_token(token)

    assert api(secret).get(f"/api/v1/newsroom/articles/{article.pk}").status_code == 401


def test_a_deactivated_users_token_is_401(api, contributor, draft_by, token_for):
    article = draft_by(contributor)
    secret = token_for(contributor)
    get_user_model().objects.filter(pk=contributor.pk).update(is_active=False)

    assert api(secret).get(f"/api/v1/newsroom/articles/{article.pk}").status_code == 401


def test_another_users_token_cannot_touch_your_draft(api, make_user, draft_by, token_for):
    owner = make_user(Role.CONTRIBUTOR, "owner")
    other = make_user(Role.CONTRIBUTOR, "other")
    article = draft_by(owner, headline="Mine")

    response = api(token_for(other)).patch(f"/api/v1/newsroom/articles/{article.pk}", {"base_version": article.version, "headline": "Theirs"})

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Mine"


def test_only_the_hash_is_stored(contributor):
    token, secret = issue_token(contributor, name="laptop")

    stored = ApiToken.objects.get(pk=token.pk)

    assert stored.key_hash == hash_token(secret)
    assert secret not in {stored.key_hash, stored.prefix, stored.name}
    assert secret.startswith(stored.prefix)


def test_use_is_recorded(api, contributor, draft_by):
    article = draft_by(contributor)
    token, secret = issue_token(contributor, name="laptop")

    api(secret).get(f"/api/v1/newsroom/articles/{article.pk}")

    token.refresh_from_db()
    assert token.last_used_at is not None


def test_token_requests_need_no_csrf_cookie(make_user, token_for, section):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    secret = token_for(make_user(Role.CONTRIBUTOR))

    response = client.post("/api/v1/newsroom/articles", {"headline": "Harbour", "body": "Text.", "section": "world"},
                           content_type="application/json", headers={"Authorization": f"Bearer {secret}"})  # fmt: skip

    assert response.status_code == 201


def test_the_public_read_api_needs_no_token(api, demo):
    assert api().get("/api/v1/articles").status_code == 200


def test_the_public_read_api_takes_a_valid_token(api, demo, contributor, token_for):
    assert api(token_for(contributor)).get("/api/v1/articles").status_code == 200


def test_a_revoked_token_sent_to_the_public_read_api_is_401_not_read_as_no_token(api, demo, contributor):
    token, secret = issue_token(contributor, name="old script")
    revoke_token(token)

    response = api(secret).get("/api/v1/articles")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_basic_auth_in_front_of_the_site_does_not_bar_the_public_read_api(api, demo):
    response = api().get("/api/v1/articles", headers={"Authorization": "Basic dXNlcjpwYXNz"})

    assert response.status_code == 200
