"""How well `extract_items` splits real digests, and how fast.

    python bench/corpus_items.py [CORPUS_DIR] [--show N]

CORPUS_DIR defaults to ../shared/corpus relative to the repository root. For every
non-empty .md/.markdown file it prints, per repository, the number of files, the share
split into 3+ items and the median item count; then the overall share, the 10 worst
posts, and extraction throughput in MB/s of UTF-8 text (on the corpus and on
../shared/seeds; best of several rounds, wall clock and CPU time).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import frontmatter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ainews_tui.ingest.items import extract_items  # noqa: E402


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030; LF line endings."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def body_of(text: str) -> str:
    """The post body with front matter removed; the whole text when it cannot be parsed."""
    try:
        return str(frontmatter.loads(text).content)
    except Exception:  # malformed front matter is common in the wild: keep the text
        return text


def load(corpus: Path) -> list[tuple[str, str, str]]:
    """(repository, path, body) for every non-empty Markdown file."""
    posts = []
    for path in sorted(corpus.rglob("*")):
        if path.suffix.lower() not in (".md", ".markdown") or not path.is_file():
            continue
        rel = path.relative_to(corpus)
        if len(rel.parts) < 2:  # the corpus README itself
            continue
        data = path.read_bytes()
        if data.strip():
            posts.append((rel.parts[0], str(rel), body_of(decode(data))))
    return posts


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
    posts = load(corpus)
    counts: dict[str, list[int]] = defaultdict(list)
    results = []
    for repo, rel, body in posts:
        n = len(extract_items(body))
        counts[repo].append(n)
        results.append((n, len(body), rel))

    print(f"{'repository':45} {'files':>5} {'3+ items':>9} {'median':>7}")
    for repo in sorted(counts):
        ns = counts[repo]
        share = 100 * sum(n >= 3 for n in ns) / len(ns)
        print(f"{repo:45} {len(ns):5d} {share:8.1f}% {statistics.median(ns):7.1f}")
    every = [n for ns in counts.values() for n in ns]
    share = 100 * sum(n >= 3 for n in every) / max(1, len(every))
    print(f"{'overall':45} {len(every):5d} {share:8.1f}% {statistics.median(every):7.1f}")

    print("\n10 worst posts (fewest items, then largest body):")
    worst = sorted(results, key=lambda r: (r[0], -r[1]))[:10]
    for n, size, rel in worst:
        print(f"  {n:3d} items  {size:7d} chars  {rel}")
    for _, _, rel in worst[: args.show]:
        body = next(b for _, r, b in posts if r == rel)
        print(f"\n--- {rel}")
        for it in extract_items(body):
            print(f"  [{it.start_line}-{it.end_line}] {it.headline[:80]}  <{it.url}>")

    bodies = [b for _, _, b in posts]
    wall, cpu = throughput(bodies)
    print(f"\nthroughput, corpus: {wall:.1f} MB/s wall, {cpu:.1f} MB/s CPU time")
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        seed_bodies = [body_of(decode(p.read_bytes())) for p in sorted(seeds.glob("*.md"))]
        wall, cpu = throughput(seed_bodies * 20)
        print(f"throughput, seeds:  {wall:.1f} MB/s wall, {cpu:.1f} MB/s CPU time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
