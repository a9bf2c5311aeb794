"""The issue's acceptance checks on the real seed digests (skipped when they are absent)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ainews_tui.search.highlight import highlight_spans
from ainews_tui.session import Session

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    tmp = tmp_path_factory.mktemp("seeds")
    config = tmp / "config.toml"
    config.write_text(
        f'[[sources]]\nid = "seeds"\nname = "seeds"\nkind = "dir"\npath = "{SEEDS}"\n',
        encoding="utf-8",
    )
    session = Session.load(str(config), str(tmp / "data"))
    session.sync()
    yield session
    session.close()


def _items(session: Session, query: str) -> list[tuple[str, int, str]]:
    rows = [session.library.get_item(k) for k in session.library.search(query).keys]
    return [(r.post_key.split(":", 1)[1][:3], r.position, r.headline) for r in rows if r]


def test_google_finds_the_google_translate_story_of_000(seeds: Session) -> None:
    found = _items(seeds, "谷歌")
    assert any(post == "000" and "谷歌翻译" in headline for post, _, headline in found)


def test_embodied_ai_finds_the_three_stories(seeds: Session) -> None:
    found = _items(seeds, "具身智能")
    headlines = {(post, headline) for post, _, headline in found}
    assert any(post == "001" and "清华大学" in h for post, h in headlines)
    assert any(post == "001" and "寻找“ChatGPT时刻”" in h for post, h in headlines)
    assert ("004", 9) in {(post, position) for post, position, _ in found}


def test_tag_and_unread_together(seeds: Session) -> None:
    found = seeds.library.search("tag:具身智能 is:unread").keys
    assert found
    for key in found:
        post = seeds.library.get_post(key.split("#", 1)[0])
        assert post is not None and "具身智能" in post.categories + post.tags


def test_highlights_land_on_the_term(seeds: Session) -> None:
    results = seeds.library.search("谷歌 gemini")
    row = seeds.library.get_item(results.keys[0])
    assert row is not None
    text = row.headline + "\n" + row.summary
    spans = highlight_spans(text, results.terms)
    assert spans and {text[a:b].casefold() for a, b in spans} <= {"谷歌", "gemini"}


@pytest.mark.parametrize("query", ['a" OR *(', "谷歌", "is:bogus"])
def test_cli_search_never_tracebacks(tmp_path: Path, query: str) -> None:
    env = {
        **os.environ,
        "AINEWS_CONFIG": str(tmp_path / "c.toml"),
        "AINEWS_DATA_DIR": str(tmp_path / "data"),
    }
    (tmp_path / "c.toml").write_text(
        f'[[sources]]\nid = "seeds"\nname = "seeds"\nkind = "dir"\npath = "{SEEDS}"\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "ainews_tui", "search", query, "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        rows = json.loads(result.stdout)
        for row in rows:
            assert {
                "key",
                "kind",
                "title",
                "date",
                "categories",
                "url",
                "source",
                "read",
                "starred",
                "post_key",
            } <= set(row)
            assert row["kind"] == "item"
        if query == "谷歌":
            assert any("谷歌翻译" in row["title"] for row in rows)
    else:
        assert result.returncode == 2
        assert result.stderr.startswith("ainews: ") and result.stderr.count("\n") == 1
