"""Every string ainews shows (reader and CLI), in English and Chinese, and date formats.

Widgets never hold literal UI text: they ask a `Catalogue` for a message id, so the two
languages cannot drift apart (a test checks both have the same ids and placeholders).
"""

from __future__ import annotations

import locale
import os
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from .messages_cli import CLI_MESSAGES
from .messages_reader import READER_MESSAGES

Language = Literal["en", "zh"]

MESSAGES: dict[str, tuple[str, str]] = {**CLI_MESSAGES, **READER_MESSAGES}
"""Every message id -> (English, Chinese)."""

_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Catalogue:
    """UI strings and date formats for one language."""

    language: Language

    def __call__(self, message_id: str, **values: object) -> str:
        """The message in this language, with `{placeholders}` filled in."""
        en, zh = MESSAGES[message_id]
        text = zh if self.language == "zh" else en
        return text.format(**values) if values else text

    def has(self, message_id: str) -> bool:
        return message_id in MESSAGES

    def count(self, message_id: str, count: int) -> str:
        """A message with a number in it; `<id>.one` is used for exactly one."""
        if count == 1 and f"{message_id}.one" in MESSAGES:
            return self(f"{message_id}.one")
        return self(message_id, count=count)

    def short_date(self, when: datetime | date | None) -> str:
        """A compact date for list rows: `12-18` this year style is ambiguous, so always
        year-month-day in ISO order, which reads the same in both languages."""
        if when is None:
            return ""
        return when.strftime("%Y-%m-%d")

    def long_date(self, when: datetime | None) -> str:
        """The reader header's date with its time and zone."""
        if when is None:
            return self("list.no_date")
        zone = when.strftime("%z")
        zone = f"{zone[:3]}:{zone[3:]}" if zone else ""
        if self.language == "zh":
            return f"{when.year}年{when.month}月{when.day}日 {when:%H:%M} UTC{zone}".rstrip()
        month = _MONTHS_EN[when.month - 1]
        return f"{when.day} {month} {when.year}, {when:%H:%M} UTC{zone}".rstrip()

    def month_label(self, year_month: str) -> str:
        """`2025-12` as a sidebar label."""
        month = year_month.split("-")[1]
        if self.language == "zh":
            return f"{int(month)}月"
        return _MONTHS_EN[int(month) - 1]

    def year_label(self, year: str) -> str:
        return f"{year}年" if self.language == "zh" else year

    def day_label(self, day: str) -> str:
        """`2025-12-02` as a sidebar label, with its weekday so it reads as a date."""
        when = date.fromisoformat(day)
        if self.language == "zh":
            return f"{when.month}月{when.day}日 周{'一二三四五六日'[when.weekday()]}"
        return f"{_WEEKDAYS_EN[when.weekday()]} {when.day} {_MONTHS_EN[when.month - 1]}"


def resolve_language(
    cli: str | None, configured: str | None, environ: dict[str, str] | None = None
) -> Language:
    """`--lang` wins, then the config's `language`, then the locale (zh* is Chinese)."""
    for choice in (cli, configured):
        if choice in ("en", "zh"):
            return "zh" if choice == "zh" else "en"
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if environ is None:
        current = locale.getlocale()[0] or ""
        if current.lower().startswith("zh"):
            return "zh"
    return "en"
