"""In Chromium, under the real Content Security Policy: an editor required to use two-factor sign-in
signs in, gives the enrolment code an administrator issued on the command line, sets up the app from
the QR code, and works in the admin (the slug fills itself, the date
shortcuts and inline rows work) without a single policy violation."""

from __future__ import annotations

import base64
import re

import pytest

from tests import servers

pytestmark = [pytest.mark.browser, pytest.mark.server]

PASSWORD = "a long browser test passphrase"
CREATE_EDITOR = (
    "from django.contrib.auth.models import User; "
    f"User.objects.create_superuser('chief', 'chief@example.org', {PASSWORD!r})"
)
# Violations reach the page as events; Chromium also logs them on the console.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _code_for(secret: str) -> str:
    from django_otp.oath import totp

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


@pytest.fixture
def editor_site(site_copy):
    env, port, _ = site_copy
    env = env | {"NEWSDESK_REQUIRE_2FA": "true"}
    servers.manage(env, "shell", "--no-imports", "-c", CREATE_EDITOR)
    issued = servers.manage(env, "issue_enrolment_code", "chief").stdout
    enrolment_code = re.search(r"Enrolment code for chief: (\S+)", issued).group(1)
    with servers.granian(env, port) as url:
        yield url, enrolment_code


def test_two_factor_set_up_and_admin_work_under_the_policy(editor_site, browser):
    from playwright.sync_api import expect

    editor_site, enrolment_code = editor_site
    context = browser.new_context()
    try:
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda msg: "Content Security Policy" in msg.text and console.append(msg.text))
        page.add_init_script(WATCH_VIOLATIONS)
        violations: list[str] = []

        def visit_done():
            violations.extend(page.evaluate("window.__violations || []"))

        page.goto(editor_site + "/admin/")
        page.fill("#id_username", "chief")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        expect(page).to_have_url(re.compile(r"/admin/two-factor/\?next="))
        page.fill("#id_enrolment_code", enrolment_code)
        page.click("input[type=submit]")
        qr = page.locator("img.accounts-qr")
        expect(qr).to_be_visible()
        assert page.evaluate("document.querySelector('img.accounts-qr').naturalWidth") > 0
        secret = page.locator(".accounts-secret").inner_text().strip()
        visit_done()

        page.fill("#id_code", _code_for(secret))
        page.click("input[type=submit]")
        expect(page.locator(".accounts-codes li")).to_have_count(10)
        visit_done()
        page.click("text=I have saved them")
        expect(page).to_have_url(re.compile(r"/admin/$"))
        visit_done()

        page.goto(editor_site + "/admin/content/article/add/")
        page.fill("#id_headline", "Council passes budget")
        page.press("#id_headline", "Tab")  # prepopulate.js listens for keyup and change
        expect(page.locator("#id_slug")).to_have_value("council-passes-budget")  # prepopulate.js
        today = page.locator(".datetimeshortcuts a", has_text="Today").first
        if today.count():
            today.click()  # DateTimeShortcuts.js
            assert page.locator("input.vDateField").first.input_value()
        add_row = page.locator(".add-row a").first
        if add_row.count():
            rows = page.locator(".dynamic-form, tr.form-row:not(.empty-form)").count()
            add_row.click()  # inlines.js
            assert page.locator(".dynamic-form, tr.form-row:not(.empty-form)").count() > rows
        visit_done()

        page.goto(editor_site + "/admin/content/article/")
        expect(page.locator("#result_list, .paginator").first).to_be_visible()
        visit_done()
    finally:
        context.close()

    assert not violations, violations
    assert not console, console
