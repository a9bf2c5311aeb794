"""Bad input to the commands themselves (issue 17): empty arguments, unknown config
keys, keys holding control characters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.ainews import Ainews

from .conftest import write_good_posts


@pytest.mark.parametrize("location", ["", "   ", "\t\n"])
def test_add_with_an_empty_location_is_a_usage_error(
    ainews: Ainews, tmp_path: Path, location: str
) -> None:
    ainews.use_folders({})
    before = ainews.config.read_bytes()
    result = ainews.run("add", location, code=2)
    assert result.stderr.startswith(b"ainews: ") and b"was empty" in result.stderr
    assert result.stderr.count(b"\n") == 1
    assert ainews.config.read_bytes() == before


def test_unknown_config_keys_are_named_with_their_line(ainews: Ainews, tmp_path: Path) -> None:
    write_good_posts(tmp_path / "posts", 1)
    ainews.config.write_text(
        'theme = "nord"\ncolour = "red"\n\n[feeds]\ntotal_timeout = 5\ntotl_timeout = 3\n\n'
        f'[[sources]]\nid = "p"\nkind = "dir"\npath = "{tmp_path / "posts"}"\nglobb = "*.md"\n\n'
        "[extras]\nx = 1\n\n[git]\nmax_bytes = 1000000\nstal_timeout = 5\n",
        "utf-8",
    )
    result = ainews.run("list", "--json")
    assert len(json.loads(result.stdout)) == 1  # loading went on
    assert result.stderr.decode().splitlines() == [
        f"ainews: {ainews.config}:2: unknown key `colour` ignored",
        f"ainews: {ainews.config}:6: unknown key `[feeds] totl_timeout` ignored",
        f"ainews: {ainews.config}:12: unknown key `[[sources]] globb` ignored",
        f"ainews: {ainews.config}:14: unknown key `extras` ignored",
        f"ainews: {ainews.config}:19: unknown key `[git] stal_timeout` ignored",
    ]


def test_a_key_holding_control_characters_is_printed_escaped_and_read_back(
    ainews: Ainews, tmp_path: Path
) -> None:
    folder = tmp_path / "posts"
    write_good_posts(folder, 1)
    (folder / "a\x1b[31mred\x07\\.md").write_text("---\ntitle: ctl\n---\n\nbody\n", "utf-8")
    ainews.use_folders({"p": folder})
    ainews.run("sync")
    shown = "p:a\\x1b[31mred\\x07\\\\.md"
    listed = ainews.run("list").stdout.decode()
    assert shown in listed and "\x1b" not in listed and "\x07" not in listed
    assert shown in ainews.tty("list", columns=200)  # the table on a terminal too
    assert b"ctl" in ainews.run("show", shown).stdout
    ainews.run("mark", shown, "--star")
    starred = json.loads(ainews.run("list", "--starred", "--json").stdout)
    assert [p["key"] for p in starred] == ["p:a\x1b[31mred\x07\\.md"]
    plain = json.loads(ainews.run("list", "--json").stdout)
    other = next(p["key"] for p in plain if p["title"] != "ctl")
    assert other in listed  # a key with nothing to escape prints as itself
    ainews.run("show", "p:no\\x41such", code=2)
