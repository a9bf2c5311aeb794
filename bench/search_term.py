"""A search term both readers can find once: in one story's headline and nowhere else.

ainews's story search looks at stories only (a term in a post title alone finds nothing
there) and newsboat searches article titles and text, so the term is taken from a
headline and checked to occur exactly once in the raw corpus files. It comes from an
older post: the newest stories are on screen at start and would show before any search.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from make_corpus import _ZH_WORDS

NEWEST_SKIPPED = 300
"""Stories newer than this many are left out (a screen shows about 45)."""
CANDIDATE_STORIES = 3000
TERM_CHARS = 4
"""A run of this many CJK characters from outside the common vocabulary spans at least
two generated rare words (2-3 characters each), so it is almost always unique."""
COMMON_CHARS = frozenset("".join(_ZH_WORDS))
_CJK_RUN = re.compile(r"[\u4e00-\u9fa5]+")


@dataclass(frozen=True)
class SearchHit:
    term: str
    headline: str
    """The story's headline, as ainews lists it."""
    day: str
    """The story's day, as the list shows it beside the headline."""
    title: str
    """The post's title, as newsboat lists the article."""


def pick_term(corpus: Path, library_db: Path) -> SearchHit | None:
    """The first candidate found exactly once in the corpus; None when there is none
    (a corpus too small to have NEWEST_SKIPPED stories, or no rare run in headlines)."""
    with sqlite3.connect(library_db) as conn:
        rows = conn.execute(
            "SELECT i.headline, i.day, p.title FROM items i JOIN posts p ON p.key = i.post_key "
            "WHERE p.relpath NOT LIKE 'long/%' "
            "ORDER BY i.sort_ts DESC, i.post_key DESC, i.position LIMIT ? OFFSET ?",
            (CANDIDATE_STORIES, NEWEST_SKIPPED),
        ).fetchall()
    candidates: dict[str, SearchHit] = {}
    for headline, day, title in rows:
        for run in _CJK_RUN.findall(headline):
            for start in range(len(run) - TERM_CHARS + 1):
                term = run[start : start + TERM_CHARS]
                if not COMMON_CHARS.intersection(term):
                    candidates.setdefault(term, SearchHit(term, headline, day or "", title))
        if len(candidates) >= 40:
            break
    counts = dict.fromkeys(candidates, 0)
    for path in corpus.rglob("*.md"):
        text = path.read_text("utf-8")
        for term in counts:
            counts[term] += text.count(term)
    return next((hit for term, hit in candidates.items() if counts[term] == 1), None)
