"""What the command line prints is whole: keys never cut, prose wrapped but never
cropped, `-word` queries, messages in the user's language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from support.ainews import Ainews

SAMPLES = Path(__file__).resolve().parents[2] / "sample_content"
LONG_PATH = "a-rather-long-folder-name/another-long-folder/2025-12-01-a-long-slug.md"


@pytest.mark.parametrize("columns", [100, 60])
@pytest.mark.parametrize("posts", [False, True], ids=["items", "posts"])
def test_search_on_a_terminal_prints_every_key_whole(
    ainews: Ainews, columns: int, posts: bool
) -> None:
    extra = ("--posts",) if posts else ()
    keys = [r["key"] for r in ainews.json("search", "AI", *extra)]
    assert len(keys) >= 10
    shown = ainews.tty("search", "AI", *extra, columns=columns)
    printed = re.findall(r"sample:\S+", shown)
    assert printed == keys
    assert all(cell_len(line) <= columns for line in shown.splitlines())
    assert "…" in shown  # the headlines gave way, not the keys
    if columns == 100:
        header = shown.splitlines()[0].split()
        assert header[-1] == "key" and "date" in header
    for key in (printed[0], printed[-1]):
        ainews("show", key)


def test_a_key_wider_than_the_terminal_gets_a_line_of_its_own(
    ainews: Ainews, tmp_path: Path
) -> None:
    blog = tmp_path / "blog"
    post = blog / LONG_PATH
    post.parent.mkdir(parents=True)
    post.write_text(
        "---\ntitle: 长路径的一篇\ndate: 2025-12-01\n---\n"
        "1. **在长路径里发布了一条新闻，标题也足够长，需要在窄终端里省略掉一部分**\n   摘要。\n",
        "utf-8",
    )
    ainews("add", str(blog), "--name", "blog")
    (key,) = [r["key"] for r in ainews.json("list", "--items")]
    assert len(key) > 60
    lines = ainews.tty("list", "--items", columns=60).splitlines()
    assert lines[0] == key
    assert lines[1].startswith("  ") and lines[1].endswith("…") and cell_len(lines[1]) <= 60
    assert ainews.tty("list", "--items", columns=120).splitlines()[1].split()[-1] == key


def test_piped_tables_are_tab_separated_with_full_values(ainews: Ainews) -> None:
    items = ainews.json("search", "AI")
    lines = ainews("search", "AI").stdout.splitlines()
    assert lines[0].split("\t") == [
        "key",
        "date",
        "read",
        "starred",
        "source",
        "domain",
        "headline",
        "also_in",
    ]
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(row) == 8 for row in rows)
    assert [row[7] for row in rows] == [str(i["also_in"]) for i in items]
    assert [row[0] for row in rows] == [i["key"] for i in items]
    assert [row[6] for row in rows] == [i["title"] for i in items]
    posts = ainews("search", "--posts", "AI").stdout.splitlines()
    assert posts[0].split("\t")[:2] == ["key", "date"]
    assert all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", r.split("\t")[1]) for r in posts[1:]
    )
    listed = ainews("list", "--items").stdout.splitlines()
    ainews("show", listed[1].split("\t")[0])
    sources = ainews("sources").stdout.splitlines()
    assert sources[0].startswith("id\tname\tkind\tlocation\t")
    assert sources[1].split("\t")[:3] == ["sample", "samples", "dir"]


def _sentences(markdown: str) -> list[str]:
    """The sentences of a post's prose, as they read once rendered (no Markdown marks,
    links as `text (url)`), with whitespace removed; tables are left out."""
    sentences: list[str] = []
    for line in markdown.split("---", 2)[2].splitlines():
        if line.lstrip().startswith("|"):
            continue
        line = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1 (\2)", line)
        line = re.sub(r"^\s*(#+|\d+\.|[-*>])\s", "", line).replace("**", "")
        flat = re.sub(r"\s+", "", line)
        sentences += [s for s in re.split(r"(?<=[。！？；])", flat) if len(s) > 4]
    return sentences


@pytest.mark.parametrize("how", ["terminal", "piped"])
def test_show_wraps_at_80_columns_and_keeps_every_sentence(ainews: Ainews, how: str) -> None:
    source = SAMPLES / "2025-12" / "2025-12-31.md"
    key = "sample:2025-12/2025-12-31.md"
    ainews.env.pop("COLUMNS")  # piped, with no width given, it takes 80
    shown = ainews.tty("show", key, columns=80) if how == "terminal" else ainews("show", key).stdout
    lines = shown.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), max(lines, key=cell_len)
    assert "─" * 80 in shown and "─" * 81 not in shown
    joined = re.sub(r"\s+", "", shown)
    sentences = _sentences(source.read_text("utf-8"))
    assert len(sentences) > 30
    missing = [s for s in sentences if s not in joined]
    assert not missing


def test_show_honours_columns(ainews: Ainews) -> None:
    shown = ainews("show", "sample:2025-12/2025-12-31.md", env={"COLUMNS": "50"}).stdout
    assert max(cell_len(line) for line in shown.splitlines()) <= 50


def test_show_item_key_shows_that_story_under_its_post(ainews: Ainews) -> None:
    items = [i for i in ainews.json("list", "--items") if i["post_key"].endswith("2025-12-31.md")]
    third = next(i for i in items if i["position"] == 3)
    first = next(i for i in items if i["position"] == 0)
    shown = ainews("show", third["key"]).stdout
    lines = shown.splitlines()
    assert lines[0] == third["post_title"]
    assert lines[1].startswith("2025-12-31 21:00+08:00")
    flat = re.sub(r"\s+", "", shown)
    assert re.sub(r"\s+", "", third["title"]) in flat
    assert re.sub(r"\s+", "", third["summary"])[:30] in flat
    assert first["title"] not in shown  # not the whole post from the top
    assert f"ainews show {third['post_key']}" in shown


@pytest.mark.parametrize(
    "args",
    [
        ("Runway", "-Gen"),
        ("-Gen", "Runway"),
        ("Runway", "-Gen", "--limit", "5"),
        ("--", "Runway", "-Gen"),
    ],
)
def test_search_minus_word_excludes_it(ainews: Ainews, args: tuple[str, ...]) -> None:
    every = ainews.json("search", "Runway")
    assert any("Gen" in i["title"] + i["summary"] for i in every)
    without = json.loads(ainews("search", "--json", *args).stdout)
    expected = [i["key"] for i in every if "gen" not in (i["title"] + i["summary"]).lower()]
    assert [i["key"] for i in without] == expected


def test_search_with_only_an_exclusion_after_double_dash(ainews: Ainews) -> None:
    results = json.loads(ainews("search", "--json", "--", "-Gen").stdout)
    assert results and not any("gen" in (i["title"] + i["summary"]).lower() for i in results)
    assert "usage" not in ainews("search", "Runway", "-GWM").stderr


def test_search_options_still_work_between_words(ainews: Ainews) -> None:
    assert len(ainews.json("search", "AI", "--limit", "2")) == 2
    assert len(ainews.json("search", "AI", "--lim=1")) == 1
    assert ainews.json("search", "--posts", "Runway")[0]["kind"] == "post"
    ainews("search", "AI", "--limit", "0", code=2)


def test_lang_zh_messages_are_chinese(ainews: Ainews, tmp_path: Path) -> None:
    assert "没有键为" in ainews("--lang", "zh", "show", "nope", code=2).stderr
    assert "没有匹配的新闻" in ainews("--lang", "zh", "search", "不存在的词语组合").stderr
    assert "没有名为" in ainews("list", "--lang", "zh", "--source", "x", code=2).stderr
    ainews.config.write_text('language = "zh"\n', "utf-8")
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "2025-12-01.md").write_text("---\ntitle: 一\n---\n正文\n", "utf-8")
    added = ainews("add", str(folder), "--name", "博客")
    assert added.stdout.startswith("已将 博客（id 博客）添加到")
    assert "新增 1 · 更新 0" in ainews("sync").stdout
    assert "已将 1 项标为已读" in ainews("mark", "博客:2025-12-01.md", "--read").stdout
    assert "no items match" in ainews("--lang", "en", "search", "不存在的词语组合").stderr
    header = ainews.tty("list", columns=100).splitlines()[0]
    assert "日期" in header and "键" in header


def test_export_open_list_and_times(ainews: Ainews, tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "2025-12-01.md").write_text(
        "---\ntitle: Precise\ndate: 2025-12-01T10:00:00.123456+08:00\ncategories: [x]\n---\n"
        "1. **A story with no link at all**\n   text\n",
        "utf-8",
    )
    ainews.config.write_text('timezone = "America/New_York"\n', "utf-8")
    ainews("add", str(folder), "--name", "p")
    ainews("mark", "p:2025-12-01.md", "--star")
    target = tmp_path / "backup.json"
    wrote = ainews("export-state", str(target)).stdout
    assert f"wrote 1 state entries to {target}" in wrote
    item = ainews.json("list", "--items")[0]
    result = ainews("open", item["key"], code=1)
    assert result.stderr.startswith("ainews: ") and "has no link to open" in result.stderr
    ainews("open", "p:2025-12-01.md", code=1)
    empty = ainews("list", "--category", "nope")
    assert empty.stdout == "" and "nothing has the category or tag 'nope'" in empty.stderr
    assert "no posts match" in ainews("list", "--category", "x", "--since", "2026-01-01").stderr
    row = ainews("list").stdout.splitlines()[1].split("\t")
    assert row[1] == "2025-11-30T21:00:00-05:00"
    assert "2025-11-30 21:00" in ainews.tty("list", columns=100)
    shown = ainews("show", "p:2025-12-01.md").stdout
    assert "2025-11-30 21:00-05:00" in shown and ".123456" not in shown
    assert ainews.json("list")[0]["date"] == "2025-12-01T10:00:00+08:00"


def test_every_command_line_message_has_a_chinese_text() -> None:
    from ainews_tui.i18n import MESSAGES

    cli = {k: v for k, v in MESSAGES.items() if k.startswith("cli.")}
    assert len(cli) > 50
    same = sorted(k for k, (en, zh) in cli.items() if en == zh)
    assert same == ["cli.col.id"]  # an id is an id in both languages
    no_cjk = sorted(k for k, (_, zh) in cli.items() if not re.search(r"[\u4e00-\u9fff]", zh))
    assert no_cjk == ["cli.col.id", "cli.opml.bad"]  # "{file}：{reason}"


def test_force_color_on_a_pipe_gets_the_terminal_table(ainews: Ainews) -> None:
    # As rich decides (FORCE_COLOR, TTY_COMPATIBLE), for `ainews list | less -R`.
    coloured = ainews("list", "--items", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in coloured and "\t" not in coloured
    assert "\t" in ainews("list", "--items", env={"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}).stdout
