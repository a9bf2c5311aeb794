"""Property tests: whatever the input, the parsers raise only their documented error and
what they return keeps its promises (items lie inside their post, in order, apart)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ainews_tui.ingest.dates import DateError, date_from_path, parse_date
from ainews_tui.ingest.decode import SkipFile, decode_text
from ainews_tui.ingest.frontmatter import split_front_matter
from ainews_tui.ingest.items import extract_items
from ainews_tui.ingest.post import parse_post
from ainews_tui.model import ExtractedItem
from ainews_tui.safe import clean_line, clean_text
from ainews_tui.search.query import QueryError, parse_query
from ainews_tui.session import Session

ZONES = st.sampled_from([None, UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5))])
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces digests are made of, and the pieces that break naive parsers.
FRAGMENTS = st.sampled_from(
    [
        "---",
        "+++",
        "...",
        "# ",
        "## ",
        "### ",
        "#######",
        "1. ",
        "10. ",
        "- ",
        "* ",
        "+ ",
        "  ",
        "    ",
        "\t",
        "> ",
        ">>>",
        "```",
        "~~~",
        "**",
        "__",
        "*",
        "`",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "[**谷歌发布新模型**](https://example.com/a)",
        "[x](javascript:alert(1))",
        "<a href='https://example.com/b'>link</a>",
        "<h2>标题</h2>",
        "https://example.com/c",
        "**加粗标题**：",
        "【1】",
        "点评",
        "概览",
        "title: x",
        "date: 2025-12-02",
        "tags: [a, b]",
        "a: &a [x]",
        "b: *a",
        "{{ .Date }}",
        "\\",
        "|",
        "===",
        "\x00",
        "\r",
        "\u202e",
        "\x1b[2J",
        "人工智能",
        "OpenAI ships",
        "。",
        "：",
        " ",
    ]
)
MARKDOWN = (
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=60)
    .map("".join)
    .flatmap(
        lambda text: st.lists(st.just(text) | FRAGMENTS, min_size=1, max_size=8).map("\n".join)
    )
)


def _check_items(
    items: list[ExtractedItem] | tuple[ExtractedItem, ...], body: str, max_items: int = 2000
) -> None:
    lines = body.count("\n") + 1
    assert len(items) <= max_items
    previous_end = 0
    for item in items:
        assert 0 <= item.start_line < item.end_line <= lines, (item, lines)
        assert item.start_line >= previous_end, "items overlap or are out of order"
        previous_end = item.end_line
        assert item.url is None or item.url.lower().startswith(("http://", "https://"))
        assert all(link.lower().startswith(("http://", "https://")) for link in item.links)


@FAST
@given(text=st.one_of(MARKDOWN, st.text()))
def test_front_matter_split_never_raises_and_keeps_a_suffix(text: str) -> None:
    split = split_front_matter(text)
    assert isinstance(split.meta, dict) and all(isinstance(k, str) for k in split.meta)
    assert text.endswith(split.body)


@FAST
@given(
    key=st.sampled_from(["title", "date", "tags", "x"]),
    value=st.recursive(
        st.one_of(st.text(max_size=20), st.integers(), st.floats(), st.booleans(), st.none()),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        ),
        max_leaves=30,
    ),
    fence=st.sampled_from([("---", "---"), ("+++", "+++"), ("---", "..."), ("", "---")]),
)
def test_front_matter_of_any_shape_reads_or_warns(
    key: str, value: object, fence: tuple[str, str]
) -> None:
    opening, closing = fence
    text = (
        f"{opening}\n{key}: {value!r}\n{closing}\n\nbody\n"
        if opening
        else f"{key}: {value!r}\n{closing}\nbody\n"
    )
    split = split_front_matter(text)
    assert split.body.endswith("body\n")


DATE_TEXT = st.one_of(
    st.text(max_size=40),
    st.from_regex(
        r"\A\s?\d{1,5}[-/.]\d{1,3}[-/.]\d{1,3}([T ]\d{1,2}:\d{1,2}(:\d{1,2}([.,]\d{1,12})?)?)?"
        r"\s?(Z|UTC|GMT|[+-]\d{1,2}:?\d{0,2})?\s?\Z",
        fullmatch=True,
    ),
    st.from_regex(r"\A[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{2,4} \d{2}:\d{2}:\d{2} [+-]\d{4}\Z"),
)
DATE_VALUES = st.one_of(
    DATE_TEXT,
    st.integers(),
    st.floats(),
    st.none(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.lists(st.integers(), max_size=3),
)


@FAST
@given(value=DATE_VALUES, zone=ZONES)
@example(value="2025-12-02 10:00 +99", zone=None)  # a four-day offset
@example(value="2025-12-02 10:00 +0099", zone=None)
@example(value="9999-12-31T23:00", zone=timezone(timedelta(hours=-5)))
@example(value=date(1, 1, 1), zone=timezone(timedelta(hours=8)))
def test_parse_date_returns_an_aware_datetime_or_raises_date_error(
    value: object, zone: object
) -> None:
    try:
        parsed = parse_date(value, zone)  # type: ignore[arg-type]
    except DateError:
        return
    assert parsed.tzinfo is not None and parsed.utcoffset() is not None
    if isinstance(value, date) and not isinstance(value, datetime):
        assert parsed.date() == value


@FAST
@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    layout=st.sampled_from(
        [
            "{y}-{m:02d}-{d:02d}-slug.md",
            "{y}-{m:02d}/{y}-{m:02d}-{d:02d}.md",
            "{y}{m:02d}{d:02d}.md",
            "posts/{y}_{m}_{d}/index.md",
        ]
    ),
    zone=ZONES,
)
def test_date_from_path_finds_the_day_it_was_given(day: date, layout: str, zone: object) -> None:
    path = layout.format(y=day.year, m=day.month, d=day.day)
    found = date_from_path(path, zone)  # type: ignore[arg-type]
    assert found is not None and found.tzinfo is not None and found.date() == day


@FAST
@given(path=st.text(max_size=60), zone=ZONES)
def test_date_from_any_path_never_raises(path: str, zone: object) -> None:
    found = date_from_path(path, zone)  # type: ignore[arg-type]
    assert found is None or found.tzinfo is not None


@FAST
@given(body=MARKDOWN, max_items=st.integers(min_value=0, max_value=5))
def test_items_always_lie_inside_their_post_in_order(body: str, max_items: int) -> None:
    body = decode_text(body.replace("\x00", "").encode()) if body.strip("\x00") else "x"
    _check_items(extract_items(body, max_items=max_items), body, max_items)


@FAST
@given(
    data=st.one_of(
        st.binary(max_size=400),
        MARKDOWN.map(lambda t: t.encode("utf-8")),
        MARKDOWN.map(lambda t: t.encode("gb18030", errors="replace")),
        MARKDOWN.map(lambda t: t.encode("utf-16")),
    ),
    name=st.sampled_from(["2025-12-02-post.md", "post.md", "_index.md", "a/b/20251206.md"]),
    zone=ZONES,
)
def test_parse_post_only_ever_skips(data: bytes, name: str, zone: object) -> None:
    try:
        post = parse_post(data, name, zone=zone)  # type: ignore[arg-type]
    except SkipFile as exc:
        assert str(exc)
        return
    assert "\r" not in post.body and post.title and post.items
    assert post.date is None or post.date.tzinfo is not None
    _check_items(post.items, post.body)


FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@FAST
@given(text=st.text() | MARKDOWN)
def test_cleaned_text_holds_no_terminal_control(text: str) -> None:
    cleaned = clean_text(text)
    assert FORBIDDEN.search(cleaned) is None
    assert clean_text(cleaned) == cleaned
    line = clean_line(text)
    assert "\n" not in line and FORBIDDEN.search(line) is None


QUERIES = st.one_of(
    st.text(max_size=80),
    st.lists(
        st.sampled_from(
            [
                '"',
                "-",
                "--",
                "tag:",
                "cat:",
                "source:",
                "is:",
                "is:unread",
                "is:starred",
                "after:",
                "before:",
                "date:",
                "after:2025-13-45",
                "date:2025-12",
                "OR",
                "AND",
                "NOT",
                "NEAR(",
                "*",
                "(",
                ")",
                "^",
                "{",
                "}",
                ":",
                "谷歌",
                "AI",
                "人工智能",
                "open source",
                "'",
                "\\",
                "\x00",
                "\u202e",
                "%",
                "_",
                '"a phrase"',
                "-crypto",
                "source:nope",
                " ",
            ]
        ),
        max_size=12,
    ).map(" ".join),
)


@settings(max_examples=200, deadline=None)
@given(text=QUERIES)
def test_query_parser_raises_only_query_error(text: str) -> None:
    try:
        parsed = parse_query(text)
    except QueryError:
        return
    assert all(isinstance(term, str) and term for term in parsed.terms)


@pytest.fixture(scope="module")
def small_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    root: Path = tmp_path_factory.mktemp("search")
    posts = root / "posts"
    posts.mkdir()
    for n in range(1, 6):
        (posts / f"2025-12-0{n}.md").write_text(
            f"---\ntitle: 日报 {n}\ntags: [AI, 开源]\n---\n\n"
            f"1.  [**谷歌发布第 {n} 代开源人工智能模型**](https://example.com/{n})\n\n"
            "    OpenAI and open source news, 摘要。\n",
            "utf-8",
        )
    (root / "config.toml").write_text(
        f'[[sources]]\nid = "d"\nname = "d"\nkind = "dir"\npath = "{posts}"\n', "utf-8"
    )
    session = Session.load(str(root / "config.toml"), str(root / "data"))
    session.sync()
    yield session
    session.close()


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=QUERIES)
def test_search_raises_only_query_error(small_library: Session, text: str) -> None:
    try:
        results = small_library.library.search(text, limit=20)
    except QueryError:
        return
    assert len(results.keys) <= 20
