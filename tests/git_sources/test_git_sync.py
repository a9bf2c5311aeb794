"""Git sources end to end: add, sync, new commits, force-pushes and failures that keep
the previous checkout and the library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from support.ainews import Ainews

from .helpers import keys, titles
from .server import RunningServer, SilentServer
from .upstream import Upstream, git, post


def test_add_and_sync_lists_the_posts_keyed_under_the_content_root(
    ainews: Ainews, upstream: Upstream, server: RunningServer
) -> None:
    added = ainews("add", server.state.url("blog.git"))
    assert "added blog (id blog, git, 3 files matching **/*.md in content/)" in added.stdout
    assert 'root = "content"' in ainews.config.read_text(encoding="utf-8")
    ainews("sync")
    assert titles(ainews) == {"日报 1", "日报 2", "日报 3"}
    assert keys(ainews) == {f"blog:posts/2025-12-0{d}.md" for d in (1, 2, 3)}
    sources = ainews("sources").stdout
    assert any(line.split()[:3] == ["blog", "blog", "git"] for line in sources.splitlines())


def test_a_new_commit_appears_and_a_deleted_post_goes_on_the_next_sync(
    ainews: Ainews, upstream: Upstream, server: RunningServer
) -> None:
    ainews("add", server.state.url("blog.git"))
    ainews("sync")
    upstream.write("content/posts/2025-12-04.md", post(4, "日报 4"))
    (upstream.work / "content/posts/2025-12-01.md").unlink()
    upstream.commit("day 4, day 1 withdrawn")
    summary = ainews("sync").stdout
    assert "new 1" in summary and "removed 1" in summary
    assert titles(ainews) == {"日报 2", "日报 3", "日报 4"}


def test_a_force_pushed_history_still_syncs_and_keeps_read_state(
    ainews: Ainews, upstream: Upstream, server: RunningServer
) -> None:
    ainews("add", server.state.url("blog.git"))
    ainews("sync")
    ainews("mark", "blog:posts/2025-12-02.md", "--read")
    upstream.write("content/posts/2025-12-05.md", post(5, "日报 5"))
    upstream.rewrite_history("squashed")
    ainews("sync")
    assert titles(ainews) == {"日报 1", "日报 2", "日报 3", "日报 5"}
    rows = json.loads(ainews("list", "--source", "blog", "--json").stdout)
    assert {r["key"] for r in rows if r["read"]} == {"blog:posts/2025-12-02.md"}


def test_a_stopped_server_fails_the_sync_naming_the_source_and_keeps_its_posts(
    ainews: Ainews, upstream: Upstream, server: RunningServer
) -> None:
    ainews("add", server.state.url("blog.git"), "--name", "橘鸦博客")
    ainews("sync")
    server.stop()
    failed = ainews("sync", code=1)
    assert "橘鸦博客" in failed.stdout and "cannot connect to 127.0.0.1 port" in failed.stdout
    assert titles(ainews, "橘鸦博客") == {"日报 1", "日报 2", "日报 3"}
    assert "cannot connect" in ainews("sources").stdout


def test_a_server_dying_mid_pull_keeps_the_checkout_then_catches_up(
    ainews: Ainews, upstream: Upstream, server: RunningServer, tmp_path: Path
) -> None:
    ainews("add", server.state.url("blog.git"))
    ainews("sync")
    upstream.write("content/posts/2025-12-04.md", post(4, "日报 4"))
    upstream.commit("day 4")
    server.state.cut_after = 60
    failed = ainews("sync", code=1).stdout
    assert "blog" in failed
    checkout = ainews.data / "git" / "blog"
    assert sorted(p.name for p in (checkout / "content/posts").iterdir()) == [
        "2025-12-01.md",
        "2025-12-02.md",
        "2025-12-03.md",
    ]
    assert titles(ainews) == {"日报 1", "日报 2", "日报 3"}
    server.state.cut_after = None
    ainews("sync")
    assert "日报 4" in titles(ainews)


def test_a_server_dying_mid_clone_adds_nothing_and_leaves_no_folder(
    ainews: Ainews, upstream: Upstream, server: RunningServer
) -> None:
    server.state.cut_after = 60
    failed = ainews("add", server.state.url("blog.git"), code=2)
    cloning, reason = failed.stderr.splitlines()
    assert cloning == f"cloning {server.state.url('blog.git')}"
    assert reason.startswith("ainews: cannot add ")
    assert not ainews.config.exists()
    assert list((ainews.data / "git").iterdir()) == []


def test_a_deleted_branch_is_one_line_and_the_posts_stay(
    ainews: Ainews, upstream: Upstream, server: RunningServer
) -> None:
    git("push", "-q", "origin", "main:weekly", cwd=upstream.work)
    ainews("add", server.state.url("blog.git"), "--branch", "weekly")
    ainews("sync")
    git("push", "-q", "origin", "--delete", "weekly", cwd=upstream.work)
    failed = ainews("sync", code=1).stdout
    assert "branch weekly is not on the server" in failed
    assert titles(ainews) == {"日报 1", "日报 2", "日报 3"}


def test_a_repository_over_the_size_limit_is_refused_and_the_checkout_kept(
    ainews: Ainews, upstream: Upstream, server: RunningServer
) -> None:
    ainews.config.write_text("[git]\nmax_bytes = 400000\n", encoding="utf-8")
    ainews("add", server.state.url("blog.git"))
    ainews("sync")
    upstream.write("content/posts/2025-12-04.md", post(4, "日报 4"))
    (upstream.work / "static").mkdir()
    (upstream.work / "static/video.bin").write_bytes(os.urandom(1_000_000))
    upstream.commit("a video")
    failed = ainews("sync", code=1).stdout
    assert "larger than the 390.625 KB limit ([git] max_bytes)" in failed
    assert titles(ainews) == {"日报 1", "日报 2", "日报 3"}
    assert not (ainews.data / "git/blog/static").exists()


def test_a_hanging_server_is_given_up_after_the_stall_timeout(ainews: Ainews) -> None:
    silent = SilentServer()
    try:
        url = f"http://127.0.0.1:{silent.port}/blog.git"
        ainews.config.write_text(
            f'[git]\nstall_timeout = 1\n\n[[sources]]\nid = "blog"\nkind = "git"\nurl = "{url}"\n',
            encoding="utf-8",
        )
        failed = ainews("sync", code=1).stdout
        assert "the server sent nothing for 1 s ([git] stall_timeout)" in failed
        added = ainews("add", url.replace("blog", "other"), code=2).stderr
        assert "the server sent nothing for 1 s" in added
    finally:
        silent.close()


def test_local_repository_git_plus_urls_and_a_glob(
    ainews: Ainews, upstream: Upstream, server: RunningServer
) -> None:
    added = ainews(
        "add", "--git", str(upstream.work), "--name", "local", "--glob", "content/**/*.md"
    )
    assert "3 files matching content/**/*.md in the repository root" in added.stdout
    ainews("add", "git+" + server.state.url("blog.git"), "--name", "plus")
    ainews("sync")
    # With --glob the keys are paths from the repository root, as the glob is.
    assert keys(ainews, "local") == {f"local:content/posts/2025-12-0{d}.md" for d in (1, 2, 3)}
    assert titles(ainews, "plus") == {"日报 1", "日报 2", "日报 3"}


def test_jekyll_and_hexo_layouts_are_detected(tmp_path: Path, ainews: Ainews) -> None:
    for name, folder in (("jekyll", "_posts"), ("hexo", "source/_posts"), ("docs", "docs")):
        repo = Upstream(tmp_path / name, name=name)
        repo.write(f"{folder}/2025-12-01-a.md", post(1, name))
        repo.write("about.md", "# about\n")
        repo.commit("one")
        added = ainews("add", "--git", str(repo.bare)).stdout
        assert f"in {folder}/" in added
    ainews("sync")
    assert keys(ainews, "jekyll") == {"jekyll:2025-12-01-a.md"}


def test_bad_git_locations_are_one_sentence(ainews: Ainews, tmp_path: Path) -> None:
    missing = ainews("add", "--git", str(tmp_path / "nowhere"), code=2).stderr
    assert missing == f"ainews: {tmp_path / 'nowhere'}: no such repository folder\n"
    plain = tmp_path / "plain"
    plain.mkdir()
    not_repo = ainews("add", "--git", str(plain), code=2).stderr.splitlines()[-1]
    assert not_repo.startswith("ainews: cannot add") and "not a git repository" in not_repo
    ext = ainews("add", "git+ext::sh -c touch% /tmp/pwned", code=2).stderr
    assert ext.count("\n") == 1
    no_git = {**ainews.env, "PATH": str(tmp_path / "empty-bin")}
    missing_git = ainews("add", "https://example.com/blog.git", code=2, env=no_git).stderr
    assert missing_git == (
        "ainews: git is not installed: git sources need the `git` command on the PATH\n"
    )


def test_a_small_download_that_unpacks_past_the_limit_is_refused_before_writing(
    ainews: Ainews, upstream: Upstream, server: RunningServer
) -> None:
    ainews.config.write_text("[git]\nmax_bytes = 2000000\n", encoding="utf-8")
    ainews("add", server.state.url("blog.git"))
    ainews("sync")
    # 20 MB of zeros packs into a few KB: only the size of the files to write shows it.
    upstream.write("static/zeros.bin", "\0" * 20_000_000)
    upstream.commit("zeros")
    failed = ainews("sync", code=1).stdout
    assert "larger than the 1.90735 MB limit ([git] max_bytes)" in failed
    assert not (ainews.data / "git/blog/static").exists()
    fresh = ainews("add", "--git", str(upstream.bare), "--name", "again", code=2).stderr
    assert "larger than the 1.90735 MB limit" in fresh


def test_two_syncs_at_once_both_succeed(
    ainews: Ainews, upstream: Upstream, server: RunningServer
) -> None:
    ainews("add", server.state.url("blog.git"))
    ainews("sync")
    upstream.write("content/posts/2025-12-04.md", post(4, "日报 4"))
    upstream.commit("day 4")
    command = [sys.executable, "-m", "ainews_tui", "sync"]
    runs = [
        subprocess.Popen(command, env=ainews.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    results = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    assert "日报 4" in titles(ainews)


def test_a_symlink_in_the_repository_is_not_followed_out_of_it(
    ainews: Ainews, upstream: Upstream, server: RunningServer, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: private key\n---\nBEGIN PRIVATE KEY\n", encoding="utf-8")
    (upstream.work / "content/posts/leak.md").symlink_to(secret)
    (upstream.work / "content/linked").symlink_to(tmp_path)
    upstream.commit("links out")
    ainews("add", server.state.url("blog.git"))
    ainews("sync")
    shown = ainews("show", "blog:posts/leak.md").stdout
    assert "BEGIN PRIVATE KEY" not in shown and str(secret) in shown
    assert "private key" not in titles(ainews)


def test_a_lock_file_left_by_a_killed_sync_does_not_block_the_next(
    ainews: Ainews, upstream: Upstream, server: RunningServer
) -> None:
    ainews("add", server.state.url("blog.git"))
    ainews("sync")
    (ainews.data / "git/blog/.git/index.lock").write_text("", encoding="utf-8")
    upstream.write("content/posts/2025-12-04.md", post(4, "日报 4"))
    upstream.commit("day 4")
    ainews("sync")
    assert "日报 4" in titles(ainews)


def test_without_git_a_sync_names_the_source_and_says_git_is_needed(
    ainews: Ainews, tmp_path: Path
) -> None:
    ainews.config.write_text(
        '[[sources]]\nid = "blog"\nkind = "git"\nurl = "https://example.com/blog.git"\n',
        encoding="utf-8",
    )
    failed = ainews("sync", code=1, env={"PATH": str(tmp_path / "empty-bin")}).stdout
    assert "failed https://example.com/blog.git: git is not installed" in failed
