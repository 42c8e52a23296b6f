"""Failed sign-ins (for the login limits), the sessions each account holds (to end them together), and the
hashed single-use codes of two-factor sign-in (recovery codes, enrolment codes)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django_otp.models import Device, ThrottlingMixin, TimestampMixin


class LoginFailure(models.Model):
    """One failed sign-in, counted against a username and against an address.

    Both are stored as keyed hashes: people type passwords into the username box, and the table only
    needs to count, never to read them back. Rows live in the database so that every server process
    counts the same failures."""

    class Kind(models.TextChoices):
        USERNAME = "username", "username"
        ADDRESS = "address", "IP address"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    key = models.CharField(max_length=64)
    failed_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "key", "-failed_at"], name="accounts_failure_lookup")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} failure at {self.failed_at:%Y-%m-%d %H:%M:%S}"


class AccountSession(models.Model):
    """A session an account signed in with, so logout, a password change or deactivation can end all of
    them (the session store itself cannot be searched by user)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"session of user {self.user_id} since {self.created_at:%Y-%m-%d %H:%M}"


class RecoveryCodes(ThrottlingMixin, TimestampMixin, Device):
    """An account's recovery codes, as a django-otp device (so a session signed in with one is verified
    like one signed in with the app). The codes are `RecoveryCode` rows holding keyed hashes only."""

    class Meta:
        verbose_name = verbose_name_plural = "recovery codes"

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token) -> bool:
        """django-otp's entry point: use up the code if it is one of this account's (twofactor.py)."""
        from newsdesk.accounts.twofactor import use_recovery_code

        return use_recovery_code(self, str(token))


class RecoveryCode(models.Model):
    """One unused recovery code, as its keyed hash (`accounts.codes`); deleted when used."""

    device = models.ForeignKey(RecoveryCodes, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"recovery code {self.pk} of device {self.device_id}"


class EnrolmentCode(models.Model):
    """The single-use code an administrator issues so that an account which must use two factors can
    set up its first one: the password alone is not enough to choose whose phone holds the second."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"enrolment code for user {self.user_id}, valid until {self.expires_at:%Y-%m-%d %H:%M}"


class TwoFactorAccount(User):
    """Newsroom accounts as the admin's *Two-factor sign-in* page lists them, to issue enrolment codes."""

    class Meta:
        proxy = True
        verbose_name = "two-factor sign-in"
        verbose_name_plural = "two-factor sign-in"
