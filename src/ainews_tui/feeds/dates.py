"""Feed dates (RFC 822 in RSS, RFC 3339 in Atom and JSON Feed), keeping the publisher's offset.

feedparser's `*_parsed` values are UTC struct_times; the offset matters because a
digest published at 07:00 +08:00 belongs to that day, not to the previous UTC day.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def parse_feed_date(raw: str | None, parsed: time.struct_time | None = None) -> datetime | None:
    """An aware datetime from the raw date text, else from feedparser's UTC value."""
    if raw:
        text = raw.strip()
        for reader in (_rfc3339, parsedate_to_datetime):
            try:
                value = reader(text)
            except (TypeError, ValueError, IndexError):
                continue
            return value if value.tzinfo else value.replace(tzinfo=UTC)
    if parsed is not None:
        try:
            return datetime(*parsed[:6], tzinfo=UTC)
        except (TypeError, ValueError):
            return None
    return None


def _rfc3339(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("z", "Z"))
