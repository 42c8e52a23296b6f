"""Many comments posted at once from several threads: every accepted one is stored once, none lost.

On PostgreSQL the threads post to pytest-django's live server on the test database. On SQLite they post
to a granian server on a file database (tests/comments/server.py), because the suite's in-memory SQLite
database refuses concurrent writers outright ("database table is locked"), which the site never meets.
"""

from __future__ import annotations

import http.client
import json
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
import urllib.request
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import connection

from newsdesk.comments.models import CommentSettings

THREADS, PER_THREAD = 8, 15
SHARED_BODY = "The same words from two windows."


def _form_token(base_url: str, article_id: int) -> str:
    """A token from the server (signed with its key), aged past the minimum time as a reader's would be."""
    with urllib.request.urlopen(f"{base_url}/comments/form-token/{article_id}/") as response:
        token = json.load(response)["token"]
    time.sleep(CommentSettings._meta.get_field("min_seconds").default)
    return token


def _post_many(base_url: str, article_id: int, token: str, thread: int) -> list[tuple[int, str]]:
    url = urlsplit(base_url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    results = []
    for n in range(PER_THREAD):
        # Every thread also sends one comment that each other thread sends too: one must win, once.
        shared = n == 0
        fields = {
            "name": f"Thread {thread}",
            "email": "shared@example.org" if shared else f"t{thread}-{n}@example.org",
            "comment": SHARED_BODY if shared else f"Comment {n} from thread {thread}.",
            "token": token,
        }
        conn.request(
            "POST", f"/comments/post/{article_id}/", body=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": base_url},
        )  # fmt: skip
        response = conn.getresponse()
        response.read()
        results.append((response.status, fields["comment"]))
    conn.close()
    return results


def _post_at_once(base_url: str, article_id: int) -> list[tuple[int, str]]:
    token = _form_token(base_url, article_id)
    with ThreadPoolExecutor(THREADS) as pool:
        batches = pool.map(lambda t: _post_many(base_url, article_id, token, t), range(THREADS))
        return [result for batch in batches for result in batch]


def _check(results: list[tuple[int, str]], stored: list[str]) -> None:
    accepted = [body for status, body in results if status == 303]
    assert {status for status, _ in results} <= {303, 409}
    assert sum(status == 409 for status, _ in results) == THREADS - 1
    assert len(accepted) == THREADS * (PER_THREAD - 1) + 1
    assert sorted(stored) == sorted(accepted)


@pytest.mark.django_db(transaction=True)
def test_comments_posted_at_once_from_many_threads_are_all_stored_once(request, tmp_path):
    if connection.vendor == "sqlite":
        from tests.comments.server import demo_server

        with demo_server(tmp_path) as (base_url, article_id):
            with sqlite3.connect(tmp_path / "newsdesk.sqlite3") as db:
                before = db.execute("SELECT max(id) FROM comments_comment").fetchone()[0] or 0
            results = _post_at_once(base_url, article_id)
        with sqlite3.connect(tmp_path / "newsdesk.sqlite3") as db:
            query = "SELECT body FROM comments_comment WHERE article_id = ? AND id > ?"  # not the demo's own
            stored = [row[0] for row in db.execute(query, [article_id, before])]
        _check(results, stored)
        return
    from newsdesk.comments.models import Comment
    from tests.factories import ArticleFactory

    live_server = request.getfixturevalue("live_server")
    settings = CommentSettings.objects.current()
    settings.rate_limit_count = 1_000_000
    settings.save()
    article = ArticleFactory()
    results = _post_at_once(live_server.url, article.pk)
    _check(results, list(Comment.objects.filter(article=article).values_list("body", flat=True)))
