"""Splitting a digest body into its stories: seed posts, every shape, editorial parts, abuse."""

from __future__ import annotations

import re
import time
from pathlib import Path

import frontmatter
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ainews_tui.ingest.items import extract_items
from ainews_tui.model import ExtractedItem

SEEDS = Path(__file__).parents[3] / "shared" / "seeds"


def seed_body(name: str) -> str:
    path = SEEDS / name
    if not path.is_file():
        pytest.skip("../shared/seeds is not present")
    return str(frontmatter.loads(path.read_text(encoding="utf-8")).content)


def headlines(body: str) -> list[str]:
    return [item.headline for item in extract_items(body)]


def check_ranges(body: str, items: list[ExtractedItem]) -> None:
    """Every item lies inside the body, in order, without overlapping the next."""
    total = len(body.split("\n"))
    previous_end = 0
    for item in items:
        assert previous_end <= item.start_line < item.end_line <= total
        previous_end = item.end_line


# --- the seed posts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("000_61aa6a94ba32b1ed.md", 6),
        ("001_ce5923b477f4e699.md", 12),
        ("002_fbcc24b373af7f5e.md", 8),
        ("003_7c1bda8d7cd21f13.md", 7),
        ("004_0a2e94a1c5ca8312.md", 10),
    ],
)
def test_seed_item_counts(name: str, count: int) -> None:
    body = seed_body(name)
    items = extract_items(body)
    assert len(items) == count
    check_ranges(body, items)
    for item in items:
        assert item.headline and "**" not in item.headline and "](" not in item.headline
        assert item.url is None or item.url.startswith(("http://", "https://"))


def test_seed_000_stories_and_open_source_picks_but_no_editorial() -> None:
    items = extract_items(seed_body("000_61aa6a94ba32b1ed.md"))
    assert items[0].headline == "🔥 GPT-5.2发布24小时遭差评，基准测试≠用户体验"
    picks = items[3:]
    assert [p.url for p in picks] == [
        "https://github.com/THUDM/AutoGLM",
        "https://github.com/ZJU-LLMs/Foundations-of-LLMs",
        "https://github.com/thedotmack/claude-mem",
    ]
    text = " ".join(i.headline + i.summary for i in items)
    for editorial in ("写在最后", "我的预测", "爱窝啦", "评论区见", "家人们！这周"):
        assert editorial not in text


def test_seed_001_link_headlines() -> None:
    items = extract_items(seed_body("001_ce5923b477f4e699.md"))
    first = items[0]
    assert first.headline == "Runway 推出 Gen 4.5 AI 视频模型，测试成功击败谷歌 Veo3、OpenAI Sora 2"
    assert first.url == "https://www.ithome.com/0/901/720.htm"
    assert first.links == ("https://www.ithome.com/0/901/720.htm",)
    assert first.summary.startswith("AI初创公司Runway发布其最新的视频生成模型**Gen 4.5**")
    assert all("点评" not in i.headline for i in items)
    assert "今天的消息很有意思" not in items[-1].summary  # the commentary is not in a story


def test_seed_002_summary_below_the_link() -> None:
    items = extract_items(seed_body("002_fbcc24b373af7f5e.md"))
    mimo = [i for i in items if "小米MiMo-V2-Flash" in i.headline]
    assert len(mimo) == 1
    assert mimo[0].url == "https://x.com/ClementDelangue/status/2000982833871958185"
    assert "309B总参数" in mimo[0].summary


def test_seed_003_headline_story_then_briefs() -> None:
    items = extract_items(seed_body("003_7c1bda8d7cd21f13.md"))
    assert items[0].headline == "OpenAI打响“王座”保卫战，GPT-5.2强势登场"
    assert "Code Red" in items[0].summary
    assert items[1].headline == "📉 美股科技板块承压"
    assert not any("前沿洞察" in i.headline or "全球速览" in i.headline for i in items)


