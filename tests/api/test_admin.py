"""Tokens are made and revoked in the admin; the secret is shown once, on the page after saving."""

import re

import pytest
from django.contrib.auth import get_user_model

from newsdesk.api.models import ApiToken
from newsdesk.api.tokens import hash_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "a long enough password 1")
    client.force_login(admin)
    return client


def test_creating_a_token_shows_the_secret_once(admin_client, make_user):
    from newsdesk.newsroom.roles import Role

    writer = make_user(Role.AUTHOR)

    response = admin_client.post("/admin/api/apitoken/add/", {"user": writer.pk, "name": "Wire importer"})

    secret = re.search(r"ndk_[A-Za-z0-9_-]{43}", response.content.decode()).group(0)
    token = ApiToken.objects.get()
    assert token.user == writer and token.key_hash == hash_token(secret)
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert secret not in admin_client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert secret not in admin_client.get("/admin/api/apitoken/").content.decode()


def test_revoking_in_the_admin_stops_the_token(admin_client, make_user, api, token_for):
    from newsdesk.newsroom.roles import Role

    writer = make_user(Role.AUTHOR)
    secret = token_for(writer)
    token = ApiToken.objects.get()

    admin_client.post("/admin/api/apitoken/", {"action": "revoke_selected", "_selected_action": [token.pk]})

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api(secret).post("/api/v1/newsroom/articles", {}).status_code == 401
