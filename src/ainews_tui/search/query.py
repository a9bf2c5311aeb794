"""The query language, parsed into a plain description the engine turns into SQL.

    谷歌 "open source" -crypto tag:具身智能 source:juya is:unread is:starred
    after:2025-12-01 before:2026-01 date:2025-12

Words and phrases are AND-ed; `-` excludes a word, phrase, tag or source. Nothing the
user types is ever passed to FTS5 as syntax: `OR`, `NEAR`, `*`, `(` are plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..safe import clean_text
from .text import fold

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32

_FILTER = re.compile(r"(tag|cat|category|source|src|is|after|before|date|on):(.*)", re.S)
_DAY = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_KEY_ALIASES = {"cat": "tag", "category": "tag", "src": "source", "on": "date"}


class QueryError(ValueError):
    """A query the user must fix; the message is one sentence saying how."""


@dataclass(frozen=True)
class ParsedQuery:
    """A query with every term folded (NFKC, case-folded, single spaces)."""

    terms: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    excluded_tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    excluded_sources: tuple[str, ...] = ()
    read: bool | None = None
    starred: bool | None = None
    after: str | None = None
    """Inclusive day, `YYYY-MM-DD`."""
    before: str | None = None
    """Exclusive day, `YYYY-MM-DD`."""
    day_prefixes: tuple[str, ...] = field(default=())
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a result must fall in every one."""


@dataclass
class _Builder:
    terms: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    excluded_tags: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    excluded_sources: list[str] = field(default_factory=list)
    read: bool | None = None
    starred: bool | None = None
    after: str | None = None
    before: str | None = None
    day_prefixes: list[str] = field(default_factory=list)


def parse_query(text: str) -> ParsedQuery:
    """Parse what the user typed; raises QueryError with a readable reason."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"The query is too long (at most {MAX_QUERY_CHARS} characters).")
    query = " ".join(clean_text(text).split())
    built = _Builder()
    for negated, word, quoted in _tokens(query):
        match = None if quoted else _FILTER.fullmatch(fold(word))
        if match:
            key = _KEY_ALIASES.get(match[1], match[1])
            _add_filter(built, key, match[2].strip(), negated)
            continue
        term = fold(word)
        if term:
            (built.excluded if negated else built.terms).append(term)
    if len(built.terms) + len(built.excluded) > MAX_TERMS:
        raise QueryError(f"The query has too many words (at most {MAX_TERMS}).")
    return ParsedQuery(
        terms=tuple(dict.fromkeys(built.terms)),
        excluded=tuple(dict.fromkeys(built.excluded)),
        tags=tuple(built.tags),
        excluded_tags=tuple(built.excluded_tags),
        sources=tuple(built.sources),
        excluded_sources=tuple(built.excluded_sources),
        read=built.read,
        starred=built.starred,
        after=built.after,
        before=built.before,
        day_prefixes=tuple(built.day_prefixes),
    )


def _tokens(query: str) -> list[tuple[bool, str, bool]]:
    """(negated, text, quoted) for each word or phrase; filter values may be quoted.

    An unbalanced quote runs to the end of the query rather than being an error.
    """
    tokens: list[tuple[bool, str, bool]] = []
    pos, end = 0, len(query)
    while pos < end:
        if query[pos] == " ":
            pos += 1
            continue
        negated = query[pos] == "-" and pos + 1 < end and query[pos + 1] != " "
        if negated:
            pos += 1
        if query[pos] == '"':
            close = query.find('"', pos + 1)
            close = end if close < 0 else close
            tokens.append((negated, query[pos + 1 : close], True))
            pos = close + 1
            continue
        stop = pos
        while stop < end and query[stop] not in ' "':
            stop += 1
        word = query[pos:stop]
        if (
            stop < end
            and query[stop] == '"'
            and word.endswith(":")
            and _FILTER.fullmatch(fold(word))
        ):
            close = query.find('"', stop + 1)
            close = end if close < 0 else close
            word += query[stop + 1 : close]
            stop = close + 1
        tokens.append((negated, word, False))
        pos = stop
    return tokens


def _add_filter(built: _Builder, key: str, value: str, negated: bool) -> None:
    if not value:
        raise QueryError(f"{key}: needs a value, for example {_EXAMPLES[key]}.")
    if key == "tag":
        (built.excluded_tags if negated else built.tags).append(value)
    elif key == "source":
        (built.excluded_sources if negated else built.sources).append(value)
    elif key == "is":
        _add_flag(built, fold(value), negated)
    elif negated:
        raise QueryError(f"{key}: cannot be negated; use after: or before: instead.")
    elif key == "date":
        built.day_prefixes.append(_day(value, key, complete=False))
    elif key == "after":
        built.after = max(filter(None, (built.after, _day(value, key, complete=True))))
    else:
        built.before = min(filter(None, (built.before, _day(value, key, complete=True))))


def _add_flag(built: _Builder, value: str, negated: bool) -> None:
    flags = {
        "unread": ("read", False),
        "read": ("read", True),
        "starred": ("starred", True),
        "unstarred": ("starred", False),
    }
    if value not in flags:
        raise QueryError(
            f"is:{value} is unknown; use is:unread, is:read, is:starred or is:unstarred."
        )
    name, wanted = flags[value]
    setattr(built, name, wanted != negated)


def _day(value: str, key: str, *, complete: bool) -> str:
    """`2025`, `2025-12` or `2025-12-02` checked and zero-padded; with `complete`, the
    first day of the year or month."""
    match = _DAY.fullmatch(value)
    year, month, day = match.groups() if match else (None, None, None)
    try:
        if year is None:
            raise ValueError
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise QueryError(f"{key}:{value} is not a date; write it like {_EXAMPLES[key]}.") from None
    parts = [year] + [f"{int(p):02d}" for p in (month, day) if p]
    if complete:
        parts += ["01"] * (3 - len(parts))
    return "-".join(parts)


_EXAMPLES = {
    "tag": "tag:具身智能",
    "source": "source:juya",
    "is": "is:unread",
    "after": "after:2025-12-01",
    "before": "before:2026-01-01",
    "date": "date:2025-12",
}
