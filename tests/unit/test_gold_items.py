"""Story extraction against the hand-labelled gold set (tests/fixtures/gold_items.json):
29 posts of the 8 blogs in ../shared/corpus, read and labelled by hand.

Precision and recall must be at least 0.9 for every blog and 0.95 overall; the scorer
(fuzzy headline matching) is bench/gold.py, which bench/corpus_items.py also prints.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from datetime import UTC
from pathlib import Path
from types import ModuleType

import pytest

from ainews_tui.ingest.decode import SkipFile
from ainews_tui.ingest.post import parse_post

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")


def _gold() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_gold", ROOT / "bench" / "gold.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def headlines(path: Path, rel: str) -> list[str]:
    try:
        post = parse_post(path.read_bytes(), rel.split("/", 1)[1], zone=UTC)
    except SkipFile:
        return []  # a page: no stories
    return [item.headline for item in post.items]


def test_precision_and_recall_per_blog_and_overall() -> None:
    gold = _gold()
    blogs, _ = gold.score(CORPUS, headlines)
    assert len(blogs) == 8
    print(gold.report(blogs))
    low = {
        name: (round(s.precision, 3), round(s.recall, 3))
        for name, s in blogs.items()
        if s.precision < 0.9 or s.recall < 0.9
    }
    assert not low
    total = gold.overall(blogs.values())
    assert total.precision >= 0.95 and total.recall >= 0.95


def test_no_headline_in_the_corpus_holds_html() -> None:
    found = []
    for path in sorted(CORPUS.rglob("*.md")):
        rel = str(path.relative_to(CORPUS))
        if "/" in rel:
            found += [(rel, h) for h in headlines(path, rel) if "<" in h and ">" in h]
    assert [f for f in found if _looks_like_tag(f[1])] == []


def _looks_like_tag(headline: str) -> bool:
    return bool(re.search(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?>", headline))


def test_the_gold_set_covers_every_blog_three_times() -> None:
    posts = _gold().load_gold()
    per_blog: dict[str, int] = {}
    for rel in posts:
        per_blog[rel.split("/", 1)[0]] = per_blog.get(rel.split("/", 1)[0], 0) + 1
    assert len(per_blog) == 8 and min(per_blog.values()) >= 3
    assert sum(1 for rel in posts if posts[rel]) >= 24
