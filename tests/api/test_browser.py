"""In Chromium, against the server `make run` starts: the search box on a baked page, and the API docs
rendering from local files under the site's Content Security Policy."""

import pytest

pytestmark = pytest.mark.browser


def test_the_header_search_box_finds_a_demo_story(page, site_url):
    page.goto(site_url + "/")
    page.fill("#site-search-q", "Oman talks")
    page.press("#site-search-q", "Enter")

    page.wait_for_url("**/search/?q=Oman+talks")
    assert page.locator(".search-result").count() >= 1
    assert page.locator(".search-result mark").count() >= 1


def test_the_api_docs_render_without_policy_violations(page, site_url):
    problems, outside = [], []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(site_url) else None)

    page.goto(site_url + "/api/v1/docs")

    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "newsdesk content API" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock").count() >= 10
    assert not [p for p in problems if "Content Security Policy" in p]
    assert outside == []
