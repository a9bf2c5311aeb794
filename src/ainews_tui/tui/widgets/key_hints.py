"""The footer: the screen's shown keys in the user's language, as many as fit.

Textual's `Footer` prints each binding's fixed description and cuts the row at the
right edge, which at 80 columns lost `?` and `q`. This one describes keys through the
catalogue, keeps the bindings' order (help and quit first) and drops whole hints from
the end instead of cutting one.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from ...i18n import Catalogue
from ..bindings import describe

GAP = "  "


class KeyHints(Static):
    """One line of `key description` pairs; a click on one runs its action."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-hints--key"}

    DEFAULT_CSS = """
    KeyHints {
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyHints > .key-hints--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    """

    def __init__(self, t: Catalogue, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.t = t

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self._redraw())
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def _shown(self) -> list[Binding]:
        seen: set[str] = set()
        shown: list[Binding] = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            name = binding.id or binding.action
            if binding.show and enabled and name not in seen:
                seen.add(name)
                shown.append(binding)
        return shown

    def _redraw(self) -> None:
        width = self.size.width or 80
        line = Text(no_wrap=True, overflow="crop")
        key_style = self.get_component_rich_style("key-hints--key")
        for binding in self._shown():
            key = self.app.get_key_display(binding)
            description = describe(self.t, binding)
            hint_cells = cell_len(key) + 2 + cell_len(description) + len(GAP)
            if line.cell_len + hint_cells > width:
                break
            action = binding.action if "." in binding.action else f"screen.{binding.action}"
            click = Style(meta={"@click": action})
            line.append(f" {key} ", key_style + click)
            line.append(f" {description}", click)
            line.append(GAP)
        self.update(line)
