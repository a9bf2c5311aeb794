"""How well story extraction splits real digests, and how fast.

    python bench/corpus_items.py [CORPUS_DIR] [--show N]

CORPUS_DIR defaults to ../shared/corpus relative to the repository root. Every
non-empty .md/.markdown file goes through `parse_post`, as a sync reads it; files it
skips (pages, section files, templates) are counted apart. Per repository it prints the
number of posts, the share split into 3+ stories and the median story count; then
precision and recall against the hand-labelled gold set (bench/gold.py), the 10 worst
posts, and extraction throughput in MB/s of UTF-8 body text (on the corpus and on
../shared/seeds; best of several rounds, wall clock and CPU time).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from datetime import UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from ainews_tui.ingest.decode import SkipFile  # noqa: E402
from ainews_tui.ingest.items import extract_items  # noqa: E402
from ainews_tui.ingest.post import parse_post  # noqa: E402
from ainews_tui.model import ParsedPost  # noqa: E402
from gold import report, score  # noqa: E402


def read(path: Path, rel: str) -> ParsedPost | str:
    """The post, or why the file is not one."""
    try:
        return parse_post(path.read_bytes(), rel.split("/", 1)[1], zone=UTC)
    except SkipFile as exc:
        return str(exc)


def headlines(path: Path, rel: str) -> list[str]:
    """What the gold set is scored against: a page gives no stories."""
    post = read(path, rel)
    return [] if isinstance(post, str) else [i.headline for i in post.items]


def load(corpus: Path) -> tuple[list[tuple[str, str, ParsedPost]], dict[str, int]]:
    """(repository, path, post) for every file that is a post; skip reasons counted."""
    posts, skipped = [], defaultdict(int)
    for path in sorted(corpus.rglob("*")):
        if path.suffix.lower() not in (".md", ".markdown") or not path.is_file():
            continue
        rel = str(path.relative_to(corpus))
        if "/" not in rel:  # the corpus README itself
            continue
        post = read(path, rel)
        if isinstance(post, str):
            skipped[post.split(" (")[0]] += 1
        else:
            posts.append((rel.split("/", 1)[0], rel, post))
    return posts, skipped


def throughput(bodies: list[str], rounds: int = 7) -> tuple[float, float]:
    """Best-of-N MB/s (UTF-8 bytes) of extract_items over the bodies: wall clock, CPU time.

    CPU time is the steadier figure when other processes share the machine.
    """
    size = sum(len(b.encode("utf-8", "replace")) for b in bodies) / 1e6
    wall = cpu = float("inf")
    for _ in range(rounds):
        w0, c0 = time.perf_counter(), time.process_time()
        for b in bodies:
            extract_items(b)
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return size / max(wall, 1e-9), size / max(cpu, 1e-9)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--show", type=int, default=0, help="print the items of the N worst")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    posts, skipped = load(corpus)
    counts: dict[str, list[int]] = defaultdict(list)
    for repo, _, post in posts:
        counts[repo].append(len(post.items))

    print(f"{'repository':45} {'posts':>5} {'3+ items':>9} {'median':>7}")
    for repo in sorted(counts):
        ns = counts[repo]
        share = 100 * sum(n >= 3 for n in ns) / len(ns)
        print(f"{repo:45} {len(ns):5d} {share:8.1f}% {statistics.median(ns):7.1f}")
    every = [n for ns in counts.values() for n in ns]
    share = 100 * sum(n >= 3 for n in every) / max(1, len(every))
    print(f"{'overall':45} {len(every):5d} {share:8.1f}% {statistics.median(every):7.1f}")
    print("skipped: " + ", ".join(f"{n} {why}" for why, n in sorted(skipped.items())))

    blogs, _ = score(corpus, headlines)
    print("\ngold set, precision and recall per blog:")
    print(report(blogs))

    print("\n10 worst posts (fewest items, then largest body):")
    worst = sorted(posts, key=lambda p: (len(p[2].items), -len(p[2].body)))[:10]
    for _, rel, post in worst:
        print(f"  {len(post.items):3d} items  {len(post.body):7d} chars  {rel}")
    for _, rel, post in worst[: args.show]:
        print(f"\n--- {rel}")
        for it in post.items:
            print(f"  [{it.start_line}-{it.end_line}] {it.headline[:80]}  <{it.url}>")

    wall, cpu = throughput([post.body for _, _, post in posts])
    print(f"\nthroughput, corpus: {wall:.1f} MB/s wall, {cpu:.1f} MB/s CPU time")
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        seed_bodies = [
            body.body
            for p in sorted(seeds.glob("*.md"))
            if not isinstance(body := read(p, "seeds/" + p.name), str)
        ]
        wall, cpu = throughput(seed_bodies * 20)
        print(f"throughput, seeds:  {wall:.1f} MB/s wall, {cpu:.1f} MB/s CPU time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
