"""Packing the hostile corpus into as few field values as the field holds, so that every string can
reach every field in a sane number of requests.

Strings that fit the field are joined (with a separator that is itself ordinary) up to its length, so
whatever a field does to one string it does to each in the batch. Strings with a NUL character are
refused by every Django form field, so they travel in a batch of their own and cannot hide the
others; strings longer than the field can only be refused for their length, so they go together in
large batches that prove the length check comes before anything that could fail.
"""

from __future__ import annotations

LONG_BATCH = 120_000  # characters: well under DATA_UPLOAD_MAX_MEMORY_SIZE with several fields at once
UNLIMITED = 40_000  # the length taken for a field without a limit (a textarea): the short corpus in one go


def pack(strings: list[str], capacity: int | None, separator: str, *, rounds: int | None = None) -> list[str]:
    """The strings as field values of at most `capacity` characters each (see the module's docstring).

    With `rounds`, at most that many values: when the field is too short to take every string in that
    many, the first batches stay as they are and the rest travel together in values longer than the
    field, which it can only refuse (so those strings are checked for server errors and echoes only)."""
    capacity = capacity or UNLIMITED
    nul = [s for s in strings if "\x00" in s]
    fitting = [s for s in strings if len(s) <= capacity and "\x00" not in s]
    too_long = [s for s in strings if len(s) > capacity and "\x00" not in s]
    batches = _join(fitting, capacity, separator)
    batches += _join(nul, capacity, separator)
    batches += _join(too_long, LONG_BATCH, separator)
    if rounds is None or len(batches) <= rounds:
        return batches
    for keep in range(rounds - 1, -1, -1):
        overflow = _join(batches[keep:], LONG_BATCH, separator)
        if keep + len(overflow) <= rounds:
            return batches[:keep] + overflow
    raise ValueError(f"the strings do not fit in {rounds} values of {LONG_BATCH} characters")


def full_path_share(strings: list[str], capacity: int | None, separator: str, *, rounds: int) -> float:
    """The share of `strings` that reach the field within its length when packed into `rounds` values."""
    capacity = capacity or UNLIMITED
    values = pack(strings, capacity, separator, rounds=rounds)
    reached = sum(1 for text in strings if any(text in value for value in values if len(value) <= capacity))
    return reached / len(strings)


def _join(strings: list[str], capacity: int, separator: str) -> list[str]:
    batches: list[str] = []
    current: str | None = None
    for text in strings:
        if current is None:
            current = text
        elif len(current) + len(separator) + len(text) <= capacity:
            current += separator + text
        else:
            batches.append(current)
            current = text
    if current is not None:
        batches.append(current)
    return batches
