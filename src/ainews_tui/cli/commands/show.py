"""`ainews show`: one post or item in the terminal."""

from __future__ import annotations

import argparse
import textwrap

from rich.console import Console
from rich.text import Text

from ...safe import clean_line, clean_text
from ...session import Session

# Textual-free despite its package: rich's Markdown with line breaks between CJK
# characters (rich alone breaks only at spaces, leaving lines half empty in Chinese).
from ...tui.cjk_wrap import DigestMarkdown
from .. import render
from ..console import page
from ..exit_codes import EXIT_OK
from ..first_use import sync_if_new
from ..keys import resolve_key
from ..messages import t


def run_show(session: Session, args: argparse.Namespace) -> int:
    """A post from the top, or an item as its story under its post's title."""
    sync_if_new(session)
    library = session.library
    key, kind = resolve_key(session, args.key)
    item = library.get_item(key) if kind == "item" else None
    post_key = item.post_key if item else key
    post = library.get_post(post_key)
    body = library.post_body(post_key) or ""
    assert post is not None  # resolve_key found it
    console = page()
    console.print(Text(clean_line(post.title), style="bold"))
    when = render.local_time(post.date, session.settings.tz())
    stamp = when.isoformat(sep=" ", timespec="minutes") if when else t("cli.undated")
    meta = [stamp, ", ".join(post.categories), post.url or ""]
    console.print(Text(clean_line(" · ".join(m for m in meta if m)), style="dim"))
    console.rule()
    if item is not None:
        story = "\n".join(body.split("\n")[item.start_line : item.end_line]).strip("\n")
        body = textwrap.dedent(story) or f"**{item.headline}**\n\n{item.summary}"
    text = clean_text(body)
    # rich's Markdown treats text as Markdown, never as rich markup; links stay text
    # unless they are web links. What it cannot show whole and fast goes out as text.
    if _formattable(text):
        console.print(DigestMarkdown(text, hyperlinks=False))
    else:
        _print_text(console, text)
    if item is not None:
        console.rule()
        if item.url:
            console.print(Text(clean_line(item.url), style="dim"))
        console.print(Text(t("cli.whole_post", key=clean_line(post_key)), style="dim"))
    return EXIT_OK


def _print_text(console: Console, text: str) -> None:
    """`text` wrapped to the console's width, exactly as `console.print(Text(text))` puts
    it. rich joins the wrapped lines into one segment and then splits that again line by
    line, copying the rest of it each time: 3.5 s for a 3 MB line, and 0.7 s this way."""
    lines = Text(text).wrap(console, console.width)
    console.file.write("".join(line.plain + "\n" for line in lines))


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
