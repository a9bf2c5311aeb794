"""`ainews add` of a git repository: clone it, find its posts, then write the source."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from ...config_edit import add_source
from ...git.checkout import Layout, checkout_folder, clone, detect_layout, remote_url
from ...git.run import GitError, git_command
from ...ingest.scan import scan_folder
from ...model import SourceConfig
from ...safe import clean_line
from ...session import Session
from ..exit_codes import EXIT_OK, UserError
from ..messages import t
from ..output import progress_stream, say
from ..source_checks import refuse_taken


def git_location(location: str, explicit: bool) -> str:
    """The repository as the config keeps it: `git+` dropped, a local path made absolute."""
    url = location[4:] if location.lower().startswith("git+") else location
    try:
        remote_url(url)
    except GitError:
        scheme = url.split("://", 1)[0]
        raise UserError(t("cli.add.git_scheme", location=location, scheme=scheme)) from None
    if "://" in url or "@" in url.split("/", 1)[0]:
        return url
    folder = Path(url).expanduser()
    if not folder.is_dir():
        implied = not explicit and url.rstrip("/").lower().endswith(".git")
        raise UserError(
            t("cli.add.no_repo_implied" if implied else "cli.add.no_repo", location=location)
        )
    return str(folder.resolve())


def add_git(session: Session, args: argparse.Namespace, existing: list[SourceConfig]) -> int:
    """Add the repository `args.location`; `existing` are the user's sources (not the
    bundled samples), which it must not repeat."""
    try:
        git_command()
    except GitError as exc:
        raise UserError(str(exc)) from None
    url = git_location(args.location, args.git)
    refuse_taken(existing, url, args.id)  # before a clone that would be thrown away
    git_dir = session.paths.git_dir
    git_dir.mkdir(parents=True, exist_ok=True)
    # Cloned before the source is written, so a repository that cannot be read never
    # becomes a source; it moves to its final folder once the source has its id.
    staging = Path(tempfile.mkdtemp(prefix=".adding.", dir=git_dir))
    try:
        probe = SourceConfig(id="", name=url, kind="git", url=url, branch=args.branch)
        say(t("cli.add.cloning", url=clean_line(url)), to=progress_stream())
        try:
            clone(probe, staging / "repo", session.settings.git)
        except GitError as exc:
            raise UserError(t("cli.add.feed_failed", url=url, reason=exc)) from None
        layout = Layout("", args.glob) if args.glob else detect_layout(staging / "repo")
        source = add_source(
            session.paths.config_file,
            kind="git",
            location=url,
            name=args.name,
            glob=layout.glob,
            source_id=args.id,
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
    say(
        t(
            "cli.added.git",
            name=clean_line(source.name),
            id=source.id,
            posts=posts,
            glob=layout.glob,
            where=f"{layout.root}/" if layout.root else t("cli.added.git_root"),
            config=session.paths.config_file,
        )
    )
    return EXIT_OK