def test_seed_004_core_list_only() -> None:
    items = extract_items(seed_body("004_0a2e94a1c5ca8312.md"))
    assert items[0].headline == "GPT-5.2即将发布，引发市场高度关注"
    assert items[0].summary.startswith("据The Verge报道")
    assert items[-1].headline == "AI与机器人、具身智能融合加速"


# --- shapes ----------------------------------------------------------------------------

LINKED_LIST = """\
导语一段。

1.  [**First story headline here**](https://example.com/a)

    Summary of the first story.

2.  [Second story headline](https://example.com/b?x=1)
    Summary of the second, on the next line.
"""


def test_numbered_entries_led_by_a_link() -> None:
    items = extract_items(LINKED_LIST)
    assert [i.headline for i in items] == ["First story headline here", "Second story headline"]
    assert [i.url for i in items] == ["https://example.com/a", "https://example.com/b?x=1"]
    assert items[0].summary == "Summary of the first story."
    assert (items[0].start_line, items[0].end_line) == (2, 5)
    assert (items[1].start_line, items[1].end_line) == (6, 8)


BOLD_LIST = """\
## 🌍 全球速览

1.  **📉 美股科技板块承压**
    美股三大指数收盘涨跌不一，见 [报道](https://news.example/1)。

2.  **📱 Gemini登陆iPhone Chrome**
    Google将其Chrome浏览器中的Gemini AI功能扩展至iOS版本。

3. **GPT-5.2即将发布，引发市场高度关注**：据报道，OpenAI计划于12月9日发布。
"""


def test_numbered_entries_with_a_bold_headline() -> None:
    items = extract_items(BOLD_LIST)
    assert [i.headline for i in items] == [
        "📉 美股科技板块承压",
        "📱 Gemini登陆iPhone Chrome",
        "GPT-5.2即将发布，引发市场高度关注",
    ]
    assert [i.url for i in items] == ["https://news.example/1", None, None]
    assert items[2].summary == "据报道，OpenAI计划于12月9日发布。"


@pytest.mark.parametrize(
    ("heading", "headline", "url"),
    [
        ("### 1. 英伟达发布新一代推理芯片", "英伟达发布新一代推理芯片", None),
        ("#### 1）英伟达发布新一代推理芯片", "英伟达发布新一代推理芯片", None),
        ("## 01 英伟达发布新一代推理芯片", "英伟达发布新一代推理芯片", None),
        (
            "## [英伟达发布新一代推理芯片](https://n.example/x) `#3`",
            "英伟达发布新一代推理芯片",
            "https://n.example/x",
        ),
        (
            '## <a href="https://n.example/x">英伟达发布新一代推理芯片</a>',
            "英伟达发布新一代推理芯片",
            "https://n.example/x",
        ),
    ],
)
def test_heading_sections(heading: str, headline: str, url: str | None) -> None:
    # Its own link: two items of a post with one link are one story.
    other = (
        heading.replace("英伟达发布新一代推理芯片", "谷歌更新搜索里的人工智能模式")
        .replace("1", "2")
        .replace("n.example/x", "n.example/y")
    )
    body = f"{heading}\n\n正文第一段。\n\n{other}\n\n正文第二段，[来源](https://src.example/2)。\n"
    items = extract_items(body)
    assert [i.headline for i in items] == [headline, "谷歌更新搜索里的人工智能模式"]
    assert items[0].url == url
    assert items[0].summary == "正文第一段。"
    assert items[1].links[-1] == "https://src.example/2"


OPEN_SOURCE = """\
## 本周开源项目 Pick

### 🤖 AutoGLM全面开源 ⭐4.9k
智谱开源的手机AI框架，支持50+中文App操作。
[GitHub地址](https://github.com/THUDM/AutoGLM)

### 🛠️ claude-mem ⭐4677
Claude代码插件神器！
[GitHub地址](https://github.com/thedotmack/claude-mem)
"""


