"""Walk a source folder: every file matching the glob, with size and mtime, loops refused."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG


@dataclass(frozen=True)
class FoundFile:
    relpath: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class ScanResult:
    files: list[FoundFile]
    skipped: list[tuple[str, str]]
    """(relpath, reason) for entries that could not be looked at."""
    unlisted: list[str] = field(default_factory=list)
    """Prefixes (`a/b/`) of folders that could not be listed: what was read from them
    before is still there, only unseen. (An unlistable root raises OSError.)"""


@lru_cache(maxsize=32)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """Translate a glob with `**` into a regex over POSIX relative paths.

    `**/` matches zero or more folders, so `**/*.md` also matches `a.md` at the root.
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z", re.IGNORECASE)


def scan_folder(root: Path, pattern: str) -> ScanResult:
    """Files under `root` whose relative path matches `pattern`; raises OSError when
    `root` itself cannot be listed.

    Symlinked folders are followed once; a link back into a folder already being walked
    is reported as a loop rather than walked forever, and a folder reached again through
    another link is not read twice. Real folders are walked before linked ones, so a
    folder is always read (and its posts keyed) by its real path when it has one.
    Hidden folders (`.git`) are skipped.
    """
    matcher = glob_regex(pattern)
    files: list[FoundFile] = []
    skipped: list[tuple[str, str]] = []
    unlisted: list[str] = []
    root_stat = root.stat()
    stack: list[tuple[str, str, tuple[tuple[int, int], ...]]] = [
        (str(root), "", ((root_stat.st_dev, root_stat.st_ino),))
    ]
    linked: list[tuple[str, str, tuple[tuple[int, int], ...]]] = []
    visited: set[tuple[int, int]] = set()
    while stack or linked:
        folder, prefix, ancestors = stack.pop() if stack else linked.pop()
        if ancestors[-1] in visited:
            skipped.append((prefix.rstrip("/"), "same folder as one already read (a link)"))
            continue
        visited.add(ancestors[-1])
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            if not prefix:
                raise  # the source's own folder: the whole source cannot be read
            skipped.append((prefix.rstrip("/"), f"cannot list folder: {exc.strerror or exc}"))
            unlisted.append(prefix)
            continue
        for entry in entries:
            relpath = prefix + entry.name
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
                stat = entry.stat() if is_dir or matcher.match(relpath) else None
            except OSError as exc:
                if matcher.match(relpath):
                    skipped.append((relpath, _os_reason(entry, exc)))
                continue
            if stat is not None and not _is_utf8(entry.name):
                # Keys, SQLite and the terminal all need text, which such a name is not.
                shown = relpath.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                skipped.append((shown, "name is not valid UTF-8; rename it to read it"))
                continue
            if is_dir and stat is not None:
                ident = (stat.st_dev, stat.st_ino)
                if ident in ancestors:
                    skipped.append((relpath, "symlink loop (folder links back to itself)"))
                    continue
                queue = linked if entry.is_symlink() else stack
                queue.append((entry.path, relpath + "/", (*ancestors, ident)))
            elif stat is not None and not S_ISREG(stat.st_mode):
                # Reading a FIFO blocks for ever and /dev/zero never ends.
                skipped.append((relpath, "not a regular file (a pipe, socket or device)"))
            elif stat is not None:
                files.append(FoundFile(relpath, stat.st_size, stat.st_mtime_ns))
    files.sort(key=lambda f: f.relpath)
    return ScanResult(files, skipped, unlisted)


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _os_reason(entry: os.DirEntry[str], exc: OSError) -> str:
    if entry.is_symlink():
        return "broken or looping symlink"
    return f"cannot read: {exc.strerror or exc}"
