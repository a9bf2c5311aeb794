"""Entries -> Markdown files that the ordinary post parser reads back faithfully."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC
from pathlib import Path

from ainews_tui.feeds.entry import FeedEntry
from ainews_tui.feeds.parse import parse_feed
from ainews_tui.feeds.write import entry_file_name, entry_markdown, to_markdown, write_entries
from ainews_tui.ingest.post import parse_post
from ainews_tui.model import Author

from .server import RSS, fixture


def _entries() -> tuple[FeedEntry, ...]:
    return parse_feed(fixture("digest.rss"), content_type=RSS).entries


def test_front_matter_round_trips_through_the_post_parser() -> None:
    entry = _entries()[0]
    post = parse_post(
        entry_markdown(entry, "AI 早报").encode(), entry_file_name(entry.entry_id), zone=UTC
    )
    assert post.title == entry.title
    assert post.date is not None and post.date.isoformat() == "2025-12-03T07:30:00+08:00"
    assert post.date_from == "front_matter"
    assert post.categories == ("AI日报", "开源模型")
    assert post.authors == (Author("早报编辑部"),)
    assert post.url == "https://daily.example.cn/2025/12/03/"
    assert post.entry_id == "daily-2025-12-03"
    assert "source: AI 早报" in entry_markdown(entry, "AI 早报")


def test_digest_html_becomes_numbered_markdown_items() -> None:
    body = to_markdown(_entries()[1].content)
    assert "1. [**OpenAI 内部拉响“红色警报”**](https://www.theverge.com/openai-code-red)" in body
    assert "\n   奥特曼要求团队" in body  # the summary stays inside the list item
    assert "## 写在最后" in body
    post = parse_post(entry_markdown(_entries()[1], "s").encode(), "x.md", zone=UTC)
    headlines = [item.headline for item in post.items]
    assert "Runway 发布 Gen-4.5 视频模型" in " ".join(headlines)
    assert "写在最后" not in headlines


def test_scripts_and_styles_do_not_survive_conversion() -> None:
    body = to_markdown("<p>正文</p><script>alert('x')</script><style>p{color:red}</style>")
    assert body == "正文"


def test_file_names_are_stable_and_never_read_as_dates() -> None:
    name = entry_file_name("daily-2025-12-03")
    assert name == entry_file_name("daily-2025-12-03") != entry_file_name("daily-2025-12-04")
    assert re.fullmatch(r"[a-z2-7]{24}\.md", name)
    undated = replace(_entries()[0], published=None)
    post = parse_post(entry_markdown(undated, "s").encode(), name, zone=UTC)
    assert post.date is None and post.date_from == "none"


def test_an_entry_without_title_or_body_still_makes_a_post() -> None:
    bare = FeedEntry(
        entry_id="x",
        title=None,
        link="https://a.example/1",
        published=None,
        content="",
        is_html=True,
    )
    post = parse_post(entry_markdown(bare, "s").encode(), "x.md", zone=UTC)
    assert post.title == "https://a.example/1"
    assert post.url == "https://a.example/1"


def test_only_changed_entries_are_rewritten(tmp_path: Path) -> None:
    entries = _entries()
    assert write_entries(tmp_path, entries, "s") == 3
    first = tmp_path / entry_file_name(entries[0].entry_id)
    before = first.stat().st_mtime_ns
    assert write_entries(tmp_path, entries, "s") == 0
    assert first.stat().st_mtime_ns == before
    edited = (replace(entries[0], title="AI 早报 2025-12-03（更正）"), *entries[1:])
    assert write_entries(tmp_path, edited, "s") == 1
    assert "（更正）" in first.read_text(encoding="utf-8")
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".md", ".md", ".md"]


def test_hostile_nesting_still_gives_readable_text() -> None:
    body = to_markdown("<div>" * 5000 + "<p>深层正文</p>" + "</div>" * 5000)
    assert body == "深层正文"
