"""`ainews list` and `ainews search`: posts and items as tables or JSON."""

from __future__ import annotations

import argparse
from datetime import date

from ...ingest.running import sync_running, wait_while_running
from ...model import ListFilter
from ...search.query import QueryError
from ...session import Session
from .. import render
from ..exit_codes import EXIT_OK, UserError
from ..first_use import sync_if_new
from ..keys import source_named
from ..messages import t
from ..output import dump_json, notice, print_listing


def _filter_from(session: Session, args: argparse.Namespace) -> ListFilter:
    source_id = source_named(session, args.source).id if args.source else None
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
        raise UserError(t("cli.not_date", flag=flag, text=repr(text))) from None


def run_list(session: Session, args: argparse.Namespace) -> int:
    flt = _filter_from(session, args)
    sync_if_new(session)
    library = session.library
    zone = session.settings.tz()
    if args.items or args.unique:
        items = library.list_items(flt, limit=args.limit)
        if args.json:
            dump_json([render.item_json(r) for r in items])
        else:
            print_listing(render.items_listing(items, zone))
        found = bool(items)
    else:
        posts = library.list_posts(flt, limit=args.limit)
        if args.json:
            dump_json([render.post_json(r) for r in posts])
        else:
            print_listing(render.posts_listing(posts, zone))
        found = bool(posts)
    if not found and not args.json:
        # Exit 0 (an empty list is an answer), with a sentence on stderr so piped output
        # stays data; a category no post has is most likely a typo, so it says that.
        if args.category is not None and not library.has_category(args.category):
            notice(t("cli.no_category", category=repr(args.category)))
        else:
            notice(t("cli.no_match.items" if args.items else "cli.no_match.posts"))
    return EXIT_OK


def run_search(session: Session, args: argparse.Namespace) -> int:
    sync_if_new(session)
    library = session.library
    _index_ready(session)
    try:
        results = library.search(" ".join(args.query), limit=args.limit, posts=args.posts)
    except QueryError as exc:
        raise UserError(str(exc).rstrip(".")) from None
    if not results.keys and not args.json:
        notice(t("cli.no_match.posts" if args.posts else "cli.no_match.items"))
        return EXIT_OK
    zone = session.settings.tz()
    if args.posts:
        posts = [row for row in map(library.get_post, results.keys) if row]
        if args.json:
            dump_json([render.post_json(r) for r in posts])
        else:
            print_listing(render.posts_listing(posts, zone))
    else:
        items = [row for row in map(library.get_item, results.keys) if row]
        if args.json:
            dump_json([render.item_json(r) for r in items])
        else:
            print_listing(render.items_listing(items, zone))
    return EXIT_OK


def _index_ready(session: Session) -> None:
    """While a sync builds the search index, wait for it (saying so once); an index a
    killed sync left incomplete is searched as it is, with one sentence saying how far
    it is. Either way on stderr, so piped results stay data."""
    library, data_dir = session.library, session.paths.data_dir
    progress = library.index_progress()
    if progress.complete:
        return
    if sync_running(data_dir):
        notice(t("cli.search.waiting", percent=progress.percent))
        progress = wait_while_running(data_dir, library.index_progress, lambda p: p.complete)
    if not progress.complete:
        notice(t("cli.search.incomplete", percent=progress.percent))
