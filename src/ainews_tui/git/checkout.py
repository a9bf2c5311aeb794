"""Clone a git source into the data dir and bring it up to date, never losing the
checkout already there.

A clone goes into a temporary folder beside its final place and is renamed into place
only once complete. A pull fetches into the existing repository (git writes objects
and refs atomically) and moves the files only after the fetch succeeded, with a hard
reset to the fetched commit, which also follows a force-pushed history.
"""

from __future__ import annotations

import fcntl
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..config import GitSettings
from ..model import SourceConfig
from ..paths import source_folder
from .run import GitError, check_size, run_git, tree_size

CONTENT_ROOTS = ("content", "source/_posts", "_posts", "docs")
"""Where blog generators keep posts: Hugo, Hexo, Jekyll, documentation sites; the
first one present in a checkout is its content root, else the repository root."""

_SCP_LIKE = re.compile(r"^[\w.-]+@[\w.-]+:(?!//)")
_SCHEMES = ("https://", "http://", "ssh://", "git://", "file://")


@dataclass(frozen=True)
class Layout:
    root: str
    """Folder of the posts, relative to the repository ('' = the repository root)."""
    glob: str


def checkout_folder(git_dir: Path, source: SourceConfig) -> Path:
    """Where a git source's checkout lives: one folder per stable source id."""
    return source_folder(git_dir, source.id)


def remote_url(location: str) -> str:
    """The URL git is given: a local path becomes a file:// URL, because git ignores
    --depth for plain paths and would copy the whole history."""
    if location.startswith(_SCHEMES) or _SCP_LIKE.match(location):
        return location
    if "://" in location:
        scheme = location.split("://", 1)[0]
        raise GitError(f"{scheme}:// is not a git transport ainews uses (https, ssh, git, file)")
    return Path(location).expanduser().resolve().as_uri()


def clone(source: SourceConfig, destination: Path, settings: GitSettings) -> None:
    """Clone `source` (shallow, one branch) to `destination`, replacing what is there
    only after the new clone is complete."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", dir=destination.parent))
    try:
        branch = ["--branch", source.branch] if source.branch else []
        run_git(
            [
                "clone",
                "--quiet",
                "--depth=1",
                "--single-branch",
                "--no-tags",
                "--no-checkout",
                "--config=core.logAllRefUpdates=false",
                *branch,
                "--",
                remote_url(source.url or ""),
                str(staging / "repo"),
            ],
            settings,
            watch=staging,
        )
        _check_files_fit(staging / "repo", "HEAD", settings)
        run_git(["reset", "--quiet", "--hard", "HEAD"], settings, cwd=staging / "repo")
        if destination.exists():
            old = destination.with_name(f".{destination.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            destination.rename(old)
            (staging / "repo").rename(destination)
            shutil.rmtree(old, ignore_errors=True)
        else:
            (staging / "repo").rename(destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def pull(source: SourceConfig, checkout: Path, settings: GitSettings) -> None:
    """Fetch the branch (or the server's default branch) and reset the files to it."""
    ref = f"refs/heads/{source.branch}" if source.branch else "HEAD"
    try:
        run_git(
            ["fetch", "--quiet", "--depth=1", "--no-tags", "--", remote_url(source.url or ""), ref],
            settings,
            cwd=checkout,
            watch=checkout,
        )
    except GitError:
        # Objects of a fetch stopped midway (or over the size cap) are unreferenced:
        # drop them so a refused pull does not keep the disk it was refused for.
        _drop_unreferenced(checkout, settings)
        raise
    head, fetched = run_git(["rev-parse", "HEAD", "FETCH_HEAD"], settings, cwd=checkout).split()
    if head == fetched:
        # Nothing new (the usual sync): the files are already that commit's.
        return
    try:
        _check_files_fit(checkout, "FETCH_HEAD", settings)
    except GitError:
        _drop_unreferenced(checkout, settings)
        raise
    run_git(["reset", "--quiet", "--hard", "FETCH_HEAD"], settings, cwd=checkout)
    run_git(["clean", "--quiet", "-ffdx"], settings, cwd=checkout)


def _check_files_fit(repo: Path, revision: str, settings: GitSettings) -> None:
    """Refuse a commit whose files would take the checkout past the size limit, before
    they are written: a pack compresses well, so a small download can hold gigabytes."""
    listing = run_git(["ls-tree", "-r", "-l", "--full-tree", revision], settings, cwd=repo)
    files = 0
    for line in listing.splitlines():
        # "<mode> <type> <object> <size>\t<path>"; a submodule's size is "-".
        fields = line.partition("\t")[0].split()
        if len(fields) == 4 and fields[3].isdigit():
            files += int(fields[3])
    check_size(tree_size(repo / ".git") + files, settings)


def _drop_unreferenced(checkout: Path, settings: GitSettings) -> None:
    for leftover in (checkout / ".git" / "objects" / "pack").glob("tmp_*"):
        leftover.unlink(missing_ok=True)
    (checkout / ".git" / "FETCH_HEAD").unlink(missing_ok=True)
    try:
        run_git(["gc", "--quiet", "--prune=now"], settings, cwd=checkout)
    except GitError:
        return


def update(source: SourceConfig, checkout: Path, settings: GitSettings) -> None:
    """Pull an existing checkout, or clone one when there is none yet.

    Two processes (the reader's refresh and a cron `ainews sync`) take turns: the
    second waits for the first (bounded by its time limit) and then finds little to do.
    """
    checkout.parent.mkdir(parents=True, exist_ok=True)
    with open(checkout.with_name(f".{checkout.name}.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (checkout / ".git").is_dir():
            # Holding the lock, nobody else runs git here: a lock file left behind is
            # from a process killed midway, and would block every later pull.
            for stale in (checkout / ".git").glob("*.lock"):
                stale.unlink(missing_ok=True)
            pull(source, checkout, settings)
        else:
            clone(source, checkout, settings)


def detect_layout(checkout: Path) -> Layout:
    """The content root and glob of a checked-out blog."""
    for root in CONTENT_ROOTS:
        folder = checkout / root
        if folder.is_dir() and not folder.is_symlink() and _has_posts(folder, "*.md"):
            return Layout(root, "**/*.md")
    for root in CONTENT_ROOTS:
        # Jekyll also accepts .markdown.
        if (checkout / root).is_dir() and _has_posts(checkout / root, "*.markdown"):
            return Layout(root, "**/*.markdown")
    return Layout("", "**/*.md")


def _has_posts(folder: Path, pattern: str) -> bool:
    return next(folder.rglob(pattern), None) is not None


def content_folder(checkout: Path, source: SourceConfig) -> Path:
    """The folder a synced git source is read from; a root outside the checkout
    (`../..` set by hand) is refused."""
    folder = (checkout / source.root).resolve() if source.root else checkout
    if source.root and not folder.is_relative_to(checkout.resolve()):
        raise GitError(f"root {source.root!r} is outside the repository")
    return folder
