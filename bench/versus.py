"""ainews beside newsboat at several corpus sizes: the figures of issues 12 and 13.

    python bench/run.py --newsboat [--sizes 1000,10000,50000] [--runs 5|5,5,1] [--json OUT]

For each size, on the same generated posts and in the same run: ainews's first sync as
the user runs it (`ainews sync`, until it prints a line with `browsable` and until it
exits, with its peak RSS), the unchanged and the 1 % re-sync, and through tmux its first
paint, opening the next post and type-ahead search; headless, opening the 30 KB and
400 KB posts and one opened before, the longest UI stall while marking, starring and
while a sync adds stories, and search p95 per class (bench/reader_headless.py);
newsboat's reload of the same posts as 10 local feeds, its first paint, opening an
article and search (bench/newsboat.py).
Then one table per size with the ratios and their targets, and a growth table from the
smallest size to the largest. Without --newsboat only the ainews column is measured.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from children import run_child
from corpus_cache import cached_corpus, changed_files, markdown_files, write_config
from newsboat import NewsboatBench, find_newsboat
from reader_headless import SEARCH_CLASSES, class_measure, measure_headless
from reader_tmux import AinewsInTmux, ainews_program
from results import Results, load1
from rss_feeds import cached_feeds
from search_term import pick_term
from tmux_driver import Tmux

DEFAULT_SIZES = (1000, 10_000, 50_000)
DEFAULT_RUNS = 5
LARGE = 50_000
LARGE_RUNS = 1
"""Runs per size from LARGE posts up, unless --runs says otherwise: one such run (first
sync, re-syncs, newsboat's reload, the reader in tmux) takes several minutes on 2 cores,
and the three default sizes should finish in well under half an hour."""
GROWTH_TARGET = 1.5
SYNC_TIMEOUT_S = 3600


@dataclass(frozen=True)
class Versus:
    """One row of a size's table: an ainews measure against a newsboat one."""

    label: str
    ainews: str
    newsboat: str | None
    ratio: float | None = None
    """Target for ainews / newsboat; None when the target is absolute or there is none."""
    absolute: float | None = None


ROWS = (
    Versus("first paint in tmux", "tui.paint.tmux", "newsboat.paint", ratio=1.3),
    Versus("open next post / an article", "tui.open_next.tmux", "newsboat.open", ratio=4.0),
    Versus("type-ahead / search+enter", "tui.search.tmux", "newsboat.search", ratio=0.5),
    Versus("first sync browsable / reload", "sync.browsable", "newsboat.reload", ratio=1.5),
    Versus("first sync complete / reload", "sync.complete", "newsboat.reload", ratio=3.0),
    Versus("unchanged re-sync", "sync.unchanged", None, absolute=0.15),
    Versus("unchanged `ainews sync` (CLI)", "sync.unchanged.cli", None),
    Versus("re-sync, 1 % of files changed", "sync.touched_1pct", None, absolute=0.5),
    Versus("peak RSS, ainews sync", "rss.sync", None, absolute=150),
    Versus(
        "peak RSS, reader after open",
        "rss.reader.tmux.after_open",
        "newsboat.rss.after_open",
        absolute=150,
    ),
    Versus("peak RSS, reader, every step", "rss.reader", None, absolute=150),
    Versus("open 30 KB post, first lines", "tui.open.30k.first_lines", None, absolute=50),
    Versus("open 400 KB post, first lines", "tui.open.400k.first_lines", None, absolute=80),
    Versus("open a post opened before", "tui.open.again", None, absolute=20),
    Versus("UI stall, `r` mark read", "tui.stall.read", None, absolute=16),
    Versus("UI stall, `s` star", "tui.stall.star", None, absolute=16),
    Versus("UI stall, a sync adds stories", "tui.stall.sync_adds", None, absolute=16),
    *(
        Versus(f"search p95, {name}", class_measure(name), None, absolute=30)
        for name in SEARCH_CLASSES
    ),
)
GROWTH = (
    ("first paint", "tui.paint.tmux", "newsboat.paint"),
    ("open", "tui.open_next.tmux", "newsboat.open"),
    ("open 30 KB", "tui.open.30k.first_lines", None),
    ("search", "tui.search.tmux", "newsboat.search"),
    *((f"p95 {name}", class_measure(name), None) for name in SEARCH_CLASSES),
)


def parse_runs(text: str | None, sizes: list[int]) -> list[int]:
    """--runs: nothing (the default per size), one count for all, or one per size."""
    if text is None:
        return [LARGE_RUNS if posts >= LARGE else DEFAULT_RUNS for posts in sizes]
    try:
        runs = [int(part) for part in text.split(",")]
    except ValueError:
        sys.exit(f"--runs takes a count, or one per size like 5,5,1; got {text!r}")
    if len(runs) == 1:
        runs *= len(sizes)
    if len(runs) != len(sizes) or min(runs) < 1:
        sys.exit(f"--runs needs one positive count, or one per size ({len(sizes)}); got {text!r}")
    return runs


def run_sizes(
    sizes: list[int],
    runs: list[int],
    seed: int,
    with_newsboat: bool,
    work: Path,
    say: Callable[[str], None],
) -> dict[str, Any]:
    """Every size in turn; the report that --json writes."""
    binary, said = (None, "not requested (no --newsboat)")
    if with_newsboat:
        binary, said = find_newsboat(say)
    newsboat = {"path": binary, "version": said} if binary else {"skipped": said}
    say(f"newsboat: {said if binary else 'skipped: ' + said}")
    report: dict[str, Any] = {"newsboat": newsboat, "sizes": {}}
    for posts, count in zip(sizes, runs, strict=True):
        say(f"--- {posts} posts, {count} run{'s' if count > 1 else ''}")
        report["sizes"][str(posts)] = bench_size(posts, count, seed, binary, work, say)
    report["growth"] = growth(report["sizes"])
    return report


def bench_size(
    posts: int, runs: int, seed: int, newsboat: str | None, work: Path, say: Callable[[str], None]
) -> dict[str, Any]:
    corpus = cached_corpus(posts, seed, say)
    results = Results()
    folder = work / f"size-{posts}"
    folder.mkdir()
    config = write_config(folder / "ainews.toml", [("corpus", corpus)])
    with ExitStack() as stack:
        rival = None
        if newsboat is not None:
            feeds = cached_feeds(corpus, say)
            rival = stack.enter_context(NewsboatBench(newsboat, feeds, folder, results))
        data = measure_sync(corpus, config, folder, results, runs, say, rival)
        hit = pick_term(corpus, data / "library.db")
        if shutil.which("tmux") is None:
            results["tui.paint.tmux"].note = "skipped: tmux is not installed"
        else:
            with Tmux() as tmux:
                reader = AinewsInTmux(tmux, config, data, results)
                reader.paint(runs)
                reader.open_next(runs)
                reader.typeahead(hit, runs)
            if rival is not None:
                rival.in_tmux(hit, runs)
        say("  headless reader: long posts, stalls, search classes")
        measure_headless(config, data, corpus, seed, runs, results, folder)
    with sqlite3.connect(data / "library.db") as conn:
        stored, items = conn.execute(
            "SELECT (SELECT count(*) FROM posts), (SELECT count(*) FROM items)"
        ).fetchone()
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "path": str(corpus),
        "runs": runs,
        "posts": stored,
        "items": items,
        "bytes": sum(p.stat().st_size for p in corpus.rglob("*.md")),
        "search_term": None if hit is None else hit.term,
        "measures": results.to_json(),
    }


