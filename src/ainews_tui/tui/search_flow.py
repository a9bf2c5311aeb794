"""Search from the list pane: results follow the typing, `esc` goes back to where the
search started (the view, the row and the scroll position)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from .messages import SearchFinished
from .searching import Found, SpanFinder, run_search, span_finder
from .views import View
from .widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from .screens.main import MainScreen


@dataclass(frozen=True)
class _Origin:
    """Where a search started, to return there."""

    view: View
    key: str | None
    cursor: int
    scroll: float


class SearchFlow:
    """The search state of the screen: the query's results view and its terms."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen
        self.view: View | None = screen.view if screen.view.kind == "search" else None
        self.terms: tuple[str, ...] = ()
        self._origin: _Origin | None = None

    @property
    def bar(self) -> SearchBar:
        return self._screen.query_one(SearchBar)

    def spans(self) -> SpanFinder | None:
        return span_finder(self.terms) if self.view is not None else None

    def open(self) -> None:
        bar = self.bar
        bar.display = True
        bar.focus()

    def run(self, query: str) -> None:
        """Run `query` in a worker for what the list shows; a newer query wins."""
        screen = self._screen
        gateway, mode = screen.ctx.gateway, screen.mode

        def search() -> None:
            try:
                found = gateway.run(lambda library: run_search(library, query, mode))
            except sqlite3.Error as exc:
                found = Found(query, mode, error=str(exc))
            if not get_current_worker().is_cancelled:
                screen.post_message(SearchFinished(found))

        screen.run_worker(search, thread=True, exclusive=True, group="search", exit_on_error=False)

    def rerun(self) -> None:
        """The list switched between stories and posts: search again for the other."""
        if self.view is not None:
            self.run(self.view.value)

    def finished(self, found: Found) -> None:
        screen = self._screen
        if found.query != self.bar.value.strip() or found.mode != screen.mode:
            return
        if found.error:
            screen.status.set_note(screen.t("search.error", error=found.error), error=True)
            return
        screen.status.set_note(screen.t.count("search.results", len(found.keys)))
        if self._origin is None:
            news_list = screen.news_list
            current = news_list.current
            self._origin = _Origin(
                screen.view, current.key if current else None, news_list.cursor, news_list.scroll_y
            )
        self.terms = found.terms
        self.view = View("search", found.query, found.keys)
        screen.view = self.view
        screen.load_view()

    def leave(self, *, keep_bar: bool = False) -> None:
        """Drop the search: back to the view, row and scroll it was started from."""
        screen = self._screen
        bar = self.bar
        origin, self._origin = self._origin, None
        self.view = None
        self.terms = ()
        screen.status.set_note("")
        if not keep_bar:
            bar.value = ""
            bar.display = False
            screen.news_list.focus()
        if origin is not None:
            screen.view = origin.view
            screen.load_view(keep_key=origin.key, cursor=origin.cursor, scroll=origin.scroll)

    @property
    def active(self) -> bool:
        return self.view is not None or self.bar.display
