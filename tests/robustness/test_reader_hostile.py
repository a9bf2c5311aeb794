"""The reader walks a hostile library: every story and post is shown, the app keeps
running, and no text from content reaches the screen as markup or terminal control."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ainews_tui.config import load_settings
from ainews_tui.paths import AppPaths
from ainews_tui.session import Session
from ainews_tui.tui.app import make_app
from ainews_tui.tui.screens.main import MainScreen
from tui.helpers import keys, settle

from .conftest import BILLION_LAUGHS, HTML_ONLY
from .test_display_safety import EVIL_POST

pytestmark = pytest.mark.anyio

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

POSTS = {
    "2025-12-05-evil.md": EVIL_POST,
    "2025-12-04-laughs.md": BILLION_LAUGHS,
    "2025-12-03-html.md": HTML_ONLY,
    "2025-12-02-quote.md": "---\ntitle: deep quote\n---\n\n" + "> " * 3000 + "引用\n",
    "2025-12-01-list.md": "---\ntitle: deep list\n---\n\n"
    + "".join("  " * n + f"- **level {n} headline that is long enough**\n" for n in range(500)),
    "2025-11-30-yaml.md": "---\ntitle: " + "[" * 60_000 + "\n---\n\n# Deep YAML\n\nbody\n",
}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    folder = tmp_path / "posts"
    folder.mkdir()
    for name, text in POSTS.items():
        (folder / name).write_text(text, "utf-8")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[sources]]\nid = "h"\nname = "h"\nkind = "dir"\npath = "{folder}"\n', "utf-8"
    )
    paths = AppPaths(config_file=config, data_dir=tmp_path / "data")
    session = Session(paths, load_settings(config))
    try:
        session.sync()
    finally:
        session.close()
    return paths


async def test_reader_walks_every_hostile_story(paths: AppPaths) -> None:
    app = make_app(load_settings(paths.config_file), paths, language="en")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        total = screen.news_list.total
        assert total >= len(POSTS)
        seen: list[str] = []
        for _ in range(total):
            await keys(pilot, "j")
            await settle(pilot)
            assert app.is_running
            rows = [
                screen.news_list.render_line(y).text for y in range(screen.news_list.size.height)
            ]
            post = screen.reader.post
            reader = [line.text for line in post.lines] if post else []
            for text in rows + reader:
                assert FORBIDDEN.search(text) is None, text
            seen.extend(rows + reader)
        # Joined with spaces: the reader may wrap the title between its two parts.
        shown = " ".join(line.rstrip() for line in seen)
        assert "[bold]B[/bold] [@click=app.quit]Q[/] [link=file:///etc/passwd]L[/link]" in shown
        assert "deep quote" in shown and "Deep YAML" in shown and "level 0 headline" in shown
