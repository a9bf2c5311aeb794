"""Managing sources from the command line: add, remove, rename, sync SOURCE, the samples."""

from __future__ import annotations

import json
from pathlib import Path

from support.ainews import Ainews


def _blog(folder: Path, *days: int, suffix: str = ".md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for day in days:
        (folder / f"2025-12-{day:02d}{suffix}").write_text(
            f"---\ntitle: {folder.name} {day}\n---\n"
            f"1. **{folder.name} 第 {day} 天的新闻**\n   摘要\n",
            "utf-8",
        )
    return folder


def test_first_add_replaces_the_samples(ainews: Ainews, tmp_path: Path) -> None:
    assert {p["source"] for p in ainews.json("list")} == {"samples"}  # synced into library.db
    ainews("add", str(_blog(tmp_path / "mine", 1)), "--name", "mine")
    text = ainews.config.read_text("utf-8")
    assert "sample" not in text and text.count("[[sources]]") == 1
    assert {p["source"] for p in ainews.json("list")} == {"mine"}
    assert [s["id"] for s in ainews.json("sources")] == ["mine"]
    assert not [i for i in ainews.json("search", "AI") if i["source"] == "samples"]


def test_import_opml_also_replaces_the_samples(ainews: Ainews, tmp_path: Path) -> None:
    ainews("list")
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="x" type="rss" xmlUrl="http://127.0.0.1:9/feed.xml"/></body></opml>',
        "utf-8",
    )
    ainews("import-opml", str(opml))
    assert "sample" not in ainews.config.read_text("utf-8")
    ainews("rebuild", code=1)  # the feed's server is not there; the samples still leave
    assert ainews.json("list") == []


def test_a_config_written_by_older_versions_loses_the_samples_entry(
    ainews: Ainews, tmp_path: Path
) -> None:
    samples = Path(__file__).resolve().parents[2] / "sample_content"
    mine = _blog(tmp_path / "mine", 1)
    ainews.config.write_text(
        f'[[sources]]\nid = "sample"\nname = "samples"\nkind = "dir"\npath = "{samples}"\n'
        f'\n[[sources]]\nid = "mine"\nname = "mine"\nkind = "dir"\npath = "{mine}"\n',
        "utf-8",
    )
    assert {p["source"] for p in ainews.json("list")} == {"mine"}


def test_remove_keeps_state_for_when_the_source_comes_back(ainews: Ainews, tmp_path: Path) -> None:
    blog = _blog(tmp_path / "blog", 1, 2)
    other = _blog(tmp_path / "other", 3)
    ainews("add", str(blog), "--name", "博客")
    ainews("add", str(other), "--name", "other")
    item = next(i for i in ainews.json("list", "--items") if i["source"] == "博客")
    ainews("mark", item["key"], "--star")
    ainews("mark", item["post_key"], "--read")
    removed = ainews("remove", "博客").stdout
    assert "removed 博客 (id 博客)" in removed and "2 posts left the library" in removed
    assert {p["source"] for p in ainews.json("list")} == {"other"}
    assert [s["id"] for s in ainews.json("sources")] == ["other"]
    assert "博客" not in ainews.config.read_text("utf-8")
    state = json.loads(ainews("export-state").stdout)["state"]
    assert item["key"] in {e["key"] for e in state}
    # Added again under its name, it gets its old id back, and its state with it.
    ainews("add", str(blog), "--name", "博客")
    back = next(i for i in ainews.json("list", "--items") if i["key"] == item["key"])
    assert back["starred"] is True and back["read"] is True
    # Under another name the id differs unless it is given.
    ainews("remove", "博客")
    ainews("add", str(blog), "--name", "renamed blog", "--id", "博客")
    again = next(i for i in ainews.json("list", "--items") if i["key"] == item["key"])
    assert again["starred"] is True and again["source"] == "renamed blog"


def test_remove_and_rename_refuse_what_they_cannot_do(ainews: Ainews, tmp_path: Path) -> None:
    assert "no source named 'nope'" in ainews("remove", "nope", code=2).stderr
    assert "bundled samples" in ainews("remove", "sample", code=2).stderr
    assert "bundled samples" in ainews("rename", "sample", "x", code=2).stderr
    ainews("add", str(_blog(tmp_path / "a", 1)), "--name", "a")
    assert "no source named" in ainews("rename", "b", "c", code=2).stderr
    taken = ainews("add", str(_blog(tmp_path / "b", 1)), "--id", "a", code=2).stderr
    assert "the id a is already the source a" in taken
    ainews("remove", "a")
    # With no source of its own left, the config falls back on the samples.
    assert {p["source"] for p in ainews.json("list")} == {"samples"}


