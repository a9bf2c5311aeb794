"""Fixtures for the reader: a small mixed Chinese/English library synced into a tmp dir,
and an app factory with a frozen "today"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from ainews_tui.config import load_settings
from ainews_tui.model import ListFilter
from ainews_tui.paths import AppPaths
from ainews_tui.session import Session
from ainews_tui.store.state import KeyState, StateStore
from ainews_tui.tui.app import AinewsApp, make_app

TODAY = date(2025, 12, 18)

POSTS: dict[str, str] = {
    "2025-12-18-daily.md": """\
---
title: "AI日报：小米开源 MiMo-V2-Flash"
date: 2025-12-18T09:00:00+08:00
categories: ["AI模型"]
tags: ["开源"]
authors:
  - name: 编辑部
---

今天的要闻如下。

1.  [**小米发布 MiMo-V2-Flash 开源 MoE 模型**](https://x.com/XiaomiMiMo/status/1)

    小米开源了 MiMo-V2-Flash，总参数 309B，推理速度 150 tokens/s。

2.  [**谷歌翻译接入 Gemini**](https://blog.google/products/translate/)

    谷歌翻译支持 70 多种语言的实时翻译，详见 [官方博客](https://blog.google/a) 和 [论文](https://arxiv.org/abs/1).

3.  [**DeepSeek 发布 V3.2 推理模型**](https://api-docs.deepseek.com/news)

    DeepSeek 发布两款推理模型，对标 GPT-5。
""",
    "2025-12-17-weekly.md": """\
---
title: "Weekly: agents everywhere"
date: 2025-12-17T20:00:00+08:00
categories: ["Weekly"]
---

1.  [**OpenAI ships Images 1.5**](https://openai.com/index/images-1-5)

    Faster image generation and editing in ChatGPT and the API.

2.  [**Anthropic publishes agent guide**](https://www.anthropic.com/research/agents)

    Patterns for building effective agents.

3.  [**Mistral raises a new round**](https://mistral.ai/news/round)

    Funding for more open models.
""",
    "2025-12-02-markup.md": """\
---
title: "[bold]x[/] 标题看起来像标记"
date: 2025-12-02T09:16:40+08:00
categories: ["测试"]
---

1.  **[bold]y[/] 不应被解释**

    正文里的 [red]文字[/red] 也按原样显示，[链接](https://example.com/markup)。

2.  [**Bad scheme link**](javascript:alert(1))

    This story's only link is not a web link.
""",
}


@dataclass
class Library:
    """A synced fixture library and what tests need to inspect it."""

    paths: AppPaths
    posts: Path

    def app(self, language: str = "en") -> AinewsApp:
        settings = load_settings(self.paths.config_file)
        return make_app(settings, self.paths, language=language, today=TODAY)

    def configure(self, settings: str) -> None:
        """Set top-level settings (TOML `key = value` lines), replacing the same keys."""
        config = self.paths.config_file
        keys = {line.split("=")[0].strip() for line in settings.splitlines()}
        kept = [
            line
            for line in config.read_text(encoding="utf-8").splitlines()
            if line.split("=")[0].strip() not in keys
        ]
        config.write_text("\n".join([settings, *kept]) + "\n", encoding="utf-8")

    def unread_count(self) -> int:
        """Unread stories according to state.db and library.db, read afresh."""
        session = Session(self.paths, load_settings(self.paths.config_file))
        try:
            return session.library.count_items(ListFilter(unread_only=True))
        finally:
            session.close()

    def state(self, key: str) -> KeyState | None:
        """What state.db holds for `key`, through a connection of its own."""
        store = StateStore.open(self.paths.state_db)
        try:
            return store.get(key)
        finally:
            store.close()


def _write_library(root: Path, posts: dict[str, str]) -> Library:
    folder = root / "posts"
    folder.mkdir()
    for name, text in posts.items():
        (folder / name).write_text(text, encoding="utf-8")
    config = root / "config.toml"
    # Stories become read only on keys unless a test sets a dwell: a slow machine must
    # not turn a pause between two key presses into a read mark.
    config.write_text(
        'timezone = "Asia/Shanghai"\nmark_read_after = "never"\n\n'
        '[[sources]]\nid = "digests"\nname = "digests"\n'
        f'kind = "dir"\npath = "{folder}"\n',
        encoding="utf-8",
    )
    paths = AppPaths(config_file=config, data_dir=root / "data")
    session = Session(paths, load_settings(config))
    try:
        session.sync()
    finally:
        session.close()
    return Library(paths, folder)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return _write_library(tmp_path, POSTS)


@pytest.fixture
def make_library(tmp_path: Path) -> Callable[[dict[str, str]], Library]:
    def factory(posts: dict[str, str]) -> Library:
        return _write_library(tmp_path, posts)

    return factory


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