def measure_sync(
    corpus: Path,
    config: Path,
    folder: Path,
    results: Results,
    runs: int,
    say: Callable[[str], None],
    rival: NewsboatBench | None,
) -> Path:
    """`ainews sync` into an empty library (and newsboat's reload right after it), then
    the re-syncs in children (as run.py times them); returns the last run's data dir."""
    files = markdown_files(corpus)
    data = folder
    for run in range(runs):
        data = folder / f"data-{run}"
        load = load1()
        browsable, complete, rss = timed_sync(config, data)
        results["sync.browsable"].add(browsable, load)
        results["sync.complete"].add(complete, load)
        results["rss.sync"].add(rss, load)
        reload = "" if rival is None else f", newsboat reload {rival.reload():.2f} s"
        load = load1()
        unchanged = run_child(
            "sync", {"config": str(config), "data": str(data), "steps": 2}, folder
        )
        results["sync.unchanged"].add(unchanged.data["seconds"][1], load)
        load = load1()
        results["sync.unchanged.cli"].add(timed_sync(config, data)[1], load)
        with changed_files(files) as changed:
            load = load1()
            again = run_child(
                "sync", {"config": str(config), "data": str(data), "steps": 1}, folder
            )
        results["sync.touched_1pct"].add(again.data["seconds"][0], load)
        results["sync.touched_1pct"].note = f"{changed} files changed"
        say(
            f"  sync run {run + 1}: complete {complete:.2f} s{reload}, unchanged "
            f"{unchanged.data['seconds'][1]:.3f} s, 1 % {again.data['seconds'][0]:.2f} s "
            f"(load {load:.1f})"
        )
        if run < runs - 1:
            shutil.rmtree(data)
    if not results["sync.browsable"].samples:
        results["sync.browsable"].note = "n/a (sync prints no browsable line)"
    else:
        results["sync.browsable"].note = "from starting `ainews sync` to its `browsable` line"
    results["sync.complete"].note = "from starting `ainews sync` (interpreter and all) to its exit"
    results[
        "sync.unchanged"
    ].note = "the second of two Session.sync calls in a fresh process, as run.py times it"
    results["sync.unchanged.cli"].note = "`ainews sync` with nothing changed, start to exit"
    results["sync.touched_1pct"].note += " (Session.sync in a fresh process, as run.py)"
    results["rss.sync"].note = "`ainews sync` main process (parse workers are separate)"
    return data


