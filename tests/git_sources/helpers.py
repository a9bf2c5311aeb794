"""What the git-source tests read back from `ainews list`."""

from __future__ import annotations

from support.ainews import Ainews


def titles(ainews: Ainews, source: str = "blog") -> set[str]:
    """Titles of the posts `ainews list` shows for `source`."""
    return {row["title"] for row in ainews.json("list", "--source", source)}


def keys(ainews: Ainews, source: str = "blog") -> set[str]:
    return {row["key"] for row in ainews.json("list", "--source", source)}
