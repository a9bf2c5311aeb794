"""How precise would joining stories by near-duplicate headlines be? (issue 15)

    python bench/story_headlines.py DATA_DIR [--threshold 0.6] [--days 3] [--sample 30]

Reads a synced library.db and pairs items that the URL rule left apart: different
posts at most `--days` apart, headlines in the same script (CJK or not), character
bigram Jaccard similarity of the folded headlines at least `--threshold`. Prints how
many pairs that gives, how many of the pairs the URL rule did merge would also pass
(a recall estimate), and a seeded sample of candidates to judge by hand.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import unicodedata
from datetime import date
from itertools import combinations
from pathlib import Path


def grams(text: str) -> frozenset[str]:
    folded = "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())
    return frozenset(folded[i : i + 2] for i in range(len(folded) - 1))


def cjk(text: str) -> bool:
    return sum("\u4e00" <= c <= "\u9fff" for c in text) * 3 > len(text)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--threshold", type=float, default=0.6)
    parser.add_argument("--days", type=int, default=3)
    parser.add_argument("--sample", type=int, default=30)
    args = parser.parse_args()
    conn = sqlite3.connect(args.data_dir / "library.db")
    rows = conn.execute(
        "SELECT i.key, i.post_key, i.headline, i.day, i.story FROM items i WHERE i.day IS NOT NULL"
    ).fetchall()
    items = [(k, p, h, date.fromisoformat(d), s, grams(h), cjk(h)) for k, p, h, d, s in rows]
    items.sort(key=lambda r: r[3])
    candidates, url_pairs, url_pass = [], 0, 0
    for a, b in combinations(items, 2):
        if (b[3] - a[3]).days > args.days:
            continue
        if a[1] == b[1] or a[6] != b[6]:
            continue
        same_story = a[4] == b[4] and a[4].startswith("story:")
        score = jaccard(a[5], b[5])
        if same_story:
            url_pairs += 1
            url_pass += score >= args.threshold
        elif score >= args.threshold:
            candidates.append((score, a, b))
    print(f"items {len(items)}; candidate pairs the URL rule left apart: {len(candidates)}")
    print(f"URL-merged pairs {url_pairs}, of which {url_pass} also pass the headline test")
    for score, a, b in random.Random(15).sample(candidates, min(args.sample, len(candidates))):
        print(f"{score:.2f}  {a[3]} {a[1][:40]} | {a[2][:60]}")
        print(f"      {b[3]} {b[1][:40]} | {b[2][:60]}")


if __name__ == "__main__":
    main()
