"""The views the sidebar offers, as data: which filter each one applies."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from ..model import ListFilter

ViewKind = Literal[
    "group", "all", "unread", "starred", "today", "covered", "day", "category", "source", "search"
]

COVERED_DAYS = 7
"""The Most covered view ranks the stories of this many days, today included."""


def covered_since(today: date) -> str:
    """The first day of the Most covered view."""
    return (today - timedelta(days=COVERED_DAYS - 1)).isoformat()


@dataclass(frozen=True)
class View:
    """One thing the list can show. `value` is the day prefix, category, source id or
    search query; `keys` holds ranked search results. A `group` is a sidebar heading
    (dates, categories, sources) and shows nothing by itself."""

    kind: ViewKind
    value: str = ""
    keys: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.value}"

    def filter(self, today: date, *, unread_only: bool) -> ListFilter:
        """The library filter for this view; `u` narrows any view to unread stories."""
        flt = ListFilter(unread_only=unread_only)
        if self.kind == "unread":
            return replace(flt, unread_only=True)
        if self.kind == "starred":
            return replace(flt, starred_only=True)
        if self.kind == "today":
            return replace(flt, day_prefix=today.isoformat())
        if self.kind == "covered":
            return replace(flt, covered_since=covered_since(today))
        if self.kind == "day":
            return replace(flt, day_prefix=self.value)
        if self.kind == "category":
            return replace(flt, category=self.value)
        if self.kind == "source":
            return replace(flt, source_id=self.value)
        if self.kind == "search":
            return replace(flt, keys=self.keys)
        return flt


ALL = View("all")
