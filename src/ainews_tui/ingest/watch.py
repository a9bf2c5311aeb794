"""Watch the sources' folders while the reader runs and report which posts changed.

Textual-free: the reader runs `FolderWatcher.run` in a thread of its own and re-syncs
each source a batch of changes touches. Any folder of Markdown posts can be watched (a `dir`
source's path, or a checkout kept in the data dir): `watched_folders` is the one place
that says which folder belongs to which source.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings
from ..git.checkout import checkout_folder, content_folder
from ..git.run import GitError
from .scan import glob_regex

if TYPE_CHECKING:
    import watchfiles

STEP_MS = 50
"""A batch ends after this long without a new change: one saved file (an editor writes
and renames within a few ms) is one batch. It is also how often the watcher looks at
its stop event, so how long quitting the reader waits for it: 100 ms cost every exit
50 ms on average."""
DEBOUNCE_MS = 800
"""The longest a burst (an editor's save dance, a `git pull`, a copied folder) is held
before it is handed on, so a post shows within 2 s even while files keep changing."""


@dataclass(frozen=True)
class WatchedFolder:
    """A folder whose Markdown files are the posts of one source."""

    source_id: str
    root: Path
    glob: str


@dataclass(frozen=True)
class FolderChange:
    """One batch of changes in one watched folder."""

    folder: WatchedFolder
    relpaths: frozenset[str]
    """Paths (relative to the root, POSIX) of posts added, changed or deleted; a folder
    added, moved or deleted is here too, as its own path."""


def watched_folders(settings: Settings, git_dir: Path) -> list[WatchedFolder]:
    """The folders of the configured sources that can be watched now.

    Each `dir` source whose folder exists, and each `git` source's content folder in its
    checkout under `git_dir` once it has been cloned (a pull shows up as a change too,
    and is read like any other). Feed entries are not watched: only sync writes them,
    and it already tells the reader.
    """
    folders: list[WatchedFolder] = []
    for source in settings.sources:
        if source.kind == "dir" and source.path:
            root = Path(source.path)
        elif source.kind == "git":
            checkout = checkout_folder(git_dir, source)
            if not (checkout / ".git").is_dir():
                continue
            try:
                root = content_folder(checkout, source)
            except GitError:  # a root outside the repository: sync says why
                continue
        else:
            continue
        if root.is_dir():
            folders.append(WatchedFolder(source.id, root, source.glob))
    return folders


class FolderWatcher:
    """Watches folders until `stop()`; `run` blocks, so call it from a thread."""

    def __init__(self, folders: Iterable[WatchedFolder]) -> None:
        # Absolute, as the OS reports changed paths.
        self.folders = [
            WatchedFolder(f.source_id, Path(os.path.abspath(f.root)), f.glob) for f in folders
        ]
        self._stop = threading.Event()

    def stop(self) -> None:
        """Make `run` return within a step (watchfiles checks the event every step)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(self, on_change: Callable[[list[FolderChange]], None]) -> None:
        """Call `on_change` with every debounced batch of relevant changes until stopped.

        Raises OSError when a folder cannot be watched (gone, or the OS watch limit).
        Changes made while `on_change` runs are kept and come in the next batch.
        """
        if not self.folders or self._stop.is_set():
            return
        # Imported here, in the watching thread: the reader pays ~18 ms for it before
        # its first frame otherwise.
        import watchfiles

        for changes in watchfiles.watch(
            *(f.root for f in self.folders),
            # Filtered by `_group`, which also splits the batch by folder.
            watch_filter=None,
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            stop_event=self._stop,
            raise_interrupt=False,
        ):
            batch = self._group(changes)
            if batch:
                on_change(batch)

    def _group(self, changes: Iterable[tuple[watchfiles.Change, str]]) -> list[FolderChange]:
        """The batch split by folder; a path inside two nested sources' folders is in both."""
        found: dict[WatchedFolder, set[str]] = {}
        for change, path in changes:
            for folder in self.folders:
                relpath = _relpath(folder, path)
                if relpath is not None and self._post_path(folder, change, path):
                    found.setdefault(folder, set()).add(relpath)
        return [FolderChange(folder, frozenset(paths)) for folder, paths in found.items()]

    @staticmethod
    def _post_path(folder: WatchedFolder, change: watchfiles.Change, path: str) -> bool:
        """True for a file the glob takes, or for a folder (which may hold posts).

        Hidden files and folders are skipped, as sync skips them (`.git`, editor swap
        files). A deleted path can no longer be asked whether it was a folder, so a
        deleted name without an extension counts as one.
        """
        relpath = _relpath(folder, path)
        if relpath is None or any(part.startswith(".") for part in relpath.split("/")):
            return False
        if glob_regex(folder.glob).match(relpath):
            return True
        from watchfiles import Change  # loaded by `run` already

        if change == Change.deleted:
            return "." not in relpath.rsplit("/", 1)[-1]
        return os.path.isdir(path)


def _relpath(folder: WatchedFolder, path: str) -> str | None:
    """`path` relative to the folder's root, or None when it lies outside it."""
    root = str(folder.root)
    if not path.startswith(root + os.sep):
        return None
    return path[len(root) + 1 :].replace(os.sep, "/")
