"""The reader's side of search: run a query, and highlight what it matched.

The engine (`ainews_tui.search`) is imported lazily; where it is not installed the reader
falls back to a plain substring match on headlines and summaries, so `/` always works.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType

from ..store.library import Library

SpanFinder = Callable[[str], list[tuple[int, int]]]


@dataclass(frozen=True)
class Found:
    """Ranked item keys and the terms to highlight, or an error to show."""

    query: str
    keys: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    error: str | None = None


def run_search(library: Library, query: str, limit: int = 200) -> Found:
    """Search the library; a malformed query comes back as `error`, not an exception."""
    engine = _engine()
    if engine is None:
        return _substring_search(library, query, limit)
    try:
        results = engine.search(library, query, limit=limit)
    except engine.QueryError as exc:
        return Found(query, error=str(exc))
    return Found(query, tuple(results.keys), tuple(results.terms))


def span_finder(terms: Sequence[str]) -> SpanFinder | None:
    """A function giving the match ranges of `terms` in a text, or None with no terms."""
    if not terms:
        return None
    engine = _engine()
    spans: Callable[[str, Sequence[str]], list[tuple[int, int]]] = (
        engine.highlight_spans if engine is not None else _substring_spans
    )
    return lambda text: spans(text, terms)


def _engine() -> ModuleType | None:
    """The search engine module once it provides the full API, else None."""
    try:
        engine = importlib.import_module("ainews_tui.search")
    except ImportError:
        return None
    wanted = ("search", "highlight_spans", "QueryError")
    return engine if all(hasattr(engine, name) for name in wanted) else None


def _substring_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    folded = text.casefold()
    found: list[tuple[int, int]] = []
    for term in terms:
        needle = term.casefold()
        start = folded.find(needle)
        while needle and start >= 0:
            found.append((start, start + len(needle)))
            start = folded.find(needle, start + len(needle))
    return sorted(found)


def _substring_search(library: Library, query: str, limit: int) -> Found:
    terms = tuple(t.strip('"') for t in query.split() if t.strip('"'))
    if not terms:
        return Found(query)
    clause = " AND ".join(
        "(i.headline LIKE ? ESCAPE '\\' OR i.summary LIKE ? ESCAPE '\\')" for _ in terms
    )
    params: list[object] = []
    for term in terms:
        like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params += [like, like]
    rows = library.conn.execute(
        f"SELECT i.key FROM items i WHERE {clause} ORDER BY i.sort_ts DESC LIMIT ?",
        (*params, limit),
    )
    return Found(query, tuple(str(r[0]) for r in rows), terms)
