"""Read and star state: `mark`, `export-state`, `import-state`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ...session import Session
from ...store.state import MAX_KEY_BYTES
from ..exit_codes import EXIT_OK, UserError
from ..first_use import sync_if_new
from ..keys import resolve_key
from ..messages import t
from ..output import notice, say, write_output


def run_mark(session: Session, args: argparse.Namespace) -> int:
    sync_if_new(session)
    keys: list[str] = []
    for typed in args.keys:
        key, kind = resolve_key(session, typed)
        keys.append(key)
        if kind == "post" and args.flag in ("read", "unread"):
            keys.extend(session.library.item_keys_of(key))
    keys = session.library.with_stories(keys)
    state = session.state
    if args.flag in ("read", "unread"):
        state.set_read(keys, args.flag == "read")
    else:
        state.set_starred(keys, args.flag == "star")
    say(t(f"cli.marked.{args.flag}", count=len(args.keys)))
    return EXIT_OK


def run_export_state(session: Session, args: argparse.Namespace) -> int:
    text = session.state.export_json()
    if write_output(args.file, text + "\n"):
        count = len(json.loads(text)["state"])
        say(t("cli.exported", count=count, file=Path(args.file).resolve()))
    return EXIT_OK


def run_import_state(session: Session, args: argparse.Namespace) -> int:
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(t("cli.cannot_read", file=args.file, reason=exc)) from None
    try:
        result = session.state.import_json(text)
    except ValueError as exc:
        raise UserError(f"{args.file}: {exc}") from None
    session.share_story_state()
    say(t("cli.merged", count=result.changed, file=args.file))
    if result.refused:
        reasons = []
        if result.bad_times:
            reasons.append(t("cli.refused_times", count=result.bad_times))
        if result.long_keys:
            reasons.append(t("cli.refused_keys", count=result.long_keys, limit=MAX_KEY_BYTES))
        notice(t("cli.refused", count=result.refused, file=args.file, reasons="; ".join(reasons)))
    return EXIT_OK
