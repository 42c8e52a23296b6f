"""Recovery codes: stored only as keyed hashes, each good for one sign-in, typed as people type them."""

import importlib
import secrets

import pytest
from django.apps import apps
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from newsdesk.accounts import codes, twofactor
from newsdesk.accounts.models import RecoveryCode, RecoveryCodes
from tests.accounts.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.NEWSDESK_REQUIRE_2FA = True


def test_the_database_holds_no_recovery_code_in_clear(enrolled_editor, tmp_path):
    _, _, recovery = enrolled_editor
    dump = tmp_path / "dump.json"

    call_command("dumpdata", output=str(dump), verbosity=0)

    everything = dump.read_text().lower()
    assert RecoveryCode.objects.count() == 10
    assert not [code for code in recovery if code in everything or codes.normalise(code) in everything]


def test_recovery_codes_are_not_kept_as_django_otp_static_tokens(enrolled_editor):
    assert not StaticToken.objects.exists()


def test_a_used_recovery_code_fails_the_second_time(enrolled_editor):
    user, _, recovery = enrolled_editor

    first = twofactor.verify_code(user, recovery[3])
    second = twofactor.verify_code(user, recovery[3])

    assert isinstance(first, RecoveryCodes)
    assert second is None
    assert twofactor.recovery_codes_left(user) == 9


def test_a_recovery_code_completes_the_sign_in_through_the_login_pages(client, enrolled_editor, required):
    _, _, recovery = enrolled_editor
    sign_in(client, "editor")

    response = client.post("/admin/two-factor/verify/", {"code": recovery[0], "next": "/admin/"})

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_typed_in_capitals_with_spaces_is_accepted(client, enrolled_editor, required):
    _, _, recovery = enrolled_editor
    sign_in(client, "editor")

    response = client.post("/admin/two-factor/verify/", {"code": " " + recovery[1].upper().replace("-", " ") + " "})

    assert response.status_code == 302


def test_another_accounts_recovery_code_is_refused(client, enrolled_editor, contributor):
    _, _, recovery = enrolled_editor
    twofactor.new_recovery_codes(contributor)

    assert twofactor.verify_code(contributor, recovery[0]) is None


def test_recovery_codes_hashed_under_an_old_secret_key_still_work(enrolled_editor, settings):
    user, _, recovery = enrolled_editor
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = secrets.token_urlsafe(50)  # rotated after the codes were made

    assert twofactor.verify_code(user, recovery[0]) is not None


def test_new_recovery_codes_replace_the_old_ones(enrolled_editor):
    user, _, old = enrolled_editor

    new = twofactor.new_recovery_codes(user)

    assert twofactor.verify_code(user, new[0]) is not None
    assert twofactor.verify_code(user, old[0]) is None


def test_the_migration_hashes_codes_stored_in_clear_and_they_keep_working(editor):
    migration = importlib.import_module("newsdesk.accounts.migrations.0003_hash_recovery_codes")
    static = StaticDevice.objects.create(user=editor, name="Recovery codes", confirmed=True)
    StaticToken.objects.create(device=static, token="abcdefgh")
    StaticToken.objects.create(device=static, token="ijklmnop")

    migration.hash_plain_codes(apps, None)

    assert not StaticDevice.objects.exists() and not StaticToken.objects.exists()
    assert not RecoveryCode.objects.filter(digest__in=["abcdefgh", "ijklmnop"]).exists()
    assert twofactor.recovery_codes_left(editor) == 2
    assert twofactor.verify_code(editor, "ABCD EFGH") is not None
    assert twofactor.verify_code(editor, "abcdefgh") is None
