"""The search bar above the list: results follow the typing, enter moves to them."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """An input that reports its query on every change.

    No pause is waited for: a query takes a few milliseconds, the search runs in an
    exclusive worker and a result for text no longer in the bar is dropped, so fast
    typing costs nothing and the last key's results show as soon as they are found (a
    150 ms debounce was most of the time from typing to the hit on screen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Clear", show=False, id="search.cancel")
    ]

    class QueryChanged(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Accepted(Message):
        """Enter: go to the results."""

    class Cancelled(Message):
        """Escape: clear the search and return to the previous view."""

    def __init__(self, placeholder: str, *, id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, select_on_focus=False)
        self._reported: str | None = None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._report()

    def _report(self) -> None:
        query = self.value.strip()
        if query != self._reported:  # a space typed after a word changes nothing
            self._reported = query
            self.post_message(self.QueryChanged(query))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Accepted())

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
