"""Search from the list pane: results follow the typing, `esc` goes back to where the
search started (the view, the row and the scroll position)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events
from textual.worker import get_current_worker

from ..i18n import Catalogue
from .gateway import Gateway
from .messages import SearchFinished
from .searching import Found, SpanFinder, run_search, span_finder
from .views import View
from .widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from .widgets.list_pane import ListPane

Note = Callable[[str, bool], object]
"""Shows a line in the status bar; True marks an error."""


@dataclass(frozen=True)
class _Origin:
    """Where a search started, to return there."""

    view: View
    key: str | None
    cursor: int
    scroll: float


class SearchFlow:
    """The list pane's search: the query's results view, its terms, and its origin."""

    def __init__(self, pane: ListPane, gateway: Gateway, t: Catalogue, note: Note) -> None:
        self._pane = pane
        self._gateway = gateway
        self._t = t
        self._note = note
        self.view: View | None = pane.view if pane.view.kind == "search" else None
        self.terms: tuple[str, ...] = ()
        self._origin: _Origin | None = None
        self._typed_ahead: list[str] | None = None
        """Characters typed after the search key, before the bar had focus."""

    @property
    def bar(self) -> SearchBar:
        return self._pane.query_one(SearchBar)

    def spans(self) -> SpanFinder | None:
        return span_finder(self.terms) if self.view is not None else None

    def open(self) -> None:
        bar = self.bar
        bar.display = True
        bar.screen.set_focus(bar)
        if self._typed_ahead:
            bar.insert_text_at_cursor("".join(self._typed_ahead))
        self._typed_ahead = None

    def catch_up(self, event: events.Key) -> None:
        """Keep the characters typed right after the search key for the search bar.

        Textual hands each key to the widget that has focus when the key is read, so in
        `/term` typed in one burst (fast typing, a paste, SSH, the browser) `term` is
        queued for the list before `/` opens the bar. Those keys bubble up here first:
        held back, they would otherwise run as commands (`o` opened a link) or be lost.
        """
        character = event.character
        if not event.is_printable or not character:
            return
        if self._pane.screen.focused is self.bar:
            self.bar.insert_text_at_cursor(character)  # the bar was focused after it
        elif self._typed_ahead is not None:
            self._typed_ahead.append(character)
        else:
            active = self._pane.screen.active_bindings.get(event.key)
            if active is not None and active.binding.action == "search":
                self._typed_ahead = []  # the search key itself goes on to its binding
            return
        event.stop()
        event.prevent_default()

    def run(self, query: str) -> None:
        """Run `query` in a worker for what the list shows; a newer query wins."""
        pane = self._pane
        gateway, mode = self._gateway, pane.mode

        def search() -> None:
            try:
                found = gateway.run(lambda library: run_search(library, query, mode))
            except sqlite3.Error as exc:
                found = Found(query, mode, error=str(exc))
            if not get_current_worker().is_cancelled:
                pane.post_message(SearchFinished(found))

        pane.run_worker(search, thread=True, exclusive=True, group="search", exit_on_error=False)

    def rerun(self) -> None:
        """The list switched between stories and posts: search again for the other."""
        if self.view is not None:
            self.run(self.view.value)

    def finished(self, found: Found) -> None:
        pane = self._pane
        if found.query != self.bar.value.strip() or found.mode != pane.mode:
            return
        if found.error:
            self._note(self._t("search.error", error=found.error), True)
            return
        results = self._t.count("search.results", len(found.keys))
        if found.indexed is not None:
            results = self._t("search.indexing", results=results, percent=found.indexed)
        self._note(results, False)
        if self._origin is None:
            news_list = pane.news_list
            current = news_list.current
            self._origin = _Origin(
                pane.view, current.key if current else None, news_list.cursor, news_list.scroll_y
            )
        self.terms = found.terms
        self.view = View("search", found.query, found.keys)
        pane.view = self.view
        pane.load()

    def leave(self, *, keep_bar: bool = False) -> None:
        """Drop the search: back to the view, row and scroll it was started from."""
        pane = self._pane
        bar = self.bar
        origin, self._origin = self._origin, None
        self.view = None
        self.terms = ()
        self._note("", False)
        if not keep_bar:
            bar.value = ""
            bar.display = False
            pane.news_list.focus()
        if origin is not None:
            pane.view = origin.view
            pane.load(keep_key=origin.key, cursor=origin.cursor, scroll=origin.scroll)

    @property
    def active(self) -> bool:
        return self.view is not None or self.bar.display
