"""One newsroom login per role for the demo publication, with passwords made on the machine.

The passwords are random, printed by `make run` and kept only in <var>/demo-logins (readable by its
owner alone), never in the repository.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from newsdesk.content.models import Author
from newsdesk.newsroom.roles import Role

# username, role, the demo author whose byline they write under
DEMO_USERS = [
    ("contributor", Role.CONTRIBUTOR, "eilidh-macleod"),
    ("author", Role.AUTHOR, "priya-raman"),
    ("editor", Role.EDITOR, "ahmed-hassan"),
]


@transaction.atomic
def ensure_demo_users(logins_file: Path) -> list[tuple[str, str, str]]:
    """Create the demo's users that do not exist yet; return (username, role, password or "") for each."""
    User = get_user_model()
    known = _read(logins_file)
    rows = []
    for username, role, author_slug in DEMO_USERS:
        author = Author.objects.filter(slug=author_slug).first()
        if author is None:
            continue  # not the demo publication
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(username, password=password, is_staff=True)
            user.groups.add(Group.objects.get(name=role.group_name))
            if author.user_id is None:
                author.user = user
                author.save(update_fields=["user"])
            known[username] = password
        rows.append((username, role.group_name[:-1], known.get(username, "")))
    _write(logins_file, known)
    return rows


def _read(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return dict(line.split(" ", 1) for line in path.read_text().splitlines() if " " in line)


def _write(path: Path, logins: dict[str, str]) -> None:
    if not logins:
        return
    path.touch(mode=0o600)
    path.write_text("".join(f"{name} {password}\n" for name, password in logins.items()))
