"""Read one folder of posts into library.db: incremental, parallel, batched.

A file whose size and mtime are unchanged is not opened; one whose content hash is
unchanged is not parsed. Changed files are parsed in worker processes (markdown parsing
is CPU-bound) and written in batched transactions so other processes are never locked
out for long.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from functools import partial
from pathlib import Path

from ..config import Settings
from ..keys import carried_keys, item_keys, post_key
from ..model import ParsedPost, SkippedFile, SourceConfig, SyncReport
from ..sizes import human_size
from ..store.library import Library
from ..store.rows import FileRecord
from ..stories.url import story_keys
from .decode import SkipFile
from .pool import batches, can_fork_workers, in_order, start_pool, worker_count
from .scan import scan_folder

ProgressCallback = Callable[[str, int, int], None]
"""(source name, files done, files to do)"""


_BATCH = 400


_PARALLEL_FROM = 48


_CHUNK = 32
"""Files per task sent to a parse worker."""


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
    (its keys): one process writes, so the workers do all they can. The search text is
    not here: the index is built after the posts are stored (ingest.indexing)."""

    job: _Job
    sha1: str
    post: ParsedPost | None
    skip_reason: str | None
    key: str = ""
    item_keys: tuple[str, ...] = ()
    stories: tuple[str, ...] = ()
    """The story of each item (stories.url), computed here rather than by the writer
    (1,000 posts: its put_post 0.28 s -> 0.19 s), where the URL is still in urlsplit's
    cache from `item_keys`."""


@dataclass(frozen=True)
class SourceRun:
    """What reading any source needs from the sync run it is part of."""

    settings: Settings
    library: Library
    report: SyncReport
    progress: ProgressCallback | None = None

    def read(
        self, source: SourceConfig, folder: Path, *, key_by_entry_id: bool = False
    ) -> str | None:
        """Ingest `folder` as `source` (see `sync_folder`); why it could not be read, or
        None."""
        try:
            sync_folder(
                source,
                folder,
                self.settings,
                self.library,
                self.report,
                self.progress,
                key_by_entry_id=key_by_entry_id,
            )
        except OSError as exc:
            return f"cannot read {folder}: {exc.strerror or exc}"
        return None


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
            reason = f"larger than the {human_size(settings.max_file_bytes)} limit (max_file_bytes)"
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
    for batch in batches(_parse_all(jobs, settings.tz(), settings.max_items_per_post), _BATCH):
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
    is_new = library.put_post(key, source.id, job.relpath, post, outcome.item_keys, outcome.stories)
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
    if len(jobs) < _PARALLEL_FROM or not can_fork_workers():
        for job in jobs:
            yield _parse_job(job, zone, max_items)
        return
    workers = worker_count(writer_busy=False)
    with start_pool(workers) as pool:
        task = partial(_parse_chunk, zone=zone, max_items=max_items)
        yield from in_order(pool, task, jobs, _CHUNK, workers)


def _parse_chunk(jobs: Sequence[_Job], *, zone: tzinfo | None, max_items: int) -> list[_Outcome]:
    return [_parse_job(job, zone, max_items) for job in jobs]


def _parse_job(job: _Job, zone: tzinfo | None, max_items: int) -> _Outcome:
    try:
        with open(job.path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return _Outcome(job, "", None, f"cannot read: {exc.strerror or exc}")
    sha1 = hashlib.sha1(data).hexdigest()
    if sha1 == job.known_sha1:
        return _Outcome(job, sha1, None, None)
    # Imported once a file needs parsing: a sync with nothing to parse then never loads
    # the Markdown and YAML parsers, a fifth of an unchanged sync's time.
    from .post import parse_post

    try:
        post = parse_post(data, job.relpath, zone=zone, max_items=max_items)
    except SkipFile as exc:
        return _Outcome(job, sha1, None, str(exc))
    except RecursionError:
        return _Outcome(job, sha1, None, "nested too deeply to read")
    entry = post.entry_id if job.key_by_entry_id and post.entry_id else job.relpath
    key = post_key(job.source_id, entry)
    keys = item_keys(key, post.items)
    stories = story_keys(keys, [it.url for it in post.items])
    return _Outcome(job, sha1, post, None, key, tuple(keys), tuple(stories))
