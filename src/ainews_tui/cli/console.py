"""Where the CLI prints: stdout for results, stderr for progress and notices."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

from ..safe import clean_line
from .exit_codes import UserError
from .messages import t


def stdout() -> Console:
    # soft_wrap: piped output keeps one record per line instead of wrapping at 80 columns.
    # Tables get room when piped; a terminal sets its own width.
    return Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)


def page() -> Console:
    """For prose (`show`): wrapped to the terminal's width (`COLUMNS` wins), 80 columns
    when piped, and never cropped."""
    return Console(highlight=False)


def stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def progress_console() -> Console:
    """Progress goes to stderr when stdout is piped, so the piped output stays data."""
    return stderr() if not sys.stdout.isatty() else stdout()


def notice(message: str) -> None:
    stderr().print(Text(f"ainews: {clean_line(message)}"))


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
