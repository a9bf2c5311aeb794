"""Read/star state survives the new story extraction: a library synced by the old code
(before issue 14), re-read by this one, keeps the state of every story that still exists.

`fixtures/old_keys/old_items.json` holds what ainews f779823 extracted from the fixture
post (recorded from that code): its keys are what an existing state.db refers to.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from ainews_tui.ingest.post import parse_post
from ainews_tui.keys import carried_keys
from ainews_tui.model import ExtractedItem
from ainews_tui.session import Session
from ainews_tui.store.rows import FileRecord
from ainews_tui.stories.url import story_keys

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "old_keys"
NAME = "2025-12-20-digest.md"


def old_items() -> list[tuple[str, ExtractedItem]]:
    data = json.loads((FIXTURES / "old_items.json").read_text(encoding="utf-8"))
    return [
        (
            e["key"],
            ExtractedItem(
                e["headline"],
                e["url"],
                e["summary"],
                e["start_line"],
                e["end_line"],
                tuple(e["links"]),
            ),
        )
        for e in data["items"]
    ]


def synced_by_old_code(make_session: Callable[..., Session], tmp_path: Path) -> Session:
    """A session whose library holds the post as the old code stored it, and whose
    file record is marked changed, so the next sync reads the post again."""
    folder = tmp_path / "posts"
    folder.mkdir()
    shutil.copy(FIXTURES / NAME, folder / NAME)
    session = make_session({"daily": folder})
    session.sync()
    library = session.library
    post_key = f"daily:{NAME}"
    stored = library.get_post(post_key)
    assert stored is not None
    old = old_items()
    body = library.post_body(post_key) or ""
    now = parse_post((folder / NAME).read_bytes(), NAME, zone=session.settings.tz())
    parsed = dataclasses.replace(now, body=body, items=tuple(item for _, item in old))
    with library.transaction():
        keys = [key for key, _ in old]
        stories = story_keys(keys, [item.url for _, item in old])
        library.put_post(post_key, "daily", NAME, parsed, keys, stories)
        library.record_file("daily", NAME, FileRecord(0, -1, "", post_key, None))
    return session


def test_state_of_old_keys_follows_the_stories(
    make_session: Callable[..., Session], tmp_path: Path
) -> None:
    session = synced_by_old_code(make_session, tmp_path)
    old = dict(old_items())
    by_headline = {item.headline: key for key, item in old.items()}
    labelled = by_headline["OpenAI 发布新一代推理模型"]  # the old code dropped "[官方发布]"
    repeat = next(k for k in old if k.endswith("-2"))  # "今日亮点" repeated a story
    cut = by_headline["谷歌今天在官方博客上正式宣布"]  # cut at the link inside it
    session.state.set_read([labelled, cut], True)
    session.state.set_starred([labelled, repeat], True)

    session.sync()

    items = {i.headline: i for i in session.library.list_items()}
    assert "[官方发布] OpenAI 发布新一代推理模型" in items
    new_labelled = items["[官方发布] OpenAI 发布新一代推理模型"]
    assert new_labelled.key != labelled
    assert new_labelled.read and new_labelled.starred
    whole = next(i for h, i in items.items() if h.startswith("谷歌今天在官方博客上正式宣布Gemini"))
    assert whole.key == cut and whole.read  # keyed by its link: never moved
    mimo = items["小米开源 MiMo-V2-Flash 模型"]
    assert mimo.key == repeat.removesuffix("-2")
    assert mimo.starred  # the starred second copy is now the one story
    assert not any(i.key.endswith("-2") for i in items.values())
    assert len(items) == len(old) - 1


def test_carried_keys_pairs_only_the_same_story() -> None:
    old = [
        ("p#haaaaaaaaaaaa", "OpenAI 发布新一代推理模型", None),
        ("p#hbbbbbbbbbbbb", "谷歌发布新模型", None),
        ("p#ucccccccccccc-2", "重复", "https://a.example/x"),
        ("p#hdddddddddddd", "完全不同的旧新闻标题", None),
    ]
    new = [
        ("p#h111111111111", "[官方发布] OpenAI 发布新一代推理模型", None),
        ("p#ucccccccccccc", "原文", "https://a.example/x"),
        ("p#h222222222222", "另一条毫不相干的新闻", None),
    ]
    assert carried_keys(old, new) == [
        ("p#haaaaaaaaaaaa", "p#h111111111111"),
        ("p#ucccccccccccc-2", "p#ucccccccccccc"),
    ]


@pytest.mark.parametrize("rebuild", ["new schema", "ainews rebuild"])
def test_state_follows_the_stories_across_a_library_rebuild(
    make_session: Callable[..., Session], tmp_path: Path, rebuild: str
) -> None:
    """The old rows are gone after a rebuild; what the stories were is kept until each
    post is read again, so their state still follows them."""
    session = synced_by_old_code(make_session, tmp_path)
    old = dict(old_items())
    labelled = next(k for k, item in old.items() if item.headline == "OpenAI 发布新一代推理模型")
    session.state.set_starred([labelled], True)
    if rebuild == "ainews rebuild":
        session.library.clear()
        session.close()
    else:
        session.close()
        conn = sqlite3.connect(tmp_path / "data" / "library.db")
        conn.execute("PRAGMA user_version = 12345")  # what another version leaves
        conn.commit()
        conn.close()

    again = Session.load(str(tmp_path / "config.toml"), str(tmp_path / "data"))
    again.sync()
    items = {i.headline: i for i in again.library.list_items()}
    assert items["[官方发布] OpenAI 发布新一代推理模型"].starred
    remaining = sqlite3.connect(tmp_path / "data" / "library.db").execute(
        "SELECT count(*) FROM previous_items"
    )
    assert remaining.fetchone() == (0,)  # read again: nothing left to carry
    again.close()


def test_a_story_whose_key_did_not_change_takes_no_other_story_s_state() -> None:
    old = [("p#hA", "OpenAI releases model", None), ("p#hB", "OpenAI releases model GPT", None)]
    assert carried_keys(old, [("p#hB", "OpenAI releases model GPT", None)]) == []
