"""Shared fixtures for the robustness suite: a CLI runner that keeps raw bytes, and the
hostile corpus, built at test time so nothing large or binary is committed."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

GOOD_POST = """---
title: "好文章 {n}"
date: 2025-12-0{n}T08:00:00+08:00
categories: [AI]
---

1.  [**谷歌发布第 {n} 代开源多模态大模型**](https://example.com/{n}/a)

    第一条摘要，完整的一句话。

2.  [**OpenAI ships a new reasoning model number {n}**](https://example.com/{n}/b)

    Second summary with a full sentence.
"""


@dataclass(frozen=True)
class Case:
    """One hostile file and what sync must make of it.

    `skip` is a fragment of the skip reason, `title` the title it is ingested under,
    `warning` a fragment of a warning the sync must report; `items` an exact item count.
    """

    skip: str | None = None
    title: str | None = None
    warning: str | None = None
    items: int | None = None


def write_good_posts(folder: Path, count: int = 3) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, count + 1):
        (folder / f"2025-12-0{n}-good.md").write_text(GOOD_POST.format(n=n), "utf-8")


def _numbered_items(count: int) -> str:
    lines = []
    for n in range(1, count + 1):
        marker = f"{n}. "
        lines.append(
            f"{marker}[**Story {n} about a new open model release**]"
            f"(https://example.com/story/{n})\n\n"
            f"{' ' * len(marker)}Summary of story {n}, one full sentence.\n"
        )
    return "\n".join(lines)


BILLION_LAUGHS = """---
title: lol
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
categories: *i
tags: *i
authors: *i
---

# 十亿笑声

A post whose front matter expands to a billion strings when walked.
"""

HTML_ONLY = """<html><head><script>alert('x'); document.cookie</script>
<style>body { color: red }</style></head>
<body><h1>HTML only post</h1>
<p>Paragraph with <a href="javascript:alert(1)">a script link</a>.</p>
<script src="https://evil.example/x.js"></script>
<img src=x onerror="alert(2)">
</body></html>
"""


def hostile_files(folder: Path) -> dict[str, Case]:
    """Write every hostile file into `folder`; returns relpath -> expected outcome."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: dict[str, Case] = {}

    def put(name: str, data: bytes | str, case: Case) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (folder / name).write_bytes(raw)
        cases[name] = case

    post = "---\ntitle: 中文标题 {kind}\ndate: 2025-11-02\n---\n\n# 标题\n\n人工智能新闻，正文。\n"
    put("binary.md", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, Case(skip="binary"))
    put("gb18030.md", post.format(kind="GB").encode("gb18030"), Case(title="中文标题 GB"))
    put(
        "utf16le.md",
        codecs.BOM_UTF16_LE + post.format(kind="LE").encode("utf-16-le"),
        Case(title="中文标题 LE"),
    )
    put(
        "utf16be.md",
        codecs.BOM_UTF16_BE + post.format(kind="BE").encode("utf-16-be"),
        Case(title="中文标题 BE"),
    )
    put("utf16-odd.md", codecs.BOM_UTF16_LE + b"a\x00b", Case(skip="UTF-16"))
    put("bom.md", codecs.BOM_UTF8 + post.format(kind="BOM").encode(), Case(title="中文标题 BOM"))
    put("crlf.md", post.format(kind="CRLF").replace("\n", "\r\n"), Case(title="中文标题 CRLF"))
    put(
        "mixed.md",
        "---\r\ntitle: mixed endings\rdate: 2025-11-03\n---\r\n\r正文\n",
        Case(title="mixed endings"),
    )
    put(
        "latin1.md",
        "---\ntitle: café\n---\nnaïve ".encode("latin-1") + b"\xff\xfe\xfa" * 9,
        Case(skip="not UTF-8"),
    )
    put(
        "bad-yaml.md",
        "---\ntitle: [unclosed\n  - : :\n---\n\n# Heading wins\n\nbody\n",
        Case(title="Heading wins", warning="malformed YAML"),
    )
    put(
        "bad-toml.md",
        '+++\ntitle = "no closing quote\n+++\n\n# TOML heading\n\nbody\n',
        Case(title="TOML heading", warning="malformed TOML"),
    )
    put("unclosed.md", "---\ntitle: never closed\n\nbody only\n", Case(warning="never closed"))
    put("billion-laughs.md", BILLION_LAUGHS, Case(title="十亿笑声", warning="alias bomb"))
    put(
        "deep-yaml.md",
        "---\ntitle: " + "[" * 60_000 + "\n---\n\n# Deep YAML\n\nbody\n",
        Case(title="Deep YAML", warning="nested too deeply"),
    )
    put(
        "deep-yaml-dash.md",
        "---\n" + "- " * 60_000 + "x\n---\n\n# Deep dashes\n\nbody\n",
        Case(title="Deep dashes", warning="nested too deeply"),
    )
    put(
        "deep-toml.md",
        "+++\nx = " + "[" * 60_000 + "\n+++\n\n# Deep TOML\n\nbody\n",
        Case(title="Deep TOML", warning="nested too deeply"),
    )
    put(
        "huge-front-matter.md",
        "---\ndescription: " + "x" * 300_000 + "\n---\n\n# Big FM\n\nb\n",
        Case(title="Big FM", warning="longer than"),
    )
    put(
        "one-line-3mb.md",
        "---\ntitle: one line\n---\n"
        + "[**link**](https://example.com/x) 很长的一行 **bold *nested [x](" * 55_000
        + "\n",
        Case(title="one line"),
    )
    put(
        "items-2000.md",
        "---\ntitle: two thousand\n---\n\n" + _numbered_items(2000),
        Case(title="two thousand", items=2000),
    )
    put(
        "items-2500.md",
        "---\ntitle: too many\n---\n\n" + _numbered_items(2500),
        Case(title="too many", items=2000),
    )
    put(
        "deep-quote.md",
        "---\ntitle: deep quote\n---\n\n"
        + "> " * 3000
        + "引用\n"
        + "".join(">" * n + " line\n" for n in range(3000, 0, -30)),
        Case(title="deep quote"),
    )
    put(
        "deep-list.md",
        "---\ntitle: deep list\n---\n\n"
        + "".join("  " * n + f"- **level {n} headline that is long enough**\n" for n in range(500)),
        Case(title="deep list"),
    )
    put("empty.md", b"", Case(skip="empty file"))
    put("blank.md", " \n\t\r\n", Case(skip="empty file"))
    put("front-matter-only.md", "---\ntitle: nothing below\n---\n", Case(skip="front matter only"))
    put(
        "bad-date.md",
        "---\ntitle: bad date\ndate: 2026-06-010\n---\nbody\n",
        Case(title="bad date", warning="cannot read the date"),
    )
    put(
        "bad-date-2.md",
        "---\ntitle: bad date 2\ndate: 2025-02-30 10:00\n---\nbody\n",
        Case(title="bad date 2", warning="not a real date"),
    )
    put(
        "date-offset.md",
        "---\ntitle: offset\ndate: 2025-12-02 10:00 +99\n---\nbody\n",
        Case(title="offset", warning="out of range"),
    )
    put(
        "date-year-9999.md",
        "---\ntitle: far\ndate: 9999-12-31T23:00\n---\nbody\n",
        Case(title="far", warning="out of range"),
    )
    put(
        "toml-year-one.md",
        '+++\ntitle = "year one"\ndate = 0001-01-01\n+++\nbody\n',
        Case(title="year one", warning="out of range"),
    )
    put("title-number.md", "---\ntitle: 42\n---\nbody\n", Case(title="42"))
    put("title-list.md", "---\ntitle: [AI, 日报]\n---\nbody\n", Case(title="AI 日报"))
    put("title-map.md", "---\ntitle: {a: 1}\n---\n\n# From heading\n", Case(title="From heading"))
    put(
        "front-matter-list.md",
        "---\n- a\n- b\n---\n\n# Listy\n",
        Case(title="Listy", warning="not a mapping"),
    )
    put("html-only.md", HTML_ONLY, Case(title="html-only"))
    put(
        "nul-in-text.md",
        "---\ntitle: nul\n---\n" + "text\x00" * 10 + "\n" + "x" * 9000,
        Case(skip="binary"),
    )
    put("_index.md", "---\ntitle: section\n---\nsection text\n", Case(skip="section"))
    (folder / os.fsdecode(b"latin-\xe9.md")).write_text("---\ntitle: t\n---\nbody\n", "utf-8")
    cases["latin-\ufffd.md"] = Case(skip="not valid UTF-8")
    (folder / "big.md").write_bytes(b"")
    os.truncate(folder / "big.md", 21 * 1024 * 1024)  # sparse: costs no disk or time
    cases["big.md"] = Case(skip="limit")

    (folder / "loop").symlink_to(folder, target_is_directory=True)
    cases["loop"] = Case(skip="symlink loop")
    (folder / "self-loop.md").symlink_to("self-loop.md")
    cases["self-loop.md"] = Case(skip="symlink")
    (folder / "dangling.md").symlink_to(folder / "no-such-file.md")
    cases["dangling.md"] = Case(skip="symlink")
    os.mkfifo(folder / "fifo.md")
    cases["fifo.md"] = Case(skip="not a regular file")
    (folder / "zero.md").symlink_to("/dev/zero")
    cases["zero.md"] = Case(skip="not a regular file")
    (folder / "folder.md").mkdir()
    (folder / "folder.md" / "inside.md").write_text("---\ntitle: inside\n---\nbody\n", "utf-8")
    cases["folder.md/inside.md"] = Case(title="inside")
    (folder / "alias").symlink_to("folder.md")  # read once, by its real path
    cases["alias"] = Case(skip="same folder as one already read")
    if os.geteuid() != 0:
        locked = folder / "unreadable.md"
        locked.write_text("---\ntitle: secret\n---\nbody\n", "utf-8")
        locked.chmod(0)
        cases["unreadable.md"] = Case(skip="cannot read")
    return cases


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[tuple[Path, dict[str, Case]]]:
    folder = tmp_path / "hostile"
    cases = hostile_files(folder)
    yield folder, cases
    unreadable = folder / "unreadable.md"
    if unreadable.exists():
        unreadable.chmod(0o600)
