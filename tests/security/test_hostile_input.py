"""Hostile strings through every public form field and every admin form: never a server error, nothing
stored that the model's own rules refuse, and nothing rendered live (every string shown as text)."""

from __future__ import annotations

import math
import random
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib import admin
from django.core.exceptions import ValidationError

from newsdesk.comments.models import Comment, CommentSettings
from tests.comments.conftest import BASE_ORIGIN, form_data
from tests.factories import ArticleFactory
from tests.security.hostile_strings import BIDI, CONTROL, EMAILS, HOSTILE, URLS, ZERO_WIDTH
from tests.security.live_markup import live_markup

pytestmark = pytest.mark.django_db

TEXT_INPUTS = {"text", "email", "url", "search", "tel", ""}
# A browser can send any of these in a form field.
SENDABLE = HOSTILE
# Strings that could become markup if echoed unescaped.
MARKUP = [s for s in HOSTILE if "<" in s]
# The web address and email fields refuse nearly everything (and each refusal renders the whole article
# page again): they get the strings aimed at them, plus every markup string.
ADDRESS_STRINGS = list(dict.fromkeys(URLS + EMAILS + CONTROL + BIDI + ZERO_WIDTH + MARKUP))


def shown_raw(text: str, content: bytes) -> bool:
    """Whether a string with markup in it appears in the page unescaped."""
    return "<" in text and len(text) > 3 and text.encode() in content


def test_the_corpus_holds_at_least_400_strings():
    assert len(HOSTILE) >= 400


@pytest.fixture
def open_article(db):
    settings = CommentSettings.objects.current()
    settings.rate_limit_count = 100_000
    settings.hold_first_comment = False
    settings.min_seconds = 0
    settings.max_length = 400_000
    settings.save()
    return ArticleFactory()


def _post_comment(client, article, **fields):
    return client.post(f"/comments/post/{article.pk}/", form_data(article, **fields), HTTP_ORIGIN=BASE_ORIGIN)


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def assert_stored_comments_are_clean() -> None:
    """Whatever was stored passes the model's validation, holds no control characters, and links
    only to http(s) addresses."""
    for comment in Comment.objects.all():
        assert not CONTROL_CHARACTERS.search(comment.name + comment.body + comment.email + comment.website), comment.pk
        assert comment.website == "" or comment.website.lower().startswith(("http://", "https://"))
        comment.full_clean()


def test_hostile_names_and_comments_are_refused_or_stored_clean_never_a_server_error(client, open_article):
    for number, text in enumerate(SENDABLE):
        response = _post_comment(client, open_article, name=text[:100], comment=text)
        assert response.status_code in (303, 400, 413), (number, text[:80], response.status_code)
        assert not shown_raw(text, response.content), (number, text[:80])

    assert Comment.objects.exists()
    assert_stored_comments_are_clean()


def test_hostile_emails_and_websites_are_refused_or_stored_clean_never_a_server_error(client, open_article):
    for number, text in enumerate(ADDRESS_STRINGS):
        for field in ("email", "website"):
            response = _post_comment(client, open_article, **{field: text})
            assert response.status_code in (303, 400, 413), (number, field, text[:80], response.status_code)
            assert not shown_raw(text, response.content), (number, field, text[:80])

    assert_stored_comments_are_clean()


def test_approved_hostile_comments_are_shown_as_text(client, open_article):
    stored = [text for text in MARKUP if _post_comment(client, open_article, name="Reader", comment=text).status_code == 303]
    Comment.objects.update(status=Comment.Status.APPROVED)

    response = client.get(open_article.get_absolute_url() + "?all-comments=1")

    assert len(stored) > 50, "too few hostile comments were stored for the test to prove anything"
    assert response.status_code == 200
    assert not live_markup(response.content)
    assert not [text for text in stored if shown_raw(text, response.content)]


def test_hostile_searches_never_cause_a_server_error_and_show_as_text(client, open_article):
    for number, text in enumerate(SENDABLE):
        for params in ({"q": text}, {"section": text, "published_from": text, "page": text}):
            response = client.get("/search/", params)
            assert response.status_code in (200, 400, 404), (number, text[:80], params.keys(), response.status_code)
            assert not shown_raw(text, response.content), (number, text[:80], params.keys())
    assert not live_markup(client.get("/search/", {"q": MARKUP[0], "section": MARKUP[1]}).content)


# --- the admin ------------------------------------------------------------------------------------


