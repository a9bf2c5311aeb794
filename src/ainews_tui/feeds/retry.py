"""`Retry-After` on 429 and 503: when a feed server asks us to come back later."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

from .entry import FeedError

MAX_WAIT = timedelta(days=1)
"""A longer wait is cut to this, so a hostile or broken header cannot silence a feed."""
RETRY_STATUSES = (429, 503)


class FeedRetryLater(FeedError):
    """The server refused for now and said until when; `not_before` is aware."""

    def __init__(self, message: str, not_before: datetime) -> None:
        super().__init__(message)
        self.not_before = not_before


def retry_after(value: str | None, now: datetime) -> datetime | None:
    """The time a `Retry-After` header (seconds, or an HTTP date) names, or None when
    it names nothing usable; `now` is aware, and so is the result."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        when = now + timedelta(seconds=int(text))
    else:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:  # "-0000" in an HTTP date means UTC
            return None
    if when <= now:
        return None
    return min(when, now + MAX_WAIT)


def shown(when: datetime) -> str:
    """A retry time as the summary shows it: local time, to the second."""
    return when.astimezone().strftime("%Y-%m-%d %H:%M:%S")
