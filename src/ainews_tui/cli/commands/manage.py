"""`ainews remove` and `ainews rename`: changing the configured sources.

Read/star state hangs on keys that start with the source's id, so neither command
touches state.db: a removed source added again with the same id finds its state.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from ...config import sample_source
from ...config_sources import remove_source, rename_source
from ...model import SourceConfig
from ...safe import clean_line
from ...session import Session
from ..exit_codes import EXIT_OK, UserError
from ..keys import source_named
from ..messages import t
from ..output import say


def _own_source(session: Session, text: str) -> SourceConfig:
    source = source_named(session, text)
    if source == sample_source():
        raise UserError(t("cli.samples_only"))
    return source


def run_remove(session: Session, args: argparse.Namespace) -> int:
    source = _own_source(session, args.source)
    library = session.library  # opened first, while the source is still configured
    remove_source(session.paths.config_file, source)
    with library.transaction():
        posts = library.forget_source(source.id)
    message = t(
        "cli.removed",
        name=clean_line(source.name),
        id=source.id,
        config=session.paths.config_file,
        posts=posts,
    )
    say(message)
    return EXIT_OK


def run_rename(session: Session, args: argparse.Namespace) -> int:
    source = _own_source(session, args.source)
    name = clean_line(args.name)
    if not name:
        raise UserError(t("cli.empty_name"))
    rename_source(session.paths.config_file, source, name)
    library = session.library
    with library.transaction():
        library.upsert_source(replace(source, name=name))
    message = t("cli.renamed", id=source.id, old=clean_line(source.name), new=name)
    say(message)
    return EXIT_OK
