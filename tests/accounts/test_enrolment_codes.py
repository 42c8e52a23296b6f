"""Enrolment codes: an account that must use two factors sets up its first one only with a single-use,
expiring code from an administrator, so a stolen password is not enough to register a phone."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsdesk.accounts import enrolment, twofactor
from newsdesk.accounts.models import EnrolmentCode
from tests.accounts.conftest import PASSWORD, give_enrolment_code, sign_in, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.NEWSDESK_REQUIRE_2FA = True


def _confirm_app(client, user):
    client.get("/admin/two-factor/")
    return client.post("/admin/two-factor/", {"code": totp_code(TOTPDevice.objects.get(user=user, confirmed=False))})


def test_the_password_alone_does_not_show_the_apps_key(client, editor, required):
    sign_in(client, "editor")

    response = client.get("/admin/two-factor/")

    assert "enrolment code" in response.content.decode()
    assert "qr_code" not in response.context and "secret" not in response.context
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_the_password_alone_cannot_confirm_an_app(client, editor, required):
    sign_in(client, "editor")

    response = client.post("/admin/two-factor/", {"code": "123456"})

    assert response.status_code == 400
    assert not twofactor.is_enrolled(editor)


def test_with_an_enrolment_code_a_publisher_sets_up_the_app_and_gets_in(client, editor, required):
    sign_in(client, "editor")
    give_enrolment_code(client, editor)

    response = _confirm_app(client, editor)

    assert len(response.context["codes"]) == 10
    assert client.get("/admin/").status_code == 200


def test_a_wrong_enrolment_code_is_refused(client, editor, required):
    enrolment.issue_enrolment_code(editor)
    sign_in(client, "editor")

    response = client.post("/admin/two-factor/", {"enrolment_code": "aaaa-bbbb-cccc"})

    assert response.status_code == 400
    assert "not right" in response.content.decode()
    assert "qr_code" not in response.context


def test_an_enrolment_code_works_only_once(client, editor, required, django_user_model):
    from django.test import Client

    code, _ = enrolment.issue_enrolment_code(editor)
    sign_in(client, "editor")
    client.post("/admin/two-factor/", {"enrolment_code": code})
    _confirm_app(client, editor)
    twofactor.remove_second_factor(editor)  # lost phone, but no new code issued
    other = Client()
    sign_in(other, "editor", ip="198.51.100.7")

    assert other.post("/admin/two-factor/", {"enrolment_code": code}).status_code == 400


def test_an_expired_enrolment_code_is_refused(client, editor, required, settings):
    settings.NEWSDESK_ENROLMENT_CODE_HOURS = 72
    code, _ = enrolment.issue_enrolment_code(editor, at=timezone.now() - timedelta(hours=73))
    sign_in(client, "editor")

    assert client.post("/admin/two-factor/", {"enrolment_code": code}).status_code == 400


def test_the_code_lasts_the_configured_number_of_hours(editor, settings):
    settings.NEWSDESK_ENROLMENT_CODE_HOURS = 5
    now = timezone.now()

    _, expires_at = enrolment.issue_enrolment_code(editor, at=now)

    assert expires_at == now + timedelta(hours=5)


def test_a_newer_enrolment_code_replaces_the_older(client, editor, required):
    old, _ = enrolment.issue_enrolment_code(editor)
    new, _ = enrolment.issue_enrolment_code(editor)
    sign_in(client, "editor")

    assert client.post("/admin/two-factor/", {"enrolment_code": old}).status_code == 400
    assert client.post("/admin/two-factor/", {"enrolment_code": new}).status_code == 302


def test_a_code_replaced_after_it_was_entered_does_not_confirm_the_app(client, editor, required):
    sign_in(client, "editor")
    give_enrolment_code(client, editor)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=editor)
    enrolment.issue_enrolment_code(editor)  # an administrator issued a new one meanwhile

    response = client.post("/admin/two-factor/", {"code": totp_code(device)})

    assert response.status_code == 400 and "form" in response.context and "enrolment_code" in response.context["form"].fields
    assert not twofactor.is_enrolled(editor)


def test_entering_the_code_starts_a_fresh_set_up(client, editor, required):
    earlier = twofactor.pending_app_device(editor)  # a key someone may have seen before
    sign_in(client, "editor")

    give_enrolment_code(client, editor)

    assert not TOTPDevice.objects.filter(pk=earlier.pk).exists()
    assert client.get("/admin/two-factor/").context["secret"] != twofactor.secret_for_typing(earlier)


def test_wrong_enrolment_codes_count_towards_the_sign_in_limit(client, editor, required):
    sign_in(client, "editor")
    for _ in range(5):
        client.post("/admin/two-factor/", {"enrolment_code": "aaaa-bbbb-cccc"})

    assert client.post("/admin/two-factor/", {"enrolment_code": "aaaa-bbbb-dddd"}).status_code == 429


def test_the_database_holds_no_enrolment_code_in_clear(editor):
    code, _ = enrolment.issue_enrolment_code(editor)

    stored = EnrolmentCode.objects.get(user=editor)

    assert code.replace("-", "") not in stored.digest and len(stored.digest) == 64


def test_without_the_requirement_no_enrolment_code_is_asked(client, editor, settings):
    settings.NEWSDESK_REQUIRE_2FA = False
    sign_in(client, "editor")

    assert "qr_code" in client.get("/admin/two-factor/").context


def test_a_contributor_who_chooses_two_factors_needs_no_enrolment_code(client, contributor, required):
    sign_in(client, "contributor")

    assert "qr_code" in client.get("/admin/two-factor/").context


def test_the_first_administrator_gets_in_with_the_code_the_command_prints(client, required, capsys):
    User.objects.create_superuser("admin", password=PASSWORD)

    call_command("issue_enrolment_code", "admin")
    code = re.search(r"Enrolment code for admin: (\S+)", capsys.readouterr().out).group(1)
    sign_in(client, "admin")
    client.post("/admin/two-factor/", {"enrolment_code": code})
    admin = User.objects.get(username="admin")

    assert len(_confirm_app(client, admin).context["codes"]) == 10
    assert client.get("/admin/").status_code == 200


def test_the_command_refuses_an_enrolled_account_without_reset(enrolled_editor):
    with pytest.raises(CommandError, match="--reset"):
        call_command("issue_enrolment_code", "editor")


def test_the_command_with_reset_removes_the_lost_factor(enrolled_editor, capsys):
    user, _, _ = enrolled_editor

    call_command("issue_enrolment_code", "editor", "--reset")

    assert not twofactor.is_enrolled(user)
    assert EnrolmentCode.objects.filter(user=user).exists()


def test_the_command_names_an_unknown_account(db):
    with pytest.raises(CommandError, match="no account named 'nobody'"):
        call_command("issue_enrolment_code", "nobody")


def test_an_administrator_resets_a_second_factor_in_the_admin_and_sees_the_new_code(admin_client, enrolled_editor):
    user, _, _ = enrolled_editor

    response = admin_client.post(
        "/admin/accounts/twofactoraccount/", {"action": "issue_enrolment_codes", "_selected_action": [user.pk]}
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    code = re.search(r"<code>([a-z0-9-]{14})</code>", response.content.decode()).group(1)
    assert not twofactor.is_enrolled(user)
    assert enrolment.check_enrolment_code(user, code) is not None


def test_only_administrators_see_the_two_factor_accounts_page(client, editor):
    client.force_login(editor)

    assert client.get("/admin/accounts/twofactoraccount/").status_code == 403


def test_make_runs_first_administrator_is_given_an_enrolment_code_when_two_factors_are_required(client, required, capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("ensure_admin")
    out = capsys.readouterr().out
    password = re.search(r"Login:  admin / (\S+)", out).group(1)
    code = re.search(r"enrolment code (\S+) for admin", out).group(1)
    client.post("/admin/login/", {"username": "admin", "password": password})
    client.post("/admin/two-factor/", {"enrolment_code": code})

    assert len(_confirm_app(client, User.objects.get(username="admin")).context["codes"]) == 10
