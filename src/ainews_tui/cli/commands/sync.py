"""`ainews sync` and `ainews rebuild`: pull every source into the library, then build
the search index for what changed; a line with `browsable` in between."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from ...model import SyncReport
from ...safe import clean_line
from ...session import Session
from .. import render
from ..exit_codes import EXIT_OK, EXIT_SOURCE_FAILED
from ..keys import source_named
from ..messages import t
from ..output import is_terminal, progress_stream, say

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


@dataclass
class _Display:
    """What sync shows as it goes: a live bar per source and one for the index on a
    terminal; piped or in cron, a line per source. Both print the browsable line."""

    session: Session
    stream: TextIO
    bar: Progress | None
    started: float = field(default_factory=time.perf_counter)
    tasks: dict[str, TaskID] = field(default_factory=dict)
    bars_on_stdout: bool = False
    announced: set[str] = field(default_factory=set)

    def progress(self, name: str, done: int, total: int) -> None:
        if self.bar is None:
            if name not in self.announced:
                self.announced.add(name)
                # Feeds announce themselves when their download starts, before the
                # number of files to read is known, so the line names the source only.
                say(t("cli.sync.progress", name=clean_line(name)), to=self.stream)
            return
        self._advance(clean_line(name), done, total)

    def browsable(self) -> None:
        """Every post of the run is listed: say so on stdout, where scripts (and the
        benchmark) wait for the word `browsable`."""
        library = self.session.library
        index = library.index_progress()
        message = "cli.sync.browsable" if index.pending else "cli.sync.browsable.indexed"
        line = t(
            message,
            posts=f"{index.posts:,}",
            stories=f"{library.count_items():,}",
            seconds=f"{time.perf_counter() - self.started:.1f}",
        )
        if self.bar is None or not self.bars_on_stdout:
            # No bars, or bars on stderr beside a piped stdout: the line is for stdout.
            say(line)
            return
        from rich.text import Text

        # Through the live display's console, which keeps its bars below the line.
        self.bar.console.print(Text(line))

    def indexing(self, done: int, total: int) -> None:
        if self.bar is not None:
            self._advance(t("cli.sync.indexing"), done, total)

    def _advance(self, label: str, done: int, total: int) -> None:
        assert self.bar is not None
        if label not in self.tasks:
            self.tasks[label] = self.bar.add_task(label, total=total or 1)
        self.bar.update(self.tasks[label], completed=done if total else 1, total=total or 1)


@contextmanager
def _display(session: Session, stream: TextIO) -> Iterator[_Display]:
    if not is_terminal(stream):
        yield _Display(session, stream, None)
        return
    # Imported only for a terminal: 10 ms (and rich itself 15-21 ms more) that a piped or
    # cron sync never needs.
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..console import terminal

    # Taken before the bars start: rich then swaps sys.stdout and sys.stderr for proxies.
    on_stdout = stream is sys.stdout
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=terminal(stream),
        transient=True,
        # rich sends whatever is printed to stdout through the bars' console; when the
        # bars are on stderr beside a piped stdout, that would put the pipe's lines on
        # the terminal.
        redirect_stdout=on_stdout,
    ) as bar:
        yield _Display(session, stream, bar, bars_on_stdout=on_stdout)


def _sync_with_progress(
    session: Session, stream: TextIO, only: Collection[str] | None = None
) -> SyncReport:
    with _display(session, stream) as display:
        return session.sync(
            display.progress,
            only,
            on_browsable=display.browsable,
            on_indexing=display.indexing,
        )


def run_sync(session: Session, args: argparse.Namespace) -> int:
    # Every name is checked before anything is synced: a typo is a usage error.
    only = {source_named(session, name).id for name in args.sources} if args.sources else None
    report = _sync_with_progress(session, progress_stream(), only)
    render.print_summary(report)
    return EXIT_OK if report.ok else EXIT_SOURCE_FAILED


def run_rebuild(session: Session, args: argparse.Namespace) -> int:
    session.library.clear()
    report = _sync_with_progress(session, progress_stream())
    render.print_summary(report)
    return EXIT_OK if report.ok else EXIT_SOURCE_FAILED
