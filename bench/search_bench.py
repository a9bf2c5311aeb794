"""Search on a generated corpus: latency per kind of term, index size, cost to sync.

    python bench/search_bench.py [--posts 10000] [--corpus DIR] [--rounds 10] [--json FILE]

Generates the corpus with make_corpus.py (or uses --corpus), syncs it into a fresh data
dir twice on real files, once as shipped and once with the search index switched off,
so the difference is what the index costs the first sync. Then times `search()` from
query string to result keys, `--rounds` times per query after one warm-up, and prints
p50/p95 per class of term, with the share of library.db the search tables take.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ainews_tui.ingest import sync as sync_module
from ainews_tui.session import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import Vocabulary, make_corpus

TARGET_MS = {"1-2 chars": 80.0, "3+ chars": 30.0}


def query_classes(seed: int) -> dict[str, list[str]]:
    """Queries by class; rare words come from the generator's own vocabulary."""
    words = Vocabulary(random.Random(seed))
    rare_zh = [w for w in words.zh[-2000:] if len(w) == 2][:4]
    rare_zh3 = [w for w in words.zh[-2000:] if len(w) == 3][:4]
    rare_en = words.en[-4:]
    return {
        "1 CJK char": ["模", "谷", rare_zh[0][0], "龘"],
        "2 CJK chars": ["模型", "谷歌", "清华", *rare_zh, "量子"],
        "2-letter word": ["AI", "5G", "ar", "zq"],
        "3+ CJK chars": ["具身智能", "大模型", "强化学习", "清华大学", *rare_zh3, "量子纠缠"],
        "3+ Latin": ["openai", "ChatGPT", "GPT-5", "nvidia", *rare_en, "quantumfoo"],
        "phrase / mixed": [
            '"open source"',
            "AI芯片",
            "谷歌 gemini",
            "模型 -开源",
            '"fine-tuning distillation"',
        ],
        "filters": [
            "is:unread",
            "tag:具身智能 is:unread",
            "谷歌 after:2025-01-01",
            "date:2024-06 模型",
            "source:corpus is:starred",
        ],
    }


def term_class(name: str) -> str:
    return "1-2 chars" if name in ("1 CJK char", "2 CJK chars", "2-letter word") else "3+ chars"


@contextmanager
def index_disabled() -> Iterator[None]:
    """Sync without its second phase, to measure what the index adds (the posts stay
    marked as pending, which nothing here reads)."""
    saved = sync_module.build_index
    sync_module.build_index = _nothing  # type: ignore[assignment]
    try:
        yield
    finally:
        sync_module.build_index = saved


def _nothing(*_args: object) -> int:
    return 0


@contextmanager
def index_timed(spent: dict[str, float]) -> Iterator[None]:
    """Add the wall seconds of sync's index phase to `spent`, and the CPU seconds of this
    process in it (its workers' share is not counted)."""
    saved = sync_module.build_index

    def timed(*args: Any) -> int:
        wall, cpu = time.perf_counter(), time.process_time()
        done = saved(*args)
        spent["wall"] += time.perf_counter() - wall
        spent["cpu"] += time.process_time() - cpu
        return done

    sync_module.build_index = timed  # type: ignore[assignment]
    try:
        yield
    finally:
        sync_module.build_index = saved


def timed_sync(corpus: Path, work: Path, name: str) -> tuple[float, Session]:
    config = work / f"{name}.toml"
    config.write_text(
        f'[[sources]]\nid = "corpus"\nname = "corpus"\nkind = "dir"\npath = "{corpus}"\n',
        encoding="utf-8",
    )
    session = Session.load(str(config), str(work / name))
    session.library  # noqa: B018 - open (and migrate) before the clock starts
    started = time.perf_counter()
    session.sync()
    return time.perf_counter() - started, session


def table_sizes(session: Session) -> dict[str, int]:
    conn = sqlite3.connect(session.paths.library_db)  # dbstat: a diagnostic, not a library call
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    try:
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    except Exception:  # dbstat is an optional SQLite feature
        return {}
    return {str(name): int(size) for name, size in rows}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def time_queries(session: Session, classes: dict[str, list[str]], rounds: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, queries in classes.items():
        timings: list[float] = []
        per_query: dict[str, Any] = {}
        for query in queries:
            found = session.library.search(query)
            own: list[float] = []
            for _ in range(rounds):
                started = time.perf_counter()
                session.library.search(query)
                own.append((time.perf_counter() - started) * 1000)
            timings += own
            per_query[query] = {
                "hits": len(found.keys),
                "p50_ms": statistics.median(own),
                "max_ms": max(own),
            }
        results[name] = {
            "p50_ms": statistics.median(timings),
            "p95_ms": percentile(timings, 0.95),
            "queries": per_query,
        }
    return results


def run(args: argparse.Namespace, say: Callable[[str], None]) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="ainews-search-bench-", dir=args.work))
    corpus = args.corpus
    if corpus is None:
        corpus = work / "corpus"
        stats = make_corpus(corpus, args.posts, args.seed)
        say(f"corpus: {stats.posts} posts, {stats.items} items, {stats.bytes / 1e6:.1f} MB")
    with index_disabled():
        plain_s, plain = timed_sync(corpus, work, "plain")
    plain_sizes = table_sizes(plain)
    plain.close()
    spent = {"wall": 0.0, "cpu": 0.0}
    with index_timed(spent):
        indexed_s, session = timed_sync(corpus, work, "indexed")
    sizes = table_sizes(session)
    items = session.library.count_items()
    search_bytes = sum(v for k, v in sizes.items() if k.startswith("search"))
    say(
        f"first sync: {plain_s:.1f} s without the index, {indexed_s:.1f} s with it "
        f"(+{indexed_s - plain_s:.1f} s); {items} items"
    )
    say(
        f"time in the index phase of that sync: {spent['wall']:.1f} s wall, "
        f"{spent['cpu']:.1f} s CPU ({spent['wall'] / max(args.posts, 1) * 1000:.2f} ms a post)"
    )
    say(
        f"library.db: {sum(plain_sizes.values()) / 1e6:.0f} MB without, "
        f"{sum(sizes.values()) / 1e6:.0f} MB with; search tables {search_bytes / 1e6:.0f} MB"
    )
    for prefix in ("search_fts", "search_grams", "search_docs"):
        part = sum(v for k, v in sizes.items() if k.startswith(prefix))
        say(f"  {prefix}*: {part / 1e6:.1f} MB")
    latencies = time_queries(session, query_classes(args.seed), args.rounds)
    session.close()
    say(f"{'class':<16} {'p50 ms':>8} {'p95 ms':>8}  target")
    for name, figures in latencies.items():
        target = TARGET_MS[term_class(name)]
        say(
            f"{name:<16} {figures['p50_ms']:8.2f} {figures['p95_ms']:8.2f}  "
            f"p95 <= {target:.0f} ms {'ok' if figures['p95_ms'] <= target else 'MISSED'}"
        )
        for query, q in figures["queries"].items():
            say(
                f"    {query:<28} {q['hits']:>4} hits  p50 {q['p50_ms']:7.2f}  "
                f"max {q['max_ms']:7.2f}"
            )
    return {
        "posts": args.posts,
        "items": items,
        "sync_s": {"plain": plain_s, "indexed": indexed_s},
        "index_maintenance_s": spent,
        "sizes": sizes,
        "plain_sizes": plain_sizes,
        "latency": latencies,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="use this folder instead of generating")
    parser.add_argument("--work", type=Path, help="where to put data dirs (default: /tmp)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    figures = run(args, print)
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
