"""The help screen, generated from the live bindings (so a user keymap shows up here)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from ...i18n import Catalogue
from ..bindings import MOVE_KEYS


class HelpScreen(ModalScreen[None]):
    """Every key of the main screen with what it does, in the user's language."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss_help", show=False, id="help.close"),
    ]

    def __init__(self, t: Catalogue, main: Screen[None]) -> None:
        super().__init__()
        self.t = t
        self._main = main

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self.t("help.title"), id="help-title", markup=False)
            yield DataTable(id="help-keys", cursor_type="none", zebra_stripes=True)
            yield Static(self.t("help.close"), id="help-hint", markup=False)

    def on_mount(self) -> None:
        table: DataTable[str] = self.query_one(DataTable)
        table.add_columns(self.t("help.key"), self.t("help.action"))
        for keys, binding_id in MOVE_KEYS:
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
                    binding.description,
                )

    def _keys_text(self, keys: list[str]) -> str:
        return " ".join(self.app.get_key_display(Binding(k.strip(), "")) for k in keys)

    def action_dismiss_help(self) -> None:
        self.dismiss()
