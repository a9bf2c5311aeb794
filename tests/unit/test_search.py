"""Search through a real sync of fixture posts on disk: terms, operators, hostile input."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from ainews_tui.search.engine import SearchResults
from ainews_tui.search.query import QueryError
from ainews_tui.session import Session

POSTS = {
    "2025-12-01-google.md": (
        "谷歌翻译接入 Gemini",
        ["产品"],
        "谷歌翻译接入Gemini，支持70种语言实时翻译。",
    ),
    "2025-12-02-robots.md": (
        "清华成立研究院",
        ["具身智能"],
        "清华大学成立具身智能与机器人研究院。",
    ),
    "2025-12-03-openai.md": (
        "OpenAI 发布新模型",
        ["模型"],
        "ＯｐｅｎＡＩ said the new model beats ChatGPT.",
    ),
    "2025-11-20-chips.md": ("AI芯片需求大涨", ["芯片"], "5G 与 AI 芯片，市场火热 C# 开发者。"),
    "2025-10-05-essay.md": (
        "Weekly essay",
        ["随笔"],
        "Open source models again: the main story is cost.",
    ),
    "2024-06-01-old.md": ("谷歌旧闻", ["产品"], "两年前的谷歌新闻，关于搜索。"),
}


def _write(folder: Path, name: str, title: str, tags: list[str], body: str) -> None:
    day = name[:10]
    (folder / name).write_text(
        f'---\ntitle: "{title}"\ndate: {day}\ntags: {tags!r}\n---\n\n{body}\n', encoding="utf-8"
    )


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    posts = tmp_path / "posts"
    posts.mkdir()
    for name, (title, tags, body) in POSTS.items():
        _write(posts, name, title, tags, body)
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[sources]]\nid = "fx"\nname = "Fixtures"\nkind = "dir"\npath = "{posts}"\n',
        encoding="utf-8",
    )
    session = Session.load(str(config), str(tmp_path / "data"))
    session.sync()
    yield session
    session.close()


def _posts(session: Session, query: str, limit: int = 200) -> list[str]:
    """Names of the files whose items match, best first (one item per fixture post)."""
    found = session.library.search(query, limit=limit)
    names: list[str] = []
    for key in found.keys:
        name = key.split(":", 1)[1].split("#", 1)[0]
        if name not in names:
            names.append(name)
    return names


def _set(session: Session, query: str) -> set[str]:
    return set(_posts(session, query))


def test_chinese_terms_of_one_to_four_characters(session: Session) -> None:
    assert _set(session, "谷歌") == {"2025-12-01-google.md", "2024-06-01-old.md"}
    assert _set(session, "谷歌翻") == {"2025-12-01-google.md"}
    assert _set(session, "具身智能") == {"2025-12-02-robots.md"}
    assert _set(session, "研究院") == {"2025-12-02-robots.md"}
    assert _set(session, "翻") == {"2025-12-01-google.md"}
    assert _set(session, "院") == {"2025-12-02-robots.md"}
    assert _set(session, "猫") == set()


def test_english_is_case_insensitive_substring_from_three_letters(session: Session) -> None:
    assert _set(session, "openai") == {"2025-12-03-openai.md"}
    assert _set(session, "GPT") == {"2025-12-03-openai.md"}
    assert _set(session, "OPEN SOURCE") == {"2025-10-05-essay.md"}


def test_short_latin_terms_are_whole_words(session: Session) -> None:
    assert _set(session, "AI") == {"2025-11-20-chips.md"}
    assert _set(session, "5g") == {"2025-11-20-chips.md"}
    # "said", "again" and "main" hold "ai" but not as a word.
    assert "2025-10-05-essay.md" not in _set(session, "ai")


def test_nfkc_full_width_matches_both_ways(session: Session) -> None:
    assert _set(session, "ＡＩ") == {"2025-11-20-chips.md"}
    assert "2025-12-03-openai.md" in _set(session, "OpenAI said")


def test_spaces_next_to_chinese_do_not_matter(session: Session) -> None:
    # The text says "5G 与 AI 芯片".
    assert _set(session, "与AI芯片") == {"2025-11-20-chips.md"}
    assert _set(session, '"5g 与 ai"') == {"2025-11-20-chips.md"}
    assert _set(session, '"谷歌 翻译"') == {"2025-12-01-google.md"}


def test_mixed_and_unindexable_short_terms(session: Session) -> None:
    assert _set(session, "AI芯片") == {"2025-11-20-chips.md"}
    assert _set(session, "c#") == {"2025-11-20-chips.md"}
    assert _set(session, "芯片 c#") == {"2025-11-20-chips.md"}
    assert _set(session, "-c# 芯片") == set()


def test_words_are_anded_and_phrases_kept_together(session: Session) -> None:
    assert _set(session, "谷歌 gemini") == {"2025-12-01-google.md"}
    assert _set(session, "谷歌 chatgpt") == set()
    assert _set(session, '"source models"') == {"2025-10-05-essay.md"}
    assert _set(session, '"models source"') == set()


def test_exclusion(session: Session) -> None:
    assert _set(session, "谷歌 -gemini") == {"2024-06-01-old.md"}
    assert _set(session, "谷歌 -翻译") == {"2024-06-01-old.md"}
    assert _set(session, '谷歌 -"搜索"') == {"2025-12-01-google.md"}
    assert _set(session, "谷歌 -ai") == {"2025-12-01-google.md", "2024-06-01-old.md"}


def test_tag_and_category_filters(session: Session) -> None:
    assert _set(session, "tag:具身智能") == {"2025-12-02-robots.md"}
    assert _set(session, "cat:产品 谷歌") == {"2025-12-01-google.md", "2024-06-01-old.md"}
    assert _set(session, '谷歌 -tag:"产品"') == set()
    assert _set(session, "tag:nothing") == set()


def test_source_filter(session: Session) -> None:
    assert len(_set(session, "source:fixtures")) == len(POSTS)
    assert len(_set(session, "source:fx")) == len(POSTS)
    assert _set(session, "-source:fx") == set()
    with pytest.raises(QueryError, match="no source"):
        session.library.search("source:nope")


def test_read_and_star_filters(session: Session) -> None:
    library = session.library
    google = library.search("谷歌翻译").keys
    session.state.set_read(google, True)
    session.state.set_starred(google, True)
    assert "2025-12-01-google.md" not in _set(session, "谷歌 is:unread")
    assert _set(session, "谷歌 is:read") == {"2025-12-01-google.md"}
    assert _set(session, "is:starred") == {"2025-12-01-google.md"}
    assert "2025-12-01-google.md" not in _set(session, "is:unstarred")
    assert _set(session, "tag:具身智能 is:unread") == {"2025-12-02-robots.md"}


def test_date_filters(session: Session) -> None:
    assert _set(session, "谷歌 after:2025-01-01") == {"2025-12-01-google.md"}
    assert _set(session, "谷歌 before:2025") == {"2024-06-01-old.md"}
    assert _set(session, "date:2025-12") == {
        "2025-12-01-google.md",
        "2025-12-02-robots.md",
        "2025-12-03-openai.md",
    }
    assert _set(session, "date:2025-12-02") == {"2025-12-02-robots.md"}
    assert _set(session, "after:2025-12-02 before:2025-12-03") == {"2025-12-02-robots.md"}


@pytest.mark.parametrize(
    "query",
    [
        "is:maybe",
        "after:2025-13-01",
        "date:yesterday",
        "tag:",
        "before:",
        "-after:2025",
        "x" * 1001,
        " ".join(["w"] * 40),
    ],
)
def test_malformed_queries_say_why(session: Session, query: str) -> None:
    with pytest.raises(QueryError) as caught:
        session.library.search(query)
    message = str(caught.value)
    assert message and "\n" not in message and len(message) < 200


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        '" "',
        "*",
        "(",
        ")",
        "a OR b",
        "NEAR(a b)",
        "NEAR",
        ":",
        "::",
        "^谷歌",
        "head:谷歌",
        "body:gemini",
        "{head body}:x",
        "a AND",
        "NOT",
        '"unbalanced phrase',
        'a" OR *(',
        "\x00\x1b[31m谷歌\x07",
        "-",
        "--",
        "- -",
        '-""',
        "谷歌*",
        "+",
        "'",
        "\\",
        'tag:"unbalanced',
        "谷歌" * 200,
        "\u202e谷歌",
        "\ufeff",
        "%",
        "_",
        "a%",
        "%_",
    ],
)
def test_hostile_input_never_raises_anything_but_query_error(session: Session, query: str) -> None:
    try:
        result = session.library.search(query)
    except QueryError:
        return
    assert isinstance(result, SearchResults)


def test_fts_syntax_is_text(session: Session) -> None:
    # Were these interpreted, "OR" would widen and the column filter would narrow.
    assert _set(session, "谷歌 OR openai") == set()
    assert _set(session, "head:谷歌") == set()
    assert _set(session, "谷歌*") == set()


def test_empty_query_lists_newest_first(session: Session) -> None:
    names = _posts(session, "")
    assert names == sorted(POSTS, reverse=True)
    assert _posts(session, "", limit=2) == names[:2]


def test_terms_are_returned_folded_for_highlighting(session: Session) -> None:
    found = session.library.search('ＧＰＴ "Open  Source" -谷歌 tag:x')
    assert found.terms == ("gpt", "open source")


def test_posts_mode_returns_post_keys(session: Session) -> None:
    keys = session.library.search("谷歌", posts=True).keys
    assert keys == ["fx:2025-12-01-google.md", "fx:2024-06-01-old.md"]
    assert session.library.search("", posts=True, limit=3).keys == [
        "fx:2025-12-03-openai.md",
        "fx:2025-12-02-robots.md",
        "fx:2025-12-01-google.md",
    ]


def test_headline_match_ranks_above_body_match(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    _write(posts, "2025-12-01-body.md", "Other news", [], "A story about 量子计算 today.")
    _write(posts, "2025-12-01-head.md", "量子计算 breakthrough", [], "Details follow.")
    _write(posts, "2023-01-01-old.md", "量子计算 old", [], "Old details.")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[sources]]\nid = "fx"\nname = "fx"\nkind = "dir"\npath = "{posts}"\n', encoding="utf-8"
    )
    session = Session.load(str(config), str(tmp_path / "data"))
    try:
        session.sync()
        names = _posts(session, "量子计算")
    finally:
        session.close()
    assert names[0] == "2025-12-01-head.md"
    assert set(names) == {"2025-12-01-body.md", "2025-12-01-head.md", "2023-01-01-old.md"}


def test_index_follows_edits_deletions_and_rebuilds(session: Session, tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    _write(posts, "2025-12-01-google.md", "谷歌更新", ["产品"], "谷歌发布 Gemini 3 模型。")
    (posts / "2025-12-02-robots.md").unlink()
    _write(posts, "2025-12-04-new.md", "新文章", [], "量子计算的新进展。")
    session.sync()
    assert _set(session, "谷歌翻译") == set()
    assert _set(session, "gemini 3") == {"2025-12-01-google.md"}
    assert _set(session, "具身智能") == set()
    assert _set(session, "量子计算") == {"2025-12-04-new.md"}
    # The test reads the file as any SQLite client would: counts the library does not expose.
    conn = sqlite3.connect(session.paths.library_db)
    docs = conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
    assert docs == conn.execute("SELECT count(*) FROM items").fetchone()[0] + len(POSTS)

    session.library.clear()
    assert conn.execute("SELECT count(*) FROM search_docs").fetchone()[0] == 0
    assert _set(session, "量子计算") == set()
    session.sync()
    assert _set(session, "量子计算") == {"2025-12-04-new.md"}
