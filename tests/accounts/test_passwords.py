"""Passwords: Argon2 in production, at least 12 characters, no common ones, long passphrases welcome."""

import subprocess
import sys
import tempfile

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.servers import ROOT

pytestmark = pytest.mark.django_db


def _production_setting(code: str) -> str:
    env = {"DJANGO_SETTINGS_MODULE": "newsdesk.settings.production", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); from django.conf import settings; {code}"],
        cwd=ROOT, env=env | {"NEWSDESK_VAR_DIR": tempfile.mkdtemp(prefix="newsdesk-production-")},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout.strip()


def test_production_settings_hash_new_passwords_with_argon2():
    code = "from django.contrib.auth.hashers import make_password; print(make_password('a long passphrase here'))"

    assert _production_setting(code).startswith("argon2$argon2id$")


def test_the_base_settings_list_argon2_first():
    from newsdesk.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_a_password_of_eleven_characters_is_refused():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Kx9!mQ2#vLp")


def test_a_common_password_is_refused_even_when_long_enough():
    with pytest.raises(ValidationError, match="too common"):
        validate_password("password1234")


@pytest.mark.parametrize("length", [64, 128, 500])
def test_long_passphrases_are_accepted(length):
    validate_password(("correct horse battery staple " * 40)[:length])


def test_an_absurdly_long_password_is_refused_with_the_limit_named():
    with pytest.raises(ValidationError, match="longer than 1024 characters"):
        validate_password("x7#Qa" * 300)


def test_a_128_character_password_signs_in(client, settings):
    from django.contrib.auth.models import User

    password = ("Long passphrases are the easiest to remember " * 4)[:128]
    User.objects.create_user("longpass", password=password, is_staff=True)

    response = client.post("/admin/login/", {"username": "longpass", "password": password, "next": "/admin/"})

    assert response.status_code == 302
