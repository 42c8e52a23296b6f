"""Sign-in limits: 5 failures in 15 minutes per username or per address, then a clear 429 page."""

import statistics
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from newsdesk.accounts import throttle
from newsdesk.accounts.models import LoginFailure
from tests.accounts.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def fail(client, username, times=5, **kwargs):
    for _ in range(times):
        assert sign_in(client, username, "wrong password!", **kwargs).status_code == 200


def test_five_failures_for_a_username_pause_its_sign_in_with_a_429_page(client, editor):
    fail(client, "editor")

    response = sign_in(client, "editor")

    assert response.status_code == 429
    assert b"Too many failed sign-in attempts" in response.content
    assert 800 < int(response["Retry-After"]) <= 900


def test_the_pause_holds_for_the_right_password_too(client, editor):
    fail(client, "editor")

    assert sign_in(client, "editor", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_four_failures_still_let_the_right_password_in(client, editor):
    fail(client, "editor", times=4)

    assert sign_in(client, "editor").status_code == 302


def test_the_username_counts_from_every_address(client, editor):
    for number in range(5):
        sign_in(client, "editor", "wrong password!", ip=f"198.51.100.{number}")

    assert sign_in(client, "editor", ip="192.0.2.77").status_code == 429


def test_the_username_counts_whatever_its_letter_case(client, editor):
    for name in ("Editor", "EDITOR", "editor ", "eDitor", "editor"):
        sign_in(client, name, "wrong password!", ip=f"198.51.100.{len(name)}{name.count('E')}")

    assert sign_in(client, "editor", ip="192.0.2.77").status_code == 429


def test_five_failures_from_one_address_pause_every_username_from_it(client, editor):
    for number in range(5):
        sign_in(client, f"someone{number}", "wrong password!", ip="198.51.100.9")

    assert sign_in(client, "editor", ip="198.51.100.9").status_code == 429
    assert sign_in(client, "editor", ip="198.51.100.10").status_code == 302


def test_failures_older_than_fifteen_minutes_no_longer_count(editor):
    long_ago = timezone.now() - timedelta(minutes=16)
    for _ in range(5):
        throttle.record_failure(username="editor", ip="198.51.100.9", at=long_ago)

    assert throttle.check_login(username="editor", ip="198.51.100.9", at=timezone.now()) is None


def test_a_successful_sign_in_clears_the_usernames_failures(client, editor):
    fail(client, "editor", times=4)
    sign_in(client, "editor")
    client.logout()

    fail(client, "editor", times=4, ip="198.51.100.20")

    assert sign_in(client, "editor", ip="198.51.100.21").status_code == 302


def test_unknown_and_real_usernames_get_the_same_message(client, editor):
    real = sign_in(client, "editor", "wrong password!", ip="198.51.100.1")
    unknown = sign_in(client, "nobody-here", "wrong password!", ip="198.51.100.2")

    assert real.status_code == unknown.status_code == 200
    assert real.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()


def test_unknown_and_real_usernames_are_paused_alike(client, editor):
    fail(client, "editor", ip="198.51.100.1")
    fail(client, "nobody-here", ip="198.51.100.2")

    real, unknown = sign_in(client, "editor", ip="198.51.100.3"), sign_in(client, "nobody-here", ip="198.51.100.4")

    assert real.status_code == unknown.status_code == 429
    assert real.content == unknown.content


def test_an_inactive_account_gets_the_same_message_as_a_wrong_password(client, editor):
    User.objects.create_user("retired", password=PASSWORD, is_staff=True, is_active=False)

    retired = sign_in(client, "retired", PASSWORD, ip="198.51.100.1")
    wrong = sign_in(client, "editor", "wrong password!", ip="198.51.100.2")

    assert retired.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()


def test_a_failure_for_an_unknown_username_takes_as_long_as_for_a_real_one(client, settings):
    """With the production hasher (Argon2), a wrong password costs one hash whether or not the account
    exists, so timing does not tell which usernames are real."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    User.objects.create_user("real", password=PASSWORD, is_staff=True)

    def timed(username, number):
        started = time.perf_counter()
        sign_in(client, username, "wrong password!", ip=f"198.51.{number}.1")
        return time.perf_counter() - started

    real, unknown = [], []
    for number in range(12):
        LoginFailure.objects.all().delete()
        real.append(timed("real", number))
        unknown.append(timed(f"unknown{number}", number + 100))

    ratio = statistics.median(unknown) / statistics.median(real)
    assert 0.7 < ratio < 1.4, (statistics.median(real), statistics.median(unknown))


def test_failed_usernames_are_stored_only_as_keyed_hashes(client):
    sign_in(client, "my-secret-password-typed-here", "x")

    keys = list(LoginFailure.objects.values_list("key", flat=True))
    assert keys and all("secret" not in key for key in keys)
    assert all(len(key) == 64 for key in keys)


def test_old_failures_are_pruned(editor):
    throttle.record_failure(username="editor", ip="198.51.100.9", at=timezone.now() - timedelta(hours=1))
    throttle.record_failure(username="editor", ip="198.51.100.9", at=timezone.now())

    assert throttle.prune_failures(at=timezone.now()) == 2
    assert LoginFailure.objects.count() == 2
