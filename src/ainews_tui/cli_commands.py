"""What each `ainews` subcommand does. No Textual here except behind the reader command."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.markdown import Markdown
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.text import Text

from . import cli_render as render
from .cli import EXIT_OK, EXIT_SOURCE_FAILED, UserError
from .config import INIT_TEMPLATE, add_source, sample_source
from .feeds.entry import FeedError
from .feeds.opml import OpmlError, read_opml, write_opml
from .ingest.sync import rebuild_library
from .model import ListFilter, SyncReport
from .paths import AppPaths
from .safe import clean_line, clean_text, is_web_url
from .search import QueryError, search
from .session import Session
from .store.db import StoreError
from .store.library import discard_if_damaged

Command = Callable[[Session, argparse.Namespace], int]

# SQLite's codes for a damaged file ("database is locked" or "busy" are not among them).
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def run_command(args: argparse.Namespace) -> int:
    """Run a subcommand; a library.db found damaged midway is set aside and the
    command runs once more on a fresh one (the library is only an index)."""
    try:
        return _run_once(args)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) not in _DAMAGED:
            raise
        paths = AppPaths.resolve(getattr(args, "config", None), getattr(args, "data_dir", None))
        reason = discard_if_damaged(paths.library_db)
        if reason is None:
            raise StoreError(f"a database in {paths.data_dir} is damaged ({exc})") from None
        _notice(reason)
        return _run_once(args)


def _run_once(args: argparse.Namespace) -> int:
    session = Session.load(getattr(args, "config", None), getattr(args, "data_dir", None))
    session.on_notice = _notice
    try:
        handler = _COMMANDS.get(args.command or "", _reader)
        return handler(session, args)
    finally:
        session.close()


def _stdout() -> Console:
    # soft_wrap: piped output keeps one record per line instead of wrapping at 80 columns.
    # Tables get room when piped; a terminal sets its own width.
    return Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _notice(message: str) -> None:
    _stderr().print(Text(f"ainews: {clean_line(message)}"))


def _reader(session: Session, args: argparse.Namespace) -> int:
    """`ainews` alone opens the reader (the only place Textual is imported)."""
    # Open the databases here first so a damaged state.db is one clear sentence, not a
    # traceback inside the full-screen app; the app opens its own connections.
    session.library  # noqa: B018
    session.close()
    from .tui.app import make_app

    make_app(session.settings, session.paths, language=getattr(args, "lang", None)).run()
    return EXIT_OK


@contextmanager
def _progress(console: Console) -> Iterator[Callable[[str, int, int], None]]:
    """A live bar on a terminal; plain lines (one per source) when piped or in cron."""
    if console.is_terminal:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=True,
        ) as bar:
            tasks: dict[str, TaskID] = {}

            def update(name: str, done: int, total: int) -> None:
                if name not in tasks:
                    tasks[name] = bar.add_task(clean_line(name), total=total or 1)
                bar.update(tasks[name], completed=done if total else 1, total=total or 1)

            yield update
        return
    announced: set[str] = set()

    def plain(name: str, done: int, total: int) -> None:
        if name not in announced:
            announced.add(name)
            # Feeds announce themselves when their download starts, before the number
            # of files to read is known, so the line names the source only.
            console.print(Text(f"syncing {clean_line(name)}"))

    yield plain


def _run_sync(session: Session, console: Console) -> SyncReport:
    with _progress(console) as progress:
        return session.sync(progress)


def _auto_sync(session: Session) -> None:
    """First use (or a source just added): sync quietly so the command has something."""
    if session.needs_sync():
        report = session.sync()
        for name, reason in report.failed_sources.items():
            _stderr().print(Text(f"ainews: source {clean_line(name)} failed: {clean_line(reason)}"))


def _sync(session: Session, args: argparse.Namespace) -> int:
    console = _stderr() if not sys.stdout.isatty() else _stdout()
    report = _run_sync(session, console)
    render.print_summary(_stdout(), report)
    return EXIT_OK if report.ok else EXIT_SOURCE_FAILED


def _add(session: Session, args: argparse.Namespace) -> int:
    location: str = args.location
    lowered = location.lower()
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
        session.paths.config_file, kind="dir", location=str(folder.resolve()), name=args.name
    )
    _stdout().print(
        Text(f"added {clean_line(source.name)} (id {source.id}) to {session.paths.config_file}")
    )
    return EXIT_OK


def _add_feed(session: Session, url: str, name: str | None) -> int:
    """Add a feed URL, or the feed a web page links to, once it has been read."""
    from .feeds.discover import find_feed  # httpx and feedparser: only when adding a feed

    try:
        found = find_feed(url, session.settings.feeds)
    except FeedError as exc:
        raise UserError(f"cannot add {url}: {exc}") from None
    title = clean_line(found.feed.title or "")
    source = add_source(
        session.paths.config_file, kind="feed", location=found.url, name=name or title or None
    )
    console = _stdout()
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


def _import_opml(session: Session, args: argparse.Namespace) -> int:
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
    _stdout().print(
        Text(
            f"added {added} feeds from {args.file} "
            f"({len(feeds) - added} already sources); `ainews sync` fetches them"
        )
    )
    return EXIT_OK


def _export_opml(session: Session, args: argparse.Namespace) -> int:
    text = write_opml(session.settings.sources)
    if args.file == "-":
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(args.file).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {args.file}: {exc.strerror or exc}") from None
    count = sum(1 for s in session.settings.sources if s.kind == "feed")
    _stdout().print(Text(f"wrote {count} feeds to {args.file}"))
    return EXIT_OK


def _sources(session: Session, args: argparse.Namespace) -> int:
    stats = session.library.source_stats()
    configured = {s.id for s in session.settings.sources}
    stats = [s for s in stats if s.id in configured]
    if args.json:
        render.dump_json(_stdout(), render.sources_json(stats))
    else:
        _stdout().print(render.sources_table(stats))
    return EXIT_OK


def _filter_from(session: Session, args: argparse.Namespace) -> ListFilter:
    source_id = None
    if args.source:
        match = [s for s in session.settings.sources if args.source in (s.id, s.name)]
        if not match:
            raise UserError(f"no source named {args.source!r} (see `ainews sources`)")
        source_id = match[0].id
    return ListFilter(
        unread_only=args.unread,
        starred_only=args.starred,
        category=args.category,
        source_id=source_id,
        since=_day(args.since, "--since"),
        until=_day(args.until, "--until"),
    )


def _day(text: str | None, flag: str) -> str | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise UserError(f"{flag} {text!r} is not a date like 2025-12-02") from None


def _list(session: Session, args: argparse.Namespace) -> int:
    flt = _filter_from(session, args)
    _auto_sync(session)
    library = session.library
    console = _stdout()
    if args.items:
        items = library.list_items(flt, limit=args.limit)
        if args.json:
            render.dump_json(console, [render.item_json(r) for r in items])
        else:
            console.print(render.items_table(items))
    else:
        posts = library.list_posts(flt, limit=args.limit)
        if args.json:
            render.dump_json(console, [render.post_json(r) for r in posts])
        else:
            console.print(render.posts_table(posts))
    return EXIT_OK


def _search(session: Session, args: argparse.Namespace) -> int:
    _auto_sync(session)
    library = session.library
    try:
        results = search(library, " ".join(args.query), limit=args.limit, posts=args.posts)
    except QueryError as exc:
        raise UserError(str(exc).rstrip(".")) from None
    console = _stdout()
    if not results.keys and not args.json:
        console.print(Text(f"no {'posts' if args.posts else 'items'} match"))
        return EXIT_OK
    if args.posts:
        posts = [row for row in map(library.get_post, results.keys) if row]
        if args.json:
            render.dump_json(console, [render.post_json(r) for r in posts])
        else:
            console.print(render.posts_table(posts))
    else:
        items = [row for row in map(library.get_item, results.keys) if row]
        if args.json:
            render.dump_json(console, [render.item_json(r) for r in items])
        else:
            console.print(render.items_table(items))
    return EXIT_OK


def _resolve(session: Session, key: str) -> str:
    kind = session.library.kind_of(key)
    if kind is None:
        raise UserError(f"no post or item has the key {key!r} (see `ainews list --items`)")
    return kind


def _show(session: Session, args: argparse.Namespace) -> int:
    _auto_sync(session)
    library = session.library
    kind = _resolve(session, args.key)
    item = library.get_item(args.key) if kind == "item" else None
    post_key = item.post_key if item else args.key
    post = library.get_post(post_key)
    body = library.post_body(post_key) or ""
    assert post is not None  # _resolve found it
    console = _stdout()
    console.print(Text(clean_line(post.title), style="bold"))
    meta = [render.iso(post.date) or "undated", ", ".join(post.categories), post.url or ""]
    console.print(Text(clean_line(" · ".join(m for m in meta if m)), style="dim"))
    console.rule()
    text = clean_text(body)
    # rich's Markdown treats text as Markdown, never as rich markup; links stay text
    # unless they are web links. What it cannot show whole and fast goes out as text.
    console.print(Markdown(text, hyperlinks=False) if _formattable(text) else Text(text))
    return EXIT_OK


_MAX_FORMATTED_LINE = 20_000
_MAX_QUOTE_DEPTH = 16
_MAX_LIST_INDENT = 16


def _formattable(body: str) -> bool:
    """Whether rich's Markdown shows this body whole and quickly. Its parser drops the
    rest of a post past about ten nested lists or twenty nested quotes, and it takes
    seconds for each megabyte-long line."""
    for line in body.split("\n"):
        if len(line) > _MAX_FORMATTED_LINE:
            return False
        content = line.lstrip(" \t>")
        prefix = line[: len(line) - len(content)]
        if prefix.count(">") > _MAX_QUOTE_DEPTH:
            return False
        marker = content[:1]
        if len(prefix) > _MAX_LIST_INDENT and (marker in ("-", "*", "+") or marker.isdigit()):
            return False
    return True


def _open(session: Session, args: argparse.Namespace) -> int:
    _auto_sync(session)
    kind = _resolve(session, args.key)
    row = session.library.get_item(args.key) if kind == "item" else None
    url = row.url if row else _post_url(session, args.key)
    if not url:
        raise UserError(f"{args.key} has no link to open")
    if not is_web_url(url):
        raise UserError(f"refusing to open {clean_line(url)!r}: only http and https links open")
    webbrowser.open(url)
    _stdout().print(Text(f"opened {clean_line(url)}"))
    return EXIT_OK


def _post_url(session: Session, key: str) -> str | None:
    post = session.library.get_post(key)
    return post.url if post else None


def _mark(session: Session, args: argparse.Namespace) -> int:
    _auto_sync(session)
    keys: list[str] = []
    for key in args.keys:
        kind = _resolve(session, key)
        keys.append(key)
        if kind == "post" and args.flag in ("read", "unread"):
            keys.extend(session.library.item_keys_of(key))
    state = session.state
    if args.flag in ("read", "unread"):
        state.set_read(keys, args.flag == "read")
    else:
        state.set_starred(keys, args.flag == "star")
    _stdout().print(Text(f"marked {len(args.keys)} as {args.flag}"))
    return EXIT_OK


def _export_state(session: Session, args: argparse.Namespace) -> int:
    text = session.state.export_json()
    if args.file == "-":
        sys.stdout.write(text + "\n")
    else:
        try:
            Path(args.file).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise UserError(f"cannot write {args.file}: {exc.strerror or exc}") from None
    return EXIT_OK


def _import_state(session: Session, args: argparse.Namespace) -> int:
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read {args.file}: {exc}") from None
    try:
        changed = session.state.import_json(text)
    except ValueError as exc:
        raise UserError(f"{args.file}: {exc}") from None
    _stdout().print(Text(f"merged {changed} changed entries from {args.file}"))
    return EXIT_OK


def _rebuild(session: Session, args: argparse.Namespace) -> int:
    rebuild_library(session.library)
    console = _stderr() if not sys.stdout.isatty() else _stdout()
    report = _run_sync(session, console)
    render.print_summary(_stdout(), report)
    return EXIT_OK if report.ok else EXIT_SOURCE_FAILED


def _config(session: Session, args: argparse.Namespace) -> int:
    path = session.paths.config_file
    console = _stdout()
    if args.path:
        console.print(Text(str(path)))
        return EXIT_OK
    if args.init:
        if path.exists():
            raise UserError(f"{path} already exists; edit it or remove it first")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(INIT_TEMPLATE.format(sample=sample_source().path), encoding="utf-8")
        console.print(Text(f"wrote {path}"))
        return EXIT_OK
    origin = str(path) if session.settings.from_file else f"{path} (absent: defaults)"
    console.print(Text(f"config: {origin}\ndata:   {session.paths.data_dir}"))
    for s in session.settings.sources:
        console.print(
            Text(f"source {s.id}: {clean_line(s.name)} [{s.kind}] {clean_line(s.location)}")
        )
    return EXIT_OK


_COMMANDS: dict[str, Command] = {
    "sync": _sync,
    "add": _add,
    "sources": _sources,
    "list": _list,
    "search": _search,
    "show": _show,
    "open": _open,
    "mark": _mark,
    "export-state": _export_state,
    "import-state": _import_state,
    "import-opml": _import_opml,
    "export-opml": _export_opml,
    "rebuild": _rebuild,
    "config": _config,
}
