"""`ainews completion`: scripts generated from the parser, loaded into real shells."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ainews_tui.cli.parser import build_parser

SHELLS = ("bash", "zsh", "fish")


@pytest.fixture
def shell_env(tmp_path: Path) -> dict[str, str]:
    """PATH with an `ainews` that runs this checkout, and a config with two sources."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "ainews"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ainews_tui "$@"\n', "utf-8")
    wrapper.chmod(0o755)
    config = tmp_path / "config.toml"
    config.write_text(
        '[[sources]]\nid = "daily"\nname = "AI 日报"\npath = "/tmp"\n\n'
        '[[sources]]\nid = "weekly"\nkind = "feed"\nurl = "https://example.com/feed.xml"\n',
        encoding="utf-8",
    )
    return {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "AINEWS_CONFIG": str(config),
        "AINEWS_DATA_DIR": str(tmp_path / "data"),
        "HOME": str(tmp_path),
    }


def run(command: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout


def script(shell: str, env: dict[str, str]) -> str:
    return run(["ainews", "completion", shell], env)


def subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("shell", SHELLS)
def test_every_subcommand_and_option_is_in_the_script(
    shell: str, shell_env: dict[str, str]
) -> None:
    text = script(shell, shell_env)
    commands = subcommands()
    assert {"completion", "sync", "add", "list"} <= set(commands)
    for name, sub in commands.items():
        assert name in text, name
        for action in sub._actions:
            for flag in action.option_strings:
                word = flag
                if shell == "fish":  # complete -l long / -s h
                    word = f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}"
                assert word in text, (name, flag)


def test_bash_registers_and_completes_commands_options_and_source_names(
    shell_env: dict[str, str],
) -> None:
    registered = run(
        ["bash", "-c", "source <(ainews completion bash); complete -p ainews"], shell_env
    )
    assert registered.strip() == "complete -F _ainews ainews"

    def complete(*words: str) -> list[str]:
        line = " ".join(f"'{w}'" for w in words)
        out = run(
            [
                "bash",
                "-c",
                f"source <(ainews completion bash); COMP_WORDS=(ainews {line}); "
                f'COMP_CWORD={len(words)}; _ainews; printf "%s\\n" "${{COMPREPLY[@]}}"',
            ],
            shell_env,
        )
        return sorted(out.split())

    assert complete("co") == ["completion", "config"]
    assert complete("list", "--source", "") == ["daily", "weekly"]
    assert complete("--lang", "zh", "list", "--so") == ["--source"]
    assert complete("completion", "") == ["bash", "fish", "zsh"]
    assert complete("mark", "k", "--st") == ["--star"]


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_source_names_with_their_display_names(
    shell_env: dict[str, str],
) -> None:
    out = run(
        ["fish", "-c", "ainews completion fish | source; complete -C 'ainews list --source '"],
        shell_env,
    )
    assert out.splitlines() == ["daily\tAI 日报", "weekly\thttps://example.com/feed.xml"]
    commands = run(
        ["fish", "-c", "ainews completion fish | source; complete -C 'ainews sy'"], shell_env
    )
    assert commands.startswith("sync\tpull every source")


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_completes_commands_and_source_names_at_a_real_prompt(
    shell_env: dict[str, str],
) -> None:
    def complete(line: str) -> set[str]:
        out = run(["zsh", "-f", str(Path(__file__).with_name("complete.zsh")), line], shell_env)
        return set(re.findall(r"HIT=(\S+)", out.replace("\r", "\n")))

    assert complete("ainews co") == {"completion", "config"}
    assert complete("ainews list --source ") == {"daily", "weekly"}


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_script_parses_and_registers(shell_env: dict[str, str]) -> None:
    out = run(
        [
            "zsh",
            "-f",
            "-c",
            "autoload -U compinit && compinit -u -D && source <(ainews completion zsh) "
            "&& print -r -- $_comps[ainews]",
        ],
        shell_env,
    )
    assert out.strip() == "_ainews"
