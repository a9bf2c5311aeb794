"""Text from content is shown as text: no Rich/Textual markup, no terminal control, no
bidi reordering, and only http(s) links are ever opened or made clickable.

Everything runs through the real `ainews` command and asserts on the raw bytes it writes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support.ainews import Ainews

MARKUP = "[bold]B[/bold] [@click=app.quit]Q[/] [link=file:///etc/passwd]L[/link]"
# YAML double-quoted escapes: ESC, BEL, a C1 CSI, an OSC 8 file link, bidi override.
YAML_EVIL = (
    r"\e[2J\e[31mred\e[0m \a \x9b31m \e]8;;file:///etc/passwd\e\\X\e]8;;\e\\ "
    r"\u202Eevil\u202C \u2066iso\u2069 \x7f"
)
NAME_EVIL = "[bold]B[@click=app.quit]Q \x1b[2J\x1b]0;pwned\x07\x9b1m\u202e"  # no slash
RAW_EVIL = (
    "\x1b[2J\x1b]0;pwned title\x07\x1b]8;;file:///etc/passwd\x1b\\F\x1b]8;;\x1b\\\x9b1m\u202e"
)

EVIL_POST = f"""---
title: "{MARKUP} {YAML_EVIL}"
date: 2025-12-05T08:00:00+08:00
categories: ["[red]cat[/red]", "\\e[5mblink"]
link: "file:///etc/passwd"
---

# {MARKUP} {RAW_EVIL} heading

1.  [**{RAW_EVIL} [@click=app.quit]Evil headline long enough to count**](javascript:alert(1))

    Summary {MARKUP} {RAW_EVIL}, with [a file link](file:///etc/passwd).

2.  [**A normal web story about a brand new open model**](https://example.com/web)

    Summary of the web story, one sentence.

3.  [**A story whose only link is a local file on this disk**](file:///etc/passwd)

    Summary text with prose in it.
"""

# What a terminal acts on: C0 except tab/newline/CR, DEL, C1 (as UTF-8), bidi controls.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
SGR = re.compile(r"\x1b\[[0-9;]*m")


def _assert_inert(raw: bytes, *, styled: bool = False) -> str:
    """Decode output and check it holds no terminal control; with `styled`, colour
    (SGR) sequences from ainews' own styling are allowed and nothing else."""
    text = raw.decode("utf-8")
    if styled:
        text = SGR.sub("", text)
    found = FORBIDDEN.search(text)
    assert found is None, (found.group() if found else "", text[:2000])
    return text


@pytest.fixture
def evil(ainews: Ainews, tmp_path: Path) -> Ainews:
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "2025-12-05-evil.md").write_text(EVIL_POST, "utf-8")
    (folder / f"bad-{NAME_EVIL}.md").write_bytes(b"\x00\x01\x02binary")
    (folder / "[bold]B[@click=app.quit]Q.md").write_bytes(b"")
    ainews.config.write_text(
        '[[sources]]\nid = "evil"\nname = "[bold]src[/bold] \\u001b[31mred\\u0007 \\u202eRLO"\n'
        f'kind = "dir"\npath = "{folder}"\n'
        '\n[[sources]]\nid = "gone"\nname = "gone \\u001b]8;;file:///x\\u0007"\nkind = "dir"\n'
        f'path = "{tmp_path}/gone \\u001b[2J"\n',
        "utf-8",
    )
    return ainews


def test_sync_summary_is_inert(evil: Ainews) -> None:
    result = evil.run("sync", code=1)
    out = _assert_inert(result.stdout)
    _assert_inert(result.stderr)
    assert "skipped 2" in out
    assert "[bold]B[@click=app.quit]Q.md: empty file" in out  # the file name, literally
    assert "failed [bold]src" not in out and "failed gone" in out


@pytest.mark.parametrize("styled", [False, True], ids=["piped", "terminal"])
def test_list_show_and_sources_are_inert(evil: Ainews, styled: bool) -> None:
    evil.run("sync", code=1)

    def output(*args: str) -> bytes:
        # On a terminal the tables are laid out and coloured by rich; piped, plain TSV.
        return evil.tty_bytes(*args, columns=200) if styled else evil.run(*args).stdout

    posts = output("list")
    items = output("list", "--items")
    sources = output("sources")
    shown = output("show", "evil:2025-12-05-evil.md")
    for raw in (posts, items, sources, shown):
        _assert_inert(raw, styled=styled)
    posts_text = _assert_inert(posts, styled=styled)
    assert "[bold]B[/bold]" in posts_text and "[@click=app.quit]Q[/]" in posts_text
    assert "[@click=app.quit]Evil headline" in _assert_inert(items, styled=styled)
    assert "[bold]src[/bold]" in _assert_inert(sources, styled=styled)
    shown_text = _assert_inert(shown, styled=styled)
    assert "[link=file:///etc/passwd]L[/link]" in shown_text
    assert "pwned title" not in shown_text  # a whole OSC sequence goes, payload and all


def test_json_keeps_the_data_but_escapes_controls(evil: Ainews) -> None:
    evil.run("sync", code=1)
    raw = evil.run("list", "--items", "--json").stdout
    assert b"\x1b" not in raw and b"\x07" not in raw
    items = json.loads(raw)
    assert all(i["url"] is None or i["url"].startswith("https://") for i in items)


def test_only_web_links_are_opened(evil: Ainews, tmp_path: Path) -> None:
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{opened}"\n', "utf-8")
    browser.chmod(0o755)
    evil.env["BROWSER"] = str(browser)
    evil.run("sync", code=1)
    items = {i["title"]: i for i in json.loads(evil.run("list", "--items", "--json").stdout)}
    web = items["A normal web story about a brand new open model"]
    local = items["A story whose only link is a local file on this disk"]
    assert local["url"] is None
    result = evil.run("open", local["key"], code=1)
    assert b"no link to open" in result.stderr
    # The post's own `link: file:///etc/passwd` is not a link either.
    evil.run("open", "evil:2025-12-05-evil.md", code=1)
    evil.run("open", web["key"])
    assert opened.read_text("utf-8").splitlines() == ["https://example.com/web"]


def test_add_config_and_first_use_messages_are_inert(ainews: Ainews, tmp_path: Path) -> None:
    folder = tmp_path / "blog \x1b[2J\x1b]0;pwned\x07\u202e"
    folder.mkdir()
    _assert_inert(ainews.run("add", str(folder)).stdout)
    _assert_inert(ainews.run("config").stdout)
    folder.rmdir()  # the first `list` syncs, and this source fails with its path quoted
    result = ainews.run("list")
    _assert_inert(result.stdout)
    assert b"failed: folder not found" in result.stderr
    _assert_inert(result.stderr)
