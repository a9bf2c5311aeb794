"""Fetch every feed source at once (bounded) while the sync goes on with other sources.

Worker threads do the network, the parsing and the writing of Markdown files; they
never touch SQLite. The sync thread collects each outcome with `finish`, which records
the validators, and then ingests the feed's folder like any other.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..config import FeedSettings, Settings
from ..model import FeedState, SourceConfig
from ..paths import source_folder
from ..store.library import Library
from .entry import FeedError
from .retry import FeedRetryLater

FILE_FORMAT = 1
"""Bump when `write.entry_markdown` changes, so unchanged feeds are written anew."""
_BODY_MARKER = ".last-body.sha1"

ProgressCallback = Callable[[str, int, int], None]
"""(source name, done, to do), the same shape as the sync's; called from worker threads."""


@dataclass(frozen=True)
class FeedOutcome:
    status: int = 0
    """200 or 304; 0 when the fetch failed."""
    state: FeedState | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    moved_to: str | None = None
    """The feed's new URL after a permanent redirect."""
    not_before: datetime | None = None
    """The server asked not to be fetched before this time (with a 429 or 503)."""
    waiting: bool = False
    """Not fetched: an earlier answer's `not_before` has not passed yet."""


def feed_folder(feeds_dir: Path, source: SourceConfig) -> Path:
    """Where a feed source's entries are written: one folder per stable source id."""
    return source_folder(feeds_dir, source.id)


class FeedDownloads:
    """Downloads started for every feed source; `finish` waits for one of them."""

    def __init__(
        self,
        settings: Settings,
        feeds_dir: Path,
        library: Library,
        progress: ProgressCallback | None = None,
    ) -> None:
        feeds = [s for s in settings.sources if s.kind == "feed"]
        states = library.feed_states() if feeds else {}
        self._pool = ThreadPoolExecutor(
            max(1, settings.feeds.concurrency), thread_name_prefix="ainews-feed"
        )
        self._futures: dict[str, Future[FeedOutcome]] = {
            s.id: self._pool.submit(
                _announced, progress, s, feed_folder(feeds_dir, s), settings.feeds, states.get(s.id)
            )
            for s in feeds
        }

    def by_completion(self, sources: list[SourceConfig]) -> Iterator[SourceConfig]:
        """`sources` in the order their downloads end (those not downloaded first), so
        one slow server does not hold up the ingest of feeds already fetched."""
        pending = {self._futures[s.id]: s for s in sources if s.id in self._futures}
        yield from (s for s in sources if s.id not in self._futures)
        for future in as_completed(pending):
            yield pending[future]

    def finish(self, source: SourceConfig, library: Library) -> FeedOutcome:
        """Wait for `source`'s download and store its validators when it succeeded."""
        future = self._futures.get(source.id)
        if future is None:
            return FeedOutcome(error="not downloaded")
        outcome = future.result()
        if outcome.status:
            library.save_feed_state(source.id, outcome.status, outcome.state)
        elif outcome.not_before and not outcome.waiting:
            library.save_feed_wait(source.id, outcome.not_before)
        return outcome

    def close(self) -> None:
        # After a full sync nothing is left running; after an error or ^C, downloads not
        # yet started are dropped and the caller is not kept waiting on the ones that are.
        self._pool.shutdown(wait=False, cancel_futures=True)


def _announced(
    progress: ProgressCallback | None,
    source: SourceConfig,
    folder: Path,
    limits: FeedSettings,
    state: FeedState | None,
) -> FeedOutcome:
    if progress:
        # One step (the download) until the ingest reports the files it reads.
        progress(source.name, 0, 1)
    return download_feed(source, folder, limits, state)


def download_feed(
    source: SourceConfig, folder: Path, limits: FeedSettings, state: FeedState | None
) -> FeedOutcome:
    """Fetch, parse and write one feed; never raises for a bad server or a bad feed."""
    if state and state.not_before and state.not_before > datetime.now().astimezone():
        return FeedOutcome(not_before=state.not_before, waiting=True)
    # httpx, feedparser and markdownify cost a fifth of a second to import: only
    # syncs that have feeds to fetch pay for them.
    from .http import fetch
    from .parse import parse_feed
    from .write import write_entries

    # Validators are only worth sending when the entries they vouch for are on disk.
    on_disk = any(folder.glob("*.md"))
    if not on_disk:
        state = None
    try:
        result = fetch(
            source.url or "",
            limits,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
        )
        if result.not_modified:
            return FeedOutcome(status=304, moved_to=result.moved_to)
        validators = FeedState(result.etag, result.last_modified)
        # Servers without ETag or Last-Modified resend the same body: make that as
        # cheap as a 304 by remembering what the last body was.
        marker = folder / _BODY_MARKER
        digest = _body_digest(result.body, source.name)
        if on_disk and _read_marker(marker) == digest:
            return FeedOutcome(status=200, state=validators, moved_to=result.moved_to)
        feed = parse_feed(
            result.body,
            content_type=result.content_type,
            url=result.url,
            max_entries=limits.max_entries,
        )
        write_entries(folder, feed.entries, source.name)
        marker.write_text(digest, encoding="ascii")
    except FeedRetryLater as exc:
        return FeedOutcome(error=str(exc), not_before=exc.not_before)
    except FeedError as exc:
        return FeedOutcome(error=str(exc))
    except OSError as exc:
        return FeedOutcome(error=f"cannot write {folder}: {exc.strerror or exc}")
    except RecursionError:
        return FeedOutcome(error="not a feed: nested too deeply to read")
    return FeedOutcome(
        status=200, state=validators, warnings=feed.warnings, moved_to=result.moved_to
    )


def _body_digest(body: bytes, source_name: str) -> str:
    # The file format version and the source name are part of what gets written.
    seed = f"{FILE_FORMAT}\0{source_name}\0".encode()
    return hashlib.sha1(seed + body).hexdigest()


def _read_marker(marker: Path) -> str | None:
    try:
        return marker.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
