"""Reading one file: encodings, front matter conventions, dates, titles, skip reasons."""

from __future__ import annotations

import codecs
import zoneinfo
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ainews_tui.ingest.dates import DateError, date_from_path, parse_date
from ainews_tui.ingest.decode import SkipFile, decode_text
from ainews_tui.ingest.frontmatter import split_front_matter
from ainews_tui.ingest.post import clean_title, parse_post

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
BODY = "\n1.  [**Story one**](https://example.com/1)\n\n    Summary one.\n"


def parse(text: str | bytes, relpath: str = "post.md", zone: object = SHANGHAI):  # type: ignore[no-untyped-def]
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_post(data, relpath, zone=zone)  # type: ignore[arg-type]


# --- the five seeds -----------------------------------------------------------------

SEED_EXPECTATIONS = {
    "000_61aa6a94ba32b1ed.md": (
        "这周AI圈炸了！GPT-5.2翻车、Runway发布5个模型、谷歌翻译接入Gemini🔥",
        "2025-12-18T00:00:00+08:00",
        (),
        ("AI周报", "人工智能", "科技趋势", "GPT-5.2", "Runway", "谷歌翻译"),
    ),
    "001_ce5923b477f4e699.md": (
        "2025.12.02 全球AI新闻速递",
        "2025-12-02T09:16:40+08:00",
        ("AI模型", "具身智能", "企业动态"),
        (),
    ),
    "002_fbcc24b373af7f5e.md": (
        "2025.12.17.20 过去4小时全球AI发生了什么？",
        "2025-12-17T20:00:11+08:00",
        ("AI模型", "行业动态", "技术发布"),
        (),
    ),
    "003_7c1bda8d7cd21f13.md": (
        "AI日报：GPT-5.2强势登场，AI巨头打响“王座”保卫战",
        "2025-12-12T07:01:40+08:00",
        ("AI Daily",),
        (),
    ),
    "004_0a2e94a1c5ca8312.md": (
        "twitter_ai_20251206_20251206",
        "2025-12-06T15:32:15+08:00",
        (),
        (),
    ),
}


@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seed_metadata(seeds: Path, name: str) -> None:
    title, date, categories, tags = SEED_EXPECTATIONS[name]
    post = parse_post((seeds / name).read_bytes(), name, zone=SHANGHAI)
    assert post.title == title
    assert post.date is not None and post.date.isoformat() == date
    assert post.date_from == "front_matter"
    assert post.categories == categories
    assert post.tags == tags
    assert post.warnings == ()


def test_seed_authors_and_cover(seeds: Path) -> None:
    post = parse_post((seeds / "000_61aa6a94ba32b1ed.md").read_bytes(), "x.md", zone=SHANGHAI)
    assert [(a.name, a.link) for a in post.authors] == [("爱窝啦", "https://aivora.cn")]
    cover = parse_post((seeds / "003_7c1bda8d7cd21f13.md").read_bytes(), "y.md", zone=SHANGHAI)
    assert cover.cover_image and cover.cover_image.startswith("https://azure.microsoft.com/")


def test_naive_seed_date_follows_the_configured_zone(seeds: Path) -> None:
    data = (seeds / "003_7c1bda8d7cd21f13.md").read_bytes()
    utc = parse_post(data, "x.md", zone=UTC)
    assert utc.date is not None and utc.date.isoformat() == "2025-12-12T07:01:40+00:00"
    ny = parse_post(data, "x.md", zone=zoneinfo.ZoneInfo("America/New_York"))
    assert ny.date is not None and ny.date.utcoffset() == timedelta(hours=-5)


# --- encodings and line endings -----------------------------------------------------

FRONT = "---\ntitle: 标题测试\ndate: 2025-12-02\n---\n" + BODY


@pytest.mark.parametrize(
    "data",
    [
        FRONT.encode("utf-8"),
        codecs.BOM_UTF8 + FRONT.encode("utf-8"),
        FRONT.encode("gb18030"),
        FRONT.encode("utf-16"),
        FRONT.replace("\n", "\r\n").encode("utf-8"),
        FRONT.replace("\n", "\r").encode("utf-8"),
        (FRONT[:20] + FRONT[20:].replace("\n", "\r\n")).encode("utf-8"),
        FRONT.rstrip("\n").encode("utf-8"),
    ],
    ids=["utf8", "bom", "gb18030", "utf16", "crlf", "cr", "mixed", "no-final-newline"],
)
def test_every_encoding_and_line_ending_reads_the_same(data: bytes) -> None:
    post = parse(data)
    assert post.title == "标题测试"
    assert post.date is not None and post.date.date().isoformat() == "2025-12-02"
    assert "\r" not in post.body


