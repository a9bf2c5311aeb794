"""The roundup builder on a real library: grouping, hostile headlines, front matter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import frontmatter
from markdown_it import MarkdownIt

from ainews_tui.ingest.items import extract_items
from ainews_tui.model import ListFilter
from ainews_tui.session import Session
from ainews_tui.stories.roundup import collect, default_title, to_html, to_markdown
from ainews_tui.stories.url import story_url

HOSTILE = """---
title: "Digest one"
date: 2025-12-02T09:00:00+08:00
categories: ["AI模型"]
---

1.  [**[click](javascript:alert(1)) <script>x</script> *star* \x1b[31mred**](https://example.com/a-story-1?utm_source=x)

    Summary.

2.  [**A (parenthesised) story**](https://en.wikipedia.org/wiki/Claude_(language_model))

    Summary.
"""

COPY = """---
title: "Digest two"
date: 2025-12-03T09:00:00+08:00
categories: ["Models"]
---

1.  [**Same story, other words**](https://www.example.com/a-story-1/)

    Summary.
"""

NOW = datetime(2025, 12, 4, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def test_roundup_groups_copies_and_neutralises_headlines(
    make_session: Callable[..., Session], tmp_path: Path
) -> None:
    for name, text in (("one", HOSTILE), ("two", COPY)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "post.md").write_text(text, encoding="utf-8")
    session = make_session({"one": tmp_path / "one", "two": tmp_path / "two"})
    session.sync()
    stories = collect(session.library, ListFilter())
    assert len(stories) == 2
    grouped = next(s for s in stories if len(s.copies) == 2)
    assert [c.post_title for c in grouped.copies] == ["Digest one", "Digest two"]

    text = to_markdown(stories, title=default_title(stories), now=NOW)
    post = frontmatter.loads(text)
    assert post["title"] == "AI news roundup 2025-12-02"
    assert post["categories"] == ["Roundup"]
    assert set(post["tags"]) == {"AI模型"}
    assert str(post["date"]).startswith("2025-12-04 10:00:00+08:00")
    assert "\x1b" not in text
    assert "Carried by one, “Digest one” (2025-12-02); two, “Digest two” (2025-12-03)." in text

    # The hostile headline stays text: no javascript link, no raw HTML, one link per story.
    page = to_html(text, title="T")
    assert "javascript:" not in page and "<script>" not in page
    assert page.count("<a href=") == 2
    assert 'href="https://en.wikipedia.org/wiki/Claude_%28language_model%29"' in page

    # ainews's own item splitter finds every story again, as a copy of the same story.
    items = extract_items(post.content)
    assert len(items) == 2
    assert story_url(items[0].url) == story_url("https://example.com/a-story-1")
    tokens = MarkdownIt("commonmark").parse(post.content)
    assert sum(t.type == "list_item_open" for t in tokens) == 2
