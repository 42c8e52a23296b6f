"""Word-by-word differences between two revisions, as escaped HTML with <del> and <ins>."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsdesk.content.models import Author, Section, Tag
from newsdesk.media.models import Image

_TOKEN = re.compile(r"\s+|[^\s]+")
LABELS = {
    "headline": "Headline", "dek": "Standfirst", "slug": "Slug", "body": "Body", "section": "Section",
    "tags": "Tags", "bylines": "Bylines", "lead_image": "Lead image", "language": "Language",
}


def words(old: str, new: str) -> SafeString:
    """`new` with the words removed since `old` struck through and the words added underlined."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))


@dataclass
class FieldDiff:
    field: str
    label: str
    html: SafeString


def describe(data: dict) -> dict[str, str]:
    """A snapshot's related objects as the names an editor knows them by."""
    section = Section.objects.filter(pk=data.get("section")).values_list("name", flat=True).first() or ""
    tags = Tag.objects.filter(pk__in=data.get("tags") or []).order_by("name").values_list("name", flat=True)
    authors = Author.objects.in_bulk([a for a, _ in data.get("bylines") or []])
    bylines = [
        f"{authors[a].name}{f' ({credit})' if credit else ''}" if a in authors else "(removed author)"
        for a, credit in data.get("bylines") or []
    ]
    image = Image.objects.filter(pk=data.get("lead_image")).first() if data.get("lead_image") else None
    return {
        **{field: data.get(field) or "" for field in ("headline", "dek", "slug", "body", "language")},
        "section": section, "tags": ", ".join(tags), "bylines": "; ".join(bylines),
        "lead_image": str(image) if image else "",
    }


def compare(old: dict, new: dict, *, only_changed: bool = True) -> list[FieldDiff]:
    a, b = describe(old), describe(new)
    return [
        FieldDiff(field, LABELS[field], words(a[field], b[field]))
        for field in LABELS
        if not only_changed or a[field] != b[field]
    ]
