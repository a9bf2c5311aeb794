"""Text normalisation and index tokens shared by the index, the engine and highlighting.

Everything indexed and everything searched goes through `fold`, so full-width `ＡＩ`
finds `AI` and case never matters. Two FTS5 tables share the work:

- `search_grams` holds CJK text as overlapping two-character tokens (plus each run's
  last character, so one character is a token prefix) and the Latin/digit words of one
  or two characters whole. A CJK term of any length is an exact phrase of its bigrams
  there, and a one- or two-letter word (`AI`, `5G`) a single token.
- `search_fts` is a trigram index of everything else: Latin words, numbers, symbols,
  with CJK runs blanked out. Indexing Chinese by trigram as well would cost three
  times as much at sync (every position a new trigram) for nothing the grams lack.

Latin text is indexed once: a word of three characters or more is found through the
trigram table only, so the grams table leaves it out (on ../shared/corpus that halves
what the grams table tokenizes).
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from functools import cache
from operator import add

# Han (with extensions and compatibility ideographs), kana and Hangul: scripts written
# without spaces between words, so substrings are the only sensible unit.
CJK_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
# Letters and digits of every other script.
WORD_CLASS = f"[^\\W_{CJK_CLASS}]"
SHORT_TERM = 2
"""Non-CJK terms up to this many characters cannot use the trigram index."""
BLANK = "\x1f"
"""What a CJK run becomes in the trigram text; queries never contain it."""


class _Patterns:
    """Compiled on first use (see `_patterns`)."""

    def __init__(self) -> None:
        self.grams = re.compile(f"([{CJK_CLASS}]+)|({WORD_CLASS}+)")
        self.cjk_run = re.compile(f"[{CJK_CLASS}]+")
        self.word_at_start = re.compile(WORD_CLASS)
        # A space before or after a CJK character. Written to start with the space, so
        # the regex engine jumps from space to space instead of trying the lookbehind at
        # every position (fold of 1,000 posts' documents: 0.13 s -> 0.07 s).
        self.cjk_space = re.compile(f" (?:(?=[{CJK_CLASS}])|(?<=[{CJK_CLASS}] ))")
        self.all_word = re.compile(f"{WORD_CLASS}+")


@cache
def _patterns() -> _Patterns:
    """Classes spanning Unicode take 8 ms to compile, which every command importing this
    module (`list`, `mark`, the query parser) paid at start, searching or not."""
    return _Patterns()


# Full-width punctuation that Chinese text is full of; replacing it first often leaves
# text that is already NFKC, and the quick check then spares the slow normalisation.
_FULL_WIDTH = tuple(
    (chr(c), chr(c - 0xFEE0))
    for c in (0xFF0C, 0xFF1A, 0xFF08, 0xFF09, 0xFF01, 0xFF1F, 0xFF1B, 0xFF05, 0xFF0B, 0xFF0F)
)


def fold(text: str) -> str:
    """NFKC, case-folded, whitespace runs one space, none next to a CJK character.

    Chinese writing often spaces Latin words off (`AI 芯片`), often not (`AI芯片`); a
    reader means the same by both. The index holds exactly this text and deletes by
    recomputing it, so a change here needs a library migration that re-reads sources.
    """
    for wide, narrow in _FULL_WIDTH:
        text = text.replace(wide, narrow)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _patterns().cjk_space.sub("", " ".join(text.casefold().split()))


def is_cjk(char: str) -> bool:
    return _patterns().cjk_run.fullmatch(char) is not None


def grams(folded: str) -> str:
    """The `search_grams` tokens of folded text, space-separated, in text order: the
    bigrams of CJK runs and the words of at most SHORT_TERM characters."""
    return " ".join(
        [
            " ".join(map(add, run, run[1:])) + " " + run[-1] if run else word
            for run, word in _patterns().grams.findall(folded)
            if run or len(word) <= SHORT_TERM
        ]
    )


def latin(folded: str) -> str:
    """The `search_fts` text of folded text: CJK runs blanked out."""
    return _patterns().cjk_run.sub(BLANK, folded)


def gram_phrase(cjk: str) -> str:
    """The FTS5 query for a CJK string: its bigrams as a phrase; one character as prefix."""
    if len(cjk) == 1:
        return f'"{cjk}" *'
    return '"' + " ".join(map(add, cjk, cjk[1:])) + '"'


def quoted(term: str) -> str:
    """An FTS5 string: whatever the term holds, FTS5 reads it as text, never syntax."""
    return '"' + term.replace('"', '""') + '"'


class TermKind(Enum):
    """How a folded term is matched."""

    CJK = "cjk"
    """Only CJK characters: a substring, as a bigram phrase."""
    WORD = "word"
    """1-2 letters or digits: a whole word (`ai` matches `AI芯片`, not `said`)."""
    TRIGRAM = "trigram"
    """3+ characters, no CJK: a substring, through the trigram index."""
    MIXED = "mixed"
    """CJK and other characters (`gpt-5.2翻车`, `AI芯片`): a substring that does not start
    inside a word (`AI芯片` is not found in `OpenAI芯片`); candidates from the indexes,
    then checked on the text."""
    OTHER = "other"
    """1-2 characters neither CJK nor a word (`c#`, `5%`): checked by scanning."""


def term_kind(term: str) -> TermKind:
    has_cjk = _patterns().cjk_run.search(term) is not None
    if has_cjk:
        return TermKind.CJK if _patterns().cjk_run.fullmatch(term) else TermKind.MIXED
    if len(term) > SHORT_TERM:
        return TermKind.TRIGRAM
    return TermKind.WORD if _patterns().all_word.fullmatch(term) else TermKind.OTHER


def mixed_candidates(term: str) -> tuple[list[str], list[str]]:
    """FTS5 expressions for `search_grams` and `search_fts` that every document holding
    a mixed term matches; they narrow the candidates, then the text is checked.

    The term's own grams form a phrase (words of three characters or more are in
    neither the term's grams nor the document's, so the rest stay adjacent). Where the
    term ends, the document's word or CJK run may go on: a closing short word is left
    out (the document's may be longer, and so not in the grams), a closing run's last
    single character too (or, for a one-character run, becomes a prefix).
    """
    tokens = grams(term).split()
    prefix = False
    all_word, cjk_run = _patterns().all_word, _patterns().cjk_run
    if all_word.fullmatch(term[-1]):
        if len(all_word.findall(term)[-1]) <= SHORT_TERM:
            tokens.pop()
    elif cjk_run.fullmatch(term[-1]):
        if len(cjk_run.findall(term)[-1]) > 1:
            tokens.pop()
        else:
            prefix = True
    gram_expressions = ['"' + " ".join(tokens) + '"' + (" *" if prefix else "")]
    trigram = [
        quoted(part.strip()) for part in cjk_run.split(term) if len(part.strip()) > SHORT_TERM
    ]
    return gram_expressions, trigram


def word_pattern(term: str) -> re.Pattern[str]:
    """A regex finding `term` in folded text the way its kind matches."""
    escaped = re.escape(term)
    kind = term_kind(term)
    if kind is TermKind.WORD:
        return re.compile(f"(?<!{WORD_CLASS}){escaped}(?!{WORD_CLASS})")
    if kind is TermKind.MIXED and _patterns().word_at_start.match(term):
        return re.compile(f"(?<!{WORD_CLASS}){escaped}")
    return re.compile(escaped)


def contains(folded_text: str, term: str) -> bool:
    """Whether folded text matches a folded term (the reference the indexes must equal)."""
    if term_kind(term) in (TermKind.WORD, TermKind.MIXED):
        return word_pattern(term).search(folded_text) is not None
    return term in folded_text
