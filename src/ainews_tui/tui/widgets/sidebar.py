"""The sidebar: smart views, dates as year → month → day, categories and sources.

Every node counts the same way: unread/total stories (`12/40`). The sidebar reads its
counts itself, in a worker, whenever the screen says the state may have changed."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
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
from ..sidebar_counts import CountChange, Counted, CountIndex, LiveCounts
from ..views import View, ViewKind

_GROUP_TITLES = {"dates": "dates", "category": "categories", "source": "sources"}


def _label(name: str, count: Count | None, *, bold: bool = False) -> Text:
    """`name unread/total`, on every node alike."""
    text = Text(clean_line(name), style="bold" if bold else "")
    if count is not None:
        text.append(f" {count.unread}/{count.total}", style="dim")
    return text


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
        def __init__(self, counted: Counted) -> None:
            super().__init__()
            self.counted = counted

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
        self._search: View | None = None
        self.show_root = False
        self.guide_depth = 2
        self.current: View | None = None
        self._sources: dict[str, str] = {}
        self._view_nodes: dict[str, TreeNode[View | None]] = {}
        self._shape: tuple[object, ...] = ()
        self._index: CountIndex | None = None
        self._live = LiveCounts()
        self._unfilled: dict[str, Callable[[], None]] = {}
        """Collapsed branches whose children are added when first expanded."""

    def on_mount(self) -> None:
        # What the numbers on every node are.
        self.border_title = self.t("sidebar.views")
        self.border_subtitle = self.t("sidebar.legend")

    def set_source_names(self, names: dict[str, str]) -> None:
        self._sources = names

    def refresh_counts(self) -> None:
        """Read the counts again in a worker (after a sync, a mark of a whole view, …)."""
        self._load_counts()

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def _load_counts(self) -> None:
        try:
            marks, counts = self._gateway.counts(self._today, self._show_drafts)
        except sqlite3.Error as exc:
            self.post_message(ActionFailed(str(exc)))
            return
        index = CountIndex.of(counts, show_drafts=self._show_drafts)
        self.post_message(self.CountsLoaded(Counted(marks, index)))

    @property
    def counts(self) -> SidebarCounts | None:
        """The counts shown (None until the first are read)."""
        index = self._live.index
        return index.counts if index is not None else None

    @on(CountsLoaded)
    def _counts_loaded(self, event: CountsLoaded) -> None:
        if self._live.counted(event.counted) is not None and self.current is not None:
            self._show(self.current, self._search)

    def count_change(self, change: CountChange) -> None:
        """A mark changed these counts: only the labels whose numbers moved are set,
        with no query of the whole library (0.6 s at 10,000 posts) and no look at the
        views it did not touch."""
        index = self._live.index
        moved = self._live.changed(change)
        if index is None or self._index is not index:
            return  # the tree shows other counts than these: the next full ones follow
        self._index = shown = self._live.index
        for view_id in moved:
            node = self._view_nodes.get(view_id)
            if node is not None and shown is not None:
                node.set_label(self._label_of(node.data, shown.by_id.get(view_id)))

    def show_view(self, current: View, search: View | None) -> None:
        """The list shows `current` now (and `search` is the search view, if any)."""
        self.current, self._search = current, search
        self._show(current, search)

    def _show(self, current: View, search: View | None) -> None:
        """Show the current counts. When the same views exist (the usual case), only
        the labels whose numbers changed are set; rebuilding a tree of a thousand days
        on every read mark stalled the reader for hundreds of milliseconds."""
        index = self._live.index
        if index is None:
            return
        self.current = current
        shape = (search.id if search else None, len(search.keys) if search else 0, index.shape)
        old, self._index = self._index, index
        if shape == self._shape and self._view_nodes and old is not None:
            if old is not index:
                for view_id, node in self._view_nodes.items():
                    count = index.by_id.get(view_id)
                    if count != old.by_id.get(view_id):
                        node.set_label(self._label_of(node.data, count))
        else:
            self._rebuild(index, search)
            self._shape = shape
        self._select(current)

    def _label_of(self, view: View | None, count: Count | None) -> Text:
        t = self.t
        if view is None:
            return Text("")
        if view.kind == "search":
            label = _label(t("view.search", query=view.value), None)
            label.append(f" {len(view.keys)}", style="dim")
            return label
        if view.kind == "group":
            return Text(t(f"sidebar.{_GROUP_TITLES[view.value]}"), style="bold dim")
        if view.kind == "day":
            name = {4: t.year_label, 7: t.month_label}.get(len(view.value), t.day_label)
            return _label(name(view.value), count)
        if view.kind == "category":
            return _label(view.value, count)
        if view.kind == "source":
            return _label(self._sources.get(view.value, view.value), count)
        return _label(t(f"view.{view.kind}"), count, bold=True)

    def _rebuild(self, index: CountIndex, search: View | None) -> None:
        """Build the tree anew, keeping expanded branches. A collapsed branch gets its
        children only when it is first expanded: at 10,000 posts the tree holds 9,000
        views, and adding them all took the first frame 0.3 s."""
        expanded = {
            n.data.id for n in self._walk(self.root) if n.data is not None and n.is_expanded
        }
        first_build = not self.root.children
        self.clear()
        self._view_nodes = {}
        self._unfilled = {}
        counts = index.counts

        def add(
            parent: TreeNode[View | None], view: View, leaf: bool, expand: bool = False
        ) -> TreeNode[View | None]:
            label = self._label_of(view, index.by_id.get(view.id))
            node = parent.add_leaf(label, data=view) if leaf else parent.add(label, data=view)
            self._view_nodes[view.id] = node
            if not leaf and (view.id in expanded or expand):
                node.expand()
            return node

        def branch(
            parent: TreeNode[View | None],
            view: View,
            expand: bool,
            fill: Callable[[TreeNode[View | None]], None],
        ) -> None:
            node = add(parent, view, False, expand)
            if node.is_expanded:
                fill(node)
            else:
                self._unfilled[view.id] = lambda: fill(node)

        def days_of(days: list[Count]) -> Callable[[TreeNode[View | None]], None]:
            def fill(node: TreeNode[View | None]) -> None:
                for day in days:
                    add(node, View("day", day.label), True)

            return fill

        def months_of(
            year_number: int, months: dict[str, list[Count]]
        ) -> Callable[[TreeNode[View | None]], None]:
            def fill(node: TreeNode[View | None]) -> None:
                for month_number, (month, days) in enumerate(months.items()):
                    newest = first_build and year_number == 0 and month_number == 0
                    branch(node, View("day", month), newest, days_of(days))

            return fill

        def leaves(
            kind: ViewKind, of: tuple[Count, ...]
        ) -> Callable[[TreeNode[View | None]], None]:
            def fill(node: TreeNode[View | None]) -> None:
                for count in of:
                    add(node, View(kind, count.label), True)

            return fill

        if search is not None:
            add(self.root, search, True)
        for smart, _count in index.smart:
            add(self.root, smart, True)
        if counts.days:
            dates = add(self.root, View("group", "dates"), False, True)
            for year_number, (year, months) in enumerate(index.years.items()):
                newest = first_build and year_number == 0
                branch(dates, View("day", year), newest, months_of(year_number, months))
        if counts.categories:
            few = len(counts.categories) < 12
            branch(self.root, View("group", "category"), few, leaves("category", counts.categories))
        if counts.sources:
            branch(self.root, View("group", "source"), True, leaves("source", counts.sources))

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded[View | None]) -> None:
        event.stop()
        if event.node.data is not None:
            self._fill(event.node.data.id)

    def _fill(self, view_id: str) -> None:
        fill = self._unfilled.pop(view_id, None)
        if fill is not None:
            fill()

    def _walk(self, node: TreeNode[View | None]) -> Iterable[TreeNode[View | None]]:
        for child in node.children:
            yield child
            yield from self._walk(child)

    def _select(self, view: View) -> None:
        # A view in a branch never opened has no node yet: fill its branches first.
        if view.kind == "day":
            for prefix in (view.value[:4], view.value[:7]):
                self._fill(View("day", prefix).id)
        elif view.kind in ("category", "source"):
            self._fill(View("group", view.kind).id)
        node = self._view_nodes.get(view.id)
        if node is None:
            return
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self.move_cursor(node)

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
