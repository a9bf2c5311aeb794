"""Dates from front matter values and from file paths, always made timezone-aware."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime


class DateError(ValueError):
    """A date value that is present but cannot be read."""


_ISO = re.compile(
    r"""^\s*(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})
    (?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?)?
    \s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2})?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)

_PATH_DATE = re.compile(r"(?<!\d)(20\d{2})[-_/.](\d{1,2})[-_/.](\d{1,2})(?!\d)")
_PATH_DATE_COMPACT = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")
# `26-06-10-not-much.md`: a two-digit year, at the start of the file name only (in a
# folder or mid-name, `v1-2-3` or `10-12-14` are as likely versions or numbers).
_NAME_DATE_SHORT = re.compile(r"(\d{2})-(\d{2})-(\d{2})(?![\d])")


def localize(naive: datetime, zone: tzinfo | None) -> datetime:
    """Read a naive time in the configured zone, or the machine's zone when None."""
    if zone is None:
        return naive.astimezone()
    return naive.replace(tzinfo=zone)


# Beyond these years a date is a typo, and moving it between zones overflows datetime.
FIRST_YEAR, LAST_YEAR = 1900, 2200


def parse_date(value: object, zone: tzinfo | None) -> datetime:
    """A front matter date value as an aware datetime; offsets in the value are kept.

    Raises DateError when the value is present but unreadable, has an offset of a day
    or more, or lies outside FIRST_YEAR..LAST_YEAR.
    """
    try:
        parsed = _parse(value, zone)
    except DateError:
        raise
    except (ValueError, OverflowError):
        raise DateError(f"{str(value)[:40]!r} is out of range") from None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise DateError(f"{str(value)[:40]!r} is out of range")
    return parsed


def _parse(value: object, zone: tzinfo | None) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else localize(value, zone)
    if isinstance(value, date):
        return localize(datetime(value.year, value.month, value.day), zone)
    if not isinstance(value, str):
        raise DateError(f"date {value!r} is not a date")
    text = value.strip()
    match = _ISO.match(text)
    if match:
        return _from_match(match, zone, text)
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        raise DateError(f"cannot read the date {text[:40]!r}") from None
    return parsed if parsed.tzinfo else localize(parsed, zone)


def _from_match(match: re.Match[str], zone: tzinfo | None, text: str) -> datetime:
    fraction = (match["f"] or "0")[:6].ljust(6, "0")
    try:
        naive = datetime(
            int(match["y"]),
            int(match["m"]),
            int(match["d"]),
            int(match["H"] or 0),
            int(match["M"] or 0),
            int(match["S"] or 0),
            int(fraction),
        )
    except ValueError:
        raise DateError(f"{text[:40]!r} is not a real date") from None
    offset = match["tz"]
    if not offset:
        return localize(naive, zone)
    return naive.replace(tzinfo=_offset_zone(offset))


def _offset_zone(offset: str) -> tzinfo:
    if offset.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if minutes >= 60:
        raise ValueError(f"offset {offset} has {minutes} minutes")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def date_from_path(relpath: str, zone: tzinfo | None) -> datetime | None:
    """The most specific date in a path (`2025-12/2025-12-02.md`, `20251206.md`).

    The last date in the path wins because file names are more precise than folders;
    a file name opening with `YY-MM-DD` counts too (a year in 2000-2099).
    """
    for pattern in (_PATH_DATE, _PATH_DATE_COMPACT):
        for match in reversed(list(pattern.finditer(relpath))):
            if (day := _day(match[1], match[2], match[3])) is not None:
                return localize(day, zone)
    short = _NAME_DATE_SHORT.match(relpath.rsplit("/", 1)[-1])
    if short and (day := _day("20" + short[1], short[2], short[3])) is not None:
        return localize(day, zone)
    return None


def _day(year: str, month: str, day: str) -> datetime | None:
    try:
        return datetime(int(year), int(month), int(day))
    except ValueError:
        return None
