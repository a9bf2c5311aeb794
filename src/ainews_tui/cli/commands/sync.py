"""`ainews sync` and `ainews rebuild`: pull every source into the library."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.text import Text

from ...model import SyncReport
from ...safe import clean_line
from ...session import Session
from .. import render
from ..console import progress_console, stdout
from ..exit_codes import EXIT_OK, EXIT_SOURCE_FAILED
from ..keys import source_named
from ..messages import t


@contextmanager
def _progress(console: Console) -> Iterator[Callable[[str, int, int], None]]:
    """A live bar on a terminal; plain lines (one per source) when piped or in cron."""
    if console.is_terminal:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=True,
        ) as bar:
            tasks: dict[str, TaskID] = {}

            def update(name: str, done: int, total: int) -> None:
                if name not in tasks:
                    tasks[name] = bar.add_task(clean_line(name), total=total or 1)
                bar.update(tasks[name], completed=done if total else 1, total=total or 1)

            yield update
        return
    announced: set[str] = set()

    def plain(name: str, done: int, total: int) -> None:
        if name not in announced:
            announced.add(name)
            # Feeds announce themselves when their download starts, before the number
            # of files to read is known, so the line names the source only.
            console.print(Text(t("cli.sync.progress", name=clean_line(name))))

    yield plain


def _sync_with_progress(
    session: Session, console: Console, only: Collection[str] | None = None
) -> SyncReport:
    with _progress(console) as progress:
        return session.sync(progress, only)


def run_sync(session: Session, args: argparse.Namespace) -> int:
    # Every name is checked before anything is synced: a typo is a usage error.
    only = {source_named(session, name).id for name in args.sources} if args.sources else None
    console = progress_console()
    report = _sync_with_progress(session, console, only)
    render.print_summary(stdout(), report)
    return EXIT_OK if report.ok else EXIT_SOURCE_FAILED


def run_rebuild(session: Session, args: argparse.Namespace) -> int:
    session.library.clear()
    console = progress_console()
    report = _sync_with_progress(session, console)
    render.print_summary(stdout(), report)
    return EXIT_OK if report.ok else EXIT_SOURCE_FAILED
