"""Search from the list pane: results follow the typing, ranked, with matches marked."""

from __future__ import annotations

import sqlite3

from textual import on, work
from textual.worker import get_current_worker

from ..messages import SearchFinished
from ..searching import Found, run_search
from ..views import View
from ..widgets.search_bar import SearchBar
from .panes import PanesScreen


class SearchScreen(PanesScreen):
    """The panes plus the search flow: `/` types, enter goes to results, esc returns."""

    @on(SearchBar.QueryChanged)
    def _query_changed(self, event: SearchBar.QueryChanged) -> None:
        if not event.query:
            self.leave_search(keep_bar=True)
            return
        self.run_search(event.query)

    @on(SearchBar.Accepted)
    def _search_accepted(self) -> None:
        self.news_list.focus()

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self.leave_search()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        """Run a query in a worker; a newer query cancels this one's result."""
        try:
            found = self.ctx.gateway.run(lambda library: run_search(library, query))
        except sqlite3.Error as exc:
            found = Found(query, error=str(exc))
        if not get_current_worker().is_cancelled:
            self.post_message(SearchFinished(found))

    @on(SearchFinished)
    def _search_finished(self, event: SearchFinished) -> None:
        found = event.found
        if found.query != self.query_one(SearchBar).value.strip():
            return
        if found.error:
            self.status.set_note(self.t("search.error", error=found.error), error=True)
            return
        self.status.set_note(self.t.count("search.results", len(found.keys)))
        if self.view.kind != "search":
            self.view_before_search = self.view
        self.terms = found.terms
        self.search_view = View("search", found.query, found.keys)
        self.view = self.search_view
        self.load_view()

    def leave_search(self, *, keep_bar: bool = False) -> None:
        """Drop the search: back to the view it was started from."""
        bar = self.query_one(SearchBar)
        was_searching = self.search_view is not None
        self.search_view = None
        self.terms = ()
        self.status.set_note("")
        if not keep_bar:
            bar.value = ""
            bar.display = False
            self.news_list.focus()
        if was_searching:
            self.view = self.view_before_search
            self.load_view(keep_key=self.shown.key if self.shown else None)
