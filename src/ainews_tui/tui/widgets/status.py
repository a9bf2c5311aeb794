"""One line under the panes: what the list shows, and sync progress."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusLine(Static):
    """Left: the view and its count. Right: a transient note (sync progress, errors)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._view = ""
        self._note = ""
        self._error = False

    def set_view(self, text: str) -> None:
        self._view = text
        self._redraw()

    def set_note(self, text: str, *, error: bool = False) -> None:
        self._note = text
        self._error = error
        self._redraw()

    def _redraw(self) -> None:
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(self._view)
        if self._note:
            line.append("   ")
            line.append(self._note, style="bold red" if self._error else "italic")
        self.update(line)
