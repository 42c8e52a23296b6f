"""The whole hostile corpus through every field the newsroom API writes (/api/v1/newsroom): never a
server error, answers always JSON, nothing saved that the model's own validation refuses, and stored
articles have nothing live in their HTML.

Text fields get the corpus packed to their length (`tests/security/batches.py`); list fields (tags,
authors) get the strings as list items, many per request; the withdrawal reason and the schedule time
get every string too."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from newsdesk.content.models import Article
from tests.security.batches import pack
from tests.security.hostile_strings import HOSTILE
from tests.security.live_markup import live_markup

pytestmark = pytest.mark.django_db

NEVER_A_SERVER_ERROR = {200, 201, 400, 401, 403, 404, 409, 413, 422}
ROUNDS = 8
# Field → its length limit in the schema or the model (None: unlimited text).
TEXT_FIELDS = {"headline": 200, "dek": 400, "slug": 120, "body": None, "section": 80, "language": 12}
LIST_ITEMS = 120  # list items per request


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.NEWSDESK_API_RATE_ANONYMOUS = settings.NEWSDESK_API_RATE_TOKEN = "100000/min"


def _json(response) -> dict:
    assert response.status_code in NEVER_A_SERVER_ERROR, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response.json()


def _packed_rounds() -> list[dict]:
    packed = {
        name: pack(HOSTILE[i * 131 % len(HOSTILE) :] + HOSTILE[: i * 131 % len(HOSTILE)], limit, " ", rounds=ROUNDS)
        for i, (name, limit) in enumerate(TEXT_FIELDS.items())
    }
    count = max(len(values) for values in packed.values())
    return [{name: values[n % len(values)] for name, values in packed.items()} for n in range(count)]


def _items() -> list[list[str]]:
    return [HOSTILE[i : i + LIST_ITEMS] for i in range(0, len(HOSTILE), LIST_ITEMS)]


def _assert_stored_articles_are_clean() -> None:
    for article in Article.objects.all():
        try:
            article.full_clean()
        except ValidationError as error:
            pytest.fail(f"article {article.pk} was saved but its own validation refuses it: {error}")
        assert not live_markup(article.body_html), article.pk


def test_hostile_strings_in_every_field_of_a_new_draft(api, editor, section, token_for):
    client = api(token_for(editor))
    for fields in _packed_rounds():
        _json(client.post("/api/v1/newsroom/articles", fields))
        for name in TEXT_FIELDS:  # each field alone beside valid values, so that what it allows is stored
            valid = {"headline": "Harbour reopens", "body": "The harbour reopened.", "section": "world"}
            _json(client.post("/api/v1/newsroom/articles", valid | {name: fields[name]}))
    for items in _items():
        for name in ("tags", "authors"):
            _json(client.post("/api/v1/newsroom/articles", {"headline": "H", "body": "B", "section": "world", name: items}))

    assert Article.objects.exists()
    _assert_stored_articles_are_clean()


def test_hostile_strings_in_every_field_of_an_edit(api, editor, draft_by, token_for):
    client = api(token_for(editor))
    article = draft_by(editor)
    for fields in _packed_rounds():
        for name in TEXT_FIELDS:
            article.refresh_from_db()
            _json(client.patch(f"/api/v1/newsroom/articles/{article.pk}", {"base_version": article.version, name: fields[name]}))
    for items in _items():
        for name in ("tags", "authors"):
            article.refresh_from_db()
            _json(client.patch(f"/api/v1/newsroom/articles/{article.pk}", {"base_version": article.version, name: items}))

    _assert_stored_articles_are_clean()


def test_hostile_strings_as_a_withdrawal_reason_and_a_schedule_time(api, editor, draft_by, token_for):
    client = api(token_for(editor))
    article = draft_by(editor)
    for value in pack(HOSTILE, 500, " ", rounds=ROUNDS):
        _json(client.post(f"/api/v1/newsroom/articles/{article.pk}/withdraw", {"reason": value}))
    for value in HOSTILE:  # a date parser sees each string alone
        _json(client.post(f"/api/v1/newsroom/articles/{article.pk}/schedule", {"at": value}))

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_hostile_strings_in_the_address_never_cause_a_server_error(api, editor, token_for):
    client = api(token_for(editor))
    for value in pack(HOSTILE, 200, "", rounds=ROUNDS):
        path = "/api/v1/newsroom/articles/" + value.replace("/", "%2F").replace("?", "%3F").replace("#", "%23")
        assert client.get(path).status_code in NEVER_A_SERVER_ERROR
