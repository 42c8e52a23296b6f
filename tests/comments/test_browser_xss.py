"""In Chromium: a page carrying every XSS payload as an approved comment runs none of them.

The comments go into the test database and pytest-django's live server shows them. Chromium is driven
from a thread of its own: Playwright's sync API keeps an event loop in the thread that runs it, and
Django refuses database calls from a thread with a loop, so the two must not share one.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.utils import timezone

from newsdesk.comments.models import Comment
from tests.browser.conftest import require_chromium
from tests.comments.payloads import XSS_PAYLOADS
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INSPECT = """() => ({
    flag: window.__xss === undefined ? null : String(window.__xss),
    elements: [...document.querySelectorAll('.comment-list *')]
        .filter(el => !['LI', 'OL', 'ARTICLE', 'HEADER', 'SPAN', 'B', 'A', 'BDI', 'TIME', 'DIV', 'P', 'BR'].includes(el.tagName))
        .map(el => el.tagName),
    handlers: [...document.querySelectorAll('.comment-list *')]
        .flatMap(el => [...el.attributes].map(a => a.name)).filter(name => name.startsWith('on')),
    links: [...document.querySelectorAll('.comment-list a[href]')].map(a => a.getAttribute('href'))
        .filter(href => !/^(https?:\\/\\/|#|\\?replytocom=)/.test(href)),
    scripts: [...document.scripts].filter(s => !s.type || /javascript|module/.test(s.type))
        .map(s => s.src ? new URL(s.src).pathname : 'inline'),
    texts: document.querySelectorAll('.comment__text').length,
})"""


@pytest.fixture
def chromium_path() -> str:
    return require_chromium()


@pytest.fixture
def hostile_article(transactional_db):
    """An article with every payload as an approved comment (in the name and the text), some as replies."""
    article = ArticleFactory(headline="Hostile comments")
    now = timezone.now()
    previous = None
    for n, payload in enumerate(XSS_PAYLOADS):
        parent = previous if n % 5 == 4 and previous is not None and previous.depth < 3 else None
        previous = Comment.objects.create(
            article=article, parent=parent, depth=parent.depth + 1 if parent else 1, name=payload[:100],
            email=f"hostile{n}@example.org", body=payload, status=Comment.Status.APPROVED,
            submitted_at=now, website="https://example.org/" if n % 7 == 0 else "",
        )  # fmt: skip
    return article


def _visit(url: str, executable: str) -> dict:
    from playwright.sync_api import sync_playwright

    seen: dict = {"dialogs": [], "console_errors": [], "page_errors": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        try:
            page = browser.new_page()
            page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
            page.on("console", lambda msg: msg.type == "error" and seen["console_errors"].append(msg.text))
            page.on("pageerror", lambda error: seen["page_errors"].append(str(error)))
            page.goto(url, wait_until="load")
            # Give anything that waits for a hover, focus, animation or timer its chance to run.
            for item in page.locator(".comment").all()[:30]:
                item.hover()
            page.wait_for_timeout(500)
            seen.update(page.evaluate(INSPECT))
        finally:
            browser.close()
    return seen


def test_no_comment_payload_runs_in_chromium(hostile_article, live_server, chromium_path):
    url = live_server.url + hostile_article.get_absolute_url()
    with ThreadPoolExecutor(1) as thread:
        seen = thread.submit(_visit, url, chromium_path).result(timeout=120)

    assert seen["dialogs"] == []
    assert seen["page_errors"] == []
    assert seen["console_errors"] == []
    assert seen["flag"] is None
    assert seen["elements"] == []
    assert seen["handlers"] == []
    assert seen["links"] == []
    assert seen["scripts"] == ["/static/newsdesk/js/site.js", "/static/newsdesk/js/comments.js"]
    assert seen["texts"] == len(XSS_PAYLOADS)
