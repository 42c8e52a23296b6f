"""Two-factor sign-in with django-otp: an authenticator app (TOTP) and single-use recovery codes.

Required for every account that can publish when NEWSDESK_REQUIRE_2FA is on (always in production
settings); any account that has enrolled is asked for a code at every sign-in, required or not. The
app is django-otp's TOTP device; recovery codes are our own django-otp device (`RecoveryCodes`)
because django-otp's static tokens are stored as plain text, and ours are stored as keyed hashes.
"""

from __future__ import annotations

import base64
import io
from binascii import unhexlify

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsdesk.accounts import codes as secret_codes
from newsdesk.accounts.models import RecoveryCode, RecoveryCodes

RECOVERY_CODES = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def can_publish(user) -> bool:
    """Whether the account can put words on the site under the masthead: authors, editors and
    administrators (superusers included), as newsroom.roles says."""
    from newsdesk.newsroom.roles import Action, MINIMUM_ROLE, role_of

    role = role_of(user)
    return role is not None and role >= MINIMUM_ROLE[Action.PUBLISH]


def is_enrolled(user) -> bool:
    return django_otp.user_has_device(user, confirmed=True)


def requires_second_factor(user) -> bool:
    """Whether this account must give a code before it is treated as signed in."""
    if not user.is_authenticated:
        return False
    return is_enrolled(user) or (settings.NEWSDESK_REQUIRE_2FA and can_publish(user))


def pending_app_device(user) -> TOTPDevice:
    """The authenticator-app device being set up (the same one until confirmed, so the QR code holds)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def discard_pending_app_devices(user) -> None:
    """Forget any app set-up begun but not confirmed, so a key someone saw earlier is never confirmed."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()


def secret_for_typing(device: TOTPDevice) -> str:
    """The device's secret as the base32 text an app accepts when the QR code cannot be scanned."""
    return base64.b32encode(unhexlify(device.key)).decode("ascii").rstrip("=")


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code, inline (the Content Security Policy allows data: images)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@transaction.atomic
def confirm_app_device(device: TOTPDevice, code: str, *, enrolment_code: int | None = None) -> list[str] | None:
    """Confirm the app with a code it shows; returns fresh recovery codes (shown once), or None when the
    code is wrong. Any earlier app and recovery codes of the account are replaced.

    An account that needs an enrolment code (`enrolment.required`) must hold a valid one, given here
    by its id; it is used up with the confirmation, else EnrolmentCodeInvalid is raised."""
    from newsdesk.accounts import enrolment

    needs_code = enrolment.required(device.user)
    if not device.verify_token(_digits(code)):
        return None
    if needs_code and not enrolment.redeem_enrolment_code(device.user, enrolment_code):
        raise enrolment.EnrolmentCodeInvalid()
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the account's recovery codes with RECOVERY_CODES new ones and return them (the only time
    they exist in clear: the database keeps keyed hashes)."""
    RecoveryCodes.objects.filter(user=user).delete()
    recovery = RecoveryCodes.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [secret_codes.new_code() for _ in range(RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=recovery, digest=secret_codes.digest(code, purpose=secret_codes.RECOVERY)) for code in codes
    )
    return codes


def use_recovery_code(device: RecoveryCodes, typed: str) -> bool:
    """Whether `typed` is one of the device's unused codes; if so it is used up. Every stored hash is
    compared in constant time; the delete decides between two simultaneous uses of one code."""
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return False
    candidates = secret_codes.candidate_digests(typed, purpose=secret_codes.RECOVERY)
    match = secret_codes.first_match(candidates, list(device.codes.values_list("pk", "digest")))
    used = match is not None and RecoveryCode.objects.filter(pk=match).delete()[0] == 1
    if used:
        device.throttle_reset(commit=False)
        device.set_last_used_timestamp(commit=False)
        device.save()
    else:
        device.throttle_increment()
    return used


def verify_code(user, code: str):
    """The device that accepts this code (the app's six digits or an unused recovery code), or None.

    Each device counts its own failures and makes the next try wait longer (django-otp's throttling)."""
    cleaned = secret_codes.normalise(code)
    if not cleaned or len(cleaned) > 16:
        return None
    model = TOTPDevice if cleaned.isdigit() and len(cleaned) == 6 else RecoveryCodes
    device = model.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        return None
    return django_otp.verify_token(user, device.persistent_id, cleaned)


def recovery_codes_left(user) -> int:
    return RecoveryCode.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def remove_second_factor(user) -> None:
    """Take away the account's app and recovery codes (an administrator's reset); its sessions end, so
    every device signed in with the old factor must sign in again."""
    from django_otp.plugins.otp_static.models import StaticDevice

    from newsdesk.accounts import sessions

    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodes.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()  # none after migration 0003; kept out all the same
    transaction.on_commit(lambda: sessions.end_sessions(user))


def _digits(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())[:8]
