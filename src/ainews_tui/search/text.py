"""Text normalisation and tokens shared by the index, the query engine and highlighting.

Everything that is indexed and everything that is searched goes through `fold`, so
full-width `ＡＩ` finds `AI` and case never matters. Terms of three or more characters
are found by the trigram index; shorter ones by the gram index built here:
CJK runs become overlapping two-character tokens (plus the run's last character, so a
one-character term can be found as a token prefix) and Latin/digit words of one or two
characters become whole-word tokens (`AI`, `5G`).
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from operator import add

# Han (with extensions and compatibility ideographs), kana and Hangul: scripts written
# without spaces between words, so substrings are the only sensible unit.
CJK_CLASS = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0002fa1f"
)
# Letters and digits of every other script.
WORD_CLASS = f"[^\\W_{CJK_CLASS}]"
SHORT_TERM = 2
"""Terms up to this many characters cannot use the trigram index."""

_GRAMS = re.compile(f"([{CJK_CLASS}]+)|(?<!{WORD_CLASS})({WORD_CLASS}{{1,2}})(?!{WORD_CLASS})")
_ALL_CJK = re.compile(f"[{CJK_CLASS}]+")
_ALL_WORD = re.compile(f"{WORD_CLASS}+")


def fold(text: str) -> str:
    """NFKC, case-folded, every whitespace run one space, no leading/trailing space."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def grams(folded: str) -> str:
    """The gram-index tokens of already folded text, space-separated, in text order."""
    tokens: list[str] = []
    for run, word in _GRAMS.findall(folded):
        if word:
            tokens.append(word)
        else:
            tokens.extend(map(add, run, run[1:]))
            tokens.append(run[-1])
    return " ".join(tokens)


class TermKind(Enum):
    """How a folded term is matched."""

    TRIGRAM = "trigram"
    """3+ characters: a substring, through the trigram index."""
    CJK = "cjk"
    """1-2 CJK characters: a substring, through the gram index."""
    WORD = "word"
    """1-2 letters or digits: a whole word (`ai` matches `AI芯片`, not `said`)."""
    OTHER = "other"
    """1-2 characters of anything else (`c#`, `a股`): a substring, by scanning."""


def term_kind(term: str) -> TermKind:
    if len(term) > SHORT_TERM:
        return TermKind.TRIGRAM
    if _ALL_CJK.fullmatch(term):
        return TermKind.CJK
    if _ALL_WORD.fullmatch(term):
        return TermKind.WORD
    return TermKind.OTHER


def word_pattern(term: str) -> re.Pattern[str]:
    """A regex finding `term` in folded text the way its kind matches."""
    escaped = re.escape(term)
    if term_kind(term) is TermKind.WORD:
        return re.compile(f"(?<!{WORD_CLASS}){escaped}(?!{WORD_CLASS})")
    return re.compile(escaped)


def contains(folded_text: str, term: str) -> bool:
    """Whether folded text matches a folded term (the reference the indexes must equal)."""
    if term_kind(term) is TermKind.WORD:
        return word_pattern(term).search(folded_text) is not None
    return term in folded_text