def timed_sync(config: Path, data: Path) -> tuple[float | None, float, float]:
    """Seconds to the `browsable` line (None when sync prints none), seconds to exit,
    and the peak RSS of the `ainews sync` process in MB."""
    command = [*ainews_program(), "--config", str(config), "--data-dir", str(data), "sync"]
    started = time.perf_counter()
    proc = subprocess.Popen(
        command,
        # Unbuffered, so the browsable line arrives when it is printed, not at exit.
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    browsable = None
    assert proc.stdout is not None
    output = []
    for line in proc.stdout:
        output.append(line)
        if browsable is None and "browsable" in line:
            browsable = time.perf_counter() - started
    _pid, status, usage = os.wait4(proc.pid, 0)
    complete = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"ainews sync failed (exit {proc.returncode}): {''.join(output)[-500:]}")
    return browsable, complete, usage.ru_maxrss / 1024


def growth(sizes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Largest size's median over the smallest's, per measure that has both."""
    if len(sizes) < 2:
        return {}
    ordered = sorted(sizes, key=int)
    small, large = sizes[ordered[0]]["measures"], sizes[ordered[-1]]["measures"]
    out: dict[str, Any] = {"from": int(ordered[0]), "to": int(ordered[-1]), "rows": {}}
    for label, *names in GROWTH:
        row = {}
        for name in names:
            a, b = small.get(name, {}), large.get(name, {})
            if "median" in a and "median" in b and a["median"] > 0:
                row[name] = b["median"] / a["median"]
        out["rows"][label] = row
    return out


# --- output ------------------------------------------------------------------------------


def tables(report: dict[str, Any]) -> list[str]:
    lines = []
    for posts, size in report["sizes"].items():
        newsboat = report["newsboat"]
        about = newsboat.get("version") or f"skipped: {newsboat['skipped']}"
        lines += size_table(int(posts), size, about, size["runs"])
        lines.append("")
    lines += growth_table(report["growth"])
    return lines


def _cell(m: dict[str, Any] | None) -> str:
    if not m or "median" not in m:
        return "-"
    seconds = m["unit"] == "s"
    digits = (3 if m["median"] < 10 else 1) if seconds else (1 if m["median"] < 100 else 0)
    return f"{m['median']:.{digits}f} {m['unit']} ({m['min']:.{digits}f}–{m['max']:.{digits}f})"


def _loads(*measures: dict[str, Any] | None) -> str:
    loads = [x for m in measures if m for x in m["load1"]]
    return f"{min(loads):.1f}–{max(loads):.1f}" if loads else ""


def size_table(posts: int, size: dict[str, Any], newsboat: str, runs: int) -> list[str]:
    measures = size["measures"]
    lines = [
        f"{posts:,} posts ({size['items']:,} stories, {size['bytes'] / 1e6:.0f} MB); "
        f"newsboat: {newsboat}",
        f"  {'measure':<34} {'ainews':<27} {'newsboat':<27} {'ratio':>6}  {'target':<12} load",
    ]
    notes = []
    for row in ROWS:
        a = measures.get(row.ainews)
        n = measures.get(row.newsboat) if row.newsboat else None
        ratio = verdict = ""
        if a and n and "median" in a and "median" in n and n["median"] > 0:
            value = a["median"] / n["median"]
            ratio = f"{value:.2f}×"
            if row.ratio is not None:
                verdict = f"≤ {row.ratio:g}× {'✓' if value <= row.ratio else '✗'}"
        elif row.ratio is not None:
            verdict = f"≤ {row.ratio:g}× ?"
        if row.absolute is not None:
            unit = a["unit"] if a else ""
            met = "?" if not a or "median" not in a else "✓✗"[a["median"] > row.absolute]
            verdict = f"≤ {row.absolute:g} {unit} {met}"
        lines.append(
            f"  {row.label:<34} {_cell(a):<27} {_cell(n) if row.newsboat else '':<27} "
            f"{ratio:>6}  {verdict:<12} {_loads(a, n)}"
        )
        for who, m in (("ainews", a), ("newsboat", n)):
            if m and len(m["samples"]) < runs:
                # A run without a figure timed out waiting for the screen; say so.
                notes.append(
                    f"    {row.label}, {who}: {len(m['samples'])} of {runs} runs measured"
                    f"{'; ' + m['note'] if m['note'] else ''}"
                )
    return lines + notes


def growth_table(data: dict[str, Any]) -> list[str]:
    if not data:
        return ["growth: needs two sizes or more (--sizes)"]
    lines = [
        f"growth from {data['from']:,} to {data['to']:,} posts (median over median)",
        f"  {'measure':<26} {'ainews':>8} {'newsboat':>9}  target",
    ]
    for label, ainews, newsboat in GROWTH:
        row = data["rows"][label]
        a = f"{row[ainews]:.2f}×" if ainews in row else "-"
        n = f"{row[newsboat]:.2f}×" if newsboat in row else "-"
        met = "" if ainews not in row else "✓" if row[ainews] < GROWTH_TARGET else "✗"
        lines.append(f"  {label:<26} {a:>8} {n:>9}  < {GROWTH_TARGET:g}× {met}")
    return lines


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        sys.exit(f"--sizes takes post counts separated by commas, like 1000,10000; got {text!r}")
    if not sizes or sizes[0] < 1:
        sys.exit(f"--sizes takes positive post counts; got {text!r}")
    return sizes
