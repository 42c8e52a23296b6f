"""Single-use secret codes (recovery codes, enrolment codes): made random, stored only as keyed hashes,
checked in constant time.

The codes carry 60 random bits, so a fast keyed hash is the right tool (a slow password hash buys
nothing against a guess that has a 1 in 2**60 chance). The key is the site's SECRET_KEY, so a copy of
the database alone is not enough to test guesses offline; codes hashed under a key that has moved to
SECRET_KEY_FALLBACKS keep working.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # 32 symbols, without the look-alikes l, o, 0 and 1
GROUP, GROUPS = 4, 3  # "abcd-efgh-ijkm": 12 symbols, 60 bits

RECOVERY = "newsdesk.accounts.recovery-code"
ENROLMENT = "newsdesk.accounts.enrolment-code"


def new_code() -> str:
    """A fresh random code as people read it: three groups of four, joined by dashes."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(GROUP * GROUPS))
    return "-".join(symbols[i : i + GROUP] for i in range(0, len(symbols), GROUP))


def normalise(typed: str) -> str:
    """What the person meant: spaces and dashes dropped, lower case (codes are read aloud and retyped)."""
    return "".join(typed.split()).replace("-", "").lower()


def digest(code: str, *, purpose: str, key: str | None = None) -> str:
    """The keyed SHA-256 hash stored in place of a code."""
    return salted_hmac(purpose, normalise(code), secret=key or settings.SECRET_KEY, algorithm="sha256").hexdigest()


def candidate_digests(typed: str, *, purpose: str) -> list[str]:
    """The hashes a typed code would have under the current key and each fallback key."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [digest(typed, purpose=purpose, key=key) for key in keys]


def first_match(candidates: list[str], stored: list[tuple[int, str]]) -> int | None:
    """The id of the stored hash equal to one of the candidates, comparing every pair in constant time
    (no early exit), so the time taken says nothing about which code, or how much of it, matched."""
    found = None
    for pk, stored_digest in stored:
        hit = False
        for candidate in candidates:
            hit |= constant_time_compare(candidate, stored_digest)
        if hit and found is None:
            found = pk
    return found