def test_open_source_picks_take_the_repository_link() -> None:
    items = extract_items(OPEN_SOURCE)
    assert [i.url for i in items] == [
        "https://github.com/THUDM/AutoGLM",
        "https://github.com/thedotmack/claude-mem",
    ]
    assert items[0].headline == "🤖 AutoGLM全面开源 ⭐4.9k"


def test_bullets_with_bold_headline_and_dash_separator() -> None:
    body = (
        "#### ⚡ 快讯\n\n"
        "- **Anthropic 被五角大楼列为供应链风险** — 因拒绝合作 [The Verge](https://v.example/1)\n"
        "- **SemiAnalysis：全球 AI 资本支出已达 2000 亿美元** — 分析 [LS](https://l.example/2)\n"
    )
    items = extract_items(body)
    assert [i.headline for i in items] == [
        "Anthropic 被五角大楼列为供应链风险",
        "SemiAnalysis：全球 AI 资本支出已达 2000 亿美元",
    ]
    assert items[1].url == "https://l.example/2"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # tagged link paragraphs
            "## 值得关注\n\n**[产品]** [甲公司发布新模型](https://a.example/1) - 说明\n\n"
            "**[研究]** [乙团队开源评测框架](https://b.example/2) - 说明\n",
            ["[产品] 甲公司发布新模型", "[研究] 乙团队开源评测框架"],  # labels kept, as on titles,
        ),
        (  # numbered blocks whose headline is on a "标题:" line
            "【1】\n标题: Our principles\n链接: https://a.example/1\n-----\n"
            "【2】\n标题: 谷歌加注 Anthropic\n链接: https://b.example/2\n",
            ["Our principles", "谷歌加注 Anthropic"],
        ),
        (  # a bold number, then the story
            "## 快速新闻\n\n- **04** 甲公司本周宣布完成新一轮融资 [NPR](https://a.example/1)\n"
            "- **05** 乙平台宣布停止运营，用户数据将被删除 [CNBC](https://b.example/2)\n",
            ["甲公司本周宣布完成新一轮融资", "乙平台宣布停止运营，用户数据将被删除"],
        ),
        (  # raw HTML sections
            '<div>\n<h2><span class="num">01</span>甲公司发布新模型</h2>\n<p>正文。</p>\n</div>\n'
            '<div>\n<h2><span class="num">02</span>乙公司完成融资</h2>\n<p>正文。</p>\n</div>\n',
            ["甲公司发布新模型", "乙公司完成融资"],
        ),
        (  # setext headings
            "甲公司发布新模型\n--------\n\n正文。\n\n乙公司完成新一轮融资\n--------\n\n正文。\n",
            ["甲公司发布新模型", "乙公司完成新一轮融资"],
        ),
        (  # "•" bullets, pasted from elsewhere
            "• **甲公司发布新一代大模型并开放下载**：说明\n"
            "• **乙公司宣布完成新一轮巨额融资**：说明\n",
            ["甲公司发布新一代大模型并开放下载", "乙公司宣布完成新一轮巨额融资"],
        ),
        (  # a one-line-per-story numbered list without markup
            "📰 早报\n\n1.  我们的原则：OpenAI 阐述五项工作准则。\n"
            "2.  谷歌跪了？400 亿砸向死敌，OpenAI 孤立无援。\n",
            [
                "我们的原则：OpenAI 阐述五项工作准则",
                "谷歌跪了？400 亿砸向死敌，OpenAI 孤立无援",
            ],
        ),
    ],
)
def test_more_shapes(body: str, expected: list[str]) -> None:
    assert headlines(body) == expected


def test_long_lines_keep_their_whole_summary() -> None:
    tail = "很长的摘要。" * 2000
    body = f"1. **甲公司发布新模型**：{tail}\n2. **乙公司完成新一轮融资**：短。\n"
    assert extract_items(body)[0].summary == tail


