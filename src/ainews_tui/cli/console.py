"""rich Consoles, for a terminal (and `show`'s prose) only: piped output never imports
rich (see `output`)."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text


def terminal(stream: TextIO) -> Console:
    # soft_wrap: a message stays one line however long; the terminal wraps it. A pipe
    # that asked for a terminal's output (FORCE_COLOR) has no width: tables get 200.
    return Console(
        file=stream, highlight=False, soft_wrap=True, width=None if stream.isatty() else 200
    )


def print_line(stream: TextIO, line: str, style: str = "") -> None:
    # A Text, never a markup string: `[bold]` in a title prints literally.
    terminal(stream).print(Text(line, style=style))


def page() -> Console:
    """For prose (`show`): wrapped to the terminal's width (`COLUMNS` wins), 80 columns
    when piped, and never cropped."""
    return Console(highlight=False)
