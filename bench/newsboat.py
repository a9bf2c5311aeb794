"""newsboat on the same posts, the reference of issues 12 and 13.

It reads the corpus as 10 local RSS feeds (bench/rss_feeds.py) served from 127.0.0.1,
with its config, urls, cache and HOME in the bench's temp dir and every proxy variable
removed from its environment, so it talks to nothing else. Measured: `newsboat -x
reload` into an empty cache (a subprocess), then through tmux on the filled cache: first
paint (start to the first feed title), opening an article (enter on the first article of
the first feed until its first text is on screen), and search (`/`, then the term and
enter until the hit's title is listed).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from results import Results, load1
from rss_feeds import FeedServer, FeedSet
from search_term import SearchHit
from tmux_driver import Tmux, flat_has, peak_rss_mb

CONFIG = "max-items 0\nreload-threads 10\nshow-read-feeds yes\nauto-reload no\n"
RELOAD_TIMEOUT_S = 900
START_TIMEOUT_S = 30
KEYS_TIMEOUT_S = 15
SETTLE_S = 1.0


def find_newsboat(say: Callable[[str], None]) -> tuple[str | None, str]:
    """newsboat's path and version line, installing it with apt-get when missing; or
    None and the reason it cannot be measured."""
    path = shutil.which("newsboat")
    if path is None:
        if shutil.which("apt-get") is None:
            return None, "newsboat is not installed, and there is no apt-get to install it"
        if os.geteuid() != 0:
            return None, "newsboat is not installed, and apt-get needs root"
        say("newsboat is not installed: apt-get install -y newsboat")
        env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "newsboat"]
        done = subprocess.run(install, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            # A fresh machine has no package lists yet.
            subprocess.run(["apt-get", "update"], env=env, capture_output=True, check=False)
            done = subprocess.run(install, env=env, capture_output=True, text=True, check=False)
        path = shutil.which("newsboat")
        if path is None:
            last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            return None, f"apt-get install -y newsboat failed: {last[0]}"
    version = subprocess.run(
        [path, "--version"], capture_output=True, text=True, check=False
    ).stdout.splitlines()
    return path, version[0] if version else "newsboat (version unknown)"


def isolated_env() -> dict[str, str]:
    """The bench's environment without proxies (curl would use them even for 127.0.0.1)."""
    return {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}


