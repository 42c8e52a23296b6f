"""Fixtures for the comment tests: an article open to comments, a posting helper, settings to adjust."""

from __future__ import annotations

import time
from itertools import count

import pytest

from newsdesk.comments import services, tokens
from newsdesk.comments.models import Comment, CommentSettings
from tests.factories import ArticleFactory

BASE_ORIGIN = "http://127.0.0.1:8000"
_emails = count()


@pytest.fixture
def article(db):
    return ArticleFactory()


@pytest.fixture
def comment_settings(db):
    """The publication's comment settings; a test changes a field and calls .save()."""
    return CommentSettings.objects.current()


def fresh_token(article, *, age: float = 60) -> str:
    """A form token as if the form had been shown `age` seconds ago."""
    return tokens.form_token(article.pk, issued_at=time.time() - age)


def form_data(article, **overrides) -> dict:
    data = {
        "name": "Ada Reader",
        "email": f"reader{next(_emails)}@example.org",
        "website": "",
        "comment": "A thoughtful comment about the budget.",
        "token": fresh_token(article),
        "homepage": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def post(client, article):
    """POST the comment form for `article` (or another) as a browser on the site would."""

    def _post(data: dict | None = None, *, to=None, origin: str | None = BASE_ORIGIN, **extra):
        target = to or article
        headers = {"HTTP_ORIGIN": origin} if origin is not None else {}
        return client.post(f"/comments/post/{target.pk}/", data or form_data(target), **headers, **extra)

    return _post


def approved_comment(article, **fields) -> Comment:
    """A comment already approved (by moderation or an editor)."""
    fields.setdefault("name", "Earlier Reader")
    fields.setdefault("email", f"earlier{next(_emails)}@example.org")
    fields.setdefault("body", f"An earlier comment {next(_emails)}.")
    comment = services.post_comment(article, **fields)
    return services.approve_comment(comment)


@pytest.fixture
def no_rebake():
    """Leave publishing's re-baking out of a test that runs after-commit callbacks for other reasons
    (baking is tested in tests/publishing, and with comments in test_delivery's transactional test)."""
    from newsdesk.content.signals import article_changed

    disconnected = article_changed.disconnect(dispatch_uid="publishing.article_changed")
    yield
    if disconnected:
        from newsdesk.publishing.receivers import rebake_for_article

        article_changed.connect(rebake_for_article, dispatch_uid="publishing.article_changed")
