"""Issuing, checking and revoking API tokens.

A token is `ndk_` and 43 URL-safe characters (256 random bits). Only its SHA-256 is stored: a slow
password hash would protect nothing more (the secret is random, not chosen by a person) and would cost
every API request a hash.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from newsdesk.api.models import ApiToken

PREFIX = "ndk_"
TOKEN_FORMAT = re.compile(r"ndk_[A-Za-z0-9_-]{43}")
LAST_USED_EVERY = timedelta(minutes=5)  # at most one write per token this often


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def issue_token(user, *, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; the secret is returned once and never stored."""
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:12], key_hash=hash_token(raw))
    return token, raw


def revoke_token(token: ApiToken, *, at: datetime | None = None) -> ApiToken:
    """Stop the token working at once; it stays listed, revoked, for the record."""
    if token.revoked_at is None:
        token.revoked_at = at or timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate(raw: str, *, at: datetime | None = None) -> ApiToken | None:
    """The active token this secret belongs to, or None (malformed, unknown, revoked or its user inactive)."""
    if not raw or not TOKEN_FORMAT.fullmatch(raw):
        return None
    token = ApiToken.objects.active().select_related("user").filter(key_hash=hash_token(raw)).first()
    if token is None:
        return None
    now = at or timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def bearer_token(request) -> str | None:
    """The secret from an `Authorization: Bearer …` header, if there is one."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None