class Newsboat:
    """One newsboat setup: config, urls and HOME in `folder`."""

    def __init__(self, binary: str, folder: Path, urls: list[str]) -> None:
        self.binary, self.folder = binary, folder
        self.home = folder / "home"
        self.home.mkdir(parents=True, exist_ok=True)
        self.config = folder / "config"
        self.config.write_text(CONFIG, encoding="utf-8")
        self.urls = folder / "urls"
        self.urls.write_text("".join(f"{url}\n" for url in urls), encoding="utf-8")
        self.env = isolated_env() | {"HOME": str(self.home), "LANG": "C.UTF-8"}

    def args(self, cache: Path) -> list[str]:
        return [self.binary, "-C", str(self.config), "-u", str(self.urls), "-c", str(cache)]

    def reload(self, cache: Path) -> float:
        """Seconds of `newsboat -x reload` into an empty cache."""
        for stale in (cache, cache.with_name(cache.name + ".lock")):
            stale.unlink(missing_ok=True)
        started = time.perf_counter()
        done = subprocess.run(
            [*self.args(cache), "-x", "reload"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=RELOAD_TIMEOUT_S,
            check=False,
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"newsboat -x reload failed: {done.stderr.strip()[-300:]}")
        return seconds

    def tmux_command(self, cache: Path) -> list[str]:
        unset = [f"-u{k}" for k in os.environ if "proxy" in k.lower()]
        return ["env", *unset, f"HOME={self.home}", "LANG=C.UTF-8", *self.args(cache)]


def articles_in(cache: Path) -> int:
    with sqlite3.connect(cache) as conn:
        return int(conn.execute("SELECT count(*) FROM rss_item").fetchone()[0])


class NewsboatBench:
    """The feed server and a newsboat setup for one corpus, until the block ends; the
    reloads are taken one at a time, each next to an ainews sync, so both see the same
    load."""

    def __init__(self, binary: str, feeds: FeedSet, work: Path, results: Results) -> None:
        self.feeds, self.results = feeds, results
        self.server = FeedServer(feeds)
        self.newsboat = Newsboat(binary, work / "newsboat", self.server.urls)
        self.cache = self.newsboat.folder / "cache.db"

    def __enter__(self) -> NewsboatBench:
        self.server.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.__exit__(*exc)

    def reload(self) -> float:
        """One reload into an empty cache; its seconds."""
        load = load1()
        seconds = self.newsboat.reload(self.cache)
        self.results["newsboat.reload"].add(seconds, load)
        self.results["newsboat.reload"].note = (
            f"`newsboat -x reload` of {len(self.server.urls)} feeds from 127.0.0.1 into an "
            f"empty cache; {articles_in(self.cache)} of {self.feeds.meta['posts']} articles "
            "stored"
        )
        return seconds

    def in_tmux(self, hit: SearchHit | None, runs: int) -> None:
        """First paint, open and search on the cache of the last reload."""
        with Tmux() as tmux:
            ui = NewsboatInTmux(
                tmux, self.newsboat.tmux_command(self.cache), self.feeds, self.results
            )
            ui.paint(runs)
            ui.open_article(runs)
            ui.search(hit, runs)


class NewsboatInTmux:
    def __init__(self, tmux: Tmux, command: list[str], feeds: FeedSet, results: Results) -> None:
        self.tmux, self.command, self.results = tmux, command, results
        self.first_feed = str(feeds.meta["feeds"][0])
        self.articles = {str(t): str(i) for t, i in feeds.meta["first_feed"]}

    def start(self) -> tuple[str, float | None, float]:
        name, started = self.tmux.start(self.command)
        shown = self.tmux.wait(name, lambda s: self.first_feed in s, START_TIMEOUT_S)
        return name, shown, started

    def paint(self, runs: int) -> None:
        for _ in range(runs):
            load = load1()
            name, shown, started = self.start()
            self.results["newsboat.paint"].add(None if shown is None else shown - started, load)
            self.results["newsboat.rss"].add(peak_rss_mb(self.tmux.pane_pid(name)), load)
            self.tmux.stop(name)
        self.results[
            "newsboat.paint"
        ].note = f"from starting newsboat on the filled cache to {self.first_feed!r} on screen"
        self.results["newsboat.rss"].note = "VmHWM of newsboat just after first paint"

    def first_article(self, screen: str) -> str | None:
        """The text of the first article listed: newsboat's order for equal dates is
        its own, so the row is read off the screen."""
        for line in screen.splitlines()[1:]:
            for title, intro in self.articles.items():
                if title in line:
                    return intro
        return None

    def open_article(self, runs: int) -> None:
        measure = self.results["newsboat.open"]
        for _ in range(runs):
            name, shown, _started = self.start()
            if shown is not None:
                self.tmux.keys(name, "Enter")
                listed = self.tmux.wait(
                    name, lambda s: self.first_article(s) is not None, KEYS_TIMEOUT_S
                )
                time.sleep(SETTLE_S)
                intro = self.first_article(self.tmux.screen(name))
                if listed is not None and intro is not None:
                    load = load1()
                    sent = self.tmux.keys(name, "Enter")
                    seen = self.tmux.wait(name, flat_has(intro), KEYS_TIMEOUT_S)
                    measure.add(None if seen is None else (seen - sent) * 1000, load)
                    self.results["newsboat.rss.after_open"].add(
                        peak_rss_mb(self.tmux.pane_pid(name)), load
                    )
            self.tmux.stop(name)
        self.results["newsboat.rss.after_open"].note = "VmHWM after opening the article"
        measure.note = (
            f"in {self.first_feed!r}'s article list, enter on the first article until the "
            "start of its text is on screen"
        )

    def search(self, hit: SearchHit | None, runs: int) -> None:
        measure = self.results["newsboat.search"]
        if hit is None:
            measure.note = "skipped: no term occurs exactly once in this corpus"
            return
        title = hit.title
        for _ in range(runs):
            name, shown, _started = self.start()
            if shown is not None and self.tmux.open_prompt(name, SETTLE_S):
                load = load1()
                sent = self.tmux.type(name, hit.term)
                self.tmux.keys(name, "Enter")
                seen = self.tmux.wait(name, lambda s: title in s, KEYS_TIMEOUT_S)
                measure.add(None if seen is None else (seen - sent) * 1000, load)
            self.tmux.stop(name)
        measure.note = (
            f"from the feed list, `/`, then from typing {hit.term} and enter until {title!r} "
            "is listed"
        )
