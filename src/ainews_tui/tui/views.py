"""The views the sidebar offers, as data: which filter each one applies."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from ..config import Settings
from ..i18n import Catalogue
from ..model import ListFilter

ViewKind = Literal[
    "group",
    "all",
    "unread",
    "starred",
    "today",
    "covered",
    "day",
    "undated",
    "drafts",
    "category",
    "source",
    "search",
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

    def filter(self, today: date, *, unread_only: bool, drafts: bool = False) -> ListFilter:
        """The library filter for this view; `u` narrows any view to unread stories.
        Draft posts are left out unless `drafts` (the `show_drafts` setting) or this
        is the Drafts view."""
        flt = ListFilter(unread_only=unread_only, drafts="include" if drafts else "hide")
        if self.kind == "drafts":
            return replace(flt, drafts="only")
        if self.kind == "undated":
            return replace(flt, undated=True)
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


def view_name(view: View, t: Catalogue, settings: Settings) -> str:
    """What the status line calls a view."""
    if view.kind in ("all", "unread", "starred", "today", "covered", "undated", "drafts"):
        return t(f"view.{view.kind}")
    if view.kind == "search":
        return t("view.search", query=view.value)
    if view.kind == "source":
        source = settings.source(view.value)
        return source.name if source else view.value
    return view.value
