"""The reader's figures that tmux cannot see, for bench/versus.py: opening the 30 KB and
400 KB posts and one opened before, the longest UI stall while marking, starring and
while a sync adds stories (headless, run.py's `ReaderProbe` in a fresh process), and
search p95 for every class of query (run.py's search child)."""

from __future__ import annotations

from pathlib import Path

from children import run_child
from corpus_cache import OPEN_SIZES
from results import Results, load1, percentile
from search_bench import query_classes

MOVES = 5
SEARCH_ROUNDS = 10


def class_measure(name: str) -> str:
    """The measure of one search class: `search.class.<name>.p95`."""
    return "search.class." + "".join(c if c.isalnum() else "_" for c in name) + ".p95"


SEARCH_CLASSES = tuple(query_classes(1))


def measure_headless(
    config: Path, data: Path, corpus: Path, seed: int, runs: int, results: Results, work: Path
) -> None:
    keys = {
        label: f"corpus:{path.relative_to(corpus).as_posix()}"
        for label in OPEN_SIZES
        for path in (corpus / "long").glob(f"*-long-{label}.md")
    }
    spec = {
        "config": str(config),
        "data": str(data),
        "moves": MOVES,
        "open": keys,
        "stalls": str(corpus / "long"),
    }
    for _ in range(runs):
        load = load1()
        child = run_child("reader", spec, work)
        data_out = child.data
        results["rss.reader"].add(child.peak_rss_mb, load)
        for label, opened in data_out["opens"].items():
            results[f"tui.open.{label}.first_lines"].add(opened["first_lines_ms"], load)
            results[f"tui.open.{label}.max_stall"].add(opened["max_stall_ms"], load)
        results["tui.open.again"].add(data_out["reopen_ms"], load)
        for mark in data_out["marks"]:
            name = "read" if mark["key"] == "r" else "star"
            results[f"tui.stall.{name}"].add(mark["max_stall_ms"], load)
            results[f"tui.counts.{name}"].add(mark["shown_ms"], load)
        results["tui.stall.sync_adds"].add(data_out["sync_adds"]["max_stall_ms"], load)
        results["tui.sync_adds.listed"].add(data_out["sync_adds"]["listed_ms"], load)
    results["rss.reader"].note = "headless reader after the opens, marks and a sync"
    results["tui.open.again"].note = "the 400 KB post again, after moving away"
    results["tui.stall.read"].note = "longest 2 ms-timer delay from `r` to the new count"
    results["tui.stall.sync_adds"].note = "a file written into the watched folder, until listed"
    for _ in range(runs):
        load = load1()
        child = run_child(
            "search",
            {"config": str(config), "data": str(data), "seed": seed, "rounds": SEARCH_ROUNDS},
            work,
        )
        for name, timings in child.data["by_class"].items():
            results[class_measure(name)].add(percentile(timings, 0.95), load)