def test_rename_changes_the_name_not_the_keys(ainews: Ainews, tmp_path: Path) -> None:
    ainews.config.write_text("# my sources\n", "utf-8")
    ainews("add", str(_blog(tmp_path / "blog", 1)), "--name", "blog")
    ainews("add", str(_blog(tmp_path / "two", 2)), "--name", "two")
    keys = sorted(i["key"] for i in ainews.json("list", "--items"))
    assert "renamed blog: blog → 每日简报" in ainews("rename", "blog", "每日简报").stdout
    text = ainews.config.read_text("utf-8")
    assert text.startswith("# my sources\n") and 'name = "每日简报"' in text
    assert 'id = "blog"' in text and text.count("[[sources]]") == 2
    assert sorted(i["key"] for i in ainews.json("list", "--items")) == keys
    assert {s["name"] for s in ainews.json("sources")} == {"每日简报", "two"}
    assert [p["source"] for p in ainews.json("list", "--source", "每日简报")] == ["每日简报"]


def test_rename_of_a_source_without_an_id_line_pins_its_id(ainews: Ainews, tmp_path: Path) -> None:
    blog = _blog(tmp_path / "blog", 1)
    ainews.config.write_text(
        f'[[sources]]\nname = "old"\npath = "{blog}"\n# trailing note\n', "utf-8"
    )
    (key,) = [i["key"] for i in ainews.json("list", "--items")]
    ainews("rename", "old", "new")
    text = ainews.config.read_text("utf-8")
    assert 'id = "old"' in text and 'name = "new"' in text and "# trailing note" in text
    assert [i["key"] for i in ainews.json("list", "--items")] == [key]


def test_sync_only_the_named_sources(ainews: Ainews, tmp_path: Path) -> None:
    a = _blog(tmp_path / "a", 1)
    b = _blog(tmp_path / "b", 1)
    ainews("add", str(a), "--name", "a")
    ainews("add", str(b), "--name", "Bee", "--id", "b")
    ainews("sync")
    _blog(a, 2)
    _blog(b, 2)
    assert "new 1 ·" in ainews("sync", "a").stdout
    assert sorted(p["title"] for p in ainews.json("list")) == ["a 1", "a 2", "b 1"]
    assert "new 1 ·" in ainews("sync", "Bee").stdout  # by name, too
    assert len(ainews.json("list")) == 4
    result = ainews("sync", "a", "nope", code=2)
    assert "no source named 'nope'" in result.stderr and "new" not in result.stdout


def test_add_glob(ainews: Ainews, tmp_path: Path) -> None:
    blog = _blog(tmp_path / "blog", 1)
    _blog(blog, 2, suffix=".markdown")
    ainews("add", str(blog), "--glob", "*.markdown")
    assert 'glob = "*.markdown"' in ainews.config.read_text("utf-8")
    assert [p["title"] for p in ainews.json("list")] == ["blog 2"]


def test_add_warns_about_a_folder_without_posts(ainews: Ainews, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a post", "utf-8")
    result = ainews("add", str(empty))
    assert "added empty" in result.stdout
    assert (
        result.stderr.startswith("ainews: ") and "holds no file matching **/*.md" in result.stderr
    )
    blog = _blog(tmp_path / "blog", 1)
    assert "holds no file" in ainews("add", str(blog), "--glob", "*.txt").stderr


def test_add_refuses_a_folder_that_overlaps_a_source(ainews: Ainews, tmp_path: Path) -> None:
    root = _blog(tmp_path / "root", 1)
    inner = _blog(root / "2025", 3)
    ainews("add", str(inner), "--name", "inner")
    same = ainews("add", str(root / "2025" / ".." / "2025"), code=2).stderr
    assert "is already the source inner (id inner)" in same
    deeper = _blog(inner / "deep", 4)
    assert "lies inside the source inner" in ainews("add", str(deeper), code=2).stderr
    around = ainews("add", str(root), code=2).stderr
    assert "holds the source inner (id inner" in around and "read twice" in around
    assert ainews.config.read_text("utf-8").count("[[sources]]") == 1
    assert "已经是来源 inner" in ainews("--lang", "zh", "add", str(inner), code=2).stderr


def test_a_name_two_sources_share_asks_for_the_id(ainews: Ainews, tmp_path: Path) -> None:
    ainews("add", str(_blog(tmp_path / "a", 1)), "--name", "Daily")
    ainews("add", str(_blog(tmp_path / "b", 1)), "--name", "Daily")
    result = ainews("remove", "Daily", code=2)
    assert "more than one source is named 'Daily'; give its id (daily, daily-2)" in result.stderr
    ainews("remove", "daily-2")
    assert [s["id"] for s in ainews.json("sources")] == ["daily"]
