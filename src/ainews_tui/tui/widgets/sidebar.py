"""The sidebar: smart views, dates as year → month → day, categories and sources."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...i18n import Catalogue
from ...model import Count, SidebarCounts
from ...safe import clean_line
from ..views import View


def _label(name: str, count: int | None, *, bold: bool = False) -> Text:
    text = Text(clean_line(name), style="bold" if bold else "")
    if count is not None:
        text.append(f" {count}", style="dim")
    return text


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
    ]

    class ViewChosen(Message):
        def __init__(self, view: View) -> None:
            super().__init__()
            self.view = view

    def __init__(self, catalogue: Catalogue, *, id: str | None = None) -> None:
        super().__init__("ainews", id=id)
        self.t = catalogue
        self.show_root = False
        self.guide_depth = 2
        self.current: View | None = None
        self._sources: dict[str, str] = {}
        self._view_nodes: dict[str, TreeNode[View | None]] = {}
        self._shape: tuple[str, ...] = ()

    def set_source_names(self, names: dict[str, str]) -> None:
        self._sources = names

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
            labels[search.id] = _label(t("view.search", query=search.value), len(search.keys))
        for view, name, total in (
            (View("all"), t("view.all"), counts.all.total),
            (View("unread"), t("view.unread"), counts.unread.total),
            (View("starred"), t("view.starred"), counts.starred.total),
            (View("today"), t("view.today"), counts.today.total),
            (View("covered"), t("view.covered"), counts.covered.total),
        ):
            labels[view.id] = _label(name, total, bold=True)
        if counts.days:
            labels[View("group", "dates").id] = Text(t("sidebar.dates"), style="bold dim")
        for year, months in _by_year(counts.days).items():
            labels[View("day", year).id] = _label(
                t.year_label(year), sum(d.unread for m in months.values() for d in m)
            )
            for month, days in months.items():
                labels[View("day", month).id] = _label(
                    t.month_label(month), sum(d.unread for d in days)
                )
                for day in days:
                    labels[View("day", day.label).id] = _label(t.day_label(day.label), day.unread)
        if counts.categories:
            labels[View("group", "category").id] = Text(t("sidebar.categories"), style="bold dim")
            for count in counts.categories:
                labels[View("category", count.label).id] = _label(count.label, count.total)
        if counts.sources:
            labels[View("group", "source").id] = Text(t("sidebar.sources"), style="bold dim")
            for count in counts.sources:
                labels[View("source", count.label).id] = _label(
                    self._sources.get(count.label, count.label), count.total
                )
        return labels

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
        for smart in (
            View("all"),
            View("unread"),
            View("starred"),
            View("today"),
            View("covered"),
        ):
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

    @on(Tree.NodeSelected)
    def _node_selected(self, event: Tree.NodeSelected[View | None]) -> None:
        event.stop()
