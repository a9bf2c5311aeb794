"""Config for git sources, [git] limits, refresh_minutes and `add --glob`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ainews_tui.config import ConfigError, GitSettings, Settings, load_settings
from support.ainews import Ainews

from .helpers import keys


def test_git_source_and_limits_are_read(tmp_path: Path) -> None:
    settings = load_settings_text(
        tmp_path,
        "refresh_minutes = 0.5\n[git]\nmax_bytes = 1000\nstall_timeout = 5\n\n"
        '[[sources]]\nkind = "git"\nurl = "https://example.com/o/blog.git"\n'
        'branch = "gh-pages"\nroot = "content/"\n',
    )
    assert settings.refresh_minutes == 0.5
    assert settings.git == GitSettings(max_bytes=1000, stall_timeout=5.0)
    (source,) = settings.sources
    assert (source.kind, source.branch, source.root) == ("git", "gh-pages", "content")
    assert source.location == "https://example.com/o/blog.git"


def load_settings_text(tmp_path: Path, text: str) -> Settings:
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    return load_settings(config)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[git]\nmax_bytes = "big"\n', ":2: [git] max_bytes must be a positive number"),
        ("[git]\nstall_timeout = 0\n", ":2: [git] stall_timeout must be a positive number"),
        ("theme = 'x'\nrefresh_minutes = -1\n", ":2: `refresh_minutes` must be 0 (off) or more"),
        ('refresh_minutes = "often"\n', ":1: `refresh_minutes` must be 0 (off) or more"),
        ('[[sources]]\nkind = "git"\npath = "/tmp"\n', ":1: a git source needs a `url`"),
        ('[[sources]]\nkind = "svn"\nurl = "x"\n', 'must be "dir", "feed" or "git"'),
    ],
)
def test_bad_values_name_their_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings_text(tmp_path, text)
    assert message in str(raised.value)


def test_starter_config_parses(ainews: Ainews) -> None:
    ainews("config", "--init")
    text = ainews.config.read_text(encoding="utf-8")
    assert "# [git]" in text and "# refresh_minutes = 30" in text
    uncommented = "\n".join(
        line[2:] if line.startswith("# ") and "=" in line else line for line in text.splitlines()
    )
    assert 'kind = "git"' in uncommented


def test_add_glob_for_a_folder_and_refusals_for_feeds(ainews: Ainews, tmp_path: Path) -> None:
    folder = tmp_path / "blog"
    (folder / "posts").mkdir(parents=True)
    (folder / "posts" / "2025-12-01.md").write_text("---\ntitle: a\n---\n正文\n", "utf-8")
    (folder / "notes.md").write_text("---\ntitle: notes\n---\n正文\n", "utf-8")
    ainews("add", str(folder), "--glob", "posts/*.md")
    assert 'glob = "posts/*.md"' in ainews.config.read_text(encoding="utf-8")
    ainews("sync")
    assert keys(ainews, "blog") == {"blog:posts/2025-12-01.md"}
    feed = ainews("add", "https://example.com/feed.xml", "--glob", "*.md", code=2).stderr
    assert feed == "ainews: --glob is for folder and git sources; a feed has no files to choose\n"
    branch = ainews("add", str(folder), "--branch", "main", code=2).stderr
    assert "--branch is for git sources" in branch


def test_a_taken_id_is_refused_before_anything_is_cloned(ainews: Ainews, tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "2025-12-01.md").write_text("---\ntitle: a\n---\n\n1. **x** y\n", "utf-8")
    ainews.use_folders({"mine": folder})
    before = ainews.config.read_text("utf-8")
    # Nothing listens on port 9: reaching the clone would fail for another reason.
    result = ainews("add", "--id", "mine", "http://127.0.0.1:9/blog.git", code=2)
    assert "mine" in result.stderr and "cloning" not in result.stdout + result.stderr
    assert ainews.config.read_text("utf-8") == before
    assert not (ainews.data / "git").exists() or not any((ainews.data / "git").iterdir())
