"""Syncs the reader runs or hears of: `R`, the first-use sync, the scheduled refresh of
feed and git sources, and the folder watcher's re-syncs. Each sync has connections of its
own, in a worker, so reading goes on; what it found reaches the screen's status line."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ..model import SyncReport
from ..safe import clean_line
from ..session import Session
from .messages import FolderSynced, NeverSynced, WatchFailed
from .refresh import refresh_note, refresh_seconds, refreshed_ids

if TYPE_CHECKING:
    from .screens.main import MainScreen


class Syncer:
    """Runs one sync at a time for the screen and reports through its status line."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen
        self.running = False

    def sync_if_first_use(self) -> None:
        """A source never synced (first run, or just added) is synced in the background."""
        screen = self._screen
        sources = screen.ctx.settings.sources

        def check() -> None:
            try:
                synced = screen.ctx.gateway.run(
                    lambda library: {s.id for s in library.source_stats() if s.last_sync}
                )
            except sqlite3.Error:
                return
            if any(s.id not in synced for s in sources):
                screen.post_message(NeverSynced())

        screen.run_worker(check, thread=True, group="first-use", exit_on_error=False)

    def schedule_refresh(self) -> None:
        """Sync feed and git sources every `refresh_minutes` (folders are watched)."""
        settings = self._screen.ctx.settings
        seconds = refresh_seconds(settings.refresh_minutes, settings.sources)
        if seconds is not None:
            self._screen.set_interval(seconds, self._refresh)

    def _refresh(self) -> None:
        """The timer's sync; skipped while a sync still runs."""
        if not self.running:
            self._run(refreshed_ids(self._screen.ctx.settings.sources), scheduled=True)

    def start(self) -> None:
        """`R`: sync every source now."""
        screen = self._screen
        if self.running:
            screen.say(screen.t("sync.busy"))
            return
        screen.status.set_note(screen.t("sync.started"))
        self._run(None, scheduled=False)

    def _run(self, only: tuple[str, ...] | None, *, scheduled: bool) -> None:
        self.running = True
        screen = self._screen
        paths, settings = screen.ctx.paths, screen.ctx.settings

        def run() -> None:
            session = Session(paths, settings)

            def progress(name: str, done: int, total: int) -> None:
                screen.app.call_from_thread(self._progress, name, done, total)

            def browsable() -> None:
                # Every new story is listed now; the index follows.
                screen.app.call_from_thread(screen.reload_in_place)

            def indexing(done: int, total: int) -> None:
                screen.app.call_from_thread(self._indexing, done, total)

            try:
                report: SyncReport | None = session.sync(
                    progress, only, on_browsable=browsable, on_indexing=indexing
                )
                error = None
            except (OSError, sqlite3.Error, ValueError) as exc:
                report, error = None, str(exc)
            finally:
                session.close()
            screen.app.call_from_thread(self._finished, report, error, scheduled)

        screen.run_worker(run, thread=True, exclusive=True, group="sync", exit_on_error=False)

    def _progress(self, name: str, done: int, total: int) -> None:
        note = self._screen.t("sync.running", name=clean_line(name), done=done, total=total)
        self._screen.status.set_note(note)

    def _indexing(self, done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        self._screen.status.set_note(self._screen.t("sync.indexing", percent=percent))

    def _finished(self, report: SyncReport | None, error: str | None, scheduled: bool) -> None:
        screen, t = self._screen, self._screen.t
        self.running = False
        if scheduled:
            # In the background: the status line says what happened, no pop-ups.
            note, failed = refresh_note(t, report, error, screen.ctx.settings.tz())
            screen.status.set_note(note, error=failed)
            if report is not None:
                screen.reload_in_place()
            return
        if report is None:
            message = t("sync.crashed", error=error or "")
            screen.status.set_note(message, error=True)
            screen.say(message, severity="error")
            return
        summary = t("sync.done", new=report.new, updated=report.updated, removed=report.removed)
        screen.status.set_note(summary)
        self._say_failures(report)
        screen.reload_in_place()

    def _say_failures(self, report: SyncReport) -> None:
        for name, reason in report.failed_sources.items():
            self._screen.say(
                self._screen.t("sync.failed", name=clean_line(name), reason=clean_line(reason)),
                severity="error",
                timeout=8,
            )

    def watch_news(self, event: FolderSynced | WatchFailed) -> None:
        """What the folder watcher found: re-read the view as after `R`, and draw the
        shown post again if its file is among those that changed."""
        screen, t = self._screen, self._screen.t
        if isinstance(event, WatchFailed):
            screen.say(t("watch.failed", error=event.error), severity="warning", timeout=8)
            return
        report, name = event.report, clean_line(event.source_name)
        if report is None:
            screen.say(t("sync.failed", name=name, reason=event.error or ""), severity="error")
            return
        self._say_failures(report)
        if report.new or report.updated or report.removed:
            screen.status.set_note(
                t(
                    "watch.synced",
                    name=name,
                    new=report.new,
                    updated=report.updated,
                    removed=report.removed,
                )
            )
        shown = screen.shown
        screen.reload_in_place(redraw_shown=shown is not None and shown.post_key in event.posts)
