"""Failed sign-ins (for the login limits) and the sessions each account holds (to end them together)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


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
