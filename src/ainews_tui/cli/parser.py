"""The argument parser of `ainews`. Building it imports nothing heavy, so `--help` and
`--version` answer at once."""

from __future__ import annotations

import argparse

from .. import __version__


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--config",
        metavar="FILE",
        default=default,
        help="config file (default: platform config dir; env AINEWS_CONFIG)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where library.db and state.db live (env AINEWS_DATA_DIR)",
    )
    parser.add_argument(
        "--lang", choices=("zh", "en"), default=default, help="language of the reader"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ainews", description="A terminal reader for AI-news digests."
    )
    parser.add_argument("--version", action="version", version=f"ainews {__version__}")
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _global_options(p, suppress=True)
        return p

    command("sync", "pull every source into the library")
    add = command("add", "add a folder or feed source to the config")
    add.add_argument("location", metavar="PATH|URL")
    add.add_argument("--name", help="display name (default: folder name or URL)")
    sources = command("sources", "sources with post counts, last sync and last error")
    sources.add_argument("--json", action="store_true")

    listing = command("list", "list posts (or items with --items), newest first")
    listing.add_argument("--items", action="store_true", help="one row per news item")
    listing.add_argument("--unread", action="store_true")
    listing.add_argument("--starred", action="store_true")
    listing.add_argument("--category", metavar="C", help="category or tag")
    listing.add_argument("--source", metavar="NAME", help="source name or id")
    listing.add_argument("--since", metavar="D", help="YYYY-MM-DD (inclusive)")
    listing.add_argument("--until", metavar="D", help="YYYY-MM-DD (inclusive)")
    listing.add_argument("--limit", metavar="N", type=_positive_int)
    listing.add_argument(
        "--unique",
        action="store_true",
        help="items, each story once (its earliest copy); implies --items",
    )
    listing.add_argument("--json", action="store_true")

    finder = command("search", "search every synced item (or post), best match first")
    finder.add_argument(
        "query",
        nargs="+",
        metavar="QUERY",
        help='words, "phrases", -word, tag:, source:, is:unread, is:starred, '
        "after:, before:, date: (put -- before a query starting with -)",
    )
    finder.add_argument("--limit", metavar="N", type=_positive_int, default=50)
    finder.add_argument("--posts", action="store_true", help="one row per post")
    finder.add_argument("--json", action="store_true")

    show = command("show", "render a post in the terminal")
    show.add_argument("key")
    opener = command("open", "open a post's or item's link in the browser")
    opener.add_argument("key")
    mark = command("mark", "change read/star state")
    mark.add_argument("keys", nargs="+", metavar="KEY")
    flag = mark.add_mutually_exclusive_group(required=True)
    for name in ("read", "unread", "star", "unstar"):
        flag.add_argument(f"--{name}", action="store_const", const=name, dest="flag")

    export = command("export-state", "JSON of all read/star state")
    export.add_argument("file", nargs="?", default="-", help="output file ('-' = stdout)")
    importer = command("import-state", "merge a state JSON export")
    importer.add_argument("file")
    opml_in = command("import-opml", "add every feed of an OPML file as a source")
    opml_in.add_argument("file")
    opml_out = command("export-opml", "write the feed sources as OPML")
    opml_out.add_argument("file", nargs="?", default="-", help="output file ('-' = stdout)")
    exporter = command("export", "write your own digest of stories")
    kinds = exporter.add_subparsers(dest="what", metavar="WHAT", required=True)
    roundup = kinds.add_parser(
        "roundup",
        help="a Markdown or HTML roundup of stories, one line each, by day",
        description="A roundup of stories, one line each with its links and the digests "
        "that carried it, under front matter that ainews and static blogs read as a post.",
    )
    _global_options(roundup, suppress=True)
    which = roundup.add_mutually_exclusive_group()
    which.add_argument("--starred", action="store_true", help="only starred stories")
    which.add_argument("--unread", action="store_true", help="only unread stories")
    roundup.add_argument("--since", metavar="D", help="YYYY-MM-DD (inclusive)")
    roundup.add_argument("--until", metavar="D", help="YYYY-MM-DD (inclusive)")
    roundup.add_argument("--format", choices=("md", "html"), default="md")
    roundup.add_argument("--title", help="the roundup's title")
    roundup.add_argument("file", nargs="?", default="-", help="output file ('-' = stdout)")
    command("rebuild", "recreate library.db from the sources, keeping state")
    config = command("config", "show the effective config, its path, or write a starter")
    group = config.add_mutually_exclusive_group()
    group.add_argument("--path", action="store_true", help="print the config file path")
    group.add_argument("--init", action="store_true", help="write a commented starter config")
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
