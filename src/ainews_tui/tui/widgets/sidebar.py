"""The sidebar: smart views, dates as year → month → day, categories and sources.

Every node counts the same way: unread/total stories (`12/40`). The sidebar reads its
counts itself, in a worker, whenever the screen says the state may have changed."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...i18n import Catalogue
from ...model import Count, SidebarCounts
from ...safe import clean_line
from ..gateway import Gateway
from ..messages import ActionFailed
from ..views import View


def _label(name: str, count: Count | None, *, bold: bool = False) -> Text:
    """`name unread/total`, on every node alike."""
    text = Text(clean_line(name), style="bold" if bold else "")
    if count is not None:
        text.append(f" {count.unread}/{count.total}", style="dim")
    return text


def _sum(label: str, days: Iterable[Count]) -> Count:
    days = list(days)
    return Count(label, sum(d.total for d in days), sum(d.unread for d in days))


def _by_year(days: Iterable[Count]) -> dict[str, dict[str, list[Count]]]:
    """Days grouped as year -> month -> days, newest first at every level."""
    grouped: dict[str, dict[str, list[Count]]] = defaultdict(lambda: defaultdict(list))
    for day in days:
        grouped[day.label[:4]][day.label[:7]].append(day)
    return {
        year: {month: grouped[year][month] for month in sorted(grouped[year], reverse=True)}
        for year in sorted(grouped, reverse=True)
    }


class Sidebar(Tree[View | None]):
    """A tree of views; moving onto a view shows it in the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="sidebar.down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar.up"),
        Binding("right,l", "expand", "Expand", show=False, id="sidebar.expand"),
        Binding("left,h", "collapse", "Collapse", show=False, id="sidebar.collapse"),
    ]

    class ViewChosen(Message):
        def __init__(self, view: View) -> None:
            super().__init__()
            self.view = view

    class CountsLoaded(Message, bubble=False):
        def __init__(self, counts: SidebarCounts) -> None:
            super().__init__()
            self.counts = counts

    def __init__(
        self,
        catalogue: Catalogue,
        gateway: Gateway,
        today: date,
        *,
        show_drafts: bool,
        id: str | None = None,
    ) -> None:
        super().__init__("ainews", id=id)
        self.t = catalogue
        self._gateway = gateway
        self._today = today
        self._show_drafts = show_drafts
        self.counts: SidebarCounts | None = None
        self._search: View | None = None
        self.show_root = False
        self.guide_depth = 2
        self.current: View | None = None
        self._sources: dict[str, str] = {}
        self._view_nodes: dict[str, TreeNode[View | None]] = {}
        self._shape: tuple[str, ...] = ()

    def on_mount(self) -> None:
        # What the numbers on every node are.
        self.border_title = self.t("sidebar.views")
        self.border_subtitle = self.t("sidebar.legend")

    def set_source_names(self, names: dict[str, str]) -> None:
        self._sources = names

    def refresh_counts(self) -> None:
        """Read the counts again in a worker (after a read mark, a sync, …)."""
        self._load_counts()

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _load_counts(self) -> None:
        try:
            counts = self._gateway.counts(self._today, self._show_drafts)
        except sqlite3.Error as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        self.post_message(self.CountsLoaded(counts))

    @on(CountsLoaded)
    def _counts_loaded(self, event: CountsLoaded) -> None:
        self.counts = event.counts
        if self.current is not None:
            self.update_counts(event.counts, self.current, self._search)

    def show_view(self, current: View, search: View | None) -> None:
        """The list shows `current` now (and `search` is the search view, if any)."""
        self.current, self._search = current, search
        if self.counts is not None:
            self.update_counts(self.counts, current, search)

    def update_counts(self, counts: SidebarCounts, current: View, search: View | None) -> None:
        """Show fresh counts. When the same views exist (the usual case: a story was
        read), only labels change in place; rebuilding a tree of a thousand days on every
        read mark stalled the reader for hundreds of milliseconds."""
        self.current = current
        labels = self._labels(counts, search)
        shape = tuple(labels)
        if shape == self._shape and self._view_nodes:
            for view_id, node in self._view_nodes.items():
                node.set_label(labels[view_id])
        else:
            self._rebuild(counts, search, labels)
            self._shape = shape
        self._select(current)

    def _labels(self, counts: SidebarCounts, search: View | None) -> dict[str, Text]:
        """Every node's label by view id, in tree order (the order is the tree's shape)."""
        t = self.t
        labels: dict[str, Text] = {}
        if search is not None:
            labels[search.id] = _label(t("view.search", query=search.value), None)
            labels[search.id].append(f" {len(search.keys)}", style="dim")
        for view, count in self._smart_views(counts):
            labels[view.id] = _label(t(f"view.{view.kind}"), count, bold=True)
        if counts.days:
            labels[View("group", "dates").id] = Text(t("sidebar.dates"), style="bold dim")
        for year, months in _by_year(counts.days).items():
            labels[View("day", year).id] = _label(
                t.year_label(year), _sum(year, (d for m in months.values() for d in m))
            )
            for month, days in months.items():
                labels[View("day", month).id] = _label(t.month_label(month), _sum(month, days))
                for day in days:
                    labels[View("day", day.label).id] = _label(t.day_label(day.label), day)
        if counts.categories:
            labels[View("group", "category").id] = Text(t("sidebar.categories"), style="bold dim")
            for count in counts.categories:
                labels[View("category", count.label).id] = _label(count.label, count)
        if counts.sources:
            labels[View("group", "source").id] = Text(t("sidebar.sources"), style="bold dim")
            for count in counts.sources:
                labels[View("source", count.label).id] = _label(
                    self._sources.get(count.label, count.label), count
                )
        return labels

    def _smart_views(self, counts: SidebarCounts) -> list[tuple[View, Count]]:
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
        if counts.drafts.total and not self._show_drafts:
            views.append((View("drafts"), counts.drafts))
        return views

    def _rebuild(self, counts: SidebarCounts, search: View | None, labels: dict[str, Text]) -> None:
        """Build the tree anew, keeping expanded branches."""
        expanded = {
            n.data.id for n in self._walk(self.root) if n.data is not None and n.is_expanded
        }
        first_build = not self.root.children
        self.clear()
        self._view_nodes = {}

        def add(
            parent: TreeNode[View | None], view: View, leaf: bool, expand: bool = False
        ) -> TreeNode[View | None]:
            node = (
                parent.add_leaf(labels[view.id], data=view)
                if leaf
                else parent.add(labels[view.id], data=view)
            )
            self._view_nodes[view.id] = node
            if not leaf and (view.id in expanded or expand):
                node.expand()
            return node

        if search is not None:
            add(self.root, search, True)
        for smart, _count in self._smart_views(counts):
            add(self.root, smart, True)
        if counts.days:
            dates = add(self.root, View("group", "dates"), False, True)
            for year_number, (year, months) in enumerate(_by_year(counts.days).items()):
                year_node = add(dates, View("day", year), False, first_build and year_number == 0)
                for month_number, (month, days) in enumerate(months.items()):
                    month_node = add(
                        year_node,
                        View("day", month),
                        False,
                        first_build and year_number == 0 and month_number == 0,
                    )
                    for day in days:
                        add(month_node, View("day", day.label), True)
        if counts.categories:
            heading = add(self.root, View("group", "category"), False, len(counts.categories) < 12)
            for count in counts.categories:
                add(heading, View("category", count.label), True)
        if counts.sources:
            heading = add(self.root, View("group", "source"), False, True)
            for count in counts.sources:
                add(heading, View("source", count.label), True)

    def _walk(self, node: TreeNode[View | None]) -> Iterable[TreeNode[View | None]]:
        for child in node.children:
            yield child
            yield from self._walk(child)

    def _select(self, view: View) -> None:
        for node in self._walk(self.root):
            if node.data is not None and node.data.id == view.id:
                parent = node.parent
                while parent is not None:
                    parent.expand()
                    parent = parent.parent
                self.move_cursor(node)
                return

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[View | None]) -> None:
        event.stop()
        view = event.node.data
        if view is None or view.kind == "group":
            return
        if self.current is None or view.id != self.current.id:
            self.current = view
            self.post_message(self.ViewChosen(view))

    def action_expand(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            node.expand()

    def action_collapse(self) -> None:
        """Collapse the branch; on a leaf or a closed branch, go to its parent."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    class Picked(Message):
        """Enter on a view: the user is done choosing and goes to its stories."""

    @on(Tree.NodeSelected)
    def _node_selected(self, event: Tree.NodeSelected[View | None]) -> None:
        event.stop()
        view = event.node.data
        if view is not None and view.kind != "group":
            self.post_message(self.Picked())
