"""Move recovery codes out of django-otp's static tokens (plain text) into hashed RecoveryCode rows.

Each account keeps the codes it has: every unused static token is hashed as `accounts.codes.digest`
hashes (copied here, as a migration must not change when the code does), then the plain tokens are
deleted. Going back cannot recover the plain codes, so the reverse deletes the hashed ones: accounts
then sign in with their app and make new recovery codes by setting the app up again.
"""

from django.conf import settings
from django.db import migrations
from django.utils.crypto import salted_hmac

RECOVERY = "newsdesk.accounts.recovery-code"


def _digest(token: str) -> str:
    normalised = "".join(token.split()).replace("-", "").lower()
    return salted_hmac(RECOVERY, normalised, secret=settings.SECRET_KEY, algorithm="sha256").hexdigest()


def hash_plain_codes(apps, schema_editor):
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    RecoveryCodes = apps.get_model("accounts", "RecoveryCodes")
    RecoveryCode = apps.get_model("accounts", "RecoveryCode")
    for static in StaticDevice.objects.all():
        device = RecoveryCodes.objects.create(user_id=static.user_id, name=static.name, confirmed=static.confirmed)
        tokens = static.token_set.values_list("token", flat=True)
        RecoveryCode.objects.bulk_create(RecoveryCode(device=device, digest=_digest(token)) for token in tokens)
    StaticDevice.objects.all().delete()  # its tokens go with it


def forget_hashed_codes(apps, schema_editor):
    apps.get_model("accounts", "RecoveryCodes").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_two_factor_codes"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_plain_codes, forget_hashed_codes)]
