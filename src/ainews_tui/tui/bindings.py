"""The reader's key bindings, with ids for the user keymap.

The ids are the names users write in `[keys]` of the config. Bindings are declared once,
statically; what a key does is shown in the user's language by looking its id up in
the catalogue (`key.<id>`) where it is displayed (footer, help screen, palette), so no
class has to be built per language.
"""

from __future__ import annotations

from textual.binding import Binding

from ..i18n import Catalogue

# (keys, action, binding id, shown in the footer). Help and quit come first so that the
# footer, which drops what does not fit from the end, always shows them.
SCREEN_KEYS: tuple[tuple[str, str, str, bool], ...] = (
    ("question_mark", "help", "help", True),
    ("q", "app.quit", "quit", True),
    ("tab", "next_pane", "next_pane", False),
    ("shift+tab", "previous_pane", "prev_pane", False),
    ("enter", "show", "show", False),
    ("space,pagedown", "page_down", "page_down", False),
    ("b,pageup", "page_up", "page_up", False),
    ("n", "next_unread", "next_unread", True),
    ("p", "previous_unread", "prev_unread", False),
    ("J", "next_post", "next_post", False),
    ("K", "previous_post", "prev_post", False),
    ("o", "open_link", "open", True),
    ("f", "follow_link", "follow", False),
    ("c", "next_copy", "next_copy", False),
    ("y", "copy_link", "copy", False),
    ("r", "toggle_read", "read", True),
    ("s", "toggle_star", "star", True),
    ("A", "mark_all_read", "mark_all", False),
    ("U", "undo_mark_all", "undo_mark_all", False),
    ("u", "toggle_unread_only", "unread_only", True),
    ("slash", "search", "search", True),
    ("escape", "back", "clear", False),
    ("R", "sync", "sync", True),
    ("v", "toggle_mode", "view_mode", True),
    ("ctrl+b", "toggle_sidebar", "sidebar", False),
    ("t", "focus_sidebar", "focus_sidebar", False),
    ("z", "zoom", "zoom", False),
)

PANE_KEYS: tuple[tuple[str, str], ...] = (
    ("j,down", "down"),
    ("k,up", "up"),
    ("g,home", "first"),
    ("G,end", "last"),
    ("right", "expand"),
    ("left", "collapse"),
)
"""Keys bound on each pane (list, reader, sidebar); listed here for the help screen."""

_ENGLISH = Catalogue("en")

SCREEN_BINDINGS: list[Binding] = [
    Binding(keys, action, _ENGLISH(f"key.{binding_id}"), show=show, id=binding_id)
    for keys, action, binding_id, show in SCREEN_KEYS
]

PALETTE_BINDING = Binding(
    "ctrl+p", "command_palette", _ENGLISH("key.palette"), show=False, priority=True, id="palette"
)
"""The app's command palette key; declaring it stops Textual adding one of its own."""


def describe(t: Catalogue, binding: Binding) -> str:
    """What `binding` does, in the catalogue's language."""
    message_id = f"key.{binding.id}"
    return t(message_id) if binding.id and t.has(message_id) else binding.description
