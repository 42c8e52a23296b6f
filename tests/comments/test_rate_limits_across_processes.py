"""The rate limit holds across server processes: two granian workers share one count (the database's)."""

import json
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from newsdesk.comments.models import CommentSettings
from tests import servers
from tests.comments.server import demo_server

LIMIT, ATTEMPTS = 3, 12


def test_the_per_ip_limit_is_shared_by_every_server_process(tmp_path):
    with demo_server(tmp_path, workers=2, rate_limit=LIMIT) as (base_url, article_id):
        with urllib.request.urlopen(f"{base_url}/comments/form-token/{article_id}/") as response:
            token = json.load(response)["token"]
        time.sleep(CommentSettings._meta.get_field("min_seconds").default)

        def post(n: int) -> int:
            body = urlencode({"name": "R", "email": f"r{n}@example.org", "comment": f"Comment {n}.", "token": token})
            status, _, _ = servers.fetch(
                f"{base_url}/comments/post/{article_id}/", method="POST", data=body.encode(),
                headers={"Origin": base_url, "Content-Type": "application/x-www-form-urlencoded"},
            )  # fmt: skip
            return status

        # Sent one after another on fresh connections, so granian spreads them over both workers.
        with ThreadPoolExecutor(4) as pool:
            statuses = list(pool.map(post, range(ATTEMPTS)))

    # (urllib follows the 303 to the article page, hence 200 for an accepted comment.)
    assert statuses.count(200) == LIMIT
    assert statuses.count(429) == ATTEMPTS - LIMIT


@pytest.mark.django_db(transaction=True)
def test_simultaneous_posts_from_one_address_cannot_all_slip_under_the_limit(request):
    """On the suite's own database (PostgreSQL: the advisory lock per sender); SQLite's is in memory
    and takes no concurrent writers, so the granian test above covers SQLite."""
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database takes no concurrent writers; see the test above")
    from newsdesk.comments import tokens
    from newsdesk.comments.models import Comment
    from tests.factories import ArticleFactory

    live_server = request.getfixturevalue("live_server")
    settings = CommentSettings.objects.current()
    settings.rate_limit_count = LIMIT
    settings.save()
    article = ArticleFactory()
    token = tokens.form_token(article.pk, issued_at=time.time() - 60)

    def post(n: int) -> int:
        body = urlencode({"name": "R", "email": f"r{n}@example.org", "comment": f"Comment {n}.", "token": token})
        status, _, _ = servers.fetch(
            f"{live_server.url}/comments/post/{article.pk}/", method="POST", data=body.encode(),
            headers={"Origin": live_server.url, "Content-Type": "application/x-www-form-urlencoded"},
        )  # fmt: skip
        return status

    with ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(post, range(ATTEMPTS)))

    assert statuses.count(429) == ATTEMPTS - LIMIT
    assert Comment.objects.filter(article=article).count() == LIMIT
