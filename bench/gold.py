"""Precision and recall of story extraction against the hand-labelled gold set.

The gold set (`tests/fixtures/gold_items.json`) maps corpus-relative paths to the
headlines a careful reader finds in each post, written by reading the posts, never
from the program's output. An empty list marks a file that is a page, not a post.

Headlines match fuzzily: after normalisation (NFKC, case-folded, letters and digits
only) one must open with the other's first 12 characters, or contain it whole, or
difflib must rate them 0.75 alike. Gold and found headlines are paired one to one,
best pairs first.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "gold_items.json"
_PREFIX = 12  # normalised characters that must agree when one headline opens the other
_RATIO = 0.75


def load_gold(path: Path = GOLD) -> dict[str, list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): [str(h) for h in v] for k, v in data["posts"].items()}


def normalize(headline: str) -> str:
    text = unicodedata.normalize("NFKC", headline).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def similarity(gold: str, found: str) -> float:
    """1.0 for a prefix or containment match, else difflib's ratio (0 when too short)."""
    g, f = normalize(gold), normalize(found)
    if not g or not f:
        return 0.0
    k = min(len(g), len(f), _PREFIX)
    if k >= 4 and (g[:k] == f[:k] or (min(len(g), len(f)) >= 6 and (g in f or f in g))):
        return 1.0
    return SequenceMatcher(None, g, f, autojunk=False).ratio()


def match_count(gold: list[str], found: list[str]) -> int:
    """How many gold headlines pair with a found one (each used at most once)."""
    pairs = sorted(
        ((similarity(g, f), i, j) for i, g in enumerate(gold) for j, f in enumerate(found)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_f: set[int] = set()
    for score, i, j in pairs:
        if score < _RATIO:
            break
        if i not in used_g and j not in used_f:
            used_g.add(i)
            used_f.add(j)
    return len(used_g)


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.found += other.found
        self.matched += other.matched


def score(
    corpus: Path,
    headlines_of: Callable[[Path, str], list[str]],
    gold: dict[str, list[str]] | None = None,
) -> tuple[dict[str, Score], dict[str, Score]]:
    """Scores per blog (the first path part) and per post; `headlines_of(file, relpath)`
    returns the story headlines the program finds ([] for a page)."""
    gold = load_gold() if gold is None else gold
    blogs: dict[str, Score] = {}
    posts: dict[str, Score] = {}
    for rel, expected in gold.items():
        found = headlines_of(corpus / rel, rel)
        post = Score(len(expected), len(found), match_count(expected, found))
        posts[rel] = post
        blogs.setdefault(rel.split("/", 1)[0], Score()).add(post)
    return blogs, posts


def overall(blogs: Iterable[Score]) -> Score:
    total = Score()
    for s in blogs:
        total.add(s)
    return total


def report(blogs: dict[str, Score]) -> str:
    lines = [f"{'blog':45} {'gold':>5} {'found':>5} {'match':>5} {'prec':>6} {'recall':>6}"]
    for name in sorted(blogs):
        s = blogs[name]
        lines.append(
            f"{name:45} {s.gold:5d} {s.found:5d} {s.matched:5d} {s.precision:6.3f} {s.recall:6.3f}"
        )
    t = overall(blogs.values())
    lines.append(
        f"{'overall':45} {t.gold:5d} {t.found:5d} {t.matched:5d} {t.precision:6.3f} {t.recall:6.3f}"
    )
    return "\n".join(lines)
