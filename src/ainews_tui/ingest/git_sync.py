"""Syncing a git source: pull the repository, then read its content root."""

from __future__ import annotations

from ..config import Settings
from ..git.checkout import checkout_folder, content_folder, update
from ..git.run import GitError
from ..model import SourceConfig, SyncReport
from ..paths import AppPaths
from ..store.library import Library
from .folder_sync import ProgressCallback, sync_folder


def sync_git(
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
