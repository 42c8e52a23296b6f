"""Accounts for the sign-in tests: an editor who can publish, a contributor who cannot, and helpers."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", "editor@example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return user


@pytest.fixture
def contributor(db):
    return User.objects.create_user("contributor", "contributor@example.org", PASSWORD, is_staff=True)


def sign_in(client, username: str, password: str = PASSWORD, *, ip: str = "203.0.113.5", **headers):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=ip, **headers
    )


def totp_code(device, *, drift: int = 0) -> str:
    """The code the account's authenticator app shows now (`drift` steps of 30 s away)."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


@pytest.fixture
def enrolled_editor(editor):
    """The editor with an authenticator app set up: (user, app device, recovery codes)."""
    from newsdesk.accounts import twofactor

    device = twofactor.pending_app_device(editor)
    codes = twofactor.confirm_app_device(device, totp_code(device))
    device.refresh_from_db()
    device.last_t = -1  # let the test use the current code once more
    device.save()
    return editor, device, codes


def give_enrolment_code(client, user) -> None:
    """Issue the account an enrolment code, as an administrator would, and enter it on the set-up page."""
    from newsdesk.accounts import enrolment

    code, _ = enrolment.issue_enrolment_code(user)
    response = client.post("/admin/two-factor/", {"enrolment_code": code})
    assert response.status_code == 302, response.status_code
