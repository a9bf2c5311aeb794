"""`ainews` alone: the reader, the only command that imports Textual."""

from __future__ import annotations

import argparse

from ...session import Session
from ..exit_codes import EXIT_OK


def run_reader(session: Session, args: argparse.Namespace) -> int:
    # Open the databases here first so a damaged state.db is one clear sentence, not a
    # traceback inside the full-screen app; the app's first reads use these connections.
    session.library  # noqa: B018
    from ...tui.app import make_app

    language = getattr(args, "lang", None)
    make_app(session.settings, session.paths, language=language, session=session).run()
    return EXIT_OK
