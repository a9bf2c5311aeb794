"""A story's categories are its own (its section, its category line); post tags stay on
the post. The library, its filters, the sidebar and --json say which is which."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ainews_tui.cli.render import item_json
from ainews_tui.model import ListFilter
from ainews_tui.session import Session

SECTIONED = """---
title: 日报
date: 2025-12-20T08:00:00+08:00
tags: ["AI日报", "周末"]
---

## 🔥 今日头条

1. [**OpenAI 发布新一代推理模型**](https://openai.com/a)

    **Category:** 模型, 推理

2. [**谷歌更新搜索里的人工智能模式**](https://blog.google/b)

    正文。

## Model Releases

1. [**Mistral releases a new open model**](https://mistral.ai/c)

    Body.
"""

PLAIN_LIST = """---
title: 快讯
date: 2025-12-19T08:00:00+08:00
categories: ["快讯"]
---

1. [**小米开源 MiMo-V2-Flash 模型**](https://x.com/m/1)

    摘要。

2. [**DeepSeek 发布 V3.2 推理模型**](https://api-docs.deepseek.com/n)

    摘要。
"""


def session_with(make_session: Callable[..., Session], tmp_path: Path) -> Session:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "2025-12-20-a.md").write_text(SECTIONED, encoding="utf-8")
    (folder / "2025-12-19-b.md").write_text(PLAIN_LIST, encoding="utf-8")
    session = make_session({"d": folder})
    session.sync()
    return session


def test_items_carry_their_section_and_own_category_line(
    make_session: Callable[..., Session], tmp_path: Path
) -> None:
    library = session_with(make_session, tmp_path).library
    items = {i.headline: i for i in library.list_items()}
    first = items["OpenAI 发布新一代推理模型"]
    assert first.section == "今日头条"
    assert first.categories == ("今日头条", "模型", "推理")
    assert items["Mistral releases a new open model"].categories == ("Model Releases",)
    # A post that is one plain list has no finer grouping: its stories take its categories.
    assert items["小米开源 MiMo-V2-Flash 模型"].categories == ("快讯",)
    assert item_json(first)["section"] == "今日头条"


def test_category_filters_items_by_their_own_and_posts_by_tags(
    make_session: Callable[..., Session], tmp_path: Path
) -> None:
    library = session_with(make_session, tmp_path).library
    heads = [i.headline for i in library.list_items(ListFilter(category="今日头条"))]
    assert heads == ["OpenAI 发布新一代推理模型", "谷歌更新搜索里的人工智能模式"]
    assert library.list_items(ListFilter(category="AI日报")) == []  # a tag is not inherited
    assert [p.title for p in library.list_posts(ListFilter(category="AI日报"))] == ["日报"]
    assert [p.title for p in library.list_posts(ListFilter(category="模型"))] == ["日报"]
    assert library.count_items(ListFilter(category="快讯")) == 2


def test_sidebar_counts_stories_by_their_own_categories(
    make_session: Callable[..., Session], tmp_path: Path
) -> None:
    counts = {
        c.label: c.total
        for c in session_with(make_session, tmp_path).library.sidebar_counts().categories
    }
    assert counts == {"今日头条": 2, "快讯": 2, "Model Releases": 1, "模型": 1, "推理": 1}
