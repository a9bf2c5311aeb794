"""The grouping rule: which primary URLs are one story, and which never group."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ainews_tui.stories.url import STORY_PREFIX, story_key, story_keys, story_url

SAME = [
    # scheme, www., trailing slash, fragment
    ("https://www.example.com/a/b/", "http://example.com/a/b#top"),
    # tracking parameters, in any order and any case
    (
        "https://example.com/post-1?utm_source=x&utm_medium=y&UTM_Campaign=z",
        "https://example.com/post-1?fbclid=abc&gclid=1&mc_cid=2&igshid=3&spm=a.b&from=tw&ref=hn",
    ),
    (
        "https://www.bbc.com/news/articles/c1?at_medium=RSS&amp;at_campaign=rss",
        "http://bbc.com/news/articles/c1",
    ),
    # AMP and mobile variants
    ("https://m.example.com/2025/12/story.html", "https://amp.example.com/2025/12/story.html/amp"),
    ("https://mobile.example.com/story-2?amp", "https://example.com/story-2?outputType=amp"),
    ("https://example.com/story-3.amp", "https://example.com/story-3"),
    # content parameters are kept but their order does not matter
    ("https://example.com/view?id=7&p=2", "https://example.com/view?p=2&id=7"),
    # percent-encoding is one spelling of the path
    ("https://example.com/%E6%96%B0%E9%97%BB-1", "https://example.com/新闻-1"),
    # YouTube: short links, share ids and start times
    ("https://youtu.be/dQw4w9WgXcQ?si=abc", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42"),
    ("https://m.youtube.com/shorts/dQw4w9WgXcQ", "https://youtube.com/watch?v=dQw4w9WgXcQ"),
    ("https://open.spotify.com/episode/4rOoJ6?si=1f2e", "https://open.spotify.com/episode/4rOoJ6"),
    # X / Twitter: the handle does not name the post
    (
        "https://twitter.com/sama/status/2000997906078388332?s=20",
        "https://x.com/i/status/2000997906078388332",
    ),
    # Reddit: the comments id names the thread
    (
        "https://old.reddit.com/r/LocalLLaMA/comments/1ro7j0b/kokoro_tts/",
        "https://www.reddit.com/r/localllama/comments/1ro7j0b/",
    ),
    # GitHub owners and repositories are case-insensitive
    ("https://github.com/Tencent/WeKnora", "https://github.com/tencent/weknora/tree/main"),
    # arXiv abstract, PDF, versions and the Hugging Face paper page are one paper
    ("https://arxiv.org/pdf/2505.23758v2", "https://arxiv.org/abs/2505.23758"),
    ("https://huggingface.co/papers/2505.23758", "https://arxiv.org/html/2505.23758v1"),
    # WeChat: only the four article parameters
    (
        "https://mp.weixin.qq.com/s?__biz=MzU&mid=22&idx=1&sn=06&chksm=f1&scene=21#wechat",
        "https://mp.weixin.qq.com/s?sn=06&idx=1&mid=22&__biz=MzU",
    ),
]

DIFFERENT = [
    ("https://www.youtube.com/watch?v=aaaaaaaaaaa", "https://www.youtube.com/watch?v=bbbbbbbbbbb"),
    ("https://example.com/index.php?p=1", "https://example.com/index.php?p=2"),
    ("https://example.com/item?id=1", "https://example.com/item?id=2"),
    ("https://openai.com/index/gpt-5", "https://openai.com/index/gpt-5-mini"),
    ("https://github.com/openai/codex", "https://github.com/openai/codex/issues/1"),
    ("https://x.com/a/status/1", "https://x.com/a/status/2"),
]

NEVER = [
    "https://www.theverge.com/",
    "https://www.theverge.com",
    "https://www.theverge.com/ai",
    "https://www.theverge.com/ai-artificial-intelligence",
    "https://example.com/news/2026/03",
    "https://deepmind.google/blog/",
    "https://www.anthropic.com/news",
    "https://www.aibase.com/zh/news/",
    "https://example.com/en-us/blog",
    "https://aivora.cn?utm_source=daily_news&utm_medium=bottom_ad",
    "https://techcrunch.com/tag/artificial-intelligence/",
    "https://techcrunch.com/2026/03/26",
    "https://ai.hubtoday.app/2025-12/2025-12-19/",
    "https://www.wired.com/tag/ai",
    "https://twitter.com/search?q=Olympians",
    "https://x.com/sama",
    "https://github.com/openai",
    "https://discord.com/channels/1068976834382925865",
    "https://discord.com/channels/1087530497313357884/1098713626161987705/",
    "https://discord.gg/abc",
    "https://help.openai.com/en/articles/6825453-chatgpt-release-notes",
    "https://developers.openai.com/api/docs/guides/latest-model",
    "https://cursor.com/changelog",
    "mailto:someone@example.com",
    "ftp://example.com/file-1",
    "not a url",
    "https://localhost/x-1",
    "",
]

STORIES = [
    "https://linux.do/t/topic/1303303",
    "https://readhub.cn/topic/8pA27iadDfy",
    "https://github.com/vllm-project/vllm/releases/tag/v0.24.0",
    "https://www.aibase.com/zh/news/24262",
    "https://example.com/?p=123",
    "https://hustvl.github.io/Moebius/",
    "https://pku-lm-resist-alignment.github.io/",
    "https://discord.com/channels/822583790773862470/1318774781834821746/1478523711182082162",
    "https://www.qbitai.com/2026/04/406960.html",
    "https://pplx.ai/comet-ios",
    "https://openai.com/index/sora",
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_variants_of_one_page_are_one_story(a: str, b: str) -> None:
    assert story_url(a) is not None
    assert story_url(a) == story_url(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_parameters_and_paths_that_name_content_keep_stories_apart(a: str, b: str) -> None:
    assert story_url(a) is not None and story_url(b) is not None
    assert story_url(a) != story_url(b)


@pytest.mark.parametrize("url", NEVER)
def test_home_section_tag_profile_and_living_pages_never_group(url: str) -> None:
    assert story_url(url) is None
    assert story_key(url, "item-key") == "item-key"


@pytest.mark.parametrize("url", STORIES)
def test_article_pages_are_stories(url: str) -> None:
    assert story_url(url) is not None


def test_story_keys_are_shared_and_prefixed() -> None:
    a = story_key("https://www.example.com/post-1/?utm_source=x", "a#1")
    b = story_key("http://example.com/post-1", "b#1")
    assert a == b and a.startswith(STORY_PREFIX)


def test_a_post_carries_a_story_once() -> None:
    """Points of one article split into several items stay apart from each other."""
    keys = story_keys(
        ["p#1", "p#2", "p#3"],
        ["https://example.com/post-1", "https://example.com/post-1#part-2", None],
    )
    assert keys[0].startswith(STORY_PREFIX)
    assert keys[1:] == ["p#2", "p#3"]


# --- properties ------------------------------------------------------------------------

_segment = st.text("abcdefghij0123456789-", min_size=1, max_size=12)
_paths = st.lists(_segment, min_size=1, max_size=4).map(lambda s: "/" + "/".join(s))
_hosts = st.sampled_from(["example.com", "news.example.org", "blog.site.cn"])
_values = st.text("abcxyz0123", min_size=1, max_size=6)
_content = st.dictionaries(st.sampled_from(["id", "p", "v", "page", "q2"]), _values, max_size=3)
_tracking = st.dictionaries(
    st.sampled_from(["utm_source", "utm_medium", "fbclid", "gclid", "ref", "spm", "from"]),
    _values,
    max_size=4,
)


def _url(scheme: str, www: str, host: str, path: str, params: list[tuple[str, str]]) -> str:
    query = "&".join(f"{k}={v}" for k, v in params)
    return f"{scheme}://{www}{host}{path}" + (f"?{query}" if query else "")


@settings(max_examples=300, deadline=None)
@given(_hosts, _paths, _content, _tracking, st.randoms(use_true_random=False))
def test_tracking_scheme_www_and_order_never_change_the_story(
    host: str, path: str, content: dict[str, str], tracking: dict[str, str], rnd: object
) -> None:
    plain = story_url(_url("https", "", host, path, sorted(content.items())))
    mixed = [*content.items(), *tracking.items()]
    rnd.shuffle(mixed)  # type: ignore[attr-defined]
    noisy = story_url(_url("http", "www.", host, path + "/", mixed) + "#frag")
    assert plain == noisy


@settings(max_examples=300, deadline=None)
@given(_hosts, _paths, _content)
def test_the_normal_form_is_a_fixed_point(host: str, path: str, content: dict[str, str]) -> None:
    normal = story_url(_url("https", "", host, path, sorted(content.items())))
    if normal is not None:
        assert story_url("https://" + normal) == normal


@settings(max_examples=200, deadline=None)
@given(_hosts, _content, st.sampled_from(["", "/", "/blog", "/news/", "/en", "/zh-cn/blog"]))
def test_home_and_section_pages_group_only_with_content_parameters(
    host: str, content: dict[str, str], path: str
) -> None:
    normal = story_url(_url("https", "www.", host, path, sorted(content.items())))
    assert (normal is None) == (not content)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gives_a_story_or_none_and_never_raises(text: str) -> None:
    normal = story_url(text)
    assert normal is None or (normal and " " not in normal.split("?")[0])


# --- merges judged by hand on ../shared/corpus ------------------------------------------

_MERGES = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "story_merges.json").read_text("utf-8")
)["pairs"]


@pytest.mark.parametrize(
    "pair",
    [
        pytest.param(
            p,
            id=f"{p['a']['source'][:12]}-{p['b']['source'][:12]}-{n}",
            marks=[]
            if p["same_story"]
            else [pytest.mark.xfail(strict=True, reason=f"judged a wrong merge: {p['note']}")],
        )
        for n, p in enumerate(_MERGES)
    ],
)
def test_hand_checked_merges(pair: dict[str, Any]) -> None:
    """Pairs judged one story still merge, pairs judged wrong are split. The one wrong
    merge cannot be split by URL alone (it is marked xfail, strictly, so a rule that
    learns to split it shows up here)."""
    a, b = story_url(pair["a"]["url"]), story_url(pair["b"]["url"])
    assert (a is not None and a == b) == pair["same_story"]


def test_hand_checked_precision_is_recorded() -> None:
    right = sum(p["same_story"] for p in _MERGES)
    assert len(_MERGES) == 50 and right == 49
