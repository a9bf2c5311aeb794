"""Command palette entries: every key action, every view, themes and languages.

It knows the screen, never the app class (the app imports this module)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from ..safe import clean_line
from .bindings import SCREEN_KEYS
from .screens.main import MainScreen
from .views import View


@dataclass(frozen=True)
class Command:
    name: str
    run: Callable[[], object]
    help: str


class ReaderCommands(Provider):
    """Commands for the main screen; other screens get none."""

    def _commands(self) -> list[Command]:
        screen, app = self.screen, self.app
        if not isinstance(screen, MainScreen):
            return []
        t = screen.t
        commands: list[Command] = []
        for keys, action, binding_id, _ in SCREEN_KEYS:
            if binding_id in ("next_pane", "prev_pane", "show", "clear"):
                continue
            target = app if action.startswith("app.") else screen
            commands.append(
                Command(
                    t(f"key.{binding_id}"),
                    partial(target.run_action, action.removeprefix("app.")),
                    t("cmd.help.action", key=keys.split(",")[0]),
                )
            )
        for kind in ("all", "unread", "starred", "today", "covered", "undated", "drafts"):
            view = View(kind)
            commands.append(
                Command(
                    t("cmd.goto_view", name=t(f"view.{kind}")),
                    partial(screen.go_to, view),
                    t("cmd.help.goto"),
                )
            )
        counts = screen.counts
        if counts is not None:
            months = dict.fromkeys(d.label[:7] for d in counts.days)
            for label in [*months, *(d.label for d in counts.days)]:
                commands.append(
                    Command(
                        t("cmd.goto_date", day=label),
                        partial(screen.go_to, View("day", label)),
                        t("cmd.help.goto"),
                    )
                )
            for c in counts.categories:
                commands.append(
                    Command(
                        t("cmd.goto_category", name=clean_line(c.label)),
                        partial(screen.go_to, View("category", c.label)),
                        t("cmd.help.goto"),
                    )
                )
        for source in screen.ctx.settings.sources:
            commands.append(
                Command(
                    t("cmd.goto_source", name=clean_line(source.name)),
                    partial(screen.go_to, View("source", source.id)),
                    t("cmd.help.goto"),
                )
            )
        for theme in sorted(app.available_themes):
            commands.append(
                Command(
                    t("cmd.theme", theme=theme),
                    partial(setattr, app, "theme", theme),
                    t("cmd.help.theme"),
                )
            )
        for language in ("en", "zh"):
            commands.append(
                Command(
                    t("cmd.language", name=t(f"lang.{language}")),
                    partial(app.run_action, f"set_language({language!r})"),
                    t("cmd.help.language"),
                )
            )
        return commands

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(
                escape(command.name), command.run, text=command.name, help=command.help
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                # The matcher reads its candidate as markup; names hold user text.
                yield Hit(
                    score,
                    matcher.highlight(escape(command.name)),
                    command.run,
                    text=command.name,
                    help=command.help,
                )
