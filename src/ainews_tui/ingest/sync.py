"""Bring library.db in step with the sources: incremental, parallel, batched.

A file whose size and mtime are unchanged is not opened; one whose content hash is
unchanged is not parsed. Changed files are parsed in worker processes (markdown parsing
is CPU-bound) and written in batched transactions so other processes are never locked
out for long.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import tzinfo
from itertools import chain
from pathlib import Path

from ..config import ConfigError, Settings
from ..config_sources import set_source_url
from ..feeds.download import FeedDownloads, feed_folder
from ..feeds.retry import shown
from ..keys import carried_keys, item_keys, post_key
from ..model import ParsedPost, SkippedFile, SourceConfig, SyncReport
from ..paths import AppPaths
from ..search.index import IndexTexts, index_texts
from ..store.library import FileRecord, Library
from .decode import SkipFile
from .orphans import die_with_parent
from .post import parse_post
from .scan import scan_folder

ProgressCallback = Callable[[str, int, int], None]
"""(source name, files done, files to do)"""

_BATCH = 400
_PARALLEL_FROM = 48
_CHUNK = 32
"""Files per task sent to a parse worker."""
_CHUNKS_PER_WORKER = 4
"""Tasks queued per worker: enough to keep it busy, few enough to bound memory."""


@dataclass(frozen=True)
class _Job:
    relpath: str
    path: str
    size: int
    mtime_ns: int
    known_sha1: str | None
    source_id: str
    key_by_entry_id: bool


@dataclass(frozen=True)
class _Outcome:
    """A parsed file with everything the writer needs that does not need the database
    (keys, search text): one process writes, so the workers do all they can."""

    job: _Job
    sha1: str
    post: ParsedPost | None
    skip_reason: str | None
    key: str = ""
    item_keys: tuple[str, ...] = ()
    texts: tuple[IndexTexts, ...] = ()


def sync_sources(
    settings: Settings,
    paths: AppPaths,
    library: Library,
    *,
    progress: ProgressCallback | None = None,
    fetch_feeds: bool = True,
    only: Collection[str] | None = None,
) -> SyncReport:
    """Sync every configured source (or those whose ids are in `only`); one failing
    source never stops the others."""
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


def sync_folder(
    source: SourceConfig,
    root: Path,
    settings: Settings,
    library: Library,
    report: SyncReport,
    progress: ProgressCallback | None = None,
    *,
    key_by_entry_id: bool = False,
) -> None:
    """Ingest one folder of Markdown files as `source`.

    With `key_by_entry_id` (feed entries written to disk) a post is keyed by the
    `entry_id` in its front matter, so renaming the file never changes the key.
    """
    scan = scan_folder(root, source.glob)
    known = library.files(source.id)
    for relpath, reason in scan.skipped:
        report.skipped.append(SkippedFile(source.name, relpath, reason))

    jobs: list[_Job] = []
    for found in scan.files:
        record = known.get(found.relpath)
        if record and (record.size, record.mtime_ns) == (found.size, found.mtime_ns):
            if record.skip_reason:
                report.skipped.append(SkippedFile(source.name, found.relpath, record.skip_reason))
            else:
                report.unchanged += 1
            continue
        if found.size > settings.max_file_bytes:
            reason = f"larger than the {_size(settings.max_file_bytes)} limit (max_file_bytes)"
            report.skipped.append(SkippedFile(source.name, found.relpath, reason))
            continue
        jobs.append(
            _Job(
                found.relpath,
                str(root / found.relpath),
                found.size,
                found.mtime_ns,
                record.sha1 if record else None,
                source.id,
                key_by_entry_id,
            )
        )

    seen = {f.relpath for f in scan.files}
    # A file inside a folder that could not be listed is unseen, not gone.
    unseen = tuple(scan.unlisted)
    with library.transaction():
        for relpath, record in known.items():
            if relpath not in seen and not (unseen and relpath.startswith(unseen)):
                if record.post_key and library.delete_post(record.post_key):
                    report.removed += 1
                library.forget_file(source.id, relpath)

    total, done = len(jobs), 0
    if progress:
        progress(source.name, 0, total)
    for batch in _batches(_parse_all(jobs, settings.tz(), settings.max_items_per_post)):
        moves: list[tuple[str, str]] = []
        with library.transaction():
            for outcome in batch:
                moves += _store(outcome, source, library, report)
        if moves:  # after the library's transaction: state.db is written on its own
            library.state.carry_over(moves)
        done += len(batch)
        if progress:
            progress(source.name, done, total)


def _store(
    outcome: _Outcome, source: SourceConfig, library: Library, report: SyncReport
) -> list[tuple[str, str]]:
    """Store one parsed file; returns (old, new) keys of stories whose key changed."""
    job = outcome.job
    # Read again inside the write transaction, not taken from the list read before
    # parsing: a sync running at the same time may have stored this file meanwhile.
    previous = library.file(source.id, job.relpath)
    if (
        previous
        and outcome.post is not None
        and (previous.sha1, previous.post_key) == (outcome.sha1, outcome.key)
    ):
        library.touch_file(source.id, job.relpath, job.size, job.mtime_ns)
        report.unchanged += 1
        return []
    if outcome.post is None and outcome.skip_reason is None:
        # Same content as last time, only the mtime moved.
        library.touch_file(source.id, job.relpath, job.size, job.mtime_ns)
        if previous and previous.skip_reason:
            report.skipped.append(SkippedFile(source.name, job.relpath, previous.skip_reason))
        else:
            report.unchanged += 1
        return []
    if outcome.post is None:
        reason = outcome.skip_reason or "unreadable"
        if previous and previous.post_key:
            library.delete_post(previous.post_key)
        library.record_file(
            source.id, job.relpath, FileRecord(job.size, job.mtime_ns, outcome.sha1, None, reason)
        )
        report.skipped.append(SkippedFile(source.name, job.relpath, reason))
        return []
    post, key = outcome.post, outcome.key
    if previous and previous.post_key and previous.post_key != key:
        library.delete_post(previous.post_key)
    # A new extraction may key a story differently (a headline no longer cut, a repeat
    # merged): its read/star state follows it.
    moves = carried_keys(
        library.item_heads(key),
        [(k, it.headline, it.url) for k, it in zip(outcome.item_keys, post.items, strict=True)],
    )
    is_new = library.put_post(key, source.id, job.relpath, post, outcome.item_keys, outcome.texts)
    library.record_file(
        source.id, job.relpath, FileRecord(job.size, job.mtime_ns, outcome.sha1, key, None)
    )
    if is_new:
        report.new += 1
    else:
        report.updated += 1
    report.warnings.extend(f"{source.name}: {job.relpath}: {w}" for w in post.warnings)
    return moves


def _parse_all(jobs: list[_Job], zone: tzinfo | None, max_items: int) -> Iterator[_Outcome]:
    if len(jobs) < _PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        for job in jobs:
            yield _parse_job(job, zone, max_items)
        return
    workers = min(os.cpu_count() or 2, 8)
    with ProcessPoolExecutor(
        workers, mp_context=_mp_context(), initializer=die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        # Not pool.map: it queues every file at once, and parsed posts (with their
        # search text) pile up here whenever writing is slower than parsing, as it is
        # on a first sync: 335 MB for 10,000 posts. A window of tasks bounds that.
        window: deque[Future[list[_Outcome]]] = deque()
        for start in range(0, len(jobs), _CHUNK):
            window.append(pool.submit(_parse_chunk, jobs[start : start + _CHUNK], zone, max_items))
            if len(window) >= workers * _CHUNKS_PER_WORKER:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


def _parse_chunk(jobs: list[_Job], zone: tzinfo | None, max_items: int) -> list[_Outcome]:
    return [_parse_job(job, zone, max_items) for job in jobs]


def _mp_context() -> multiprocessing.context.BaseContext:
    # fork is cheapest, but forking a process that runs other threads (the reader's
    # workers) can deadlock the child, so such processes use forkserver.
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver")


def _parse_job(job: _Job, zone: tzinfo | None, max_items: int) -> _Outcome:
    try:
        with open(job.path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return _Outcome(job, "", None, f"cannot read: {exc.strerror or exc}")
    sha1 = hashlib.sha1(data).hexdigest()
    if sha1 == job.known_sha1:
        return _Outcome(job, sha1, None, None)
    try:
        post = parse_post(data, job.relpath, zone=zone, max_items=max_items)
    except SkipFile as exc:
        return _Outcome(job, sha1, None, str(exc))
    except RecursionError:
        return _Outcome(job, sha1, None, "nested too deeply to read")
    entry = post.entry_id if job.key_by_entry_id and post.entry_id else job.relpath
    key = post_key(job.source_id, entry)
    return _Outcome(
        job, sha1, post, None, key, tuple(item_keys(key, post.items)), tuple(index_texts(post))
    )


def _batches(outcomes: Iterator[_Outcome]) -> Iterator[list[_Outcome]]:
    batch: list[_Outcome] = []
    for outcome in outcomes:
        batch.append(outcome)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):g} MB"
    return f"{count / 1024:g} KB" if count >= 1024 else f"{count} bytes"
