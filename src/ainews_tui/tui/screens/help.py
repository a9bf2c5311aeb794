"""The help screen, generated from the live bindings (so a user keymap shows up here),
with the search syntax and the rule for when a story counts as read."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from ...i18n import Catalogue
from ..bindings import PANE_KEYS, describe

QUERY_SYNTAX: tuple[tuple[str, str], ...] = (
    ("gemini 谷歌", "help.q.words"),
    ('"open source"', "help.q.phrase"),
    ("-word", "help.q.not"),
    ("tag:开源  cat:AI", "help.q.tag"),
    ("source:daily", "help.q.source"),
    ("is:unread  is:starred", "help.q.is"),
    ("after:2025-12-01  before:…  date:2025-12", "help.q.dates"),
)
"""The query language of `search/query.py`, by example."""


class HelpScreen(ModalScreen[None]):
    """Every key of the main screen with what it does, in the user's language."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss_help", show=False, id="help.close"),
    ]

    def __init__(self, t: Catalogue, main: Screen[None], mark_read_after: float | None) -> None:
        super().__init__()
        self.t = t
        self._main = main
        self._mark_read_after = mark_read_after

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self.t("help.title"), id="help-title", markup=False)
            yield DataTable(id="help-keys", cursor_type="none", zebra_stripes=True)
            yield Static(self._read_rule(), id="help-rule", markup=False)
            yield Static(self.t("help.query"), id="help-query-title", markup=False)
            yield DataTable(id="help-query", cursor_type="none", zebra_stripes=True)
            yield Static(self.t("help.close"), id="help-hint", markup=False)

    def on_mount(self) -> None:
        table: DataTable[str] = self.query_one("#help-keys", DataTable)
        table.add_columns(self.t("help.key"), self.t("help.action"))
        for keys, binding_id in PANE_KEYS:
            table.add_row(self._keys_text(keys.split(",")), self.t(f"key.{binding_id}"))
        # Active bindings carry the user's keymap; the class's list gives the order.
        live: dict[str, list[str]] = {}
        for active in self._main.active_bindings.values():
            if active.binding.id:
                live.setdefault(active.binding.id, []).append(active.binding.key)
        for binding in [*self._main.BINDINGS, *self.app.BINDINGS]:
            if isinstance(binding, Binding) and binding.id:
                table.add_row(
                    self._keys_text(live.get(binding.id) or binding.key.split(",")),
                    describe(self.t, binding),
                )
        query: DataTable[str] = self.query_one("#help-query", DataTable)
        query.add_columns(self.t("help.example"), self.t("help.finds"))
        for example, message_id in QUERY_SYNTAX:
            query.add_row(example, self.t(message_id))

    def _read_rule(self) -> str:
        if self._mark_read_after is None:
            return self.t("help.read_rule.never")
        return self.t("help.read_rule", seconds=f"{self._mark_read_after:g}")

    def _keys_text(self, keys: list[str]) -> str:
        return " ".join(self.app.get_key_display(Binding(k.strip(), "")) for k in keys)

    def action_dismiss_help(self) -> None:
        self.dismiss()
