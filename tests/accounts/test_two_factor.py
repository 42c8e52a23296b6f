"""Two-factor sign-in: publishers must enrol when required; enrolled accounts always give a code."""

import base64
import re

import pytest
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsdesk.accounts import twofactor
from tests.accounts.conftest import PASSWORD, give_enrolment_code, sign_in, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.NEWSDESK_REQUIRE_2FA = True


def test_a_publisher_without_an_app_is_sent_to_set_one_up(client, editor, required):
    sign_in(client, "editor")

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/?next=")


def test_a_publisher_without_an_app_is_anonymous_outside_the_admin(client, editor, required):
    sign_in(client, "editor")

    response = client.get("/admin/two-factor/")

    assert response.wsgi_request.user.is_authenticated  # the set-up page knows who it is for
    assert client.get("/").wsgi_request.user.is_anonymous


def test_a_contributor_who_cannot_publish_signs_in_with_the_password_alone(client, contributor, required):
    sign_in(client, "contributor")

    assert client.get("/admin/").status_code == 200


def test_without_the_requirement_a_publisher_signs_in_with_the_password_alone(client, editor, settings):
    settings.NEWSDESK_REQUIRE_2FA = False
    sign_in(client, "editor")

    assert client.get("/admin/").status_code == 200


def test_a_contributor_does_not_count_as_a_publisher(db):
    from django.contrib.auth.models import Group

    user = User.objects.create_user("writer", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Contributors")[0])

    assert not twofactor.can_publish(user)


def test_a_superuser_counts_as_a_publisher(db):
    assert twofactor.can_publish(User.objects.create_superuser("boss", password=PASSWORD))


@pytest.mark.parametrize("group", ["Authors", "Editors", "Administrators"])
def test_members_of_the_publishing_groups_count_as_publishers(db, group):
    from django.contrib.auth.models import Group

    user = User.objects.create_user("writer", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=group)[0])

    assert twofactor.can_publish(user)


def test_the_setup_page_shows_a_qr_code_and_the_key_to_type(client, editor, required):
    sign_in(client, "editor")
    give_enrolment_code(client, editor)

    response = client.get("/admin/two-factor/")

    html = response.content.decode()
    qr = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert qr and b"<svg" in base64.b64decode(qr.group(1))
    device = TOTPDevice.objects.get(user=editor)
    assert twofactor.secret_for_typing(device) in html


def test_the_qr_code_stays_the_same_until_the_app_is_confirmed(client, editor, required):
    sign_in(client, "editor")
    give_enrolment_code(client, editor)

    first, second = client.get("/admin/two-factor/"), client.get("/admin/two-factor/")

    assert first.context["qr_code"] == second.context["qr_code"]
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_confirming_the_app_shows_ten_recovery_codes_once_and_opens_the_admin(client, editor, required):
    sign_in(client, "editor")
    give_enrolment_code(client, editor)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=editor)

    response = client.post("/admin/two-factor/", {"code": totp_code(device)})

    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert "no-store" in response["Cache-Control"]
    assert client.get("/admin/").status_code == 200
    assert "codes" not in (client.get("/admin/two-factor/").context or {})


def test_a_wrong_code_does_not_confirm_the_app(client, editor, required):
    sign_in(client, "editor")
    give_enrolment_code(client, editor)
    client.get("/admin/two-factor/")

    response = client.post("/admin/two-factor/", {"code": "000000"})

    assert response.status_code == 400
    assert "does not match" in response.content.decode()
    assert not twofactor.is_enrolled(editor)


def test_an_enrolled_account_is_asked_for_its_code_after_the_password(client, enrolled_editor, required):
    sign_in(client, "editor")

    response = client.get("/admin/")

    assert response["Location"].startswith("/admin/two-factor/verify/")


def test_an_enrolled_account_is_asked_for_a_code_even_when_not_required(client, enrolled_editor, settings):
    settings.NEWSDESK_REQUIRE_2FA = False
    sign_in(client, "editor")

    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/verify/")


def test_the_apps_code_completes_the_sign_in(client, enrolled_editor, required):
    user, device, _ = enrolled_editor
    sign_in(client, "editor")

    response = client.post("/admin/two-factor/verify/", {"code": totp_code(device), "next": "/admin/"})

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_code_page_rotates_the_session_key(client, enrolled_editor, required):
    user, device, _ = enrolled_editor
    sign_in(client, "editor")
    before = client.session.session_key

    client.post("/admin/two-factor/verify/", {"code": totp_code(device)})

    assert client.session.session_key != before


def test_a_recovery_code_signs_in_once(client, enrolled_editor, required):
    user, device, codes = enrolled_editor
    sign_in(client, "editor")

    assert client.post("/admin/two-factor/verify/", {"code": codes[0]}).status_code == 302
    client.post("/admin/logout/")
    sign_in(client, "editor")
    again = client.post("/admin/two-factor/verify/", {"code": codes[0]})

    assert again.status_code == 400
    assert twofactor.recovery_codes_left(user) == 9


def test_a_wrong_code_is_refused_and_the_admin_stays_closed(client, enrolled_editor, required):
    sign_in(client, "editor")

    response = client.post("/admin/two-factor/verify/", {"code": "123456"})

    assert response.status_code == 400
    assert "not right" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_wrong_codes_count_towards_the_sign_in_limit(client, enrolled_editor, required):
    sign_in(client, "editor")
    for _ in range(5):
        client.post("/admin/two-factor/verify/", {"code": "123456"})

    assert client.post("/admin/two-factor/verify/", {"code": "654321"}).status_code == 429


def test_a_code_can_be_used_only_once(client, enrolled_editor, required):
    user, device, _ = enrolled_editor
    code = totp_code(device)
    sign_in(client, "editor")
    client.post("/admin/two-factor/verify/", {"code": code})
    client.post("/admin/logout/")

    sign_in(client, "editor", ip="198.51.100.50")

    assert client.post("/admin/two-factor/verify/", {"code": code}).status_code == 400


def test_an_unverified_account_cannot_replace_its_app(client, enrolled_editor, required):
    sign_in(client, "editor")

    assert client.get("/admin/two-factor/")["Location"] == "/admin/two-factor/verify/"


def test_the_verify_page_never_redirects_to_another_site(client, enrolled_editor, required):
    user, device, _ = enrolled_editor
    sign_in(client, "editor")

    response = client.post("/admin/two-factor/verify/", {"code": totp_code(device), "next": "https://evil.example/"})

    assert response["Location"] == "/admin/"
