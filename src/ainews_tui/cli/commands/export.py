"""`ainews export roundup`: your own digest of the stories you read, starred or missed."""

from __future__ import annotations

import argparse
from datetime import datetime

from ...model import ListFilter
from ...session import Session
from ...stories.roundup import collect, default_title, to_html, to_markdown
from ..exit_codes import EXIT_OK, UserError
from ..first_use import sync_if_new
from ..messages import t
from ..output import say, write_output
from .listing import day_option


def run_export(session: Session, args: argparse.Namespace) -> int:
    sync_if_new(session)
    flt = ListFilter(
        unread_only=args.unread,
        starred_only=args.starred,
        since=day_option(args.since, "--since"),
        until=day_option(args.until, "--until"),
    )
    stories = collect(session.library, flt)
    if not stories:
        raise UserError(t("cli.roundup.empty"))
    title = args.title or default_title(stories)
    text = to_markdown(stories, title=title, now=datetime.now().astimezone())
    if args.format == "html":
        text = to_html(text, title=title)
    if write_output(args.file, text):
        say(t("cli.roundup.wrote", count=len(stories), file=args.file))
    return EXIT_OK
