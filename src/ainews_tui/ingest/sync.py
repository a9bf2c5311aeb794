"""Bring library.db in step with the sources, in two phases: each configured source in
turn (a folder, a git checkout, a feed's downloaded entries), one failing source never
stopping the others, until every post is listed; then the search index for what changed
(`indexing`). Reading a folder is `folder_sync`'s job, a feed's `feed_sync`'s, a
repository's `git_sync`'s."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings
from ..model import SourceConfig, SyncReport
from ..paths import AppPaths
from ..store.library import Library
from .folder_sync import ProgressCallback, SourceRun
from .indexing import IndexCallback, build_index

if TYPE_CHECKING:
    from ..feeds.download import FeedDownloads


def sync_sources(
    settings: Settings,
    paths: AppPaths,
    library: Library,
    *,
    progress: ProgressCallback | None = None,
    fetch_feeds: bool = True,
    only: Collection[str] | None = None,
    on_browsable: Callable[[], None] | None = None,
    on_indexing: IndexCallback | None = None,
) -> SyncReport:
    """Sync every configured source (or those whose ids are in `only`); one failing
    source never stops the others. `on_browsable` is called once every post of the run
    is stored and listed, before the search index is built for them."""
    report = SyncReport()
    with library.transaction():
        library.drop_sources_except([s.id for s in settings.sources])
        for source in settings.sources:
            library.upsert_source(source)
    chosen = [s for s in settings.sources if only is None or s.id in only]
    # Feeds download in the background while the folders are read, so folders go first
    # and a slow server never holds up a local source.
    downloads = None
    if fetch_feeds and any(s.kind == "feed" for s in chosen):
        from ..feeds.download import FeedDownloads

        downloads = FeedDownloads(
            replace(settings, sources=tuple(chosen)), paths.feeds_dir, library, progress
        )
    folders = [s for s in chosen if s.kind != "feed"]
    feeds = [s for s in chosen if s.kind == "feed"]
    run = SourceRun(settings, library, report, progress)
    try:
        # Lazily: each feed is ingested as soon as its download ends.
        for source in chain(folders, downloads.by_completion(feeds) if downloads else feeds):
            error = _guarded(source, run, paths, downloads)
            if error:
                report.failed_sources[source.name] = error
            with library.transaction():
                library.finish_source_sync(source.id, error)
    finally:
        if downloads:
            downloads.close()
    if on_browsable:
        on_browsable()
    build_index(library, on_indexing)
    return report


def _guarded(
    source: SourceConfig, run: SourceRun, paths: AppPaths, downloads: FeedDownloads | None
) -> str | None:
    """`_sync_one` behind the boundary of one source: whatever goes wrong with it is that
    source's reason in the summary, and the sources after it are still synced."""
    try:
        return _sync_one(source, run, paths, downloads)
    except sqlite3.Error:
        # The library itself failing is not this source's fault: the caller sets a
        # damaged library.db aside and runs the command again.
        raise
    except RecursionError:
        return "nested too deeply to read"
    except Exception as exc:  # the outer edge of one source, by design (see docstring)
        return f"failed unexpectedly ({type(exc).__name__}: {exc})"


def _sync_one(
    source: SourceConfig, run: SourceRun, paths: AppPaths, downloads: FeedDownloads | None
) -> str | None:
    """Returns the reason the source could not be read at all, or None. Feed and git
    sources' modules are imported only when there is one: most syncs have neither."""
    if source.kind == "feed":
        from .feed_sync import sync_feed

        return sync_feed(source, run, paths, downloads)
    if source.kind == "git":
        from .git_sync import sync_git

        return sync_git(source, run, paths)
    return _read_folder(source, Path(source.path or ""), run)


def _read_folder(source: SourceConfig, root: Path, run: SourceRun) -> str | None:
    """Ingest `root` as `source`; returns why the folder could not be read, or None."""
    if not root.is_dir():
        return f"folder not found: {root}" if not root.exists() else f"not a folder: {root}"
    return run.read(source, root)


def sync_watched_folder(
    source: SourceConfig, root: Path, settings: Settings, library: Library
) -> SyncReport:
    """Re-read one source's folder after the reader's watcher saw it change.

    Only that folder, incrementally (unchanged files are not opened), and nothing is
    downloaded or pulled: the change is already on disk.
    """
    report = SyncReport()
    with library.transaction():
        library.upsert_source(source)
    error = _read_folder(source, root, SourceRun(settings, library, report))
    if error:
        report.failed_sources[source.name] = error
    with library.transaction():
        library.finish_source_sync(source.id, error)
    build_index(library)
    return report
