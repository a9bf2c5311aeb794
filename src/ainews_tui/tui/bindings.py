"""The reader's key bindings, with ids for the user keymap and localized descriptions.

The ids are the names users write in `[keys]` of the config; the descriptions come from
the catalogue (`key.<id>`), so the footer, the help screen and the palette agree.
"""

from __future__ import annotations

from textual.binding import Binding

from ..i18n import Catalogue

# (keys, action, binding id, shown in the footer)
SCREEN_KEYS: tuple[tuple[str, str, str, bool], ...] = (
    ("tab", "next_pane", "next_pane", False),
    ("shift+tab", "previous_pane", "prev_pane", False),
    ("enter", "show", "show", False),
    ("space,pagedown", "page_down", "page_down", False),
    ("b,pageup", "page_up", "page_up", False),
    ("n", "next_unread", "next_unread", True),
    ("p", "previous_unread", "prev_unread", False),
    ("o", "open_link", "open", True),
    ("f", "follow_link", "follow", False),
    ("c", "next_copy", "next_copy", False),
    ("y", "copy_link", "copy", False),
    ("r", "toggle_read", "read", True),
    ("s", "toggle_star", "star", True),
    ("A", "mark_all_read", "mark_all", False),
    ("u", "toggle_unread_only", "unread_only", True),
    ("slash", "search", "search", True),
    ("escape", "clear_search", "clear", False),
    ("R", "sync", "sync", True),
    ("v", "toggle_mode", "view_mode", True),
    ("ctrl+b", "toggle_sidebar", "sidebar", False),
    ("z", "zoom", "zoom", False),
    ("question_mark", "help", "help", True),
    ("q", "app.quit", "quit", True),
)

MOVE_KEYS: tuple[tuple[str, str], ...] = (("j,down", "down"), ("k,up", "up"))
"""Movement is bound on each pane; listed here for the help screen."""


def palette_binding(t: Catalogue) -> Binding:
    """The app's command palette key; declaring it stops Textual adding an English one."""
    return Binding(
        "ctrl+p", "command_palette", t("key.palette"), show=False, priority=True, id="palette"
    )


def screen_bindings(t: Catalogue) -> list[Binding]:
    """The main screen's bindings in the catalogue's language."""
    return [
        Binding(keys, action, t(f"key.{binding_id}"), show=show, id=binding_id)
        for keys, action, binding_id, show in SCREEN_KEYS
    ]
