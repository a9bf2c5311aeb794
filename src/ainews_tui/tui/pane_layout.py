"""The main screen's responsive layout: which panes show at this width, the sidebar the
user opened or closed, and the reader zoomed over the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .screens.main import MainScreen

SIDEBAR_MIN_WIDTH = 120
"""Below this many columns the sidebar collapses (ctrl+b or `t` bring it back)."""
STACK_BELOW_WIDTH = 100
"""Below this many columns the list sits above the reader, each the full width."""


class PaneLayout:
    """Sets the screen's layout classes and the sidebar's display."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen
        self._sidebar_wanted: bool | None = None
        """What the user asked of the sidebar since the last resize (None: the width
        decides)."""

    def resized(self, width: int) -> None:
        screen = self._screen
        screen.set_class(width < STACK_BELOW_WIDTH, "-stacked")
        screen.set_class(width < SIDEBAR_MIN_WIDTH, "-narrow")
        self._sidebar_wanted = None
        self._apply_sidebar()

    def set_sidebar(self, shown: bool) -> None:
        """Show or hide the sidebar until the terminal is resized."""
        self._sidebar_wanted = shown
        self._apply_sidebar()

    def toggle_sidebar(self) -> None:
        self.set_sidebar(not self._screen.sidebar.display)

    def focus_sidebar(self) -> None:
        self.set_sidebar(True)
        self._screen.sidebar.focus()

    def view_picked(self) -> None:
        """A view was picked: a sidebar opened on a narrow screen to pick it steps aside."""
        if self._sidebar_wanted and self._screen.has_class("-narrow"):
            self.set_sidebar(False)

    @property
    def zoomed(self) -> bool:
        return self._screen.has_class("-zoom")

    def toggle_zoom(self) -> None:
        screen = self._screen
        screen.toggle_class("-zoom")
        (screen.reader if self.zoomed else screen.news_list).focus()

    def _apply_sidebar(self) -> None:
        screen = self._screen
        sidebar = screen.sidebar
        wanted = self._sidebar_wanted
        sidebar.display = wanted if wanted is not None else not screen.has_class("-narrow")
        if not sidebar.display and sidebar.has_focus:
            screen.news_list.focus()