def test_binary_and_undecodable_files_are_skipped_with_reasons() -> None:
    with pytest.raises(SkipFile, match="binary"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(SkipFile, match="not UTF-8"):
        decode_text(b"abc\x80\xffdef" * 10)


@pytest.mark.parametrize(
    ("relpath", "data", "reason"),
    [
        ("content/_index.md", b"---\ntitle: x\n---\nbody", "section"),
        ("empty.md", b"", "empty"),
        ("blank.md", b"  \n\n", "empty"),
        ("meta.md", b"---\ntitle: only\n---\n", "front matter only"),
        ("archetypes/default.md", b"+++\ndate = '{{ .Date }}'\n+++\nbody\n", "archetype"),
        ("index.md", b"---\nlayout: home\n---\n" + BODY.encode(), "layout: home"),
        ("notes/index.md", b"---\nlayout: page\n---\n# \xe7\xac\x94\xe8\xae\xb0\n", "page"),
        ("content/about.md", b"---\ntitle: About\n---\n" + BODY.encode(), "about.md"),
        ("blog/sources.md", b"# Sources\n\n" + BODY.encode(), "sources.md"),
        ("README.md", b"# Repo\n\n" + BODY.encode(), "README.md"),
        (
            "index.md",
            b"---\nlayout: default\n---\n{% for post in site.posts %}\n{{ post.title }}\n"
            b"{% endfor %}\n",
            "template loop",
        ),
        (
            "home.md",
            b"# Home\n\n"
            + b"".join(b"- [Post %d](/posts/%d/)\n" % (n, n) for n in range(40))
            + b"\nWelcome.\n",
            "mostly links",
        ),
    ],
)
def test_not_posts_are_skipped(relpath: str, data: bytes, reason: str) -> None:
    with pytest.raises(SkipFile, match=reason):
        parse_post(data, relpath, zone=SHANGHAI)


# --- front matter -------------------------------------------------------------------


def test_toml_front_matter_with_string_date_and_draft() -> None:
    post = parse(
        "+++\ndate = '2026-04-27T08:30:00+08:00'\ndraft = true\n"
        "title = '【2026-04-27】刊'\ncategories = ['AI']\n+++\n" + BODY
    )
    assert post.title == "【2026-04-27】刊"
    assert post.date is not None and post.date.isoformat() == "2026-04-27T08:30:00+08:00"
    assert post.draft is True
    assert post.categories == ("AI",)


def test_json_front_matter() -> None:
    post = parse('{\n"title": "JSON 标题",\n"date": "2025-12-01",\n"tags": ["a", "b"]\n}\n' + BODY)
    assert (post.title, post.tags, post.date_from) == ("JSON 标题", ("a", "b"), "front_matter")
    bad = parse('{\n"title": \n}\n' + BODY)
    assert bad.title == "post" and "malformed JSON" in bad.warnings[0]
    assert bad.body.startswith('{\n"title"')  # it was no front matter: nothing is lost


def test_toml_native_datetime() -> None:
    post = parse("+++\ntitle = 'x'\ndate = 2025-12-20T08:30:00+08:00\n+++\n" + BODY)
    assert post.date is not None and post.date.isoformat() == "2025-12-20T08:30:00+08:00"


def test_no_front_matter_takes_title_from_the_heading_and_date_from_the_path() -> None:
    text = "# [2026-04-13](https://github.com/x/y/issues/58)\n\n# AI 早报 2026-04-13\n" + BODY
    post = parse(text, "BACKUP/58_AI 早报 2026-04-13.md")
    assert post.title == "AI 早报 2026-04-13"
    assert post.date is not None and post.date.isoformat() == "2026-04-13T00:00:00+08:00"
    assert post.date_from == "path"


def test_missing_opening_dashes_still_read_as_front_matter() -> None:
    post = parse('title: "每日简报"\ndate: 2026-02-22T22:00:00+08:00\ndraft: false\n---\n' + BODY)
    assert post.title == "每日简报"
    assert post.date is not None and post.date.hour == 22


def test_blank_line_after_opening_dashes() -> None:
    post = parse('---\n\ntitle: "x"\ndate: "2026-04-27"\n---\n' + BODY)
    assert post.title == "x"
    assert post.date is not None and post.date.day == 27


def test_malformed_yaml_keeps_the_body_and_warns() -> None:
    post = parse("---\ntitle: [unclosed\ndate: 2025-12-01\n---\n" + BODY, "2025-12-03-x.md")
    assert post.warnings and "malformed YAML" in post.warnings[0]
    assert post.date is not None and post.date.day == 3  # from the path
    assert "Story one" in post.body


def test_yaml_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        prev = chr(ord("a") + n - 1)
        cur = chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    post = parse("---\n" + "\n".join(lines) + "\ntitle: bomb\n---\n" + BODY, "bomb.md")
    assert post.warnings and "alias bomb" in post.warnings[0]
    assert post.title == "bomb"  # the file name, since the metadata was refused


def test_invalid_date_is_a_warning_and_falls_back_to_the_path() -> None:
    post = parse("---\ntitle: x\ndate: 2026-06-010\n---\n" + BODY, "2026-06-10-x.md")
    assert any("date" in w for w in post.warnings)
    assert post.date_from == "path"


def test_titles_that_are_numbers_or_lists_or_markdown() -> None:
    assert parse("---\ntitle: 2025\n---\n" + BODY).title == "2025"
    assert parse("---\ntitle: [a, b]\n---\n" + BODY).title == "a b"
    assert clean_title("# AI日报：**重磅** [链接](https://x.y)") == "AI日报：重磅 链接"
    assert clean_title("<a href='x'>AI &amp; 你</a>") == "AI & 你"


def test_categories_and_tags_as_strings_or_lists_and_author_string() -> None:
    post = parse(
        "---\ntitle: x\ncategories: 日报\ntags: [a, a, b]\nauthor: 张三\n"
        "link: https://example.com/p\n---\n" + BODY
    )
    assert post.categories == ("日报",)
    assert post.tags == ("a", "b")
    assert [a.name for a in post.authors] == ["张三"]
    assert post.url == "https://example.com/p"


def test_posttime_alias_and_javascript_link_ignored() -> None:
    post = parse(
        '---\ntitle: x\nposttime: "2025-12-06 15:32:15 +0800"\n'
        "link: javascript:alert(1)\n---\n" + BODY
    )
    assert post.date is not None and post.date.isoformat() == "2025-12-06T15:32:15+08:00"
    assert post.url is None


def test_unclosed_front_matter_is_plain_text() -> None:
    split = split_front_matter("---\ntitle: x\nno end here\n")
    assert split.meta == {} and split.warnings


def test_post_without_items_becomes_one_item() -> None:
    post = parse("---\ntitle: 随笔\n---\n今天没有新闻，只有一段话。\n")
    assert len(post.items) == 1
    assert post.items[0].headline == "随笔"


# --- dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-12-02T09:16:40+08:00", "2025-12-02T09:16:40+08:00"),
        ("2025-12-06 15:32:15 +0800", "2025-12-06T15:32:15+08:00"),
        ("2025-12-12 07:01:40", "2025-12-12T07:01:40+08:00"),
        ("2025-12-18", "2025-12-18T00:00:00+08:00"),
        ("2024-05-27T00:00:00.123456Z", "2024-05-27T00:00:00.123456+00:00"),
        ("2025/12/02", "2025-12-02T00:00:00+08:00"),
        ("Tue, 02 Dec 2025 09:16:40 +0800", "2025-12-02T09:16:40+08:00"),
        (datetime(2025, 12, 1, 8, 0), "2025-12-01T08:00:00+08:00"),
    ],
)
def test_parse_date_forms(value: object, expected: str) -> None:
    assert parse_date(value, SHANGHAI).isoformat() == expected


