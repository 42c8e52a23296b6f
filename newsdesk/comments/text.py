"""Comments are plain text: this turns one into safe HTML (escaped, links made, line breaks kept)."""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# http(s) addresses only; other schemes (javascript:, data:, ...) stay text.
URL_RE = re.compile(r"\bhttps?://[^\s<>\"'`]+", re.IGNORECASE)
# Punctuation that usually ends the sentence rather than the address.
_TRAILING = ".,;:!?'\")]}"
LINK_REL = "nofollow ugc noopener"
# C0 and C1 control characters other than tab, line feed and carriage return: never part of a comment.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalize(text: str) -> str:
    """Line endings as \\n, Unicode in its composed form, surrounding white space dropped."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def has_control_characters(text: str) -> bool:
    return bool(_CONTROL_RE.search(text))


def count_links(text: str) -> int:
    return len(URL_RE.findall(text))


def _split_trailing(url: str) -> tuple[str, str]:
    """Leave sentence punctuation after an address outside the link; keep balanced closing brackets."""
    tail = ""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        tail = url[-1] + tail
        url = url[:-1]
    return url, tail


def _linkify_line(line: str) -> str:
    out, position = [], 0
    for match in URL_RE.finditer(line):
        url, tail = _split_trailing(match.group(0))
        out.append(escape(line[position : match.start()]))
        out.append(f'<a href="{escape(url)}" rel="{LINK_REL}">{escape(url)}</a>{escape(tail)}')
        position = match.end()
    out.append(escape(line[position:]))
    return "".join(out)


def render_comment(text: str) -> SafeString:
    """Paragraphs at blank lines, <br> at single line breaks, every character of the reader's escaped."""
    paragraphs = [p for p in re.split(r"\n\s*\n", normalize(text)) if p.strip()]
    html = "".join("<p>" + "<br>".join(_linkify_line(line) for line in p.split("\n")) + "</p>" for p in paragraphs)
    return mark_safe(html)  # noqa: S308 - every piece of reader text above went through escape()
