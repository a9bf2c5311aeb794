"""The `ainews` command through a real subprocess: output, JSON contract, errors, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from support.ainews import Ainews

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture
def with_seeds(ainews: Ainews) -> Ainews:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    ainews("add", str(SEEDS), "--name", "seeds")
    ainews("sync")
    return ainews


def test_zero_setup_lists_the_bundled_samples(ainews: Ainews) -> None:
    posts = ainews.json("list")
    assert len(posts) >= 12
    assert {p["source"] for p in posts} == {"samples"}
    days = {p["date"][:10] for p in posts if p["date"]}
    assert len(days) >= 6
    for post in posts:
        assert set(post) >= {
            "key",
            "kind",
            "title",
            "date",
            "categories",
            "url",
            "source",
            "read",
            "starred",
        }
        assert post["kind"] == "post"


def test_version_does_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys, runpy; sys.argv=['ainews','--version'];"
        "\ntry: runpy.run_module('ainews_tui', run_name='__main__')"
        "\nexcept SystemExit: pass"
        "\nprint('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False")
    assert out.stdout.startswith("ainews ")


def test_seeds_items_json_contract(with_seeds: Ainews) -> None:
    items = [i for i in with_seeds.json("list", "--items") if i["source"] == "seeds"]
    by_post: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        assert item["kind"] == "item"
        by_post.setdefault(item["post_key"], []).append(item)
    counts = {key.split(":", 1)[1]: len(v) for key, v in by_post.items()}
    assert counts == {
        "000_61aa6a94ba32b1ed.md": 6,
        "001_ce5923b477f4e699.md": 12,
        "002_fbcc24b373af7f5e.md": 8,
        "003_7c1bda8d7cd21f13.md": 7,
        "004_0a2e94a1c5ca8312.md": 10,
    }
    first = sorted(by_post["seeds:001_ce5923b477f4e699.md"], key=lambda i: i["position"])[0]
    assert first["url"] == "https://www.ithome.com/0/901/720.htm"
    assert first["date"] == "2025-12-02T09:16:40+08:00"
    assert by_post["seeds:003_7c1bda8d7cd21f13.md"][0]["date"] == "2025-12-12T07:01:40+08:00"
    assert by_post["seeds:004_0a2e94a1c5ca8312.md"][0]["date"] == "2025-12-06T15:32:15+08:00"
    for item in items:
        assert "**" not in item["title"] and not item["title"].endswith("：")


def test_seed_post_titles(with_seeds: Ainews) -> None:
    posts = {p["key"]: p for p in with_seeds.json("list")}
    assert posts["seeds:003_7c1bda8d7cd21f13.md"]["title"].startswith("AI日报：GPT-5.2")


def test_star_survives_rebuild(with_seeds: Ainews) -> None:
    items = with_seeds.json("list", "--items")
    key = next(i["key"] for i in items if i["post_key"].endswith("002_fbcc24b373af7f5e.md"))
    with_seeds("mark", key, "--star")
    with_seeds("rebuild")
    starred = with_seeds.json("list", "--items", "--starred")
    # The bundled samples carry some seed stories too: their copies are starred with it.
    story = next(i["story"] for i in items if i["key"] == key)
    assert key in [s["key"] for s in starred]
    assert {s["story"] for s in starred} == {story}
    assert all(s["starred"] for s in starred)


def test_mark_post_read_marks_its_items(with_seeds: Ainews) -> None:
    with_seeds("mark", "seeds:001_ce5923b477f4e699.md", "--read")
    unread = with_seeds.json("list", "--items", "--unread")
    assert not [i for i in unread if i["post_key"] == "seeds:001_ce5923b477f4e699.md"]
    post = next(p for p in with_seeds.json("list") if p["key"].endswith("001_ce5923b477f4e699.md"))
    assert post["read"] is True


def test_filters(with_seeds: Ainews) -> None:
    since = with_seeds.json("list", "--since", "2025-12-12", "--source", "seeds")
    assert {p["key"].split(":")[1][:3] for p in since} == {"000", "002", "003"}
    cat = with_seeds.json("list", "--items", "--category", "具身智能")
    assert cat and all(
        i["post_key"].startswith("seeds:001") or "具身智能" in i["categories"] for i in cat
    )
    assert len(with_seeds.json("list", "--items", "--limit", "3")) == 3


def test_export_import_state_round_trip(with_seeds: Ainews, tmp_path: Path) -> None:
    first = with_seeds.json("list", "--items")[0]
    key = first["key"]
    with_seeds("mark", key, "--star")
    backup = tmp_path / "state.json"
    with_seeds("export-state", str(backup))
    other = Ainews(tmp_path / "other")
    other.config = with_seeds.config
    other.env["AINEWS_CONFIG"] = str(with_seeds.config)
    out = other("import-state", str(backup))
    # The item's row, and its story's row when other digests may carry it.
    assert f"merged {1 if first['story'] == key else 2}" in out.stdout
    starred = other.json("list", "--items", "--starred")
    assert key in [i["key"] for i in starred]
    assert {i["story"] for i in starred} == {first["story"]}


def test_show_and_sources(with_seeds: Ainews) -> None:
    shown = with_seeds("show", "seeds:001_ce5923b477f4e699.md")
    assert "全球AI新闻速递" in shown.stdout and "Runway" in shown.stdout
    sources = {s["id"]: s for s in with_seeds.json("sources")}
    assert sources["seeds"]["posts"] == 5 and sources["seeds"]["last_error"] is None


def test_sync_summary_is_plain_when_piped(with_seeds: Ainews) -> None:
    out = with_seeds("sync")
    assert "new 0 · updated 0 · unchanged" in out.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("mark", "nope:missing.md", "--star"), "no post or item has the key"),
        (("show", "nope"), "no post or item has the key"),
        (("add", "/definitely/not/here"), "no such folder"),
        (("add", "ftp://example.com/feed"), "only http and https"),
        (("list", "--since", "yesterday"), "not a date"),
        (("list", "--source", "unknown"), "no source named"),
        (("import-state", "/no/such/file.json"), "cannot read"),
    ],
)
def test_user_mistakes_get_one_clear_sentence(
    ainews: Ainews, args: tuple[str, ...], message: str
) -> None:
    result = ainews(*args, code=2)
    assert message in result.stderr
    assert result.stderr.startswith("ainews: ")


def test_argparse_usage_error_exit_code(ainews: Ainews) -> None:
    result = ainews("list", "--limit", "zero", code=2)
    assert "not a number" in result.stderr


def test_bad_config_line_is_reported_with_its_line(ainews: Ainews) -> None:
    ainews.config.write_text('theme = "x"\n\n[[sources]]\nname = "a"\nkind = "rss"\n', "utf-8")
    result = ainews("list", code=2)
    assert f"{ainews.config}:5" in result.stderr and "kind" in result.stderr
    ainews.config.write_text('theme = "x"\nlanguage = \n', "utf-8")
    result = ainews("list", code=2)
    assert "line 2" in result.stderr
    ainews.config.write_text('[feeds]\nconcurrency = 2\ntotal_timeout = "abc"\n', "utf-8")
    result = ainews("list", code=2)
    assert f"{ainews.config}:3: [feeds] total_timeout" in result.stderr


def test_failed_source_exits_1_and_others_still_sync(ainews: Ainews, tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "2025-12-01.md").write_text("---\ntitle: 好\n---\n正文\n", "utf-8")
    gone = tmp_path / "gone"
    gone.mkdir()
    ainews("add", str(good), "--name", "good")
    ainews("add", str(gone), "--name", "gone")
    gone.rmdir()
    result = ainews("sync", code=1)
    assert "failed gone: folder not found" in result.stdout
    assert any(p["title"] == "好" for p in ainews.json("list"))


def test_add_keeps_existing_config_text(ainews: Ainews, tmp_path: Path) -> None:
    folder = tmp_path / "blog"
    folder.mkdir()
    ainews.config.write_text('# my settings\ntheme = "nord"\n', "utf-8")
    ainews("add", str(folder), "--name", "我的博客")
    text = ainews.config.read_text("utf-8")
    assert text.startswith('# my settings\ntheme = "nord"\n')
    assert 'name = "我的博客"' in text and "sample" not in text
    ainews("add", str(folder), code=2)


def test_config_path_and_init(ainews: Ainews) -> None:
    assert ainews("config", "--path").stdout.strip() == str(ainews.config)
    ainews("config", "--init")
    assert "[[sources]]" in ainews.config.read_text("utf-8")
    ainews("config", "--init", code=2)
