"""`ainews open`: one post or item in the browser. Apart from `show`, so it never
imports rich and its Markdown to print one line."""

from __future__ import annotations

import argparse
import webbrowser

from ...safe import clean_line, is_web_url
from ...session import Session
from ..exit_codes import EXIT_OK, EXIT_SOURCE_FAILED
from ..first_use import sync_if_new
from ..keys import resolve_key
from ..messages import t
from ..output import notice, say


def run_open(session: Session, args: argparse.Namespace) -> int:
    sync_if_new(session)
    key, kind = resolve_key(session, args.key)
    row = session.library.get_item(key) if kind == "item" else None
    url = row.url if row else _post_url(session, key)
    # Exit 1, not 2: the key was right, there is just nothing to act on.
    if not url:
        notice(t("cli.no_link", key=clean_line(args.key)))
        return EXIT_SOURCE_FAILED
    if not is_web_url(url):
        notice(t("cli.not_web", url=repr(clean_line(url))))
        return EXIT_SOURCE_FAILED
    webbrowser.open(url)
    say(t("cli.opened", url=clean_line(url)))
    return EXIT_OK


def _post_url(session: Session, key: str) -> str | None:
    post = session.library.get_post(key)
    return post.url if post else None
