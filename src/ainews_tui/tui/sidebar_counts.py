"""The sidebar's numbers as data: every view's count by view id, the tree's shape, and
fresh counts made from old ones and the change one mark made (no Textual here).

At 10,000 posts the sidebar has some 9,000 views (1,100 days, 7,800 categories); making
a label for each on every read mark cost 100 ms, so labels are made only for the nodes
that exist and only when their count changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Count, SidebarCounts
from .views import View


def total(label: str, counts: Iterable[Count]) -> Count:
    """`counts` added up under `label`."""
    counts = list(counts)
    return Count(label, sum(c.total for c in counts), sum(c.unread for c in counts))


def by_year(days: Iterable[Count]) -> dict[str, dict[str, list[Count]]]:
    """Days grouped as year -> month -> days, newest first at every level."""
    grouped: dict[str, dict[str, list[Count]]] = defaultdict(lambda: defaultdict(list))
    for day in days:
        grouped[day.label[:4]][day.label[:7]].append(day)
    return {
        year: {month: grouped[year][month] for month in sorted(grouped[year], reverse=True)}
        for year in sorted(grouped, reverse=True)
    }


def smart_views(counts: SidebarCounts, *, show_drafts: bool) -> list[tuple[View, Count]]:
    """All, Unread, Starred, Today, Most covered; Undated and Drafts only when they
    hold stories."""
    views = [
        (View("all"), counts.all),
        (View("unread"), counts.unread),
        (View("starred"), counts.starred),
        (View("today"), counts.today),
        (View("covered"), counts.covered),
    ]
    if counts.undated.total:
        views.append((View("undated"), counts.undated))
    if counts.drafts.total and not show_drafts:
        views.append((View("drafts"), counts.drafts))
    return views


Change = dict[str, tuple[int, int]]
"""(total, unread) to add, by label or view id."""


@dataclass(frozen=True)
class CountIndex:
    """One `SidebarCounts` arranged for the tree: the days by year and month (the
    tree's shape; the numbers are in `by_id`), and the count of every view by its id."""

    counts: SidebarCounts
    smart: list[tuple[View, Count]]
    years: dict[str, dict[str, list[Count]]]
    by_id: dict[str, Count]
    shape: tuple[object, ...]
    """What decides the tree's nodes (not their numbers): the same shape means the
    tree stays and only labels change."""

    @classmethod
    def of(cls, counts: SidebarCounts, *, show_drafts: bool) -> CountIndex:
        """Built in the counts worker: 10 ms on the UI thread at 10,000 posts."""
        smart = smart_views(counts, show_drafts=show_drafts)
        years = by_year(counts.days)
        by_id = {view.id: count for view, count in smart}
        for year, months in years.items():
            by_id[View("day", year).id] = total(year, (d for m in months.values() for d in m))
            for month, days in months.items():
                by_id[View("day", month).id] = total(month, days)
                for day in days:
                    by_id[View("day", day.label).id] = day
        for count in counts.categories:
            by_id[View("category", count.label).id] = count
        for count in counts.sources:
            by_id[View("source", count.label).id] = count
        shape = (
            tuple(v.id for v, _ in smart),
            tuple(d.label for d in counts.days),
            tuple(x.label for x in counts.categories),
            tuple(s.label for s in counts.sources),
        )
        return cls(counts, smart, years, by_id, shape)

    def changed(self, change: CountChange) -> tuple[CountIndex, set[str]]:
        """This index after a mark, and the ids of the views whose numbers moved; only
        what the mark touched is computed (the index itself is copied, not rebuilt)."""
        before, after = change.before, change.after
        moved: Change = {}
        for name in ("all", "unread", "starred", "today", "covered", "undated", "drafts"):
            a, b = getattr(before, name), getattr(after, name)
            _add(moved, View(name).id, b.total - a.total, b.unread - a.unread)
        days = _difference(before.days, after.days)
        for day, (t, u) in days.items():
            for prefix in (day, day[:7], day[:4]):
                _add(moved, View("day", prefix).id, t, u)
        categories = _difference(before.categories, after.categories)
        sources = _difference(before.sources, after.sources)
        for label, (t, u) in categories.items():
            _add(moved, View("category", label).id, t, u)
        for label, (t, u) in sources.items():
            _add(moved, View("source", label).id, t, u)
        by_id = dict(self.by_id)
        for view_id, (t, u) in moved.items():
            old = by_id.get(view_id)
            if old is not None:
                by_id[view_id] = Count(old.label, old.total + t, old.unread + u)
        counts = self.counts
        counts = SidebarCounts(
            all=_one(counts.all, before.all, after.all),
            unread=_one(counts.unread, before.unread, after.unread),
            starred=_one(counts.starred, before.starred, after.starred),
            today=_one(counts.today, before.today, after.today),
            days=_plus(counts.days, days),
            categories=_plus(counts.categories, categories),
            sources=_plus(counts.sources, sources),
            covered=_one(counts.covered, before.covered, after.covered),
            undated=_one(counts.undated, before.undated, after.undated),
            drafts=_one(counts.drafts, before.drafts, after.drafts),
        )
        smart = [(view, by_id[view.id]) for view, _ in self.smart]
        index = CountIndex(counts, smart, self.years, by_id, self.shape)
        return index, {view_id for view_id, tu in moved.items() if tu != (0, 0)}


def _add(change: Change, key: str, t: int, u: int) -> None:
    old_t, old_u = change.get(key, (0, 0))
    change[key] = (old_t + t, old_u + u)


def _plus(old: tuple[Count, ...], change: Change) -> tuple[Count, ...]:
    """`old` with `change` added; a mark never adds or removes a label."""
    if not change:
        return old
    return tuple(
        Count(c.label, c.total + change[c.label][0], c.unread + change[c.label][1])
        if c.label in change
        else c
        for c in old
    )


def _difference(before: tuple[Count, ...], after: tuple[Count, ...]) -> Change:
    change: Change = {}
    for sign, counts in ((-1, before), (1, after)):
        for c in counts:
            _add(change, c.label, sign * c.total, sign * c.unread)
    return {label: tu for label, tu in change.items() if tu != (0, 0)}


def _one(old: Count, before: Count, after: Count) -> Count:
    return Count(
        old.label,
        old.total + after.total - before.total,
        old.unread + after.unread - before.unread,
    )


@dataclass(frozen=True)
class Counted:
    """Sidebar counts read in full, as of the first `marks` marks of this run."""

    marks: int
    index: CountIndex


@dataclass(frozen=True)
class CountChange:
    """What mark number `mark` did to the counts: its stories counted `before` and
    `after` it."""

    mark: int
    before: SidebarCounts
    after: SidebarCounts


class LiveCounts:
    """The counts to show: the last full count plus the changes of the marks it does not
    include. A full count takes 0.6 s at 10,000 posts while marks go on; it includes
    exactly the marks numbered up to its `marks`, so none is lost or counted twice."""

    def __init__(self) -> None:
        self.index: CountIndex | None = None
        self._marks = 0
        self._changes: dict[int, CountChange] = {}

    def counted(self, full: Counted) -> set[str] | None:
        """A full count arrived; None when it is older than the one shown, else the ids
        of the views changed by the marks applied on top of it."""
        if self.index is not None and full.marks < self._marks:
            return None
        self._marks = full.marks
        self._changes = {n: c for n, c in self._changes.items() if n > full.marks}
        index, moved = full.index, set()
        for change in self._changes.values():
            index, ids = index.changed(change)
            moved |= ids
        self.index = index
        return moved

    def changed(self, change: CountChange) -> set[str]:
        """A mark's change arrived: the ids of the views whose numbers it moved."""
        if change.mark <= self._marks and self.index is not None:
            return set()  # the full count shown already includes it
        self._changes[change.mark] = change
        if self.index is None:
            return set()
        self.index, moved = self.index.changed(change)
        return moved
