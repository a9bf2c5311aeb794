"""`ainews add` of a git repository: clone it, find its posts, then write the source."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from rich.text import Text

from ...config import add_source
from ...git.checkout import Layout, checkout_folder, clone, detect_layout, remote_url
from ...git.run import GitError, git_command
from ...ingest.scan import scan_folder
from ...model import SourceConfig
from ...safe import clean_line
from ...session import Session
from ..console import progress_console, stdout
from ..exit_codes import EXIT_OK, UserError


def git_location(location: str, explicit: bool) -> str:
    """The repository as the config keeps it: `git+` dropped, a local path made absolute."""
    url = location[4:] if location.lower().startswith("git+") else location
    try:
        remote_url(url)
    except GitError as exc:
        raise UserError(f"{location}: {exc}") from None
    if "://" in url or "@" in url.split("/", 1)[0]:
        return url
    folder = Path(url).expanduser()
    if not folder.is_dir():
        implied = not explicit and url.rstrip("/").lower().endswith(".git")
        hint = " (a name ending in .git is read as a git repository)" if implied else ""
        raise UserError(f"{location}: no such repository folder{hint}")
    return str(folder.resolve())


def add_git(session: Session, args: argparse.Namespace) -> int:
    try:
        git_command()
    except GitError as exc:
        raise UserError(str(exc)) from None
    url = git_location(args.location, args.git)
    for existing in session.settings.sources:
        if existing.location == url:
            raise UserError(f"{url} is already a source (named {existing.name!r})")
    git_dir = session.paths.git_dir
    git_dir.mkdir(parents=True, exist_ok=True)
    # Cloned before the source is written, so a repository that cannot be read never
    # becomes a source; it moves to its final folder once the source has its id.
    staging = Path(tempfile.mkdtemp(prefix=".adding.", dir=git_dir))
    try:
        probe = SourceConfig(id="", name=url, kind="git", url=url, branch=args.branch)
        progress_console().print(Text(f"cloning {clean_line(url)}"))
        try:
            clone(probe, staging / "repo", session.settings.git)
        except GitError as exc:
            raise UserError(f"cannot add {url}: {exc}") from None
        layout = Layout("", args.glob) if args.glob else detect_layout(staging / "repo")
        source = add_source(
            session.paths.config_file,
            kind="git",
            location=url,
            name=args.name,
            glob=layout.glob,
            branch=args.branch,
            root=layout.root,
        )
        final = checkout_folder(git_dir, source)
        # A folder left by an earlier source of the same id holds nobody's checkout now.
        shutil.rmtree(final, ignore_errors=True)
        (staging / "repo").rename(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    posts = len(scan_folder(final / layout.root, layout.glob).files)
    where = f"{layout.root}/" if layout.root else "the repository root"
    stdout().print(
        Text(
            f"added {clean_line(source.name)} (id {source.id}, git, {posts} files matching "
            f"{layout.glob} in {where}) to {session.paths.config_file}"
        )
    )
    return EXIT_OK
