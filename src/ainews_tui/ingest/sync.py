"""Bring library.db in step with the sources, in two phases: each configured source in
turn (a folder, a git checkout, a feed's downloaded entries), one failing source never
stopping the others, until every post is listed; then the search index for what changed
(`indexing`). Reading a folder is `folder_sync`'s job."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection
from dataclasses import replace
from itertools import chain
from pathlib import Path

from ..config import ConfigError, Settings
from ..config_sources import set_source_url
from ..feeds.download import FeedDownloads, feed_folder
from ..feeds.retry import shown
from ..model import SourceConfig, SyncReport
from ..paths import AppPaths
from ..store.library import Library
from .folder_sync import ProgressCallback, sync_folder
from .indexing import IndexCallback, build_index


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
    has_feeds = any(s.kind == "feed" for s in chosen)
    downloads = (
        FeedDownloads(replace(settings, sources=tuple(chosen)), paths.feeds_dir, library, progress)
        if fetch_feeds and has_feeds
        else None
    )
    folders = [s for s in chosen if s.kind != "feed"]
    feeds = [s for s in chosen if s.kind == "feed"]
    try:
        # Lazily: each feed is ingested as soon as its download ends.
        for source in chain(folders, downloads.by_completion(feeds) if downloads else feeds):
            error = _guarded(source, settings, paths, library, report, progress, downloads)
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
    source: SourceConfig,
    settings: Settings,
    paths: AppPaths,
    library: Library,
    report: SyncReport,
    progress: ProgressCallback | None,
    downloads: FeedDownloads | None,
) -> str | None:
    """`_sync_one` behind the boundary of one source: whatever goes wrong with it is that
    source's reason in the summary, and the sources after it are still synced."""
    try:
        return _sync_one(source, settings, paths, library, report, progress, downloads)
    except sqlite3.Error:
        # The library itself failing is not this source's fault: the caller sets a
        # damaged library.db aside and runs the command again.
        raise
    except RecursionError:
        return "nested too deeply to read"
    except Exception as exc:  # the outer edge of one source, by design (see docstring)
        return f"failed unexpectedly ({type(exc).__name__}: {exc})"


def _sync_one(
    source: SourceConfig,
    settings: Settings,
    paths: AppPaths,
    library: Library,
    report: SyncReport,
    progress: ProgressCallback | None,
    downloads: FeedDownloads | None,
) -> str | None:
    """Returns the reason the source could not be read at all, or None."""
    if source.kind == "feed":
        return _sync_feed(source, settings, paths, library, report, progress, downloads)
    if source.kind == "git":
        return _sync_git(source, settings, paths, library, report, progress)
    return _read_folder(source, Path(source.path or ""), settings, library, report, progress)


def _read_folder(
    source: SourceConfig,
    root: Path,
    settings: Settings,
    library: Library,
    report: SyncReport,
    progress: ProgressCallback | None,
) -> str | None:
    """Ingest `root` as `source`; returns why the folder could not be read, or None."""
    if not root.is_dir():
        return f"folder not found: {root}" if not root.exists() else f"not a folder: {root}"
    try:
        sync_folder(source, root, settings, library, report, progress)
    except OSError as exc:
        return f"cannot read {root}: {exc.strerror or exc}"
    return None


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
    error = _read_folder(source, root, settings, library, report, None)
    if error:
        report.failed_sources[source.name] = error
    with library.transaction():
        library.finish_source_sync(source.id, error)
    build_index(library)
    return report


def _sync_feed(
    source: SourceConfig,
    settings: Settings,
    paths: AppPaths,
    library: Library,
    report: SyncReport,
    progress: ProgressCallback | None,
    downloads: FeedDownloads | None,
) -> str | None:
    """Collect the feed's download, then ingest its folder of entries.

    The folder is ingested even when the download failed, so a rebuild while offline
    still brings back every entry already on disk.
    """
    outcome = downloads.finish(source, library) if downloads else None
    if outcome:
        report.warnings.extend(f"{source.name}: {w}" for w in outcome.warnings)
        if outcome.waiting and outcome.not_before:
            report.warnings.append(
                f"{source.name}: not fetched: the server asked to wait; "
                f"next try after {shown(outcome.not_before)}"
            )
        if outcome.moved_to:
            report.warnings.append(_follow_move(source, outcome.moved_to, paths))
    folder = feed_folder(paths.feeds_dir, source)
    if folder.is_dir():
        try:
            sync_folder(source, folder, settings, library, report, progress, key_by_entry_id=True)
        except OSError as exc:
            return f"cannot read {folder}: {exc.strerror or exc}"
    return outcome.error if outcome else None


def _sync_git(
    source: SourceConfig,
    settings: Settings,
    paths: AppPaths,
    library: Library,
    report: SyncReport,
    progress: ProgressCallback | None,
) -> str | None:
    """Pull the repository, then read its content root like a dir source.

    The checkout already on disk is read even when the pull failed, so its posts stay.
    """
    from ..git.checkout import checkout_folder, content_folder, update
    from ..git.run import GitError

    checkout = checkout_folder(paths.git_dir, source)
    if progress:
        progress(source.name, 0, 1)
    error: str | None = None
    try:
        update(source, checkout, settings.git)
    except GitError as exc:
        error = str(exc)
    except OSError as exc:
        error = f"cannot write {checkout}: {exc.strerror or exc}"
    if not (checkout / ".git").is_dir():
        return error
    try:
        folder = content_folder(checkout, source)
    except GitError as exc:
        return str(exc)
    if not folder.is_dir():
        return error or f"the repository has no folder {source.root!r}"
    try:
        sync_folder(source, folder, settings, library, report, progress)
    except OSError as exc:
        return f"cannot read {folder}: {exc.strerror or exc}"
    return error


def _follow_move(source: SourceConfig, url: str, paths: AppPaths) -> str:
    """Write a permanently moved feed's new URL into the config; the summary line."""
    try:
        set_source_url(paths.config_file, source, url)
    except ConfigError as exc:
        return f"{source.name}: moved permanently to {url}, but the config was not updated: {exc}"
    return f"{source.name}: moved permanently to {url}; the config now has the new URL"