def test_bold_labels_inside_a_story_do_not_split_it() -> None:
    body = (
        "### 1. Nvidia GTC 2026：从太空数据中心到动画机器人\n\n正文。\n\n**核心要点：**\n"
        "- Nvidia 发布 **NemoClaw**\n- 宣布太空计算机项目\n\n"
        "### 2. OpenAI 战略收缩：聚焦编程和企业用户\n\n正文。\n"
    )
    assert headlines(body) == [
        "Nvidia GTC 2026：从太空数据中心到动画机器人",
        "OpenAI 战略收缩：聚焦编程和企业用户",
    ]


def test_overview_entries_repeating_a_story_are_dropped() -> None:
    body = (
        "## 概览\n### 要闻\n"
        "- 甲公司发布新模型 [↗](https://a.example/1) `#1`\n"
        "- 乙公司完成新一轮融资 `#2`\n\n---\n\n"
        "## [甲公司发布新模型](https://a.example/1) `#1`\n> 摘要。\n\n正文。\n\n"
        "## 乙公司完成新一轮融资 `#2`\n> 摘要。\n\n正文。\n"
    )
    items = extract_items(body)
    assert [i.headline for i in items] == ["甲公司发布新模型", "乙公司完成新一轮融资"]
    assert items[0].start_line == 7


def test_overview_only_post_keeps_its_numbered_list() -> None:
    body = (
        "## 简要部分（优先阅读）\n\n### 主要话题概述\n\n一段概述。\n\n### 核心信息\n\n"
        "1. **第一条重要的行业新闻标题**：说明。\n2. **第二条重要的行业新闻标题**：说明。\n"
    )
    assert headlines(body) == ["第一条重要的行业新闻标题", "第二条重要的行业新闻标题"]


# --- editorial parts -------------------------------------------------------------------


@pytest.mark.parametrize(
    "editorial",
    [
        "### **点评**",
        "## 🚀 前沿洞察",
        "## 我的观点 / 写在最后",
        "## 总结",
        "## 结语",
        "## 免责声明",
        "## 关注我们",
        "## 📊 今日观察",
        "## 详细分析部分",
    ],
)
def test_editorial_sections_are_not_items(editorial: str) -> None:
    body = (
        "## 今日新闻\n\n1. [甲公司发布新模型](https://a.example/1)\n   摘要。\n"
        "2. [乙公司完成新一轮融资](https://b.example/2)\n   摘要。\n\n"
        f"{editorial}\n\n1. [这是一段评论而不是新闻](https://c.example/3)\n   评论。\n\n"
        "**编者按：** 说几句。\n"
    )
    assert headlines(body) == ["甲公司发布新模型", "乙公司完成新一轮融资"]


def test_intro_section_beside_story_groups_is_not_an_item() -> None:
    body = (
        "## 家人们！这周AI圈发生了什么大事？\n\n开场白。\n\n## 本周大事件\n\n"
        "### 🔥 第一件大事的标题很长\n\n正文。\n\n### 💡 第二件大事的标题很长\n\n正文。\n"
    )
    assert headlines(body) == ["🔥 第一件大事的标题很长", "💡 第二件大事的标题很长"]


def test_plain_prose_has_no_items() -> None:
    assert extract_items("今天没有新闻，只有一段话。\n\n**我的看法：** 平静的一天。\n") == []
    assert extract_items("") == []


# --- headlines, links, code ------------------------------------------------------------


def test_headline_is_plain_text() -> None:
    body = (
        "1. **A &amp; B <em>launch</em> model `#12`**：one\n"
        "2. **[Linked `code` headline here](https://x.example/2)**\n   Two.\n"
        "3. 第三条新闻没有粗体标题。后面是正文，[来源](https://x.example/3)\n"
    )
    assert headlines(body) == [
        "A & B launch model",
        "Linked code headline here",
        "第三条新闻没有粗体标题",
    ]


def test_a_list_of_bare_links_is_not_a_list_of_stories() -> None:
    body = (
        "相关链接：\n- [https://a.example/1](https://a.example/1)\n- [原文](https://b.example/2)\n"
    )
    assert extract_items(body) == []


