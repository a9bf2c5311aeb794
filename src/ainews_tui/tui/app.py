"""The Textual application: theme, keymap, language, and the main screen."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import ClassVar

from textual import on
from textual.app import App
from textual.binding import BindingType
from textual.theme import Theme

from ..config import ConfigError, Settings
from ..config_edit import set_config_value
from ..i18n import Catalogue, Language, resolve_language
from ..ingest.watch import watched_folders
from ..paths import AppPaths, bundled_dir
from ..session import Session
from .bindings import PALETTE_BINDING
from .commands import ReaderCommands
from .context import ReaderContext
from .gateway import Gateway
from .messages import FolderSynced, WatchFailed
from .screens.main import MainScreen
from .watching import SourceWatch


class AinewsApp(App[None]):
    """ainews in the terminal."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [bundled_dir("styles") / "ainews.tcss"]
    COMMANDS = App.COMMANDS | {ReaderCommands}
    TITLE = "ainews"
    BINDINGS: ClassVar[list[BindingType]] = [PALETTE_BINDING]

    def __init__(self, ctx: ReaderContext) -> None:
        super().__init__()
        self.ctx = ctx
        if ctx.settings.theme and ctx.settings.theme in self.available_themes:
            self.theme = ctx.settings.theme
        self.source_watch = SourceWatch(ctx, watched_folders(ctx.settings, ctx.paths.git_dir))

    def on_mount(self) -> None:
        if self.ctx.settings.keys:
            self.set_keymap(self.ctx.settings.keys)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.push_screen(MainScreen(self.ctx))
        self.source_watch.start(self.post_message)

    def on_unmount(self) -> None:
        self.source_watch.stop()
        self.ctx.gateway.close()

    @on(FolderSynced)
    @on(WatchFailed)
    def _watch_news(self, event: FolderSynced | WatchFailed) -> None:
        # The watcher belongs to the app (it outlives a language switch's new screen);
        # what it found is for the main screen, even under a help or confirm dialog.
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.syncer.watch_news(event)

    def _theme_changed(self, theme: Theme) -> None:
        self._save_setting("theme", theme.name)

    def _save_setting(self, key: str, value: str) -> None:
        try:
            set_config_value(self.ctx.paths.config_file, key, value)
        except (ConfigError, OSError) as exc:
            self.notify(
                self.ctx.t("notify.config_error", error=str(exc)), severity="error", markup=False
            )

    def action_set_language(self, language: Language) -> None:
        """Switch the UI language, save it in the config, and keep the reader's place."""
        self._save_setting("language", language)
        self.ctx.t = Catalogue(language)
        current = self.screen
        if isinstance(current, MainScreen):
            entry = current.selected()
            self.switch_screen(
                MainScreen(
                    self.ctx,
                    view=current.view,
                    mode=current.mode,
                    unread_only=current.unread_only,
                    selected_key=entry.key if entry else None,
                )
            )
        self.notify(self.ctx.t("notify.language"), markup=False)


def make_app(
    settings: Settings,
    paths: AppPaths,
    *,
    language: str | None = None,
    today: date | None = None,
    session: Session | None = None,
) -> AinewsApp:
    """Build the app for these settings and paths; `language` is `--lang`, `today` is
    fixed by tests so the Today view and snapshots do not depend on the clock, `session`
    an open one the reader may use (opening library.db again cost the start 10 ms)."""
    ctx = ReaderContext(
        settings=settings,
        paths=paths,
        gateway=Gateway(paths, settings, first=session),
        t=Catalogue(resolve_language(language, settings.language)),
        today=today or date.today(),
    )
    return AinewsApp(ctx)
