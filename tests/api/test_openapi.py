"""The OpenAPI description and the interactive docs, generated from the code and served locally."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_openapi_description_is_served(client):
    spec = client.get("/api/v1/openapi.json").json()

    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/articles/{article_id}/comments",
            "/api/v1/sections", "/api/v1/tags", "/api/v1/authors", "/api/v1/pages", "/api/v1/pages/{slug}",
            "/api/v1/newsroom/articles", "/api/v1/newsroom/articles/{article_id}/publish"} <= set(spec["paths"])  # fmt: skip


def test_the_newsroom_endpoints_declare_bearer_tokens(client):
    spec = client.get("/api/v1/openapi.json").json()

    assert spec["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert spec["paths"]["/api/v1/newsroom/articles"]["post"]["security"] == [{"TokenAuth": []}]
    assert "security" not in spec["paths"]["/api/v1/articles"]["get"]


def test_the_interactive_docs_load_nothing_from_other_sites(client):
    page = client.get("/api/v1/docs").content.decode()

    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(source.startswith("/static/") for source in sources)
    assert "<script>" not in page.replace('<script type="application/json"', "")  # nothing inline for the CSP to block


def test_the_docs_assets_are_this_sites_own_static_files():
    from django.contrib.staticfiles import finders

    assert finders.find("ninja/swagger-ui-bundle.js") and finders.find("ninja/swagger-ui.css")
