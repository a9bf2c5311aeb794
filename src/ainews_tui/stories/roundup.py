"""Your own digest: the stories of a view as one Markdown (or HTML) post.

One numbered line per story, `[**headline**](url)` like the digests it comes from, with
the digests that carried it on the indented line below, under a heading per day. The
front matter follows the seed digests (`title`, an ISO `date` with offset, `categories`,
`tags`), so ainews, Hugo or Jekyll read the file back as a post of its own, and its
stories group with the copies they came from.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from markdown_it import MarkdownIt

from ..model import ItemRow, ListFilter
from ..safe import clean_line, is_web_url
from ..store.library import Library

CATEGORY = "Roundup"

# Characters that would make a headline Markdown rather than text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


@dataclass(frozen=True)
class RoundupStory:
    """A story and every copy of it, earliest first (the first is the story's own)."""

    copies: tuple[ItemRow, ...]

    @property
    def lead(self) -> ItemRow:
        return self.copies[0]


def collect(library: Library, flt: ListFilter) -> list[RoundupStory]:
    """The stories a filter selects, newest first, each with all its copies."""
    leads = library.list_items(replace(flt, unique_stories=True))
    stories = []
    for lead in leads:
        copies = library.copies(lead.story) if lead.also_in else [lead]
        stories.append(RoundupStory(tuple(copies)))
    return stories


def to_markdown(stories: Sequence[RoundupStory], *, title: str, now: datetime) -> str:
    """The roundup as a Markdown post with front matter."""
    days: dict[str, list[RoundupStory]] = {}
    for story in stories:
        when = story.lead.date
        days.setdefault(when.date().isoformat() if when else "undated", []).append(story)
    digests = {c.post_key for s in stories for c in s.copies}
    tags = _top_categories(stories)
    lines = [
        "---",
        f"title: {_yaml_string(title)}",
        f"date: {now.isoformat(timespec='seconds')}",
        f"categories: [{_yaml_string(CATEGORY)}]",
        f"tags: [{', '.join(_yaml_string(t) for t in tags)}]",
        "---",
        "",
        f"{len(stories)} stories from {len(digests)} digests.",
    ]
    for day, members in days.items():
        lines += ["", f"## {day}", ""]
        for n, story in enumerate(members, 1):
            lines += _story_lines(n, story)
    return "\n".join(lines) + "\n"


def to_html(markdown: str, *, title: str) -> str:
    """A standalone HTML page of the roundup (the front matter becomes its head)."""
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    # Raw HTML stays text: headlines come from untrusted digests.
    rendered = MarkdownIt("commonmark", {"html": False}).render(body)
    return (
        '<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n{rendered}</body>\n</html>\n"
    )


def default_title(stories: Sequence[RoundupStory]) -> str:
    days = sorted(s.lead.date.date().isoformat() for s in stories if s.lead.date)
    if not days:
        return "AI news roundup"
    span = days[0] if days[0] == days[-1] else f"{days[0]} – {days[-1]}"
    return f"AI news roundup {span}"


def _story_lines(n: int, story: RoundupStory) -> list[str]:
    lead = story.lead
    headline = f"**{_text(lead.headline)}**"
    first = f"{n}. [{headline}]({_url(lead.url)})" if is_web_url(lead.url) else f"{n}. {headline}"
    carried = "; ".join(_digest(c) for c in story.copies)
    return [first, "", f"    Carried by {carried}.", ""]


def _digest(copy: ItemRow) -> str:
    when = copy.date.date().isoformat() if copy.date else "undated"
    return f"{_text(copy.source_name)}, “{_text(copy.post_title)}” ({when})"


def _top_categories(stories: Sequence[RoundupStory], limit: int = 8) -> list[str]:
    counts: dict[str, int] = {}
    for story in stories:
        for category in story.lead.categories:
            counts[category] = counts.get(category, 0) + 1
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    return [clean_line(c) for c in ranked[:limit] if clean_line(c)]


def _text(value: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", clean_line(value))


def _url(url: str | None) -> str:
    # Spaces and parentheses would end a Markdown link early.
    return (url or "").strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _yaml_string(value: str) -> str:
    # A JSON string is a YAML double-quoted scalar, the seeds' style.
    return json.dumps(clean_line(value), ensure_ascii=False)
