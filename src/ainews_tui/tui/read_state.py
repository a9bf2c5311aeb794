"""When stories become read, and saving read/star flags to state.db.

The rule (DESIGN.md): a story is read once it has stayed in the reader for
`mark_read_after` seconds while the user is reading (the list or the reader has focus),
or when a key says so (`enter`, `o`, `r`, `A`). Moving a cursor, searching, switching
views and refreshes never mark anything: they only change what is shown, and a story
that was shown again without the user leaving it does not start a new dwell, so a story
marked unread stays unread until the user comes back to it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date

from textual.screen import Screen
from textual.timer import Timer

from ..i18n import Catalogue
from ..model import ListFilter
from .entries import Entry, EntryKind
from .gateway import Gateway
from .messages import ActionFailed, MarkedAll, StateSaved


class ReadState:
    """Dwell timing, saving flags in workers, and the undo of the last `A`.

    `host` is the screen: its timers, workers and message queue are used, so nothing
    here outlives it, and `StateSaved` / `MarkedAll` / `ActionFailed` arrive there.
    """

    def __init__(
        self,
        gateway: Gateway,
        mark_read_after: float | None,
        host: Screen[None],
        *,
        today: date,
        drafts: bool,
    ) -> None:
        self._gateway = gateway
        self._today, self._drafts = today, drafts
        self._after = mark_read_after
        self._host = host
        self._timer: Timer | None = None
        self._dwelling: Entry | None = None
        self._undo: list[str] = []
        self._marked_read: set[str] = set()
        """Stories this session marked read: the entry a dwell holds may predate it."""

    # --- dwell ----------------------------------------------------------------------

    def dwell(self, entry: Entry | None, *, reading: bool) -> None:
        """`entry` is now in the reader (None: nothing is). Its dwell starts when the
        user is `reading`; a story already read, or a whole post, never starts one."""
        self.stop_dwell()
        self._dwelling = entry
        if reading:
            self.resume()

    def resume(self) -> None:
        """The user is reading again (focus came back to the list or reader)."""
        entry = self._dwelling
        if self._timer is not None or entry is None or entry.kind != "item":
            return
        if entry.read or entry.key in self._marked_read:
            return
        if self._after is None:
            return
        if self._after == 0:
            self._dwell_done(entry)
        else:
            self._timer = self._host.set_timer(self._after, lambda: self._dwell_done(entry))

    def pause(self) -> None:
        """The user looks elsewhere (sidebar, search bar): the dwell waits."""
        self.stop_dwell(forget=False)

    def stop_dwell(self, *, forget: bool = True) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if forget:
            self._dwelling = None

    def _dwell_done(self, entry: Entry) -> None:
        self._timer = None
        self._dwelling = None
        self.save([entry], read=True)

    def updated(self, entry: Entry) -> None:
        """New flags for an entry (a key changed them): a story the user just marked
        unread must not be marked read again by the dwell that was running."""
        if self._dwelling is not None and self._dwelling.key == entry.key:
            self.stop_dwell()

    # --- saving ---------------------------------------------------------------------

    def save(
        self, entries: Sequence[Entry], *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Write read/star flags to state.db in a worker; `StateSaved` follows."""
        entries = list(entries)
        for entry in entries:
            self.updated(entry)
            if read:
                self._marked_read.add(entry.key)
            elif read is False:
                self._marked_read.discard(entry.key)
        gateway = self._gateway

        def write() -> None:
            try:
                items = [e.key for e in entries if e.kind == "item"]
                posts = [e.post_key for e in entries if e.kind == "post"]
                change = gateway.mark(
                    items + gateway.item_keys_of_posts(posts) if read is not None else [],
                    [e.key for e in entries],
                    read=read,
                    starred=starred,
                    today=self._today,
                    drafts=self._drafts,
                )
            except sqlite3.Error as exc:
                self._host.post_message(ActionFailed(str(exc)))
                return
            self._host.post_message(
                StateSaved([e.with_state(read=read, starred=starred) for e in entries], change)
            )

        self._host.run_worker(write, thread=True, group="state", exit_on_error=False)

    def ask_mark_all_read(self, t: Catalogue, total: int, mode: EntryKind, flt: ListFilter) -> None:
        """`A`: ask first, then mark the view read."""

        def answered(yes: bool | None) -> None:
            if yes:
                self.mark_all_read(mode, flt)

        from .screens.confirm import ConfirmScreen  # not needed before the first `A`

        question = ConfirmScreen(
            t("confirm.mark_all", count=total), t("confirm.yes"), t("confirm.no")
        )
        self._host.app.push_screen(question, answered)

    def mark_all_read(self, mode: EntryKind, flt: ListFilter) -> None:
        """Mark every unread story of a view read, remembering exactly which ones."""
        gateway = self._gateway

        def write() -> None:
            try:
                keys = gateway.unread_item_keys_in_view(mode, flt)
                gateway.set_read(keys, True)
            except sqlite3.Error as exc:
                self._host.post_message(ActionFailed(str(exc)))
                return
            self._undo = keys
            self._host.post_message(MarkedAll(len(keys), undone=False))

        self._host.run_worker(write, thread=True, group="state", exit_on_error=False)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_mark_all(self) -> None:
        """Make the stories the last `A` marked unread again, and only those."""
        keys, self._undo = self._undo, []
        gateway = self._gateway

        def write() -> None:
            try:
                gateway.set_read(keys, False)
            except sqlite3.Error as exc:
                self._host.post_message(ActionFailed(str(exc)))
                return
            self._host.post_message(MarkedAll(len(keys), undone=True))

        self._host.run_worker(write, thread=True, group="state", exit_on_error=False)
