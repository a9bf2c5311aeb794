"""One story, every digest: grouping, shared state, `--unique` and the roundup, through
the real `ainews` command."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from ainews_tui.store.state import StateStore
from support.ainews import Ainews

SAMPLES = Path(__file__).resolve().parents[2] / "sample_content"

DIGEST_A = """---
title: "AI 日报 2025-12-02"
date: 2025-12-02T09:00:00+08:00
categories: ["AI模型"]
---

1.  [**OpenAI正式开放ChatGPT健康功能**](https://openai.com/index/health-in-chatgpt)

    OpenAI 的健康功能上线。

2.  [**谷歌发布 Gemini 3 Flash**](https://blog.google/products/gemini/gemini-3-flash/)

    更快更便宜。

3.  [**The Verge 今日 AI 新闻**](https://www.theverge.com/)

    一个首页链接。

4.  [**DeepSeek 发布新推理模型**](https://example.com/deepseek-v3-2)

    只在这一期。
"""

DIGEST_B = """---
title: "Daily AI brief, Dec 3"
date: 2025-12-03T08:00:00+08:00
categories: ["Models"]
---

1.  [**ChatGPT 上线 Health 功能**](http://www.openai.com/index/health-in-chatgpt/?utm_source=newsletter&utm_medium=email#top)

    Same news, other words.

2.  [**Gemini 3 Flash is here**](https://m.blog.google/products/gemini/gemini-3-flash?ref=brief&fbclid=xyz)

    Same again.

3.  [**Anthropic ships something else**](https://www.theverge.com)

    Another story behind the same home page.
"""


@pytest.fixture
def two_digests(ainews: Ainews, tmp_path: Path) -> Ainews:
    config = ""
    for name, text in (("blog-a", DIGEST_A), ("blog-b", DIGEST_B)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "post.md").write_text(text, encoding="utf-8")
        config += f'[[sources]]\nid = "{name}"\nname = "{name}"\nkind = "dir"\npath = "{folder}"\n'
    ainews.config.write_text(config, encoding="utf-8")
    ainews("sync")
    return ainews


def by_title(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i["title"]: i for i in items}


def test_copies_under_other_headlines_and_tracking_are_one_story(two_digests: Ainews) -> None:
    items = by_title(two_digests.json("list", "--items"))
    for a, b in (
        ("OpenAI正式开放ChatGPT健康功能", "ChatGPT 上线 Health 功能"),
        ("谷歌发布 Gemini 3 Flash", "Gemini 3 Flash is here"),
    ):
        assert items[a]["story"] == items[b]["story"]
        assert items[a]["story"].startswith("story:")
        assert items[a]["also_in"] == items[b]["also_in"] == 1
    assert items["DeepSeek 发布新推理模型"]["also_in"] == 0


def test_a_shared_home_page_link_merges_nothing(two_digests: Ainews) -> None:
    items = by_title(two_digests.json("list", "--items"))
    verge, other = items["The Verge 今日 AI 新闻"], items["Anthropic ships something else"]
    assert verge["story"] != other["story"]
    assert verge["story"] == verge["key"] and other["story"] == other["key"]
    assert verge["also_in"] == other["also_in"] == 0


def test_reading_one_copy_reads_the_other_also_after_rebuild(two_digests: Ainews) -> None:
    items = by_title(two_digests.json("list", "--items"))
    first = items["OpenAI正式开放ChatGPT健康功能"]
    two_digests("mark", first["key"], "--read")
    unread = {i["title"] for i in two_digests.json("list", "--items", "--unread")}
    assert "ChatGPT 上线 Health 功能" not in unread
    assert "OpenAI正式开放ChatGPT健康功能" not in unread
    assert "Gemini 3 Flash is here" in unread
    searched = {i["title"] for i in two_digests.json("search", "Health", "is:unread")}
    assert "ChatGPT 上线 Health 功能" not in searched

    two_digests("rebuild")
    after = by_title(two_digests.json("list", "--items"))
    assert after["ChatGPT 上线 Health 功能"]["read"] is True
    assert after["OpenAI正式开放ChatGPT健康功能"]["read"] is True

    # The later change wins: marking the other copy unread makes the story unread.
    two_digests("mark", after["ChatGPT 上线 Health 功能"]["key"], "--unread")
    again = by_title(two_digests.json("list", "--items"))
    assert again["OpenAI正式开放ChatGPT健康功能"]["read"] is False


def test_a_copy_arriving_later_arrives_read_and_starred(
    two_digests: Ainews, tmp_path: Path
) -> None:
    items = by_title(two_digests.json("list", "--items"))
    key = items["谷歌发布 Gemini 3 Flash"]["key"]
    two_digests("mark", key, "--read")
    two_digests("mark", key, "--star")
    later = tmp_path / "blog-b" / "later.md"
    later.write_text(
        DIGEST_B.replace("Dec 3", "Dec 4").replace("2025-12-03", "2025-12-04"), encoding="utf-8"
    )
    two_digests("sync")
    copies = [i for i in two_digests.json("list", "--items") if "Gemini" in i["title"]]
    assert len(copies) == 3
    assert all(c["read"] and c["starred"] and c["also_in"] == 2 for c in copies)
    starred = two_digests.json("list", "--items", "--starred")
    assert {c["key"] for c in copies} <= {s["key"] for s in starred}


def test_state_from_before_stories_is_shared_on_the_next_sync(two_digests: Ainews) -> None:
    """A copy read by an older ainews (its own row, no story row) reads the story."""
    items = by_title(two_digests.json("list", "--items"))
    old = StateStore.open(two_digests.data / "state.db")
    try:
        old.set_read([items["谷歌发布 Gemini 3 Flash"]["key"]], True, when=1_700_000_000.0)
        old.set_starred([items["Gemini 3 Flash is here"]["key"]], True, when=1_700_000_100.0)
    finally:
        old.close()
    two_digests("sync")
    after = by_title(two_digests.json("list", "--items"))
    for title in ("谷歌发布 Gemini 3 Flash", "Gemini 3 Flash is here"):
        assert after[title]["read"] is True and after[title]["starred"] is True


def test_importing_an_export_without_story_keys_shares_it(
    two_digests: Ainews, tmp_path: Path
) -> None:
    items = by_title(two_digests.json("list", "--items"))
    export = {
        "format": "ainews-state/1",
        "state": [
            {
                "key": items["ChatGPT 上线 Health 功能"]["key"],
                "read_at": 1_700_000_000.0,
                "read_changed": 1_700_000_000.0,
                "starred_at": None,
                "star_changed": 0,
            }
        ],
    }
    path = tmp_path / "old-export.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    two_digests("import-state", str(path))
    after = by_title(two_digests.json("list", "--items"))
    assert after["OpenAI正式开放ChatGPT健康功能"]["read"] is True


def test_unique_lists_each_story_once_with_its_earliest_copy(two_digests: Ainews) -> None:
    every = two_digests.json("list", "--items")
    unique = two_digests.json("list", "--items", "--unique")
    assert len(unique) == len({i["story"] for i in every}) == len(every) - 2
    assert len({i["story"] for i in unique}) == len(unique)
    titles = {i["title"]: i for i in unique}
    assert titles["OpenAI正式开放ChatGPT健康功能"]["also_in"] == 1  # Dec 2 before Dec 3
    assert "ChatGPT 上线 Health 功能" not in titles
    piped = [line.split("\t") for line in two_digests("list", "--unique").stdout.splitlines()]
    assert piped[0][-1] == "also_in"
    also = {row[6]: row[7] for row in piped[1:]}
    assert also["OpenAI正式开放ChatGPT健康功能"] == "1" and "Gemini 3 Flash is here" not in also
    # Within a filter, the earliest copy the filter selects stands for the story.
    blog_b = {i["title"] for i in two_digests.json("list", "--unique", "--source", "blog-b")}
    assert {"ChatGPT 上线 Health 功能", "Gemini 3 Flash is here"} <= blog_b
    table = two_digests.tty("list", "--unique", columns=160)
    assert "+1" in next(line for line in table.splitlines() if "OpenAI" in line)


def test_export_import_state_keeps_the_story(two_digests: Ainews, tmp_path: Path) -> None:
    items = by_title(two_digests.json("list", "--items"))
    two_digests("mark", items["谷歌发布 Gemini 3 Flash"]["key"], "--star")
    backup = tmp_path / "state.json"
    two_digests("export-state", str(backup))
    keys = {e["key"] for e in json.loads(backup.read_text("utf-8"))["state"]}
    assert items["谷歌发布 Gemini 3 Flash"]["story"] in keys
    other = Ainews(tmp_path / "other")
    other.env["AINEWS_CONFIG"] = str(two_digests.config)
    other("import-state", str(backup))
    starred = {i["title"] for i in other.json("list", "--items", "--starred")}
    assert starred == {"谷歌发布 Gemini 3 Flash", "Gemini 3 Flash is here"}


def test_roundup_of_the_samples_reads_back_as_a_post(ainews: Ainews, tmp_path: Path) -> None:
    stories = ainews.json("list", "--items", "--unique")
    out = tmp_path / "roundup" / "2026-01-01-roundup.md"
    out.parent.mkdir()
    ainews("export", "roundup", "--title", "My roundup", str(out))
    text = out.read_text("utf-8")
    assert text.startswith('---\ntitle: "My roundup"\ndate: ')
    tokens = MarkdownIt("commonmark").parse(text.split("\n---\n", 1)[1])
    assert sum(t.type == "list_item_open" for t in tokens) == len(stories)

    ainews("add", str(out.parent), "--name", "mine")
    ainews("sync")
    posts = [p for p in ainews.json("list", "--source", "mine")]
    assert [p["title"] for p in posts] == ["My roundup"]
    assert "Roundup" in posts[0]["categories"]
    mine = ainews.json("list", "--items", "--source", "mine")
    assert len(mine) == len(stories)

    # Read next to the samples, the roundup's stories are copies of the ones they came from.
    ainews.use_folders({"samples": SAMPLES, "mine": out.parent})
    ainews("sync")
    mine = ainews.json("list", "--items", "--source", "mine")
    grouped = [i for i in mine if i["story"].startswith("story:")]
    assert grouped and all(i["also_in"] >= 1 for i in grouped)


def test_roundup_html_and_filters(ainews: Ainews, tmp_path: Path) -> None:
    item = ainews.json("list", "--items")[0]
    ainews("mark", item["key"], "--star")
    page = ainews("export", "roundup", "--starred", "--format", "html").stdout
    assert page.startswith("<!doctype html>") and "<ol>" in page and "<script" not in page
    none = ainews("export", "roundup", "--starred", "--since", "2030-01-01", code=2)
    assert "no stories match" in none.stderr
    bad = ainews("export", "roundup", "--since", "soon", code=2)
    assert "--since" in bad.stderr


def test_story_index_exists(two_digests: Ainews) -> None:
    conn = sqlite3.connect(two_digests.data / "library.db")
    plan = conn.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM items WHERE story = 'story:x'"
    ).fetchall()
    conn.close()
    assert any("items_by_story" in str(row) for row in plan)
