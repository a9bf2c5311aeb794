"""Sync ../shared/corpus into a fresh data dir and report what the core made of it.

    python bench/corpus_sync.py [CORPUS_DIR] [--runs N]

Prints first-sync and unchanged re-sync times (median and range over N fresh runs), how
many non-empty Markdown files became posts, how many of those have a date, and why the
rest were skipped.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from ainews_tui.session import Session

REPO = Path(__file__).resolve().parents[1]


def one_run(corpus: Path) -> tuple[float, float, Session, Path]:
    tmp = Path(tempfile.mkdtemp(prefix="ainews-corpus-"))
    config = tmp / "config.toml"
    config.write_text(
        f'[[sources]]\nid = "corpus"\nname = "corpus"\nkind = "dir"\npath = "{corpus}"\n'
        'glob = "**/*.md"\n',
        encoding="utf-8",
    )
    session = Session.load(str(config), str(tmp / "data"))
    started = time.perf_counter()
    session.sync()
    first = time.perf_counter() - started
    started = time.perf_counter()
    report = session.sync()
    unchanged = time.perf_counter() - started
    assert report.new == 0 and report.updated == 0
    return first, unchanged, session, tmp


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 1
    firsts, unchanged = [], []
    session = None
    for _ in range(args.runs):
        first, again, session, _tmp = one_run(corpus)
        firsts.append(first)
        unchanged.append(again)
    assert session is not None
    report = session.sync()
    markdown = [p for p in corpus.rglob("*.md") if p.is_file() and p.stat().st_size > 0]
    posts = session.library.list_posts()
    dated = sum(1 for p in posts if p.date)
    reasons = Counter(s.reason for s in report.skipped)

    def fmt(values: list[float]) -> str:
        return f"{statistics.median(values):.3f} s ({min(values):.3f}–{max(values):.3f})"

    print(f"corpus: {corpus}")
    print(f"first sync      {fmt(firsts)} over {args.runs} runs")
    ratio = statistics.median(unchanged) / statistics.median(firsts)
    print(f"unchanged sync  {fmt(unchanged)}  ratio {ratio:.3f}")
    print(f"non-empty .md   {len(markdown)}")
    print(f"posts           {len(posts)}  ({len(posts) / len(markdown):.1%} of non-empty .md)")
    print(f"dated posts     {dated}  ({dated / len(posts):.1%})")
    print(f"items           {session.library.count_items()}")
    for reason, count in reasons.most_common():
        print(f"skipped {count:4d}  {reason}")
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
