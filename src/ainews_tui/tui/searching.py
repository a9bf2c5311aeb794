"""The reader's side of search: run a query, and highlight what it matched."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..search.highlight import highlight_spans
from ..search.query import QueryError
from ..store.library import Library
from .entries import EntryKind

SpanFinder = Callable[[str], list[tuple[int, int]]]


@dataclass(frozen=True)
class Found:
    """Ranked keys (items, or posts in the posts view) and the terms to highlight, or an
    error to show."""

    query: str
    mode: EntryKind = "item"
    keys: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    error: str | None = None
    indexed: int | None = None
    """Percent of posts in the search index while a sync still builds it, else None."""


def run_search(library: Library, query: str, mode: EntryKind, limit: int = 200) -> Found:
    """Search the library for what the list shows; a malformed query comes back as
    `error`, not an exception. While the index is being built the search answers from
    what is indexed, and says how far that is."""
    try:
        results = library.search(query, limit=limit, posts=mode == "post")
    except QueryError as exc:
        return Found(query, mode, error=str(exc))
    index = library.index_progress()
    indexed = None if index.complete else index.percent
    return Found(query, mode, tuple(results.keys), tuple(results.terms), indexed=indexed)


def span_finder(terms: Sequence[str]) -> SpanFinder | None:
    """A function giving the match ranges of `terms` in a text, or None with no terms."""
    if not terms:
        return None
    return lambda text: highlight_spans(text, terms)
