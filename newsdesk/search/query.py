"""What a reader typed, parsed into terms both backends understand, so no input can become a syntax error.

The grammar is the one readers know from web search: words (all must match), "quoted phrases",
`OR` between alternatives, and `-word` or `-"phrase"` to leave stories out. Every other character is
text: FTS5 and PostgreSQL operators (`AND`, `NEAR`, `*`, `^`, `:`, `&`, `|`, `!`, parentheses) are
never passed through as operators; each backend receives quoted strings or bound parameters only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Readers' queries are a few words; longer input (a pasted page, a 10 KB probe) is cut, and the page says so.
MAX_QUERY_CHARS = 300
MAX_TERMS = 16
# Private-use characters the backends wrap highlights in: removed from indexed text and from queries,
# so a stored or typed one can never open or close a highlight.
MARK_START, MARK_END = "\ue000", "\ue001"

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_HAS_WORD = re.compile(r"[^\W_]")  # a letter or digit in any script


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False  # quoted: the words in this order
    excluded: bool = False  # -word: stories containing it are left out


@dataclass
class ParsedQuery:
    """Alternatives (OR) of groups of terms that must all match (AND)."""

    groups: list[list[Term]] = field(default_factory=list)
    shortened: bool = False  # the reader's input was cut to MAX_QUERY_CHARS / MAX_TERMS

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def positive_terms(self) -> list[Term]:
        return [term for group in self.groups for term in group if not term.excluded]


def clean_text(text: str) -> str:
    """Text as the index and the queries see it: NFKC-normalised, without control or highlight characters."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and ch not in "\u200c\u200d" else ch for ch in text
    )


def parse_query(raw: str) -> ParsedQuery:
    """Parse a reader's query; anything unparseable becomes plain words, never an error."""
    text = clean_text(raw).strip()
    shortened = len(text) > MAX_QUERY_CHARS
    text = text[:MAX_QUERY_CHARS]
    groups: list[list[Term]] = [[]]
    count = 0
    for match in _TOKEN.finditer(text):
        minus, quoted, word = match.groups()
        if word is not None and word == "OR":
            groups.append([])
            continue
        if word is not None and word in ("AND", "NOT"):
            continue  # implicit AND; NOT as a word would surprise (use -word)
        if quoted is not None:
            term = Term(" ".join(quoted.split()), phrase=True, excluded=bool(minus))
        else:
            excluded = word.startswith("-") and len(word) > 1
            term = Term(word[1:] if excluded else word, excluded=excluded)
        if not _HAS_WORD.search(term.text):
            continue  # punctuation alone matches nothing and means nothing
        if count == MAX_TERMS:
            shortened = True
            break
        groups[-1].append(term)
        count += 1
    # A group needs something to look for: "-budget" alone would mean "every story but these".
    kept = [group for group in groups if any(not term.excluded for term in group)]
    return ParsedQuery(groups=kept, shortened=shortened)