@pytest.mark.parametrize("value", ["2026-06-010", "2025-13-01", "yesterday", 12, ["2025-12-01"]])
def test_parse_date_rejects(value: object) -> None:
    with pytest.raises(DateError):
        parse_date(value, SHANGHAI)


@pytest.mark.parametrize(
    ("path", "day"),
    [
        ("content/cn/2025-12/2025-12-02.md", "2025-12-02"),
        ("_posts/2026-02-04-ai-news-2.md", "2026-02-04"),
        ("reports/twitter_ai_20251206.md", "2025-12-06"),
        ("2025-12/notes.md", None),
        ("posts/hello.md", None),
        ("src/content/issues/26-06-10-not-much.md", "2026-06-10"),
        ("issues/24-05-27-ainews-life-after-dpo.md", "2024-05-27"),
        ("issues/26-13-40-bad.md", None),
        ("v1-2-3/notes.md", None),
    ],
)
def test_date_from_path(path: str, day: str | None) -> None:
    found = date_from_path(path, SHANGHAI)
    assert (found.date().isoformat() if found else None) == day


def test_broken_front_matter_date_falls_back_to_a_two_digit_year_file_name() -> None:
    text = "---\ntitle: not much\ndate: 2026-06-010T05:44:39.731046Z\n---\n" + BODY
    post = parse(text, "src/content/issues/26-06-10-not-much.md")
    assert post.date_from == "path"
    assert post.date is not None and post.date.date().isoformat() == "2026-06-10"
    assert any("2026-06-010" in w for w in post.warnings)


def test_a_story_list_with_many_links_is_still_a_post() -> None:
    body = "".join(
        f"{n}. [**新闻标题第{n}条很长的标题**](https://e{n}.example/a)\n\n    第{n}条摘要。\n\n"
        for n in range(1, 40)
    )
    assert len(parse(body, "2025-12-01.md").items) == 39


def test_title_with_template_braces_is_a_post_but_a_template_date_is_not() -> None:
    post = parse("---\ntitle: 'Jinja 里的 {{ name }} 怎么转义'\ndate: 2025-12-01\n---\n" + BODY)
    assert post.title == "Jinja 里的 {{ name }} 怎么转义"
    with pytest.raises(SkipFile, match="archetype"):
        parse("---\ntitle: x\ndate: '{{ .Date }}'\n---\n" + BODY)
