"""Markdown as digest authors write it: bold next to CJK punctuation, `\\` breaks, `---`."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from rich.segment import Segment

from ainews_tui.tui.cjk_wrap import DigestMarkdown


def _segments(markdown: str, width: int = 60) -> list[Segment]:
    console = Console(
        width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor"
    )
    return [
        segment
        for line in console.render_lines(DigestMarkdown(markdown), console.options, pad=False)
        for segment in line
    ]


def _text(markdown: str, width: int = 60) -> str:
    console = Console(width=width, file=io.StringIO(), force_terminal=False)
    lines = console.render_lines(DigestMarkdown(markdown), console.options, pad=False)
    return "\n".join("".join(s.text for s in line).rstrip() for line in lines)


def _bold(markdown: str) -> str:
    return "".join(s.text for s in _segments(markdown) if s.style and s.style.bold)


@pytest.mark.parametrize(
    ("markdown", "bold"),
    [
        ("违反**《计算机欺诈与滥用法案》(CFAA)**的规定", "《计算机欺诈与滥用法案》(CFAA)"),
        ("发布了**“通义千问”**模型", "“通义千问”"),
        ("**（独家）**消息称", "（独家）"),
        ("英文 **bold** 照常", "bold"),
        ("两处**《甲》**和**《乙》**都加粗", "《甲》《乙》"),
    ],
)
def test_double_asterisks_next_to_cjk_punctuation_are_bold(markdown: str, bold: str) -> None:
    assert _bold(markdown) == bold
    assert "**" not in _text(markdown)


@pytest.mark.parametrize(
    "markdown",
    [r"\*\*转义的星号\*\*", "孤零零的 ** 一个", "空的 ** ** 一对"],
)
def test_asterisks_that_are_not_emphasis_stay_literal(markdown: str) -> None:
    assert "**" in _text(markdown)
    assert _bold(markdown) == ""


def test_asterisks_in_code_stay_code() -> None:
    assert _text("看 `**代码**` 这里") == "看 **代码** 这里"


def test_bold_around_a_link_keeps_the_link() -> None:
    segments = _segments("**[《报告》](https://example.com/r)**，全文")
    linked = [s for s in segments if s.style and s.style.link == "https://example.com/r"]
    assert linked and all(s.style and s.style.bold for s in linked)


def test_a_trailing_backslash_breaks_the_line_even_with_spaces_after_it() -> None:
    assert _text("第一行\\  \n第二行") == "第一行\n第二行"


def test_a_backslash_at_the_end_of_a_paragraph_is_not_printed() -> None:
    assert _text("最后一行\\\n\n下一段") == "最后一行\n\n下一段"


def test_dashes_under_a_paragraph_are_a_rule_not_a_heading() -> None:
    text = _text("段落\n---\n之后", width=20)
    assert text.splitlines()[0] == "段落"
    assert re.search("[─-]{20}", text) and "之后" in text


def test_dashes_inside_a_code_fence_are_left_alone() -> None:
    assert "---" in _text("```\ncode\n---\n```")


def test_dashes_under_a_list_item_line_are_a_rule_too() -> None:
    text = _text("1.  第一条\n    正文\n    ---\n    之后", width=30)
    assert "正文" in text and "之后" in text
    assert re.search("[─-]{10}", text)
    assert "正文 ---" not in text
