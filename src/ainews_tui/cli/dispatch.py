"""Runs the chosen subcommand: imports only its module, opens the session, and turns
the errors a user can fix into one sentence and an exit code."""

from __future__ import annotations

import argparse
import importlib
import sqlite3
from collections.abc import Callable

from ..collector import tune_collector
from ..paths import AppPaths
from ..session import Session
from ..store.db import StoreError
from ..store.library import discard_if_damaged
from .messages import use_language
from .output import notice

Command = Callable[[Session, argparse.Namespace], int]

# Each subcommand's module and function: only the chosen one is imported, so `list`
# never loads the sync pipeline or rich's Markdown, and only the reader loads Textual.
COMMANDS: dict[str, tuple[str, str]] = {
    "": ("reader", "run_reader"),
    "sync": ("sync", "run_sync"),
    "rebuild": ("sync", "run_rebuild"),
    "add": ("sources", "run_add"),
    "sources": ("sources", "run_sources"),
    "remove": ("manage", "run_remove"),
    "rename": ("manage", "run_rename"),
    "import-opml": ("sources", "run_import_opml"),
    "export-opml": ("sources", "run_export_opml"),
    "list": ("listing", "run_list"),
    "search": ("listing", "run_search"),
    "show": ("show", "run_show"),
    "open": ("opening", "run_open"),
    "mark": ("state", "run_mark"),
    "export-state": ("state", "run_export_state"),
    "import-state": ("state", "run_import_state"),
    "config": ("config", "run_config"),
    "export": ("export", "run_export"),
    "completion": ("completion", "run_completion"),
    "serve": ("serve", "run_serve"),
}

# SQLite's codes for a damaged file ("database is locked" or "busy" are not among them).
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def command_for(name: str) -> Command:
    module_name, function_name = COMMANDS[name]
    module = importlib.import_module(f"{__package__}.commands.{module_name}")
    command: Command = getattr(module, function_name)
    return command


def run_command(args: argparse.Namespace) -> int:
    """Run a subcommand; a library.db found damaged midway is set aside and the
    command runs once more on a fresh one (the library is only an index)."""
    command = command_for(args.command or "")
    tune_collector()
    try:
        return _run_once(command, args)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) not in _DAMAGED:
            raise
        paths = AppPaths.resolve(getattr(args, "config", None), getattr(args, "data_dir", None))
        reason = discard_if_damaged(paths.library_db)
        if reason is None:
            raise StoreError(f"a database in {paths.data_dir} is damaged ({exc})") from None
        notice(reason)
        return _run_once(command, args)


def _run_once(command: Command, args: argparse.Namespace) -> int:
    session = Session.load(getattr(args, "config", None), getattr(args, "data_dir", None))
    session.on_notice = notice
    use_language(getattr(args, "lang", None), session.settings.language)
    for warning in session.settings.warnings:
        notice(warning)
    try:
        return command(session, args)
    finally:
        session.close()
