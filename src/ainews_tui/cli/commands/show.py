"""`ainews show` and `ainews open`: one post or item, in the terminal or the browser."""

from __future__ import annotations

import argparse
import webbrowser

from rich.markdown import Markdown
from rich.text import Text

from ...safe import clean_line, clean_text, is_web_url
from ...session import Session
from .. import render
from ..console import stdout
from ..exit_codes import EXIT_OK, UserError
from ..first_use import sync_if_new
from ..keys import resolve_key


def run_show(session: Session, args: argparse.Namespace) -> int:
    sync_if_new(session)
    library = session.library
    key, kind = resolve_key(session, args.key)
    item = library.get_item(key) if kind == "item" else None
    post_key = item.post_key if item else key
    post = library.get_post(post_key)
    body = library.post_body(post_key) or ""
    assert post is not None  # _resolve found it
    console = stdout()
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


def run_open(session: Session, args: argparse.Namespace) -> int:
    sync_if_new(session)
    key, kind = resolve_key(session, args.key)
    row = session.library.get_item(key) if kind == "item" else None
    url = row.url if row else _post_url(session, key)
    if not url:
        raise UserError(f"{args.key} has no link to open")
    if not is_web_url(url):
        raise UserError(f"refusing to open {clean_line(url)!r}: only http and https links open")
    webbrowser.open(url)
    stdout().print(Text(f"opened {clean_line(url)}"))
    return EXIT_OK


def _post_url(session: Session, key: str) -> str | None:
    post = session.library.get_post(key)
    return post.url if post else None
