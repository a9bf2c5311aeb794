"""The reader's folder watcher: re-sync a source whose folder changed, then tell the UI.

The watcher lives as long as the app, in a thread of its own rather than a Textual
worker: `App.workers.wait_for_complete()` (how tests and the benchmark let the reader
settle) waits for every worker, and one that never ends would hang them all. The app's
unmount stops it, and it returns within a watch step, so no thread outlives the app.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

from ..ingest.watch import FolderChange, FolderWatcher, WatchedFolder
from ..keys import post_key
from ..session import Session
from .context import ReaderContext
from .messages import FolderSynced, WatchFailed

Post = Callable[[FolderSynced | WatchFailed], object]
"""Posts a message to the UI thread (the app's `post_message`)."""


class SourceWatch:
    """Watches `folders` and syncs each one that changes with connections of its own."""

    def __init__(self, ctx: ReaderContext, folders: list[WatchedFolder]) -> None:
        self.ctx = ctx
        self.watcher = FolderWatcher(folders)
        self._thread: threading.Thread | None = None

    def start(self, post: Post) -> None:
        """Watch in a thread named `ainews-watch`, handing what it finds to `post`."""
        if not self.watcher.folders:
            return
        self._thread = threading.Thread(target=self.run, args=(post,), name="ainews-watch")
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop watching and wait up to `timeout` seconds for the thread to end.

        A sync still writing after that finishes before the process exits (the thread
        is not a daemon), so nothing is cut off halfway."""
        self.watcher.stop()
        if self._thread is not None:
            self._thread.join(timeout)

    def run(self, post: Post) -> None:
        """Watch until stopped; a folder that cannot be watched ends it with one message."""
        post = self._while_running(post)
        session = Session(self.ctx.paths, self.ctx.settings)
        try:
            self.watcher.run(lambda batch: self._synced(session, batch, post))
        except OSError as exc:
            # Gone, or the OS's limit of watched folders: the reader still picks up
            # other processes' syncs by polling, and `R` still works.
            post(WatchFailed(exc.strerror or str(exc)))
        finally:
            session.close()

    def _while_running(self, post: Post) -> Post:
        """`post`, silenced once stopped: a sync that ends after the app has gone must
        not post into its closed event loop."""

        def guarded(message: FolderSynced | WatchFailed) -> object:
            return None if self.watcher.stopping else post(message)

        return guarded

    def _synced(self, session: Session, batch: list[FolderChange], post: Post) -> None:
        for change in batch:
            if self.watcher.stopping:
                return
            source = self.ctx.settings.source(change.folder.source_id)
            name = source.name if source else change.folder.source_id
            posts = frozenset(post_key(change.folder.source_id, p) for p in change.relpaths)
            try:
                report = session.sync_watched(change.folder)
            except (OSError, sqlite3.Error, ValueError) as exc:
                post(FolderSynced(name, None, str(exc), posts))
                continue
            if report is not None:
                post(FolderSynced(name, report, None, posts))
