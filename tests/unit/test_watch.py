"""The folder watcher on real folders, and the one-source sync it triggers."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ainews_tui.ingest.watch import FolderChange, FolderWatcher, WatchedFolder, watched_folders
from ainews_tui.model import ListFilter
from ainews_tui.session import Session

Factory = Callable[..., Session]
GUARD = 20.0
"""Hang guard: a batch comes about 0.1 s after the last change."""

PROBE = "probe.md"
POST = "---\ntitle: {title}\ndate: 2025-12-0{day}\n---\n1. **{title} headline** news\n"


class Running:
    """A FolderWatcher in its own thread; batches arrive in a queue."""

    def __init__(self, folders: list[WatchedFolder]) -> None:
        self.watcher = FolderWatcher(folders)
        self.batches: queue.Queue[list[FolderChange]] = queue.Queue()
        self.thread = threading.Thread(target=self.watcher.run, args=(self.batches.put,))
        self.thread.start()

    def next_batch(self) -> dict[str, frozenset[str]]:
        """The next batch's paths by source, leaving out the start-up probe."""
        while True:
            batch = self.batches.get(timeout=GUARD)
            found = {c.folder.source_id: c.relpaths - {PROBE} for c in batch}
            found = {source: paths for source, paths in found.items() if paths}
            if found:
                return found

    def stop(self) -> None:
        self.watcher.stop()
        self.thread.join(GUARD)
        assert not self.thread.is_alive()


@pytest.fixture
def run_watcher() -> Iterator[Callable[[list[WatchedFolder]], Running]]:
    running: list[Running] = []

    def start(folders: list[WatchedFolder]) -> Running:
        watcher = Running(folders)
        running.append(watcher)
        return watcher

    yield start
    for watcher in running:
        watcher.stop()


def wait_until_watching(watcher: Running, folder: Path) -> None:
    """The OS watch starts inside the thread: poke until a change comes through (later
    batches about the probe are left out by `next_batch`)."""
    probe = folder / PROBE
    for n in range(100):
        probe.write_text(f"probe {n}", encoding="utf-8")
        try:
            watcher.batches.get(timeout=0.2)
            break
        except queue.Empty:
            continue
    probe.unlink()


def test_only_posts_the_glob_takes_are_reported(
    tmp_path: Path, run_watcher: Callable[[list[WatchedFolder]], Running]
) -> None:
    posts = tmp_path / "posts"
    (posts / ".git").mkdir(parents=True)
    watcher = run_watcher([WatchedFolder("blog", posts, "**/*.md")])
    wait_until_watching(watcher, posts)

    # Written first, all ignored: git's files, an editor's swap file, a non-post.
    (posts / ".git" / "index.md").write_text("x", encoding="utf-8")
    (posts / ".2025-12-01.md.swp").write_text("x", encoding="utf-8")
    (posts / "notes.txt").write_text("x", encoding="utf-8")
    (posts / "2025-12-01.md").write_text(POST.format(title="One", day=1), encoding="utf-8")
    assert watcher.next_batch() == {"blog": frozenset({"2025-12-01.md"})}

    (posts / "2025-12-01.md").unlink()
    assert watcher.next_batch() == {"blog": frozenset({"2025-12-01.md"})}


def test_a_burst_of_files_comes_as_few_batches(
    tmp_path: Path, run_watcher: Callable[[list[WatchedFolder]], Running]
) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    watcher = run_watcher([WatchedFolder("blog", posts, "**/*.md")])
    wait_until_watching(watcher, posts)
    for day in range(1, 10):
        (posts / f"2025-12-0{day}.md").write_text(POST.format(title=day, day=day), "utf-8")
    seen: set[str] = set()
    batches = 0
    while len(seen) < 9:
        seen |= watcher.next_batch()["blog"]
        batches += 1
    assert batches < 9  # debounced, not one sync per file


def test_watched_sync_reads_only_that_source(tmp_path: Path, make_session: Factory) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "2025-12-01.md").write_text(POST.format(title="A1", day=1), encoding="utf-8")
    (b / "2025-12-01.md").write_text(POST.format(title="B1", day=1), encoding="utf-8")
    session = make_session({"a": a, "b": b})
    session.sync()
    (a / "2025-12-02.md").write_text(POST.format(title="A2", day=2), encoding="utf-8")
    (b / "2025-12-02.md").write_text(POST.format(title="B2", day=2), encoding="utf-8")

    folders = {f.source_id: f for f in watched_folders(session.settings, session.paths.git_dir)}
    assert set(folders) == {"a", "b"}
    report = session.sync_watched(folders["a"])
    assert report is not None
    assert (report.new, report.unchanged, report.failed_sources) == (1, 1, {})
    titles = {p.title for p in session.library.list_posts(ListFilter())}
    assert titles == {"A1", "A2", "B1"}  # b's new file waits for its own change

    (a / "2025-12-01.md").unlink()
    report = session.sync_watched(folders["a"])
    assert report is not None and report.removed == 1


def test_a_watched_folder_that_vanished_is_a_failed_source(
    tmp_path: Path, make_session: Factory
) -> None:
    a = tmp_path / "a"
    a.mkdir()
    (a / "2025-12-01.md").write_text(POST.format(title="A1", day=1), encoding="utf-8")
    session = make_session({"a": a})
    session.sync()
    (folder,) = watched_folders(session.settings, session.paths.git_dir)
    (a / "2025-12-01.md").unlink()
    a.rmdir()
    report = session.sync_watched(folder)
    assert report is not None and "a" in report.failed_sources
    # The posts stay: a folder that went away (an unmounted disk) loses nothing.
    assert {p.title for p in session.library.list_posts(ListFilter())} == {"A1"}
