"""Reading a view's rows for the list, in worker threads (no Textual here)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import ListFilter
from .entries import Entry, EntryKind
from .gateway import Gateway
from .views import View
from .widgets.news_list import PAGE_SIZE, Fetch


@dataclass(frozen=True)
class ViewRows:
    """A view's size, the pages around the cursor, and where the cursor goes."""

    total: int
    pages: dict[int, list[Entry]]
    cursor: int


def read_view(
    gateway: Gateway,
    view: View,
    mode: EntryKind,
    flt: ListFilter,
    keep_key: str | None,
    cursor: int,
) -> ViewRows:
    """The rows of `view`; `keep_key` puts the cursor back on an entry when it is near."""
    pages: dict[int, list[Entry]] = {}
    if view.kind == "search":
        # Search results arrive whole and ranked: read them all, in rank order.
        rows = gateway.entries(mode, flt, 0, len(view.keys) or 1)
        rank = {key: n for n, key in enumerate(view.keys)}
        rows.sort(key=lambda e: rank.get(e.key, len(rank)))
        pages = {
            p: rows[p * PAGE_SIZE : (p + 1) * PAGE_SIZE] for p in range(len(rows) // PAGE_SIZE + 1)
        }
        total = len(rows)
    else:
        total = gateway.count(mode, flt)
        page = cursor // PAGE_SIZE
        for p in {max(0, page - 1), page, page + 1}:
            if p * PAGE_SIZE < total:
                pages[p] = gateway.entries(mode, flt, p * PAGE_SIZE, PAGE_SIZE)
    if keep_key is not None:
        loaded = [(p * PAGE_SIZE + n, e.key) for p, es in pages.items() for n, e in enumerate(es)]
        cursor = next((i for i, k in loaded if k == keep_key), cursor)
    return ViewRows(total, pages, cursor)


def fetcher(gateway: Gateway, view: View, mode: EntryKind, flt: ListFilter) -> Fetch:
    """How the list reads further pages of this view."""
    if view.kind == "search":
        return lambda offset, limit: []
    return lambda offset, limit: gateway.entries(mode, flt, offset, limit)


def find_unread(
    gateway: Gateway, mode: EntryKind, flt: ListFilter, index: int, step: int
) -> int | None:
    """The first unread entry from `index` on in direction `step`, a page at a time."""
    page = index // PAGE_SIZE
    while page >= 0:
        entries = gateway.entries(mode, flt, page * PAGE_SIZE, PAGE_SIZE)
        if not entries:
            return None
        order = range(len(entries)) if step > 0 else range(len(entries) - 1, -1, -1)
        for n in order:
            at = page * PAGE_SIZE + n
            if (at - index) * step >= 0 and not entries[n].read:
                return at
        page += step
    return None
