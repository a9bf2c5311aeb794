"""Links from the reader: `o` opens a story's link, `y` copies it, `f` then a number
opens the N-th link of the post (typed digit by digit, `enter` to confirm)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.timer import Timer

from ..safe import clean_line, is_web_url
from .entries import Entry

if TYPE_CHECKING:
    from .screens.main import MainScreen

FOLLOW_SECONDS = 1.2
"""How long `f` waits for another digit before opening the link typed so far."""


class Links:
    """Opening and copying links for the screen; only http(s) is ever opened."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen
        self._digits: str | None = None
        self._timer: Timer | None = None

    def open(self, url: str | None) -> bool:
        """Open `url` in the browser if it is an http(s) link; otherwise say why not."""
        screen, t = self._screen, self._screen.t
        if not url:
            screen.say(t("notify.no_link"), severity="warning")
        elif not is_web_url(url):
            screen.say(t("notify.bad_link", url=clean_line(url)[:80]), severity="warning")
        else:
            screen.app.open_url(url.strip())
            screen.say(t("notify.opened", url=clean_line(url)[:80]), timeout=3)
            return True
        return False

    def copy(self, entry: Entry) -> None:
        screen, t = self._screen, self._screen.t
        if not entry.url:
            screen.say(t("notify.no_link"), severity="warning")
            return
        screen.app.copy_to_clipboard(entry.url)
        screen.say(t("notify.copied", url=clean_line(entry.url)[:80]), timeout=3)

    # --- f + number -------------------------------------------------------------------

    def follow(self) -> None:
        """Start reading a link number; a post without links says so at once."""
        screen = self._screen
        count = len(screen.reader.links)
        if count == 0:
            screen.say(screen.t("notify.no_links"), severity="warning")
            return
        self._digits = ""
        screen.status.set_note(screen.t("notify.follow.hint", count=count))

    def key(self, event: events.Key) -> None:
        """Digits extend the number; enter opens it; any other key ends it (and esc
        does nothing else)."""
        if self._digits is None:
            return
        character = event.character
        if character is not None and character.isdigit():
            self._digits += character
            self._stop_timer()
            if int(self._digits) * 10 > len(self._screen.reader.links):
                self._finish()  # no longer number exists: no need to wait
            else:
                self._timer = self._screen.set_timer(FOLLOW_SECONDS, self._finish)
        elif event.key == "enter":
            self._finish()
        else:
            self._stop_timer()
            self._digits = None
            self._screen.status.set_note("")
            if event.key != "escape":
                return
        event.stop()
        event.prevent_default()

    def _finish(self) -> None:
        self._stop_timer()
        digits, self._digits = self._digits, None
        screen = self._screen
        screen.status.set_note("")
        if not digits:
            return
        links, number = screen.reader.links, int(digits)
        if 1 <= number <= len(links):
            self.open(links[number - 1])
        else:
            screen.say(screen.t("notify.no_such_link", number=number), severity="warning")

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
