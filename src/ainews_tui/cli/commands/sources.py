"""Managing sources: `add`, `sources`, `import-opml`, `export-opml`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.text import Text

from ...config import add_source
from ...feeds.entry import FeedError
from ...feeds.opml import OpmlError, read_opml, write_opml
from ...safe import clean_line
from ...session import Session
from .. import render
from ..console import stdout
from ..exit_codes import EXIT_OK, UserError


def run_add(session: Session, args: argparse.Namespace) -> int:
    location: str = args.location
    lowered = location.lower()
    if args.git or lowered.startswith("git+") or lowered.rstrip("/").endswith(".git"):
        from .add_git import add_git  # only `add` of a repository needs the git module

        return add_git(session, args)
    if args.branch:
        raise UserError("--branch is for git sources (add --git, or a URL ending in .git)")
    if args.glob and "://" in location:
        raise UserError("--glob is for folder and git sources; a feed has no files to choose")
    if "://" in location:
        if not lowered.startswith(("http://", "https://")):
            raise UserError(f"{location}: only http and https feed URLs are supported")
        return _add_feed(session, location, args.name)
    folder = Path(location).expanduser()
    if not folder.exists():
        raise UserError(f"{location}: no such folder")
    if not folder.is_dir():
        raise UserError(f"{location}: not a folder (give the folder that holds the posts)")
    source = add_source(
        session.paths.config_file,
        kind="dir",
        location=str(folder.resolve()),
        name=args.name,
        glob=args.glob,
    )
    stdout().print(
        Text(f"added {clean_line(source.name)} (id {source.id}) to {session.paths.config_file}")
    )
    return EXIT_OK


def _add_feed(session: Session, url: str, name: str | None) -> int:
    """Add a feed URL, or the feed a web page links to, once it has been read."""
    from ...feeds.discover import find_feed  # httpx and feedparser: only when adding a feed

    try:
        found = find_feed(url, session.settings.feeds)
    except FeedError as exc:
        raise UserError(f"cannot add {url}: {exc}") from None
    title = clean_line(found.feed.title or "")
    source = add_source(
        session.paths.config_file, kind="feed", location=found.url, name=name or title or None
    )
    console = stdout()
    console.print(
        Text(
            f"added {clean_line(source.name)} (id {source.id}, "
            f"{len(found.feed.entries)} entries) to {session.paths.config_file}"
        )
    )
    if found.url != url:
        console.print(Text(f"  feed found on the page: {clean_line(found.url)}"))
    for other in found.alternatives:
        console.print(Text(f"  the page also links to {clean_line(other)}"))
    return EXIT_OK


def run_import_opml(session: Session, args: argparse.Namespace) -> int:
    try:
        feeds = read_opml(Path(args.file).read_bytes())
    except OSError as exc:
        raise UserError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    except OpmlError as exc:
        raise UserError(f"{args.file}: {exc}") from None
    if not feeds:
        raise UserError(f"{args.file} lists no feed (no outline with an http xmlUrl)")
    known = {s.url for s in session.settings.sources if s.kind == "feed"}
    added = 0
    for feed in feeds:
        if feed.url in known:
            continue
        add_source(
            session.paths.config_file,
            kind="feed",
            location=feed.url,
            name=clean_line(feed.title or "") or None,
        )
        known.add(feed.url)
        added += 1
    stdout().print(
        Text(
            f"added {added} feeds from {args.file} "
            f"({len(feeds) - added} already sources); `ainews sync` fetches them"
        )
    )
    return EXIT_OK


def run_export_opml(session: Session, args: argparse.Namespace) -> int:
    text = write_opml(session.settings.sources)
    if args.file == "-":
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(args.file).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {args.file}: {exc.strerror or exc}") from None
    count = sum(1 for s in session.settings.sources if s.kind == "feed")
    stdout().print(Text(f"wrote {count} feeds to {args.file}"))
    return EXIT_OK


def run_sources(session: Session, args: argparse.Namespace) -> int:
    if args.names:
        # Called by shell completion at each tab: the config only, no database.
        for source in session.settings.sources:
            sys.stdout.write(f"{clean_line(source.id)}\t{clean_line(source.name)}\n")
        return EXIT_OK
    stats = session.library.source_stats()
    configured = {s.id for s in session.settings.sources}
    stats = [s for s in stats if s.id in configured]
    if args.json:
        render.dump_json(stdout(), render.sources_json(stats))
    else:
        stdout().print(render.sources_table(stats))
    return EXIT_OK
