"""The scheduled refresh: which sources it pulls and the status line it leaves."""

from __future__ import annotations

from datetime import datetime, tzinfo

from ..i18n import Catalogue
from ..model import SourceConfig, SourceKind, SyncReport
from ..safe import clean_line

REFRESHED_KINDS: tuple[SourceKind, ...] = ("feed", "git")
"""Sources that change somewhere else; folders on this machine are watched instead."""


def refreshed_ids(sources: tuple[SourceConfig, ...]) -> tuple[str, ...]:
    """The ids of the sources the timer syncs."""
    return tuple(s.id for s in sources if s.kind in REFRESHED_KINDS)


def refresh_seconds(minutes: float, sources: tuple[SourceConfig, ...]) -> float | None:
    """How often the reader refreshes, or None when it never needs to."""
    if minutes <= 0 or not any(s.kind in REFRESHED_KINDS for s in sources):
        return None
    return minutes * 60


def refresh_note(
    t: Catalogue, report: SyncReport | None, error: str | None, zone: tzinfo | None
) -> tuple[str, bool]:
    """The status line after a refresh (when it ran, what failed) and whether it is an error."""
    when = datetime.now().astimezone(zone).strftime("%H:%M")
    if report is None:
        return t("refresh.crashed", time=when, error=clean_line(error or "")), True
    if not report.failed_sources:
        return t("refresh.done", time=when, new=report.new, updated=report.updated), False
    failed = "; ".join(
        f"{clean_line(name)} ({clean_line(reason)})"
        for name, reason in report.failed_sources.items()
    )
    return t("refresh.failed", time=when, new=report.new, failed=failed), True
