"""Schemathesis against the OpenAPI description: every operation, generated input (valid and not), through
Django's whole stack. No response may be a 5xx, and every response must match what the description says."""

import json

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from newsdesk.api.api import api
from newsdesk.comments.models import Comment
from newsdesk.newsroom.roles import Role
from tests.factories import ArticleFactory, PageFactory, TagFactory

# The description as served at /api/v1/openapi.json (a test below checks they are the same).
SPEC = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"), default=str))
# A well-formed request may still ask for what cannot be: a cursor this API never gave out (400), or an
# article the admin's validation refuses, say with a section or author that does not exist (422). The
# "valid data must be accepted" check is told to allow both.
CONFIG = schemathesis.config.SchemathesisConfig.from_str(
    """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "422", "429"]
"""
)
APP = WSGIHandler()
schema = schemathesis.openapi.from_dict(SPEC, config=CONFIG)
schema.app = APP  # every request, the checks' own extra ones included, goes through Django in this process


@pytest.fixture
def site(db, settings, make_user, token_for, section):
    """A few stories with tags, comments and pages; an editor's token; limits out of the way."""
    settings.NEWSDESK_API_RATE_ANONYMOUS = settings.NEWSDESK_API_RATE_TOKEN = "100000/min"
    articles = [ArticleFactory(section=section) for _ in range(3)]
    TagFactory(slug="ports")
    PageFactory(slug="about")
    Comment.objects.create(article=articles[0], name="Reader", email="r@example.com", body="Hello", status="approved")
    # The WSGI handler closes "old" connections after each request; in a test transaction that would end it.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {"Authorization": f"Bearer {token_for(make_user(Role.EDITOR))}"}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_served_description_is_the_one_tested(client, db):
    assert client.get("/api/v1/openapi.json").json() == SPEC


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_description(case, site):
    case.call_and_validate(headers=site)
