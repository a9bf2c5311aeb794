"""`ainews list` and `ainews search`: posts and items as tables or JSON."""

from __future__ import annotations

import argparse
from datetime import date

from rich.text import Text

from ...model import ListFilter
from ...search import QueryError
from ...session import Session
from .. import render
from ..console import stdout
from ..exit_codes import EXIT_OK, UserError
from ..first_use import sync_if_new


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
        since=day_option(args.since, "--since"),
        until=day_option(args.until, "--until"),
        unique_stories=args.unique,
    )


def day_option(text: str | None, flag: str) -> str | None:
    """A `--since`/`--until` value as `YYYY-MM-DD`."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise UserError(f"{flag} {text!r} is not a date like 2025-12-02") from None


def run_list(session: Session, args: argparse.Namespace) -> int:
    flt = _filter_from(session, args)
    sync_if_new(session)
    library = session.library
    console = stdout()
    if args.items or args.unique:
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


def run_search(session: Session, args: argparse.Namespace) -> int:
    sync_if_new(session)
    library = session.library
    try:
        results = library.search(" ".join(args.query), limit=args.limit, posts=args.posts)
    except QueryError as exc:
        raise UserError(str(exc).rstrip(".")) from None
    console = stdout()
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
