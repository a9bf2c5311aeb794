"""The argument parser of `ainews`. Building it imports nothing heavy, so `--help` and
`--version` answer at once."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__

_GLOBAL_WITH_VALUE = ("--config", "--data-dir", "--lang")


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
        "--lang",
        choices=("zh", "en"),
        default=default,
        help="language of the reader and of messages (default: config, then locale)",
    )


def build_parser() -> argparse.ArgumentParser:
    return _build()[0]


def _build() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The parser, and its `search` subparser (whose options `parse_arguments` reads)."""
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

    sync = command("sync", "pull every source (or only the ones named) into the library")
    sync.add_argument("sources", nargs="*", metavar="SOURCE", help="source id or name")
    add = command("add", "add a folder, feed or git repository source to the config")
    add.add_argument("location", metavar="PATH|URL")
    add.add_argument("--name", help="display name (default: folder name or URL)")
    add.add_argument(
        "--glob",
        help="which files are posts (default **/*.md; for git: relative to the repository, "
        "which turns off finding content/, _posts/ …)",
    )
    add.add_argument(
        "--git",
        action="store_true",
        help="a git repository (implied by a URL ending in .git or starting with git+)",
    )
    add.add_argument("--branch", help="git: the branch to follow (default: the default branch)")
    add.add_argument(
        "--id", help="the source's id, which every key starts with (default: from the name)"
    )
    remove = command("remove", "remove a source; its read/star state is kept")
    remove.add_argument("source", metavar="SOURCE", help="source id or name")
    rename = command("rename", "change a source's display name (keys keep its id)")
    rename.add_argument("source", metavar="SOURCE", help="source id or name")
    rename.add_argument("name", metavar="NAME")
    sources = command("sources", "sources with post counts, last sync and last error")
    shown = sources.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true")
    shown.add_argument(
        "--names", action="store_true", help="only `id<TAB>name` lines (for shell completion)"
    )

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
        help='words, "phrases", -word (excludes word), tag:, source:, is:unread, '
        "is:starred, after:, before:, date:",
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
        description="A roundup of stories, one line each with its link and the digests "
        "that carried it, under front matter that ainews and static blogs read as a post.",
    )
    _global_options(roundup, suppress=True)
    which = roundup.add_mutually_exclusive_group()
    which.add_argument("--starred", action="store_true", help="only starred stories")
    which.add_argument("--unread", action="store_true", help="only unread stories")
    roundup.add_argument("--since", metavar="D", help="YYYY-MM-DD (inclusive)")
    roundup.add_argument("--until", metavar="D", help="YYYY-MM-DD (inclusive)")
    roundup.add_argument(
        "--format", choices=("md", "html"), default="md", help="Markdown (default) or HTML"
    )
    roundup.add_argument("--title", help="the roundup's title")
    roundup.add_argument("file", nargs="?", default="-", help="output file ('-' = stdout)")
    command("rebuild", "recreate library.db from the sources, keeping state")
    serve = command("serve", "serve the reader to a web browser (textual-serve)")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only; "
        "0.0.0.0 lets anyone on the network open the reader)",
    )
    serve.add_argument("--port", type=_port, default=8000, help="default 8000")
    config = command("config", "show the effective config, its path, or write a starter")
    group = config.add_mutually_exclusive_group()
    group.add_argument("--path", action="store_true", help="print the config file path")
    group.add_argument("--init", action="store_true", help="write a commented starter config")
    completion = command("completion", "print a shell completion script")
    completion.add_argument("shell", choices=("bash", "zsh", "fish"))
    return parser, finder


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line; a `search` query's `-word` terms are query, not options."""
    parser, finder = _build()
    tokens = list(sys.argv[1:] if argv is None else argv)
    return parser.parse_args(_search_terms_last(finder, tokens))


def _search_terms_last(finder: argparse.ArgumentParser, tokens: list[str]) -> list[str]:
    """`search Runway -Gen`: argparse would take `-Gen` for an unknown option. Every word
    after `search` that is not one of its options moves behind a `--`, so words that
    start with `-` (exclusions) reach the query; a `--` of the user's own still ends the
    options."""
    start = _command_index(tokens)
    if start is None or tokens[start] != "search":
        return tokens
    options = _options_of(finder)
    kept, query = tokens[: start + 1], list[str]()
    rest = iter(tokens[start + 1 :])
    for token in rest:
        if token == "--":
            query.extend(rest)
            break
        name = _option_named(token, options)
        if name is None:
            query.append(token)
            continue
        kept.append(token)
        value = next(rest, None) if options[name] and "=" not in token else None
        if value is not None:
            kept.append(value)
    return [*kept, "--", *query] if query else kept


def _command_index(tokens: list[str]) -> int | None:
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "--":
            return index + 1 if index + 1 < len(tokens) else None
        if token in _GLOBAL_WITH_VALUE:
            index += 2
        elif token.startswith("-"):
            index += 1
        else:
            return index
    return None


def _options_of(subparser: argparse.ArgumentParser) -> dict[str, bool]:
    """A subcommand's option strings, each with whether it takes a value (argparse has
    no public way to list them; `_actions` has been stable since Python 2.7)."""
    return {
        option: action.nargs != 0
        for action in subparser._actions
        for option in action.option_strings
    }


def _option_named(token: str, options: dict[str, bool]) -> str | None:
    """The option a token spells (exactly, as `--opt=value`, or as argparse's unique
    long-option prefix), or None when it is a query word."""
    name = token.split("=", 1)[0] if token.startswith("--") else token
    if name in options:
        return name
    if not name.startswith("--") or len(name) < 3:
        return None
    matches = [option for option in options if option.startswith(name)]
    return matches[0] if len(matches) == 1 else None


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is a number from 1 to 65535")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
