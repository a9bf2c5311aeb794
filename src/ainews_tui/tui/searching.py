"""The reader's side of search: run a query, and highlight what it matched."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..search import QueryError, highlight_spans
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
    try:
        results = library.search(query, limit=limit)
    except QueryError as exc:
        return Found(query, error=str(exc))
    return Found(query, tuple(results.keys), tuple(results.terms))


def span_finder(terms: Sequence[str]) -> SpanFinder | None:
    """A function giving the match ranges of `terms` in a text, or None with no terms."""
    if not terms:
        return None
    return lambda text: highlight_spans(text, terms)