def _form_data(html: bytes, fields_of: str) -> tuple[dict, list[str]]:
    """The admin form's data as a browser would send it, and the names of its free-text fields."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one(f"form#{fields_of}_form") or soup.select_one("#content-main form[method=post]")
    data, text_fields = {}, []
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or "__prefix__" in name:
            continue
        if element.name == "textarea":
            data[name] = element.get_text()
            text_fields.append(name)
        elif element.name == "select":
            options = element.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")] or [o for o in options if o.get("value")][:1]
            values = [o.get("value", "") for o in chosen]
            data[name] = values if element.has_attr("multiple") else (values[0] if values else "")
        else:
            kind = (element.get("type") or "text").lower()
            classes = element.get("class") or []
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    data.setdefault(name, []).append(element.get("value", "on"))
                continue
            data[name] = element.get("value", "")
            if kind in TEXT_INPUTS and "-" not in name and not {"vDateField", "vTimeField"} & set(classes):
                text_fields.append(name)
    return data, text_fields


def _baseline(name: str, number: int) -> str:
    """A valid value for a free-text field, so the one hostile field decides whether the form saves."""
    if "email" in name:
        return f"baseline{number}@example.org"
    if "url" in name or "website" in name:
        return f"https://example.org/{number}"
    return f"baseline-{number}"


# Every admin form gets the same core of nasty strings, plus its own share of the rest of the corpus
# (shuffled, so each share mixes every kind): across the models the whole corpus goes through the admin.
ADMIN_CORE = [
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "\u202eevil\u202d", "zero\u200bwidth", "bell\x07ring",
    "null\x00byte", "x" * 300_000, "' OR 1=1 --", "{{ settings.SECRET_KEY }}", "../../etc/passwd", "$(id)", "javascript:alert(1)",
]  # fmt: skip
_SHUFFLED = random.Random(10).sample(HOSTILE, len(HOSTILE))
_ADMIN_MODELS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
ADMIN_SHARE = max(30, math.ceil(len(HOSTILE) / len(_ADMIN_MODELS)))


def _share(index: int) -> list[str]:
    start = index * ADMIN_SHARE % len(_SHUFFLED)
    return ADMIN_CORE + (_SHUFFLED + _SHUFFLED)[start : start + ADMIN_SHARE]


def test_the_admin_forms_between_them_receive_the_whole_corpus():
    received = set().union(*(_share(index) for index in range(len(_ADMIN_MODELS))))

    assert received >= set(HOSTILE)


@pytest.mark.parametrize(
    "index, model", [pytest.param(i, m, id=m._meta.label) for i, (m, _) in enumerate(_ADMIN_MODELS)]
)
def test_hostile_strings_in_every_admin_form(admin_client, publication, index, model):
    """Each string goes into one free-text field of the model's form (the others valid): no server
    error, what is saved passes the model's own validation, and the form and list show it as text."""
    from newsdesk.comments import services

    CommentSettings.objects.current()  # so that models with no add form have one to change
    services.post_comment(ArticleFactory(), name="Reader", email="reader@example.org", body="A first comment.")
    opts = model._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/add/"
    page = admin_client.get(url)
    if page.status_code != 200:
        existing = model._default_manager.order_by("pk").first()
        if existing is None:
            pytest.skip(f"{opts.label}: no add form and nothing to change")
        url = f"/admin/{opts.app_label}/{opts.model_name}/{existing.pk}/change/"
        page = admin_client.get(url)
    if page.status_code != 200:
        pytest.skip(f"{opts.label}: the admin offers no form here ({page.status_code})")
    data, text_fields = _form_data(page.content, opts.model_name)
    if not text_fields:
        pytest.skip(f"{opts.label}: no free-text fields")
    before = set(model._default_manager.values_list("pk", flat=True))
    for number, text in enumerate(_share(index)):
        hostile = text_fields[number % len(text_fields)]
        post = dict(data) | {name: _baseline(name, number) for name in text_fields if not data.get(name)} | {hostile: text}
        if url.endswith("/add/") and "password1" in post:
            post |= {"password1": "a long test passphrase 42", "password2": "a long test passphrase 42"}
        response = admin_client.post(url, post)
        assert response.status_code in (200, 302), (opts.label, hostile, text[:80], response.status_code)
        assert not shown_raw(text, response.content), (opts.label, hostile, text[:80])
    for obj in model._default_manager.exclude(pk__in=before):
        try:
            obj.full_clean()
        except ValidationError as error:
            pytest.fail(f"{opts.label} {obj.pk} was saved but its own validation refuses it: {error}")
    listing = admin_client.get(f"/admin/{opts.app_label}/{opts.model_name}/", follow=True)
    assert listing.status_code == 200
    assert not live_markup(listing.content)
