"""Managing sources: `add`, `sources`, `import-opml`, `export-opml`."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from ...config import sample_source
from ...config_edit import add_source
from ...feeds.entry import FeedError
from ...feeds.opml import OpmlError, read_opml, write_opml
from ...ingest.scan import scan_folder
from ...model import SourceConfig, SourceKind
from ...safe import clean_line
from ...session import Session
from ...store.rows import SourceStats
from .. import render
from ..exit_codes import EXIT_OK, UserError
from ..messages import t
from ..output import dump_json, notice, print_listing, say, write_output
from ..source_checks import refuse_taken


def run_add(session: Session, args: argparse.Namespace) -> int:
    location: str = args.location
    if not location.strip():
        # Path("") is the current folder: an empty argument (an unset shell variable)
        # must not quietly add whatever folder the command ran in.
        raise UserError(t("cli.add.empty"))
    lowered = location.lower()
    if args.git or lowered.startswith("git+") or lowered.rstrip("/").endswith(".git"):
        from .add_git import add_git  # only `add` of a repository needs the git module

        return add_git(session, args, own_sources(session))
    if args.branch:
        raise UserError(t("cli.add.branch_not_git"))
    if args.glob is not None and "://" in location:
        raise UserError(t("cli.add.glob_feed"))
    if "://" in location:
        if not lowered.startswith(("http://", "https://")):
            raise UserError(t("cli.add.scheme", location=location))
        return _add_feed(session, location, args.name, args.id)
    folder = Path(location).expanduser()
    if not folder.exists():
        raise UserError(t("cli.add.no_folder", location=location))
    if not folder.is_dir():
        raise UserError(t("cli.add.not_folder", location=location))
    folder = folder.resolve()
    refuse_overlap(session, folder)
    source = _added(
        session,
        kind="dir",
        location=str(folder),
        name=args.name,
        glob=args.glob or "**/*.md",
        source_id=args.id,
    )
    say(_added_line("cli.added", session, source))
    if not scan_folder(folder, source.glob).files:
        notice(t("cli.added.no_markdown", folder=clean_line(str(folder)), glob=source.glob))
    return EXIT_OK


def refuse_overlap(session: Session, folder: Path) -> None:
    """A folder that is a source already, or lies inside or around one, would read the
    same files twice (every story doubled): refuse it, naming that source."""
    for s in own_sources(session):
        if s.kind != "dir" or not s.path:
            continue
        other = Path(s.path).expanduser().resolve()
        message = (
            "cli.add.same"
            if folder == other
            else "cli.add.inside"
            if folder.is_relative_to(other)
            else "cli.add.around"
            if other.is_relative_to(folder)
            else None
        )
        if message:
            raise UserError(
                t(
                    message,
                    folder=clean_line(str(folder)),
                    name=clean_line(s.name),
                    id=s.id,
                    path=clean_line(str(other)),
                )
            )


def own_sources(session: Session) -> list[SourceConfig]:
    """The configured sources, without the bundled samples standing in for none."""
    return [s for s in session.settings.sources if s != sample_source()]


def _added(
    session: Session,
    *,
    kind: SourceKind,
    location: str,
    name: str | None,
    glob: str = "**/*.md",
    source_id: str | None = None,
) -> SourceConfig:
    refuse_taken(own_sources(session), location, source_id)
    return add_source(
        session.paths.config_file,
        kind=kind,
        location=location,
        name=name,
        glob=glob,
        source_id=source_id,
    )


def _added_line(message_id: str, session: Session, source: SourceConfig, **values: object) -> str:
    return t(
        message_id,
        name=clean_line(source.name),
        id=source.id,
        config=session.paths.config_file,
        **values,
    )


def _add_feed(session: Session, url: str, name: str | None, source_id: str | None) -> int:
    """Add a feed URL, or the feed a web page links to, once it has been read."""
    from ...feeds.discover import find_feed  # httpx and feedparser: only when adding a feed

    try:
        found = find_feed(url, session.settings.feeds)
    except FeedError as exc:
        raise UserError(t("cli.add.feed_failed", url=url, reason=exc)) from None
    title = clean_line(found.feed.title or "")
    source = _added(
        session, kind="feed", location=found.url, name=name or title or None, source_id=source_id
    )
    say(_added_line("cli.added.feed", session, source, entries=len(found.feed.entries)))
    if found.url != url:
        say(t("cli.added.found", url=clean_line(found.url)))
    for other in found.alternatives:
        say(t("cli.added.also", url=clean_line(other)))
    return EXIT_OK


def run_import_opml(session: Session, args: argparse.Namespace) -> int:
    try:
        feeds = read_opml(Path(args.file).read_bytes())
    except OSError as exc:
        raise UserError(t("cli.cannot_read", file=args.file, reason=exc.strerror or exc)) from None
    except OpmlError as exc:
        raise UserError(t("cli.opml.bad", file=args.file, reason=exc)) from None
    if not feeds:
        raise UserError(t("cli.opml.empty", file=args.file))
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
    say(t("cli.opml.added", added=added, file=args.file, known=len(feeds) - added))
    return EXIT_OK


def run_export_opml(session: Session, args: argparse.Namespace) -> int:
    if write_output(args.file, write_opml(session.settings.sources)):
        count = sum(1 for s in session.settings.sources if s.kind == "feed")
        say(t("cli.opml.wrote", count=count, file=args.file))
    return EXIT_OK


def run_sources(session: Session, args: argparse.Namespace) -> int:
    if args.names:
        # Called by shell completion at each tab: the config only, no database.
        for source in session.settings.sources:
            sys.stdout.write(f"{clean_line(source.id)}\t{clean_line(source.name)}\n")
        return EXIT_OK
    # Every configured source, in config order; one added but not yet synced shows
    # with no posts and "never".
    synced = {s.id: s for s in session.library.source_stats()}
    stats = [
        replace(synced[s.id], name=s.name, location=s.location)
        if s.id in synced
        else SourceStats(s.id, s.name, s.kind, s.location, 0, 0, None, None)
        for s in session.settings.sources
    ]
    if args.json:
        dump_json(render.sources_json(stats))
    else:
        print_listing(render.sources_listing(stats, session.settings.tz()))
    return EXIT_OK
