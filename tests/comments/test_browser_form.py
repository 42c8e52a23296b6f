"""In Chromium: comments.js refreshes the form token and moves the form under a comment to reply; a
reader posts and sees their comment awaiting moderation. (Chromium runs in its own thread: see
test_browser_xss.py for why.)"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsdesk.comments import tokens
from newsdesk.comments.models import Comment
from tests.comments.conftest import approved_comment
from tests.comments.test_browser_xss import chromium_path  # noqa: F401 - the same skip rules
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _reply_in_chromium(url: str, parent_id: int, executable: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
            response = page.goto(url, wait_until="networkidle")
            # (A hidden input's value and its attribute are one, so the baked token is read from the HTML.)
            baked = re.search(r'name="token" id="id_token" value="([^"]*)"', response.text()).group(1)
            live = page.eval_on_selector("#id_token", "el => el.value")
            page.click(f"#comment-{parent_id} .comment__reply")
            moved = page.evaluate(f"() => !!document.querySelector('#comment-{parent_id} #commentform')")
            parent_value = page.eval_on_selector("#id_parent", "el => el.value")
            title = page.text_content("#reply-title")
            page.fill("#id_comment", "A reply from a real browser.")
            page.fill("#id_name", "Browser Reader")
            page.fill("#id_email", "browser@example.org")
            page.wait_for_timeout(3200)  # the minimum time between showing the form and posting
            page.click("#commentform button[type=submit]")
            page.wait_for_load_state("load")
            return {
                "baked": baked, "live": live, "moved": moved, "parent": parent_value, "title": title,
                "landed": page.url, "awaiting": page.text_content(".comment__awaiting") or "", "errors": errors,
            }  # fmt: skip
        finally:
            browser.close()


def test_the_script_refreshes_the_token_moves_the_form_to_reply_and_the_reply_posts(live_server, chromium_path):  # noqa: F811
    from datetime import timedelta

    from django.utils import timezone

    article = ArticleFactory()
    type(article).objects.filter(pk=article.pk).update(modified_at=timezone.now() - timedelta(hours=1))
    parent = approved_comment(article, name="Grace Hopper")
    with ThreadPoolExecutor(1) as thread:
        seen = thread.submit(
            _reply_in_chromium, live_server.url + article.get_absolute_url(), parent.pk, chromium_path
        ).result(timeout=120)

    assert seen["errors"] == []
    assert seen["live"] != seen["baked"]
    assert tokens.read_form_token(seen["live"]).article_id == article.pk
    assert seen["moved"] and seen["parent"] == str(parent.pk)
    assert seen["title"] == "Reply to Grace Hopper"
    reply = Comment.objects.get(body="A reply from a real browser.")
    assert reply.parent == parent
    assert seen["landed"].endswith(f"#comment-{reply.pk}")
    assert "awaiting moderation" in seen["awaiting"]
