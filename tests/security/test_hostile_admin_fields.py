"""The whole hostile corpus through every free-text field of every admin form (inline rows included):
never a server error, nothing saved that the model's own validation refuses, nothing shown unescaped,
and the list of what was saved has nothing live in it.

Every field of a form gets its own packing of the corpus (`tests/security/batches.py`) in the same
requests, so a model takes as many requests as its shortest field needs (a few hundred for an 80-character
name, one or two for a textarea). `test_hostile_input.py::test_hostile_strings_in_every_admin_form` puts
single strings into one field at a time beside valid values, so that those are saved and listed too.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from newsdesk.comments.models import CommentSettings
from tests.factories import ArticleFactory
from tests.security.batches import pack
from tests.security.hostile_strings import HOSTILE
from tests.security.live_markup import live_markup
from tests.security.test_hostile_input import _ADMIN_MODELS, TEXT_INPUTS, _form_data, shown_raw

pytestmark = pytest.mark.django_db

SEPARATORS = {"textarea": "\n\n", "input": " "}
# Requests per model. Textareas and fields of 400 characters or more take the whole corpus within their
# length in these; shorter fields take what fits, and the rest of the corpus in values they must refuse.
ROUNDS = 10


def _text_fields(html: bytes, data: dict, main_fields: list[str]) -> dict[str, tuple[str, int | None]]:
    """Every free-text field of the form, inline rows included: name → (element, maxlength)."""
    soup = BeautifulSoup(html, "html.parser")
    fields = {}
    for element in soup.select("#content-main form[method=post] textarea, #content-main form[method=post] input"):
        name = element.get("name") or ""
        if not name or "__prefix__" in name or name not in data:
            continue
        kind = (element.get("type") or "text").lower() if element.name == "input" else "textarea"
        classes = set(element.get("class") or [])
        if kind not in TEXT_INPUTS | {"textarea"} or {"vDateField", "vTimeField"} & classes:
            continue
        if name not in main_fields and not name.rsplit("-", 1)[-1].isidentifier():
            continue
        maxlength = element.get("maxlength")
        fields[name] = (element.name, int(maxlength) if maxlength and maxlength.isdigit() else None)
    return fields


def _open_form(admin_client, model) -> tuple[str, bytes] | None:
    opts = model._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/add/"
    page = admin_client.get(url)
    if page.status_code != 200:
        existing = model._default_manager.order_by("pk").first()
        if existing is None:
            return None
        url = f"/admin/{opts.app_label}/{opts.model_name}/{existing.pk}/change/"
        page = admin_client.get(url)
    return (url, page.content) if page.status_code == 200 else None


@pytest.mark.parametrize("model", [pytest.param(m, id=m._meta.label) for m, _ in _ADMIN_MODELS])
def test_the_whole_corpus_through_every_admin_field(admin_client, publication, model):
    from newsdesk.comments import services

    CommentSettings.objects.current()
    services.post_comment(ArticleFactory(), name="Reader", email="reader@example.org", body="A first comment.")
    opts = model._meta
    form = _open_form(admin_client, model)
    if form is None:
        pytest.skip(f"{opts.label}: the admin offers no form (read-only records)")
    url, html = form
    data, main_fields = _form_data(html, opts.model_name)
    fields = _text_fields(html, data, main_fields)
    if not fields:
        pytest.skip(f"{opts.label}: no free-text fields")
    packed = {}
    for number, (name, (element, maxlength)) in enumerate(fields.items()):
        turn = number * 97 % len(HOSTILE)  # each field starts elsewhere in the corpus
        packed[name] = pack(HOSTILE[turn:] + HOSTILE[:turn], maxlength, SEPARATORS[element], rounds=ROUNDS)
    before = set(model._default_manager.values_list("pk", flat=True))

    for round_ in range(max(len(values) for values in packed.values())):
        post = dict(data) | {name: values[round_ % len(values)] for name, values in packed.items()}
        if url.endswith("/add/") and "password1" in post:
            post |= {"password1": "a long test passphrase 42", "password2": "a long test passphrase 42"}
        response = admin_client.post(url, post)
        assert response.status_code in (200, 302), (opts.label, round_, response.status_code)
        for name, values in packed.items():
            value = values[round_ % len(values)]
            assert not shown_raw(value, response.content), (opts.label, name, value[:80])

    for obj in model._default_manager.exclude(pk__in=before):
        try:
            obj.full_clean()
        except ValidationError as error:
            pytest.fail(f"{opts.label} {obj.pk} was saved but its own validation refuses it: {error}")
    listing = admin_client.get(f"/admin/{opts.app_label}/{opts.model_name}/", follow=True)
    assert listing.status_code == 200
    assert not live_markup(listing.content)
