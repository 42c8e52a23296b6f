"""Sessions: a new key at sign-in; logout, a new password and deactivation end the account's other
sessions; staff sessions end after 2 hours idle and 12 hours in all."""

import time
from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client

from newsdesk.accounts import sessions
from tests.accounts.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def signed_in(username="contributor", ip="203.0.113.5") -> Client:
    client = Client()
    assert sign_in(client, username, ip=ip).status_code == 302
    return client


def is_signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_signing_in_gives_a_new_session_key(client, contributor):
    client.get("/admin/login/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "planted-by-an-attacker"
    sign_in(client, "contributor")

    assert client.session.session_key not in ("planted-by-an-attacker", None)


def test_logging_out_ends_the_accounts_sessions_on_other_devices(contributor):
    laptop, phone = signed_in(), signed_in(ip="203.0.113.6")

    laptop.post("/admin/logout/")

    assert not session_exists(phone)


def test_logging_out_leaves_other_accounts_signed_in(contributor, editor):
    mine, theirs = signed_in(), signed_in("editor")

    mine.post("/admin/logout/")

    assert is_signed_in(theirs)


def test_changing_ones_password_ends_other_sessions_but_keeps_this_one(contributor, django_capture_on_commit_callbacks):
    laptop, phone = signed_in(), signed_in(ip="203.0.113.6")
    new = "a brand new passphrase 42"

    with django_capture_on_commit_callbacks(execute=True):
        response = laptop.post("/admin/password_change/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})

    assert response.status_code == 302
    assert is_signed_in(laptop)
    assert not session_exists(phone)


def session_exists(client) -> bool:
    return import_module(settings.SESSION_ENGINE).SessionStore().exists(client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_a_password_set_by_an_administrator_ends_the_accounts_sessions(contributor, django_capture_on_commit_callbacks):
    phone = signed_in()

    with django_capture_on_commit_callbacks(execute=True):
        contributor.set_password("reset by the administrator 7")
        contributor.save()

    assert not session_exists(phone)
    assert not is_signed_in(phone)


def test_deactivating_an_account_ends_its_sessions(contributor, django_capture_on_commit_callbacks):
    phone = signed_in()

    with django_capture_on_commit_callbacks(execute=True):
        contributor.is_active = False
        contributor.save()

    assert not session_exists(phone)


def test_saving_an_account_without_changing_password_or_status_keeps_its_sessions(contributor, django_capture_on_commit_callbacks):
    phone = signed_in()

    with django_capture_on_commit_callbacks(execute=True):
        contributor.first_name = "Cora"
        contributor.save()

    assert session_exists(phone)


def _age_session(client, *, signed_in_ago: float, seen_ago: float) -> None:
    session = client.session
    now = time.time()
    session[sessions.SIGNED_IN_AT] = now - signed_in_ago
    session[sessions.SEEN_AT] = now - seen_ago
    session.save()


def test_a_staff_session_ends_after_two_hours_without_a_request(contributor):
    client = signed_in()
    _age_session(client, signed_in_ago=3 * 3600, seen_ago=2 * 3600 + 5)

    assert client.get("/admin/").status_code == 302


def test_a_staff_session_in_use_lives_past_two_hours(contributor):
    client = signed_in()
    _age_session(client, signed_in_ago=5 * 3600, seen_ago=30 * 60)

    assert is_signed_in(client)


def test_a_staff_session_ends_after_twelve_hours_even_in_use(contributor):
    client = signed_in()
    _age_session(client, signed_in_ago=12 * 3600 + 5, seen_ago=60)

    assert client.get("/admin/").status_code == 302


def test_an_expired_session_ends_only_itself(contributor):
    old, other = signed_in(), signed_in(ip="203.0.113.6")
    _age_session(old, signed_in_ago=13 * 3600, seen_ago=60)
    old.get("/admin/")

    assert is_signed_in(other)


def test_a_staff_sessions_cookie_and_store_expire_after_two_idle_hours(contributor):
    client = signed_in()

    assert client.session.get_expiry_age() == 2 * 3600


def test_session_and_csrf_cookies_are_httponly_and_samesite(client, contributor):
    response = sign_in(client, "contributor")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]

    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert settings.CSRF_COOKIE_HTTPONLY and settings.CSRF_COOKIE_SAMESITE == "Lax"
