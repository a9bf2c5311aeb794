"""Where the CLI prints: stdout for results, stderr for progress and notices.

Piped, rich only ever wrote the plain text of a line, yet importing it cost 15-21 ms of
a 95 ms command (and the test suite runs about 600 of them). So a piped line is
written as it is, and rich is imported only for a stream that is a terminal.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from ..safe import clean_line
from .exit_codes import UserError
from .messages import t
from .table import Listing, write_tsv


def is_terminal(stream: TextIO) -> bool:
    """Whether `stream` gets a terminal's output, by rich's own rules (so `FORCE_COLOR=1
    ainews list | less -R` still gets the coloured table) without importing rich:
    `TTY_COMPATIBLE` 1 or 0 decides, then a non-empty `FORCE_COLOR`, then the stream."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force_color = os.environ.get("FORCE_COLOR")
    if force_color is not None:
        return force_color != ""
    try:
        return stream.isatty()
    except ValueError:  # closed: nobody is looking
        return False


def say(line: str, style: str = "", *, to: TextIO | None = None) -> None:
    """Print one message (stdout unless `to`). Content in it must have been through
    `clean_line`; `style` colours it on a terminal, and piped it is the text alone."""
    stream = to or sys.stdout
    if is_terminal(stream):
        from .console import print_line

        print_line(stream, line, style)
        return
    stream.write(line + "\n")
    # Flushed like rich did each print: a script waiting for sync's `browsable` line
    # must see it when it happens, not when the pipe buffer fills.
    stream.flush()


def notice(message: str) -> None:
    say(f"ainews: {clean_line(message)}", to=sys.stderr)


def progress_stream() -> TextIO:
    """Progress goes to stderr when stdout is piped, so the piped output stays data."""
    return sys.stdout if is_terminal(sys.stdout) else sys.stderr


def print_listing(listing: Listing) -> None:
    """A table on stdout: laid out for a terminal, tab-separated when piped. Nothing at
    all for no rows: the command says on stderr that nothing matched."""
    if not listing.rows:
        return
    if not is_terminal(sys.stdout):
        write_tsv(sys.stdout, listing.tsv_header, listing.tsv_rows)
        return
    from .terminal_table import print_table

    print_table(listing)


def dump_json(rows: list[dict[str, Any]]) -> None:
    sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")


def write_output(file: str, text: str) -> bool:
    """Write `text` to the file the user named, or to stdout for `-`; True when it went
    to a file (the caller then says what it wrote). A file that cannot be written is a
    user error."""
    if file == "-":
        sys.stdout.write(text)
        return False
    try:
        Path(file).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(t("cli.cannot_write", file=file, reason=exc.strerror or exc)) from None
    return True
