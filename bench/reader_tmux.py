"""The reader through tmux, as a user sees it: first paint, opening the next post, and
type-ahead search, each from starting the program or sending the keys to what the user
waits for being in `capture-pane`. Every run is a fresh `ainews` process."""

from __future__ import annotations

import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from results import Results, load1
from search_term import SearchHit
from tmux_driver import Tmux, flat, peak_rss_mb

START_TIMEOUT_S = 30
KEYS_TIMEOUT_S = 15
SETTLE_S = 1.0
"""Rest after the screen shows what a step waits for, so its workers have finished."""
NEEDLE_CHARS = 16


@dataclass(frozen=True)
class Row:
    """One row of the All view, newest first."""

    post_key: str
    headline: str
    summary: str


def first_rows(data: Path, limit: int = 200) -> list[Row]:
    with sqlite3.connect(data / "library.db") as conn:
        return [
            Row(str(key), str(headline).strip(), str(summary))
            for key, headline, summary in conn.execute(
                "SELECT post_key, headline, summary FROM items "
                "ORDER BY sort_ts DESC, post_key DESC, position LIMIT ?",
                (limit,),
            )
        ]


def ainews_program() -> list[str]:
    """The `ainews` script of this interpreter's environment, as a user starts it."""
    ainews = Path(sys.executable).with_name("ainews")
    return [str(ainews)] if ainews.exists() else [sys.executable, "-m", "ainews_tui"]


def ainews_command(config: Path, data: Path) -> list[str]:
    return [
        "env",
        f"AINEWS_CONFIG={config}",
        f"AINEWS_DATA_DIR={data}",
        "LANG=C.UTF-8",
        *ainews_program(),
    ]


def reader_text(screen: str) -> str:
    """The reader pane's text without whitespace: the rightmost box of each line,
    joined, so a needle matches where the pane wraps it onto the next line."""
    parts = [line.split("│")[-2] for line in screen.splitlines() if line.count("│") >= 2]
    return flat("".join(parts).replace("▌", ""))


class AinewsInTmux:
    """The three tmux measures on one synced library."""

    def __init__(self, tmux: Tmux, config: Path, data: Path, results: Results) -> None:
        self.tmux, self.results = tmux, results
        self.command = ainews_command(config, data)
        self.rows = first_rows(data)
        self.first = self.rows[0].headline[:6]

    def start(self) -> tuple[str, float | None, float]:
        """A fresh reader: its session, when the newest headline showed, the start."""
        name, started = self.tmux.start(self.command)
        shown = self.tmux.wait(name, lambda s: self.first in s, START_TIMEOUT_S)
        return name, shown, started

    def paint(self, runs: int) -> None:
        for _ in range(runs):
            load = load1()
            name, shown, started = self.start()
            self.results["tui.paint.tmux"].add(None if shown is None else shown - started, load)
            self.results["rss.reader.tmux"].add(peak_rss_mb(self.tmux.pane_pid(name)), load)
            self.tmux.stop(name)
        self.results["tui.paint.tmux"].note = (
            f"from starting `ainews` (interpreter, imports and all) to {self.first!r} "
            "in capture-pane"
        )
        self.results["rss.reader.tmux"].note = "VmHWM of the tmux reader just after first paint"

    def open_next(self, runs: int) -> None:
        """From the last story of the newest post, `j` `enter` until the next post's
        first story's text is in the reader pane."""
        count = sum(1 for row in self.rows if row.post_key == self.rows[0].post_key)
        last, target = self.rows[count - 1], self.rows[count]
        rest = flat(last.summary)[:NEEDLE_CHARS]
        needle = flat(target.summary)[:NEEDLE_CHARS]
        measure = self.results["tui.open_next.tmux"]
        if not needle or not rest:
            measure.note = "skipped: a story without a summary to look for"
            return
        early = 0
        for _ in range(runs):
            name, shown, _started = self.start()
            if shown is not None:
                if count > 1:
                    self.tmux.keys(name, *["j"] * (count - 1))
                rested = self.tmux.wait(name, lambda s: rest in reader_text(s), KEYS_TIMEOUT_S)
                time.sleep(SETTLE_S)
                if needle in reader_text(self.tmux.screen(name)):
                    early += 1  # the same words in the post shown before: no measure
                    rested = None
                load = load1()
                sent = self.tmux.keys(name, "j", "Enter")
                seen = self.tmux.wait(name, lambda s: needle in reader_text(s), KEYS_TIMEOUT_S)
                if rested is not None and seen is not None:
                    measure.add((seen - sent) * 1000, load)
                self.results["rss.reader.tmux.after_open"].add(
                    peak_rss_mb(self.tmux.pane_pid(name)), load
                )
            self.tmux.stop(name)
        measure.note = (
            f"cursor on the newest post's last story (row {count}), then `j` `enter` until "
            f"{needle!r} of the next post's first story is in the reader pane"
            + (f"; {early} run(s) dropped: that text was on screen before" if early else "")
        )
        self.results["rss.reader.tmux.after_open"].note = "VmHWM after opening the next post"

    def typeahead(self, hit: SearchHit | None, runs: int) -> None:
        """`/`, then type the term (no enter) until the one story with it is listed.
        The term is typed once the bar is open, as newsboat's is at its prompt."""
        measure = self.results["tui.search.tmux"]
        if hit is None:
            measure.note = "skipped: no term occurs exactly once in this corpus"
            return
        # The headline's opening, not the day beside it: at narrow widths the list
        # gives the headline every column and shows no date.
        row = hit.headline[:8]
        for _ in range(runs):
            name, shown, _started = self.start()
            if shown is not None and self.tmux.open_prompt(name, SETTLE_S):
                load = load1()
                sent = self.tmux.type(name, hit.term)
                seen = self.tmux.wait(
                    name, lambda s: any(row in line for line in s.splitlines()), KEYS_TIMEOUT_S
                )
                measure.add(None if seen is None else (seen - sent) * 1000, load)
            self.tmux.stop(name)
        measure.note = (
            f"`/`, then from typing {hit.term} (one send-keys, as fast typing) until the row "
            f"{row!r} is listed"
        )
