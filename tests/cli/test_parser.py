"""How `search` splits its words from its options (the parser alone, no subprocess)."""

from __future__ import annotations

import pytest

from ainews_tui.cli.parser import parse_arguments


@pytest.mark.parametrize(
    ("argv", "query", "limit"),
    [
        (["search", "Runway", "-Gen"], ["Runway", "-Gen"], 50),
        (["search", "-Gen", "Runway"], ["-Gen", "Runway"], 50),
        (["search", "Runway", "--limit", "5", "-Gen"], ["Runway", "-Gen"], 5),
        (["search", "--limit=3", "-x", "y"], ["-x", "y"], 3),
        (["search", "a", "--lim", "2"], ["a"], 2),
        (["--lang", "zh", "search", "-h1", "模型"], ["-h1", "模型"], 50),
        (["--config", "search", "search", "-a", "b"], ["-a", "b"], 50),
        (["search", "--", "--limit", "-Gen"], ["--limit", "-Gen"], 50),
        (["search", "-", "--unknown"], ["-", "--unknown"], 50),
    ],
)
def test_words_after_search_are_query_unless_they_are_its_options(
    argv: list[str], query: list[str], limit: int
) -> None:
    args = parse_arguments(argv)
    assert args.command == "search"
    assert args.query == query and args.limit == limit


def test_other_commands_keep_argparse_rules() -> None:
    assert parse_arguments(["mark", "k", "--star"]).flag == "star"
    with pytest.raises(SystemExit):
        parse_arguments(["list", "-Gen"])
    with pytest.raises(SystemExit):
        parse_arguments(["search", "--json"])  # a query is still required
    args = parse_arguments(["search", "a", "--posts", "--json", "--lang", "zh"])
    assert args.posts and args.json and args.lang == "zh" and args.query == ["a"]
