"""The quiet sync a command runs on first use, or after a source was just added."""

from __future__ import annotations

import sys

from ..safe import clean_line
from ..session import Session
from .messages import t
from .output import say


def sync_if_new(session: Session) -> None:
    """Sync quietly when a configured source has never been synced, so the command has
    something to show. The sync pipeline is imported only then."""
    if session.needs_sync():
        report = session.sync()
        for name, reason in report.failed_sources.items():
            message = t("cli.sync.source_failed", name=clean_line(name), reason=clean_line(reason))
            say(f"ainews: {message}", to=sys.stderr)
