"""The reader's screen: sidebar | list | reader, composed of panes that own their work
(`ListPane` reads views and searches, `ReaderPane` posts, `Sidebar` its counts). The
screen wires their messages, lays them out, and runs the keys, with small controllers
for read state (`read_state`), sync (`syncing`) and links (`links`)."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.notifications import SeverityLevel
from textual.screen import Screen

from ...model import ListFilter, SidebarCounts
from ..bindings import SCREEN_BINDINGS
from ..context import ReaderContext
from ..entries import Entry, EntryKind
from ..links import Links
from ..messages import ActionFailed, LibraryChanged, MarkedAll, NeverSynced, StateSaved
from ..pane_layout import PaneLayout
from ..read_state import ReadState
from ..search_flow import SearchFlow
from ..syncing import Syncer
from ..views import ALL, View, view_name
from ..widgets.key_hints import KeyHints
from ..widgets.list_pane import ListPane
from ..widgets.news_list import NewsList
from ..widgets.reader import ReaderPane
from ..widgets.sidebar import Sidebar
from ..widgets.status import StatusLine


class MainScreen(Screen[None]):
    """Layout, what is shown, and the messages the panes and workers send."""

    BINDINGS: ClassVar[list[BindingType]] = list(SCREEN_BINDINGS)

    def __init__(
        self,
        ctx: ReaderContext,
        *,
        view: View = ALL,
        mode: EntryKind = "item",
        unread_only: bool = False,
        selected_key: str | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.t = ctx.t
        self.list_pane = ListPane(
            ctx.gateway,
            ctx.t,
            ctx.today,
            show_drafts=ctx.settings.show_drafts,
            view=view,
            mode=mode,
            unread_only=unread_only,
            id="list-pane",
        )
        self._selected_key = selected_key
        self.pane_layout = PaneLayout(self)
        self._redraw_shown = False
        self._started = False
        self.read_state = ReadState(
            ctx.gateway,
            ctx.settings.mark_read_after,
            self,
            today=ctx.today,
            drafts=ctx.settings.show_drafts,
        )
        self.syncer = Syncer(self)
        self.links = Links(self)

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield Sidebar(
                self.t,
                self.ctx.gateway,
                self.ctx.today,
                show_drafts=self.ctx.settings.show_drafts,
                id="sidebar",
            )
            yield self.list_pane
            yield ReaderPane(self.ctx.gateway, self.t, id="reader")
        yield StatusLine(id="status")
        yield KeyHints(self.t, id="keys")

    @property
    def news_list(self) -> NewsList:
        return self.list_pane.news_list

    @property
    def reader(self) -> ReaderPane:
        return self.query_one(ReaderPane)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    @property
    def search(self) -> SearchFlow:
        return self.list_pane.search

    @property
    def counts(self) -> SidebarCounts | None:
        return self.sidebar.counts

    @property
    def shown(self) -> Entry | None:
        """The entry the reader shows."""
        return self.reader.shown

    def on_mount(self) -> None:
        # Before the first layout, which is then the final one.
        self.pane_layout.resized(self.app.size.width)
        self.sidebar.set_source_names({s.id: s.name for s in self.ctx.settings.sources})
        self.reader.show_message([self.t("reader.empty")])
        self.reader.neighbours = self.list_pane.neighbour_posts
        self.news_list.focus()
        self.load_view(keep_key=self._selected_key)
        self.syncer.schedule_refresh()

    def on_resize(self, event: events.Resize) -> None:
        self.pane_layout.resized(event.size.width)

    # --- what the list shows --------------------------------------------------------

    @property
    def view(self) -> View:
        return self.list_pane.view

    @view.setter
    def view(self, view: View) -> None:
        self.list_pane.view = view

    @property
    def mode(self) -> EntryKind:
        return self.list_pane.mode

    @property
    def unread_only(self) -> bool:
        return self.list_pane.unread_only

    def current_filter(self) -> ListFilter:
        return self.list_pane.current_filter()

    def load_view(
        self,
        *,
        keep_key: str | None = None,
        cursor: int = 0,
        announce: bool = True,
        scroll: float | None = None,
    ) -> None:
        """Read the current view into the list (see `ListPane.load`)."""
        self.list_pane.load(keep_key=keep_key, cursor=cursor, announce=announce, scroll=scroll)

    @on(ListPane.Loaded)
    def _view_loaded(self, event: ListPane.Loaded) -> None:
        self._start_once()
        self.sidebar.show_view(self.view, self.search.view)
        current = self.news_list.current
        if event.total == 0 and event.announced:
            self.reader.clear([self.t("list.empty.filtered")])
            self.read_state.dwell(None, reading=False)
        elif self.shown is None and current is not None:
            # Never an empty reader beside a highlighted row.
            self.show_entry(current)
        if self._redraw_shown:
            self._redraw_shown = False
            self.reader.redraw(current)
        name = view_name(self.view, self.t, self.ctx.settings)
        self.status.set_view(f"{name} · {self.list_pane.count_text(event.total)}")

    def refresh_counts(self) -> None:
        self.sidebar.refresh_counts()

    def say(
        self, message: str, *, severity: SeverityLevel = "information", timeout: float | None = None
    ) -> None:
        """A notification whose text is never read as markup (it quotes user data)."""
        self.notify(message, severity=severity, timeout=timeout, markup=False)

    def _start_once(self) -> None:
        """The counts (0.6 s at 10,000 posts) and the first-use check wait for the list's
        first read, done or failed (a failed one sends ActionFailed, not Loaded)."""
        if not self._started:
            self._started = True
            self.refresh_counts()
            self.syncer.sync_if_first_use()

    @on(ActionFailed)
    def _action_failed(self, event: ActionFailed) -> None:
        self.say(self.t("notify.library_error", error=event.error), severity="error")
        self._start_once()

    @on(Sidebar.ViewChosen)
    def _view_chosen(self, event: Sidebar.ViewChosen) -> None:
        self.go_to(event.view)

    def go_to(self, view: View) -> None:
        """Show `view` (from the sidebar or the palette)."""
        self.view = view
        self.load_view()

    # --- showing a story --------------------------------------------------------------

    @on(NewsList.Highlighted)
    def _highlighted(self, event: NewsList.Highlighted) -> None:
        if isinstance(event, NewsList.Chosen):
            return
        self.show_entry(event.entry)

    @on(NewsList.Chosen)
    def _chosen(self, event: NewsList.Chosen) -> None:
        self.show_entry(event.entry)
        if not event.entry.read:
            self.read_state.save([event.entry], read=True)
        self.reader.focus()

    def show_entry(self, entry: Entry) -> None:
        """Show `entry` in the reader; showing never marks it read by itself."""
        self.reader.show_entry(entry, self.search.spans())

    @on(ReaderPane.Shown)
    def _story_shown(self, event: ReaderPane.Shown) -> None:
        self.read_state.dwell(event.entry, reading=self._reading())

    def _reading(self) -> bool:
        return isinstance(self.focused, NewsList | ReaderPane)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self._reading():
            self.read_state.resume()
        else:
            self.read_state.pause()

    # --- live reload and state --------------------------------------------------------

    @on(LibraryChanged)
    def _library_changed(self) -> None:
        self.reload_in_place()

    def reload_in_place(self, *, redraw_shown: bool = False) -> None:
        """Re-read the view after new data, keeping the cursor on the same entry;
        `redraw_shown` when the shown post itself changed on disk."""
        self._redraw_shown = self._redraw_shown or redraw_shown
        self.reader.forget()
        self.refresh_counts()
        current = self.news_list.current
        self.load_view(
            keep_key=current.key if current else None, cursor=self.news_list.cursor, announce=False
        )

    @on(StateSaved)
    def _state_saved(self, event: StateSaved) -> None:
        # Other copies of a marked story in the list show the change too.
        stories = {e.story: e for e in event.entries if e.kind == "item" and e.story != e.key}
        for _, loaded in self.news_list.loaded():
            marked = stories.get(loaded.story)
            if marked is not None and loaded.key != marked.key:
                self.news_list.update_entry(
                    loaded.with_state(read=marked.read, starred=marked.starred)
                )
        for entry in event.entries:
            self.news_list.update_entry(entry)
            self.reader.update_entry(entry)
        self.sidebar.count_change(event.change)

    @on(MarkedAll)
    def _marked_all(self, event: MarkedAll) -> None:
        message = "notify.unmarked" if event.undone else "notify.marked_read"
        self.say(self.t(message, count=event.count))
        self.reload_in_place()

    @on(ListPane.Note)
    def _note(self, event: ListPane.Note) -> None:
        self.status.set_note(event.text, error=event.error)

    @on(NeverSynced)
    def _first_use(self) -> None:
        self.syncer.start()

    # --- keys -------------------------------------------------------------------------

    def selected(self) -> Entry | None:
        """The entry the keys act on: the list's cursor, else what the reader shows."""
        return self.news_list.current or self.shown

    def action_next_pane(self) -> None:
        self.focus_next()

    def action_previous_pane(self) -> None:
        self.focus_previous()

    def action_show(self) -> None:
        self.news_list.choose()

    @on(Sidebar.Picked)
    def _view_picked(self) -> None:
        self.pane_layout.view_picked()
        self.news_list.focus()

    def action_page_down(self) -> None:
        self.reader.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.reader.scroll_page_up(animate=False)

    def action_toggle_sidebar(self) -> None:
        self.pane_layout.toggle_sidebar()

    def action_focus_sidebar(self) -> None:
        self.pane_layout.focus_sidebar()

    def action_zoom(self) -> None:
        self.pane_layout.toggle_zoom()

    def action_help(self) -> None:
        from .help import HelpScreen  # not needed before the first `?`

        self.app.push_screen(HelpScreen(self.t, self, self.ctx.settings.mark_read_after))

    def action_toggle_read(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.read_state.save([entry], read=not entry.read)

    def action_toggle_star(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.read_state.save([entry], starred=not entry.starred)

    def action_mark_all_read(self) -> None:
        if self.news_list.total:
            self.read_state.ask_mark_all_read(
                self.t, self.news_list.total, self.mode, self.current_filter()
            )

    def action_undo_mark_all(self) -> None:
        if self.read_state.can_undo:
            self.read_state.undo_mark_all()
        else:
            self.say(self.t("notify.nothing_to_undo"))

    def action_toggle_unread_only(self) -> None:
        self.list_pane.unread_only = not self.unread_only
        self.load_view(keep_key=self.shown.key if self.shown else None)

    def action_toggle_mode(self) -> None:
        self.list_pane.mode = "post" if self.mode == "item" else "item"
        if self.search.view is not None:
            self.search.rerun()
        else:
            self.load_view()

    def action_next_unread(self) -> None:
        self._find_unread(1)

    def action_previous_unread(self) -> None:
        self._find_unread(-1)

    def _find_unread(self, step: int) -> None:
        if not self.list_pane.find_unread(step):
            self.say(self.t("notify.no_unread"))

    def action_next_post(self) -> None:
        self.list_pane.move_to_post(1)

    def action_previous_post(self) -> None:
        self.list_pane.move_to_post(-1)

    def open_link(self, url: str | None) -> None:
        """Open `url` if it is an http(s) link; otherwise say why not."""
        self.links.open(url)

    def action_open_link(self) -> None:
        entry = self.selected()
        if entry is not None and self.links.open(entry.url) and not entry.read:
            self.read_state.save([entry], read=True)

    def action_copy_link(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.links.copy(entry)

    def action_next_copy(self) -> None:
        """Show the next digest's copy of the story on screen (round the copies)."""
        shown, copies = self.reader.shown, self.reader.copies
        if shown is None or len(copies) < 2:
            self.say(self.t("notify.no_copies"))
            return
        at = next((n for n, copy in enumerate(copies) if copy.key == shown.key), -1)
        self.show_entry(copies[(at + 1) % len(copies)])

    def action_follow_link(self) -> None:
        self.links.follow()

    def on_key(self, event: events.Key) -> None:
        self.search.catch_up(event)
        self.links.key(event)

    def action_search(self) -> None:
        self.search.open()

    def action_back(self) -> None:
        if self.pane_layout.zoomed:
            self.pane_layout.toggle_zoom()
        elif self.search.active:
            self.search.leave()

    def action_sync(self) -> None:
        self.syncer.start()