def test_trailing_colon_is_not_part_of_the_headline() -> None:
    assert headlines("### 甲公司发布新模型：\n\n正文。\n\n### 乙公司完成融资:\n\n正文。\n") == [
        "甲公司发布新模型",
        "乙公司完成融资",
    ]


def test_links_are_http_only_deduplicated_and_exclude_images() -> None:
    body = (
        "### 甲公司发布新模型并开放下载\n\n"
        "正文 [官方](https://a.example/1) 与 [官方](https://a.example/1)，"
        "[坏链接](javascript:alert(1))，![图](https://img.example/p.png)\n"
        '[![图](https://img.example/q.png)](https://img.example/q.png) <img src="https://img.example/r.png">\n'
        '<a href="https://b.example/2">b</a> 以及 https://c.example/3。\n'
    )
    (item,) = extract_items(body)
    assert item.links == ("https://a.example/1", "https://b.example/2", "https://c.example/3")
    assert item.url == "https://a.example/1"


def test_headline_link_must_be_http() -> None:
    body = "## [甲公司发布新模型](javascript:alert(1))\n\n正文 https://a.example/1\n"
    assert extract_items(body)[0].url == "https://a.example/1"


def test_fenced_code_is_never_structure() -> None:
    body = (
        "### 甲公司发布新模型并开放下载\n\n正文。\n\n```markdown\n### 不是标题\n"
        "1. [不是新闻](https://fake.example/1)\n```\n\n### 乙公司完成新一轮融资\n\n正文。\n"
    )
    items = extract_items(body)
    assert [i.headline for i in items] == ["甲公司发布新模型并开放下载", "乙公司完成新一轮融资"]
    assert items[0].links == ()
    assert items[0].end_line == 8


def test_a_stray_unclosed_fence_does_not_swallow_the_post() -> None:
    body = (
        "摘要一句。\n```\n\n### 甲公司发布新模型\n\n正文。\n\n### 乙公司完成新一轮融资\n\n正文。\n"
    )
    assert headlines(body) == ["甲公司发布新模型", "乙公司完成新一轮融资"]


def test_max_items_caps_the_result() -> None:
    body = "".join(
        f"{n}. [第 {n} 条新闻的标题](https://x.example/{n}) - 摘要\n" for n in range(1, 51)
    )
    assert len(extract_items(body)) == 50
    assert len(extract_items(body, max_items=7)) == 7
    assert extract_items(body, max_items=0) == []


# --- hostile input ---------------------------------------------------------------------

