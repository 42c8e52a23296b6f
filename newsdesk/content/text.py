"""Word counts and reading time: computed once when an article is saved, shown the same everywhere."""

from __future__ import annotations

import math
import re

from django.conf import settings

# Silent reading speeds in words per minute, from the International Reading Speed Texts study
# (Trauzettel-Klosinski & Dietz, 2012, IOVS 53:5452). Scripts that read at other speeds than English,
# right-to-left and CJK among them, get their own figure; languages the study did not measure read at
# the English rate, or at their script's (Persian and Urdu at the Arabic rate, Yiddish at the Hebrew).
WORDS_PER_MINUTE = {
    "ar": 138, "fa": 138, "ur": 138, "ps": 138, "ckb": 138, "ug": 138,
    "he": 187, "yi": 187,
    "de": 179, "en": 228, "es": 218, "fi": 161, "fr": 195, "it": 188, "nl": 202,
    "pl": 166, "pt": 181, "ru": 184, "sl": 180, "sv": 199, "tr": 166,
}  # fmt: skip
DEFAULT_WORDS_PER_MINUTE = 228
# Chinese and Japanese are read, and counted, in characters: the same study gives 255 characters a
# minute for Chinese and 357 for Japanese (kana make Japanese text longer for the same content).
CHARACTERS_PER_MINUTE = {"zh": 255, "ja": 357}
DEFAULT_CHARACTERS_PER_MINUTE = 255

# Han ideographs, hiragana and katakana: each character is a unit of reading. Hangul is written with
# spaces between words, so Korean is counted in words like alphabetic scripts.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def base_language(code: str) -> str:
    """`pt-br` → `pt`, `zh-hans` → `zh`."""
    return (code or "").lower().split("-")[0].split("_")[0]


def is_rtl(code: str) -> bool:
    """Whether a language is written right to left (Django's list, plus a few Django lacks)."""
    base = base_language(code)
    return base in {base_language(c) for c in settings.LANGUAGES_BIDI} | {"ps", "yi", "sd", "dv"}


def count_words(text: str) -> tuple[int, int]:
    """(words, CJK characters) in a text; CJK characters are not also counted as words."""
    characters = len(_CJK.findall(text))
    words = len(_WORD.findall(_CJK.sub(" ", text)))
    return words, characters


def reading_time(text: str, language: str) -> int:
    """Whole minutes a reader needs for the text, never less than one."""
    words, characters = count_words(text)
    base = base_language(language)
    minutes = words / WORDS_PER_MINUTE.get(base, DEFAULT_WORDS_PER_MINUTE) + characters / CHARACTERS_PER_MINUTE.get(
        base, DEFAULT_CHARACTERS_PER_MINUTE
    )
    return max(1, math.ceil(minutes))
