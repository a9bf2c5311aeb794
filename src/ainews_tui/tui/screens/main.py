"""The main screen's key actions: reading, marking, links, search, sync and layout."""

from __future__ import annotations

import sqlite3
from functools import cache

from textual import events, on, work
from textual.timer import Timer

from ...i18n import Catalogue, Language
from ...model import ListFilter, SyncReport
from ...safe import clean_line, is_web_url
from ...session import Session
from ..bindings import screen_bindings
from ..context import ReaderContext
from ..entries import Entry, EntryKind
from ..messages import (
    ActionFailed,
    FolderSynced,
    NeverSynced,
    SyncFinished,
    SyncProgress,
    UnreadFound,
    WatchFailed,
)
from ..refresh import refresh_note, refresh_seconds, refreshed_ids
from ..views import ALL, View
from ..widgets.news_list import PAGE_SIZE
from ..widgets.search_bar import SearchBar
from ..widgets.sidebar import Sidebar
from .confirm import ConfirmScreen
from .help import HelpScreen
from .search import SearchScreen

FOLLOW_SECONDS = 1.2
"""How long `f` waits for more digits of a link number."""


class MainScreen(SearchScreen):
    """The reader's screen; `main_screen` gives it bindings in the user's language."""

    def __init__(
        self,
        ctx: ReaderContext,
        *,
        view: View = ALL,
        mode: EntryKind = "item",
        unread_only: bool = False,
        selected_key: str | None = None,
    ) -> None:
        super().__init__(
            ctx, view=view, mode=mode, unread_only=unread_only, selected_key=selected_key
        )
        self._follow_digits: str | None = None
        self._follow_timer: Timer | None = None
        self._syncing = False

    def selected(self) -> Entry | None:
        """The entry the keys act on: the list's cursor, else what the reader shows."""
        return self.news_list.current or self.shown

    # --- panes --------------------------------------------------------------------

    def action_next_pane(self) -> None:
        self.focus_next()

    def action_previous_pane(self) -> None:
        self.focus_previous()

    def action_show(self) -> None:
        if isinstance(self.focused, Sidebar):
            self.news_list.focus()
        else:
            self.news_list.choose()

    def action_page_down(self) -> None:
        self.reader.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.reader.scroll_page_up(animate=False)

    def action_toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        sidebar.display = not sidebar.display
        if not sidebar.display and sidebar.has_focus:
            self.news_list.focus()

    def action_zoom(self) -> None:
        self.toggle_class("-zoom")
        if self.has_class("-zoom"):
            self.reader.focus()
        else:
            self.news_list.focus()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.t, self))

    # --- state --------------------------------------------------------------------

    def action_toggle_read(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.save_state([entry], read=not entry.read)

    def action_toggle_star(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.save_state([entry], starred=not entry.starred)

    def action_mark_all_read(self) -> None:
        total = self.news_list.total
        if total == 0:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._mark_all_read(self.mode, self.current_filter())

        self.app.push_screen(
            ConfirmScreen(
                self.t("confirm.mark_all", count=total), self.t("confirm.yes"), self.t("confirm.no")
            ),
            answered,
        )

    @work(thread=True, group="state", exit_on_error=False)
    def _mark_all_read(self, mode: EntryKind, flt: ListFilter) -> None:
        gateway = self.ctx.gateway
        try:
            keys = gateway.item_keys_in_view(mode, flt)
            gateway.set_read(keys, True)
        except sqlite3.Error as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        self.app.call_from_thread(self._marked_all, len(keys))

    def _marked_all(self, count: int) -> None:
        self.say(self.t("notify.marked_read", count=count))
        self.reload_in_place()

    def action_toggle_unread_only(self) -> None:
        self.unread_only = not self.unread_only
        self.load_view()

    def action_toggle_mode(self) -> None:
        self.mode = "post" if self.mode == "item" else "item"
        self.load_view()

    # --- next / previous unread ---------------------------------------------------

    def action_next_unread(self) -> None:
        self._find_unread(self.news_list.cursor, 1)

    def action_previous_unread(self) -> None:
        self._find_unread(self.news_list.cursor, -1)

    def _find_unread(self, start: int, step: int) -> None:
        loaded = dict(self.news_list.loaded())
        total = self.news_list.total
        index = start + step
        while 0 <= index < total and index in loaded:
            if not loaded[index].read:
                self.news_list.move_to(index)
                return
            index += step
        if 0 <= index < total:
            self._scan_unread(index, step)
        else:
            self.say(self.t("notify.no_unread"))

    @work(thread=True, exclusive=True, group="unread", exit_on_error=False)
    def _scan_unread(self, index: int, step: int) -> None:
        """Look beyond the loaded pages, a page at a time, across every day."""
        gateway, mode, flt = self.ctx.gateway, self.mode, self.current_filter()
        page = index // PAGE_SIZE
        try:
            while page >= 0:
                entries = gateway.entries(mode, flt, page * PAGE_SIZE, PAGE_SIZE)
                if not entries:
                    break
                order = range(len(entries)) if step > 0 else range(len(entries) - 1, -1, -1)
                for n in order:
                    at = page * PAGE_SIZE + n
                    if (at - index) * step >= 0 and not entries[n].read:
                        self.post_message(UnreadFound(at))
                        return
                page += step
        except sqlite3.Error as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        self.post_message(UnreadFound(None))

    @on(UnreadFound)
    def _unread_found(self, event: UnreadFound) -> None:
        if event.index is None:
            self.say(self.t("notify.no_unread"))
        else:
            self.news_list.move_to(event.index)

    # --- links --------------------------------------------------------------------

    def open_link(self, url: str | None) -> None:
        """Open `url` in the browser if it is an http(s) link; otherwise say why not."""
        if not url:
            self.say(self.t("notify.no_link"), severity="warning")
        elif not is_web_url(url):
            self.say(self.t("notify.bad_link", url=clean_line(url)[:80]), severity="warning")
        else:
            self.app.open_url(url.strip())
            self.say(self.t("notify.opened", url=clean_line(url)[:80]), timeout=3)

    def action_open_link(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.open_link(entry.url)

    def action_copy_link(self) -> None:
        entry = self.selected()
        if entry is None or not entry.url:
            self.say(self.t("notify.no_link"), severity="warning")
            return
        self.app.copy_to_clipboard(entry.url)
        self.say(self.t("notify.copied", url=clean_line(entry.url)[:80]), timeout=3)

    def action_next_copy(self) -> None:
        """Show the next digest's copy of the story on screen (round the copies)."""
        shown, copies = self.shown, self.copies
        if shown is None or len(copies) < 2:
            self.say(self.t("notify.no_copies"))
            return
        keys = [c.key for c in copies]
        at = keys.index(shown.key) if shown.key in keys else -1
        self.show_entry(copies[(at + 1) % len(copies)])

    def action_follow_link(self) -> None:
        self._follow_digits = ""
        self.status.set_note(self.t("notify.follow"))

    def on_key(self, event: events.Key) -> None:
        if self._follow_digits is None:
            return
        if event.character is not None and event.character.isdigit():
            event.stop()
            event.prevent_default()
            self._follow_digits += event.character
            links = self.rendered.links if self.rendered else []
            if self._follow_timer is not None:
                self._follow_timer.stop()
            if int(self._follow_digits) * 10 > len(links):
                self._follow_now()
            else:
                self._follow_timer = self.set_timer(FOLLOW_SECONDS, self._follow_now)
        else:
            self._follow_digits = None
            self.status.set_note("")

    def _follow_now(self) -> None:
        digits, self._follow_digits = self._follow_digits, None
        self.status.set_note("")
        if not digits:
            return
        links = self.rendered.links if self.rendered else []
        number = int(digits)
        if 1 <= number <= len(links):
            self.open_link(links[number - 1])
        else:
            self.say(self.t("notify.no_such_link", number=number), severity="warning")

    # --- search -------------------------------------------------------------------

    def action_search(self) -> None:
        bar = self.query_one(SearchBar)
        bar.display = True
        bar.focus()

    def action_clear_search(self) -> None:
        if self.has_class("-zoom"):
            self.action_zoom()
        elif self.search_view is not None or self.query_one(SearchBar).display:
            self.leave_search()

    # --- sync ---------------------------------------------------------------------

    def action_sync(self) -> None:
        if self._syncing:
            self.say(self.t("sync.busy"))
            return
        self._syncing = True
        self.status.set_note(self.t("sync.started"))
        self._sync()

    @on(NeverSynced)
    def _first_use(self) -> None:
        self.action_sync()

    @on(events.Mount)
    def _schedule_refresh(self) -> None:
        seconds = refresh_seconds(self.ctx.settings.refresh_minutes, self.ctx.settings.sources)
        if seconds is not None:
            self.set_interval(seconds, self._refresh)

    def _refresh(self) -> None:
        """The timer's sync of feed and git sources; skipped while a sync still runs."""
        if self._syncing:
            return
        self._syncing = True
        self._sync(refreshed_ids(self.ctx.settings.sources), scheduled=True)

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _sync(self, only: tuple[str, ...] | None = None, scheduled: bool = False) -> None:
        """Sync with connections of its own, so reading goes on while it runs."""
        session = Session(self.ctx.paths, self.ctx.settings)

        def progress(name: str, done: int, total: int) -> None:
            self.post_message(SyncProgress(name, done, total))

        try:
            report: SyncReport | None = session.sync(progress, only)
            error = None
        except (OSError, sqlite3.Error, ValueError) as exc:
            report, error = None, str(exc)
        finally:
            session.close()
        self.post_message(SyncFinished(report, error, scheduled))

    @on(SyncProgress)
    def _sync_progress(self, event: SyncProgress) -> None:
        self.status.set_note(
            self.t("sync.running", name=clean_line(event.name), done=event.done, total=event.total)
        )

    @on(SyncFinished)
    def _sync_finished(self, event: SyncFinished) -> None:
        self._syncing = False
        report = event.report
        if event.scheduled:
            # In the background: the status line says what happened, no pop-ups.
            note, failed = refresh_note(self.t, report, event.error, self.ctx.settings.tz())
            self.status.set_note(note, error=failed)
            if report is not None:
                self.reload_in_place()
            return
        if report is None:
            message = self.t("sync.crashed", error=event.error or "")
            self.status.set_note(message, error=True)
            self.say(message, severity="error")
            return
        summary = self.t(
            "sync.done", new=report.new, updated=report.updated, removed=report.removed
        )
        self.status.set_note(summary)
        for name, reason in report.failed_sources.items():
            self.say(
                self.t("sync.failed", name=clean_line(name), reason=clean_line(reason)),
                severity="error",
                timeout=8,
            )
        self.reload_in_place()

    # --- watched folders ----------------------------------------------------------

    def watch_news(self, event: FolderSynced | WatchFailed) -> None:
        """What the folder watcher found: re-read the view as after `R`, and draw the
        shown post again if its file is among those that changed."""
        if isinstance(event, WatchFailed):
            self.say(self.t("watch.failed", error=event.error), severity="warning", timeout=8)
            return
        report, name = event.report, clean_line(event.source_name)
        if report is None:
            self.say(self.t("sync.failed", name=name, reason=event.error or ""), severity="error")
            return
        for source, reason in report.failed_sources.items():
            self.say(
                self.t("sync.failed", name=clean_line(source), reason=clean_line(reason)),
                severity="error",
                timeout=8,
            )
        if report.new or report.updated or report.removed:
            self.status.set_note(
                self.t(
                    "watch.synced",
                    name=name,
                    new=report.new,
                    updated=report.updated,
                    removed=report.removed,
                )
            )
        shown = self.shown
        self.reload_in_place(redraw_shown=shown is not None and shown.post_key in event.posts)

    # --- palette targets ----------------------------------------------------------

    def go_to(self, view: View) -> None:
        """Show `view` (from the palette) and move the sidebar cursor onto it."""
        self.view = view
        self.load_view()


@cache
def _screen_class(language: Language) -> type[MainScreen]:
    return type(
        "MainScreen",
        (MainScreen,),
        {
            "BINDINGS": screen_bindings(Catalogue(language)),
            "__doc__": MainScreen.__doc__,
        },
    )


def main_screen(
    ctx: ReaderContext,
    *,
    view: View = ALL,
    mode: EntryKind = "item",
    unread_only: bool = False,
    selected_key: str | None = None,
) -> MainScreen:
    """The main screen with bindings described in the context's language."""
    return _screen_class(ctx.t.language)(
        ctx, view=view, mode=mode, unread_only=unread_only, selected_key=selected_key
    )