HOSTILE = {
    "one 3 MB line": "[" * 10 + "a](" * 300_000 + "x" * 2_000_000,
    "3 MB of bold and links": ("**[x](http://a.b) " * 180_000),
    "3,000-deep quote": ">" * 3000 + " deep\n" + ("> " * 3000 + "x\n") * 50,
    "500-deep list": "".join(
        "  " * d + f"- level {d} [x](https://a.example/{d})\n" for d in range(500)
    ),
    "binary garbage": bytes(range(256)).decode("latin-1") * 2000,
    "NUL characters": "### \x00标题\x00很长很长很长\n\n\x00正文\x00\n" * 1000,
    "unclosed everything": "```\n" + "[**(<a href='" * 50_000,
    "many headings": "#\n##\n### x\n#### \n" * 20_000,
    "lone surrogates": "### \ud800标题很长的新闻标题\n\n正文\udfff\n" * 100,
    "headings of brackets": ("## " + "[" * 1990 + "](https://a.b)\n\nbody\n") * 200,
    "entries of brackets": ("1. [" + "[" * 1990 + "](https://a.b) text\n") * 500,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_never_raises_and_stays_fast(name: str) -> None:
    body = HOSTILE[name]
    started = time.perf_counter()
    items = extract_items(body, max_items=100)
    assert time.perf_counter() - started < 10
    assert len(items) <= 100
    check_ranges(body, items)


MARKDOWNISH = st.lists(
    st.sampled_from(
        [
            "\n",
            "\n\n",
            " ",
            "    ",
            "\t",
            "#",
            "## ",
            "### ",
            "1. ",
            "- ",
            "* ",
            "**",
            "[",
            "]",
            "(",
            ")",
            "](https://a.example/",
            "`",
            "```",
            "~~~",
            ">",
            "---",
            "===",
            "【1】",
            "：",
            "<a href='https://b.example'>",
            "</a>",
            "<h2>",
            "点评",
            "概览",
            "标题文字",
            "Story words",
            "\x00",
            "\r",
            "\ud800",
            "😀",
        ]
    ),
    max_size=200,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(body=MARKDOWNISH, max_items=st.integers(min_value=0, max_value=20))
def test_property_items_lie_inside_the_body_and_never_overlap(body: str, max_items: int) -> None:
    items = extract_items(body, max_items=max_items)
    assert len(items) <= max_items
    check_ranges(body, items)
    for item in items:
        assert item.headline
        assert all(link.startswith(("http://", "https://")) for link in item.links)
        assert item.url is None or item.url.startswith(("http://", "https://"))


@settings(max_examples=100, deadline=None)
@given(body=st.text(max_size=300))
def test_property_any_text_is_accepted(body: str) -> None:
    check_ranges(body, extract_items(body))


@pytest.mark.parametrize("count", [9, 12, 29])
def test_two_digit_entries_keep_their_four_space_summaries(count: int) -> None:
    body = "导语。\n\n" + "".join(
        f"{n}.  [**新闻标题第{n}条很长的标题**](https://e.com/{n})\n\n    第{n}条摘要内容。\n\n"
        for n in range(1, count + 1)
    )
    items = extract_items(body)
    assert len(items) == count
    assert [i.summary for i in items] == [f"第{n}条摘要内容。" for n in range(1, count + 1)]


# --- issue 14: stories, not fragments ----------------------------------------------------


def test_link_text_holding_brackets_is_one_entry_and_keeps_the_next() -> None:
    body = (
        "1. [[bold]标记注入[/] 的标题](https://a.example/1) 第一条的说明文字。\n"
        "2. [第二条新闻的完整标题](https://b.example/2) 第二条的说明文字。\n"
    )
    items = extract_items(body)
    assert [i.headline for i in items] == ["[bold]标记注入[/] 的标题", "第二条新闻的完整标题"]
    assert [i.url for i in items] == ["https://a.example/1", "https://b.example/2"]


def test_link_destination_with_parentheses_and_a_title() -> None:
    body = '1. [**维基百科上的新条目标题**](https://w.example/A_(b) "t") 说明文字。\n'
    assert extract_items(body)[0].url == "https://w.example/A_(b)"


def test_a_headline_is_not_cut_at_a_link_inside_it() -> None:
    body = "1. OpenAI 同日启动了[Codex](https://openai.com/codex)的企业预览，面向团队开放。\n"
    assert headlines(body) == ["OpenAI 同日启动了Codex的企业预览，面向团队开放"]


def test_a_source_link_closing_the_sentence_is_not_the_headline() -> None:
    body = "1. 谷歌发布新一代搜索里的人工智能模式 [The Verge](https://v.example/1)\n"
    assert headlines(body) == ["谷歌发布新一代搜索里的人工智能模式"]


def test_labels_are_kept_on_list_titles_as_on_headings() -> None:
    heading = (
        "## [官方发布] 甲公司发布新一代推理模型\n\n正文。\n\n"
        "## [官方发布] 丁公司发布芯片\n\n正文。\n"
    )
    entries = (
        "- [官方发布] **乙公司发布新一代语音模型**：正文。\n"
        "- **[官方发布]** [丙公司开源多模态模型](https://c.example/1) - 正文。\n"
    )
    assert headlines(heading)[0] == "[官方发布] 甲公司发布新一代推理模型"
    assert headlines(entries) == [
        "[官方发布] 乙公司发布新一代语音模型",
        "[官方发布] 丙公司开源多模态模型",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "1. **“恰饭”**来了：**ChatGPT**将在安卓端测试广告功能，首批面向美国用户。",
        "1. **OpenAI 发布 GPT-5**，今天起向所有用户开放使用。",
        "1. **谷歌：**搜索里的人工智能模式今天开始向所有用户开放。",
    ],
)
def test_no_bold_markers_left_next_to_cjk_punctuation(line: str) -> None:
    for headline in headlines(line + "\n"):
        assert "*" not in headline


def test_scraped_html_is_never_a_headline() -> None:
    body = (
        '1. [login?return_to=%2Fowner%2Frepo rel="nofollow" data-hydro-click=x]'
        "(https://github.com/login) 登录后查看。\n"
        '2. <a href="https://github.com/x" rel="nofollow" data-hydro-click="{&quot;e&quot;}">\n'
        "3. [**真正的新闻标题在这里**](https://n.example/1) 说明文字。\n"
        "4. [**第二条真正的新闻标题**](https://n.example/2) 说明文字。\n"
        "5. [**第三条真正的新闻标题**](https://n.example/3) 说明文字。\n"
    )
    items = extract_items(body)
    assert [i.headline for i in items] == [
        "真正的新闻标题在这里",
        "第二条真正的新闻标题",
        "第三条真正的新闻标题",
    ]
    for item in items:
        assert not re.search(r"<|=\"|%2F|rel=", item.headline)


def test_the_same_story_twice_in_a_post_is_one_story() -> None:
    body = (
        "## 论文\n\n### [一种新的推理方法](https://arxiv.org/abs/1)\n\n摘要。\n\n"
        "### [另一篇论文的标题](https://arxiv.org/abs/2)\n\n摘要。\n\n"
        "## Today's highlight\n\n### [一种新的推理方法：今日亮点](https://arxiv.org/abs/1)\n\n"
        "再说一遍。\n"
    )
    items = extract_items(body)
    assert [i.url for i in items] == ["https://arxiv.org/abs/1", "https://arxiv.org/abs/2"]


def test_chat_recaps_are_not_stories() -> None:
    body = (
        "# AI Twitter Recap\n\n"
        "- **Lab A releases an open model**: details [x](https://x.com/a/1)\n"
        "- **Lab B raises a large round**: details [x](https://x.com/b/1)\n\n"
        "# AI Discord Recap\n\n"
        "## [Unsloth AI](https://discord.com/channels/1) Discord\n\n"
        "- **Fine-tuning woes continue**: members report problems\n"
        "- **New quantization tricks shared**: a thread on 4-bit\n\n"
        "### **Unsloth AI ▷ #[general](https://discord.com/channels/1/2)** (275 messages🔥):\n\n"
        "- **Someone asked about LoRA ranks**: answers followed\n\n"
        "# AI Reddit Recap\n\n## /r/LocalLlama Recap\n\n"
        "- **[A model runs on a phone](https://www.reddit.com/r/x/1)** (Activity: 900): text\n"
    )
    assert headlines(body) == ["Lab A releases an open model", "Lab B raises a large round"]


def test_top_tweets_repeat_the_stories() -> None:
    body = (
        "**Models**\n\n"
        "- **Lab A releases an open model**: details [x](https://x.com/a/1)\n"
        "- **Lab B ships a coding agent**: details [x](https://x.com/b/1)\n\n"
        "**Top tweets (by engagement)**\n\n"
        "- **Lab A's release** drew attention: [@a](https://x.com/a/1)\n"
        "- **Something else entirely** trended today: [@c](https://x.com/c/9)\n"
    )
    assert headlines(body) == ["Lab A releases an open model", "Lab B ships a coding agent"]


def test_a_list_of_the_authors_own_points_is_no_list_of_stories() -> None:
    body = (
        "## 值得关注\n\n我检查了本周的所有发布，值得关注的有三点：\n\n"
        "1. 推理模型的价格在一个月内下降了一半以上\n"
        "2. 开源模型在代码任务上第一次追平了闭源模型\n"
        "3. 多模态评测仍然缺少统一的标准和方法\n\n"
        "## 要闻\n\n1. [**甲公司发布新一代推理模型**](https://a.example/1) 说明。\n"
        "2. [**乙公司开源多模态模型**](https://b.example/2) 说明。\n"
    )
    assert headlines(body) == ["甲公司发布新一代推理模型", "乙公司开源多模态模型"]


def test_a_dated_title_heading_is_not_a_story() -> None:
    body = (
        "## 爱窝啦 AI 日报 2025/12/10\n\n> `AI 日报`\n\n"
        "### 产品与功能更新\n\n1. **甲公司发布新一代推理模型**\n   正文。\n"
        "2. **乙公司开源多模态模型**\n   正文。\n"
    )
    assert headlines(body) == ["甲公司发布新一代推理模型", "乙公司开源多模态模型"]


def test_one_line_html_items_under_an_html_heading() -> None:
    body = (
        "<h2>快速新闻</h2>\n"
        '<div class="q"><span class="n">04</span><div><p><strong>甲公司发布新模型</strong> 说明'
        ' <a href="https://a.example/1">a.example</a></p></div></div>\n'
        '<div class="q"><span class="n">05</span><div><p><strong>乙公司完成新一轮融资</strong> 说明'
        ' <a href="https://b.example/2">b.example</a></p></div></div>\n'
    )
    items = extract_items(body)
    assert [(i.headline, i.url) for i in items] == [
        ("甲公司发布新模型", "https://a.example/1"),
        ("乙公司完成新一轮融资", "https://b.example/2"),
    ]


def test_section_and_own_category_line() -> None:
    body = (
        "## 🔥 今日头条（2 条）\n\n"
        "### 甲公司发布新一代推理模型\n\n**Category:** 模型, 推理\n\n正文。\n\n"
        "### 乙公司开源多模态模型\n\n类型: 开源\n\n正文。\n\n"
        "## Model Releases\n\n### Lab C ships an open model today\n\nBody.\n"
    )
    items = extract_items(body)
    assert [(i.section, i.categories) for i in items] == [
        ("今日头条", ("模型", "推理")),
        ("今日头条", ("开源",)),
        ("Model Releases", ()),
    ]


def test_two_stories_sharing_a_link_stay_two() -> None:
    body = (
        "* **[NotebookLM 搞 PPT](https://digest.example/2025-12-21/)**：网友发现新用法。\n"
        "* **[Redis 之父反水：随机鹦鹉论已死](https://digest.example/2025-12-21/)**：长文。\n"
    )
    assert headlines(body) == ["NotebookLM 搞 PPT", "Redis 之父反水：随机鹦鹉论已死"]


def test_a_repo_named_after_a_chat_app_is_no_chat_recap() -> None:
    body = (
        "### 1. Flowseal/zapret-discord-youtube ⭐ 21,969\n\n绕过封锁的工具。\n\n"
        "### 2. obra/superpowers ⭐ 43,530\n\nAgent 技能框架。\n"
    )
    assert headlines(body) == [
        "Flowseal/zapret-discord-youtube ⭐ 21,969",
        "obra/superpowers ⭐ 43,530",
    ]


def test_sentence_pieces_and_handles_are_not_headlines() -> None:
    body = (
        "**Reactions**\n\n"
        "- the world is only partially predictable, say supporters of the new lab\n"
        "- @TechCrunch\n"
        "- “very bullish… world models will be a huge leap forward”\n"
        "- **“我们以为 system prompt 是私密的”** — 团队分享了一次泄露事故的复盘\n"
        "- **Lab A releases an open world model**: details [x](https://x.com/a/1)\n"
        "- **Lab B raises a large round**: details [x](https://x.com/b/1)\n"
        "- **Lab C ships a coding agent**: details [x](https://x.com/c/1)\n"
    )
    assert headlines(body) == [
        "“我们以为 system prompt 是私密的”",
        "Lab A releases an open world model",
        "Lab B raises a large round",
        "Lab C ships a coding agent",
    ]
