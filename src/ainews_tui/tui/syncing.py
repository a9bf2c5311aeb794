"""`R` and the first-use sync: a worker with connections of its own, so reading goes on."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ..model import SyncReport
from ..safe import clean_line
from ..session import Session
from .messages import NeverSynced

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

    def start(self) -> None:
        screen = self._screen
        if self.running:
            screen.say(screen.t("sync.busy"))
            return
        self.running = True
        screen.status.set_note(screen.t("sync.started"))
        paths, settings = screen.ctx.paths, screen.ctx.settings

        def run() -> None:
            session = Session(paths, settings)

            def progress(name: str, done: int, total: int) -> None:
                screen.app.call_from_thread(self._progress, name, done, total)

            try:
                report: SyncReport | None = session.sync(progress)
                error = None
            except (OSError, sqlite3.Error, ValueError) as exc:
                report, error = None, str(exc)
            finally:
                session.close()
            screen.app.call_from_thread(self._finished, report, error)

        screen.run_worker(run, thread=True, exclusive=True, group="sync", exit_on_error=False)

    def _progress(self, name: str, done: int, total: int) -> None:
        t = self._screen.t
        self._screen.status.set_note(
            t("sync.running", name=clean_line(name), done=done, total=total)
        )

    def _finished(self, report: SyncReport | None, error: str | None) -> None:
        screen, t = self._screen, self._screen.t
        self.running = False
        if report is None:
            message = t("sync.crashed", error=error or "")
            screen.status.set_note(message, error=True)
            screen.say(message, severity="error")
            return
        summary = t("sync.done", new=report.new, updated=report.updated, removed=report.removed)
        screen.status.set_note(summary)
        for name, reason in report.failed_sources.items():
            screen.say(
                t("sync.failed", name=clean_line(name), reason=clean_line(reason)),
                severity="error",
                timeout=8,
            )
        screen.reload_in_place()
