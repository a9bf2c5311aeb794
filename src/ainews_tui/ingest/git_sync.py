"""Syncing a git source: pull the repository, then read its content root."""

from __future__ import annotations

from ..git.checkout import checkout_folder, content_folder, update
from ..git.run import GitError
from ..model import SourceConfig
from ..paths import AppPaths
from .folder_sync import SourceRun


def sync_git(source: SourceConfig, run: SourceRun, paths: AppPaths) -> str | None:
    """Pull the repository, then read its content root like a dir source.

    The checkout already on disk is read even when the pull failed, so its posts stay.
    """
    checkout = checkout_folder(paths.git_dir, source)
    if run.progress:
        run.progress(source.name, 0, 1)
    error: str | None = None
    try:
        update(source, checkout, run.settings.git)
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
    return run.read(source, folder) or error
