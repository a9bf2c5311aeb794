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


@dataclass(frozen=True)
class CountIndex:
    """One `SidebarCounts` arranged for the tree: the days by year and month, and the
    count of every view by its id."""

    counts: SidebarCounts
    smart: list[tuple[View, Count]]
    years: dict[str, dict[str, list[Count]]]
    by_id: dict[str, Count]

    @classmethod
    def of(cls, counts: SidebarCounts, *, show_drafts: bool) -> CountIndex:
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
        return cls(counts, smart, years, by_id)

    @property
    def shape(self) -> tuple[object, ...]:
        """What decides the tree's nodes (not their numbers): the same shape means the
        tree stays and only labels change."""
        c = self.counts
        return (
            tuple(v.id for v, _ in self.smart),
            tuple(d.label for d in c.days),
            tuple(x.label for x in c.categories),
            tuple(s.label for s in c.sources),
        )


def _plus(old: tuple[Count, ...], change: dict[str, tuple[int, int]]) -> tuple[Count, ...]:
    out = [
        Count(
            c.label,
            c.total + change.get(c.label, (0, 0))[0],
            c.unread + change.get(c.label, (0, 0))[1],
        )
        for c in old
    ]
    known = {c.label for c in old}
    out += [Count(label, t, u) for label, (t, u) in change.items() if label not in known]
    return tuple(c for c in out if c.total > 0)


def _difference(before: tuple[Count, ...], after: tuple[Count, ...]) -> dict[str, tuple[int, int]]:
    change: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
    for sign, counts in ((-1, before), (1, after)):
        for c in counts:
            t, u = change[c.label]
            change[c.label] = (t + sign * c.total, u + sign * c.unread)
    return {label: tu for label, tu in change.items() if tu != (0, 0)}


def _one(old: Count, before: Count, after: Count) -> Count:
    return Count(
        old.label,
        old.total + after.total - before.total,
        old.unread + after.unread - before.unread,
    )


def apply_change(
    counts: SidebarCounts, before: SidebarCounts, after: SidebarCounts
) -> SidebarCounts:
    """`counts` with the change from `before` to `after`: the counts of the stories one
    mark touched, read just before and just after it."""
    return SidebarCounts(
        all=_one(counts.all, before.all, after.all),
        unread=_one(counts.unread, before.unread, after.unread),
        starred=_one(counts.starred, before.starred, after.starred),
        today=_one(counts.today, before.today, after.today),
        days=_plus(counts.days, _difference(before.days, after.days)),
        categories=_plus(counts.categories, _difference(before.categories, after.categories)),
        sources=_plus(counts.sources, _difference(before.sources, after.sources)),
        covered=_one(counts.covered, before.covered, after.covered),
        undated=_one(counts.undated, before.undated, after.undated),
        drafts=_one(counts.drafts, before.drafts, after.drafts),
    )


@dataclass(frozen=True)
class Counted:
    """Sidebar counts read in full, as of the first `marks` marks of this run."""

    marks: int
    counts: SidebarCounts


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
        self.full: Counted | None = None
        self._changes: dict[int, CountChange] = {}

    def counts(self) -> SidebarCounts | None:
        if self.full is None:
            return None
        counts = self.full.counts
        for change in self._changes.values():
            counts = apply_change(counts, change.before, change.after)
        return counts

    def counted(self, full: Counted) -> None:
        """A full count arrived (an older one than shown is ignored)."""
        if self.full is not None and full.marks < self.full.marks:
            return
        self.full = full
        self._changes = {n: c for n, c in self._changes.items() if n > full.marks}

    def changed(self, change: CountChange) -> None:
        """A mark's change arrived."""
        if self.full is None or change.mark > self.full.marks:
            self._changes[change.mark] = change
