"""Syncing a feed source: collect its download, then read its folder of entries.

A module of its own so a sync without feeds never imports the download machinery
(threads, HTTP, email date parsing: 10 ms of every `ainews sync`)."""

from __future__ import annotations

from ..config import ConfigError
from ..config_sources import set_source_url
from ..feeds.download import FeedDownloads, feed_folder
from ..feeds.retry import shown
from ..model import SourceConfig
from ..paths import AppPaths
from .folder_sync import SourceRun


def sync_feed(
    source: SourceConfig, run: SourceRun, paths: AppPaths, downloads: FeedDownloads | None
) -> str | None:
    """Collect the feed's download, then ingest its folder of entries.

    The folder is ingested even when the download failed, so a rebuild while offline
    still brings back every entry already on disk.
    """
    outcome = downloads.finish(source, run.library) if downloads else None
    if outcome:
        run.report.warnings.extend(f"{source.name}: {w}" for w in outcome.warnings)
        if outcome.waiting and outcome.not_before:
            run.report.warnings.append(
                f"{source.name}: not fetched: the server asked to wait; "
                f"next try after {shown(outcome.not_before)}"
            )
        if outcome.moved_to:
            run.report.warnings.append(_follow_move(source, outcome.moved_to, paths))
    folder = feed_folder(paths.feeds_dir, source)
    if folder.is_dir():
        unread = run.read(source, folder, key_by_entry_id=True)
        if unread:
            return unread
    return outcome.error if outcome else None


def _follow_move(source: SourceConfig, url: str, paths: AppPaths) -> str:
    """Write a permanently moved feed's new URL into the config; the summary line."""
    try:
        set_source_url(paths.config_file, source, url)
    except ConfigError as exc:
        return f"{source.name}: moved permanently to {url}, but the config was not updated: {exc}"
    return f"{source.name}: moved permanently to {url}; the config now has the new URL"
