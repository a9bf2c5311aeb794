"""The sidebar: smart views, dates as year → month → day, categories and sources."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...model import Count, SidebarCounts
from ...safe import clean_line
from ..i18n import Catalogue
from ..views import View


def _label(name: str, count: int | None, *, bold: bool = False) -> Text:
    text = Text(clean_line(name), style="bold" if bold else "")
    if count is not None:
        text.append(f" {count}", style="dim")
    return text


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

    def set_source_names(self, names: dict[str, str]) -> None:
        self._sources = names

    def update_counts(self, counts: SidebarCounts, current: View, search: View | None) -> None:
        """Rebuild the tree from fresh counts, keeping expanded branches and the cursor."""
        expanded = {n.data.id for n in self._walk(self.root)
                    if n.data is not None and n.is_expanded}
        first_build = not self.root.children
        self.clear()
        self.current = current
        t = self.t
        if search is not None:
            self.root.add_leaf(_label(t("view.search", query=search.value), len(search.keys)),
                               data=search)
        for view, name, count in (
            (View("all"), t("view.all"), counts.all.total),
            (View("unread"), t("view.unread"), counts.unread.total),
            (View("starred"), t("view.starred"), counts.starred.total),
            (View("today"), t("view.today"), counts.today.total),
        ):
            self.root.add_leaf(_label(name, count, bold=True), data=view)
        self._add_dates(counts.days, expanded, first_build)
        self._add_group("sidebar.categories", "category", counts.categories, expanded,
                        lambda c: c.label)
        self._add_group("sidebar.sources", "source", counts.sources, expanded,
                        lambda c: self._sources.get(c.label, c.label))
        self._select(current)

    def _group(self, message_id: str, group_id: str, expanded: set[str], default: bool
               ) -> TreeNode[View | None]:
        view = View("group", group_id)
        node = self.root.add(Text(self.t(message_id), style="bold dim"), data=view)
        if view.id in expanded or default:
            node.expand()
        return node

    def _add_dates(self, days: Iterable[Count], expanded: set[str], first_build: bool) -> None:
        by_year: dict[str, dict[str, list[Count]]] = defaultdict(lambda: defaultdict(list))
        for day in days:
            by_year[day.label[:4]][day.label[:7]].append(day)
        if not by_year:
            return
        group = self._group("sidebar.dates", "dates", expanded, True)
        for year_number, year in enumerate(sorted(by_year, reverse=True)):
            months = by_year[year]
            unread = sum(d.unread for m in months.values() for d in m)
            year_view = View("day", year)
            year_node = group.add(_label(self.t.year_label(year), unread), data=year_view)
            if year_view.id in expanded or (first_build and year_number == 0):
                year_node.expand()
            for month_number, month in enumerate(sorted(months, reverse=True)):
                month_view = View("day", month)
                month_unread = sum(d.unread for d in months[month])
                month_node = year_node.add(
                    _label(self.t.month_label(month), month_unread), data=month_view)
                if month_view.id in expanded or (
                        first_build and year_number == 0 and month_number == 0):
                    month_node.expand()
                for day in months[month]:
                    month_node.add_leaf(_label(self.t.day_label(day.label), day.unread),
                                        data=View("day", day.label))

    def _add_group(self, message_id: str, kind: Literal["category", "source"],
                   counts: Iterable[Count], expanded: set[str],
                   name: Callable[[Count], str]) -> None:
        counts = list(counts)
        if not counts:
            return
        group = self._group(message_id, kind, expanded, kind == "source" or len(counts) < 12)
        for count in counts:
            group.add_leaf(_label(name(count), count.total), data=View(kind, count.label))

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
