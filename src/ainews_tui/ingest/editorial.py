"""Which headings are not stories: commentary, promotions, overviews, chat recaps, titles.

Words are matched against the headline reduced to lower-case word characters: anywhere
in a short heading (a section name), else only at the start. Prefix-only words would
misfire anywhere ("值得关注" groups stories, "关注我们" is a promotion).
"""

from __future__ import annotations

import re

from .headlines import key as key_of
from .headlines import width

_SHORT_KEY = 10  # a heading this short is a section name: match editorial words anywhere
_TITLE_WIDTH = 32  # a dated heading saying no more than this is the post's title

_COMMENTARY = re.compile(
    "点评|评论|洞察|观点|写在最后|总结|小结|结语|结论|后记|编者|分析|预测|观察|免责|声明|广告|赞助"
    "|推广|订阅|扫码|语音版|收听|词云|相关问题|常见问题|问答|互动|留言|往期|推荐阅读|延伸阅读"
    "|参考|来源|出处|标签|选题|一句话|关键词|自荐|机会|邀请|社群|交流群|进群|invitation|joinus"
    "|commentary|opinion|insight|takeaway|conclusion|finalthought|wrapup|disclaimer|sponsor"
    "|advertis|subscribe|newsletter|readmore|references|sources|relatedlinks|faq"
    "|selfrecommend|voiceversion"
)
# Parts that are never news wherever the words stand in a heading's name.
_NEVER_NEWS = re.compile("自荐|selfrecommend|科幻小说|scifi|sponsored|赞助商")
_COMMENTARY_PREFIX = ("关注", "提示", "相关链接", "原文链接", "about", "related", "follow")
# Community recaps (a Discord server, a channel, a subreddit summarised by a machine):
# each channel's chatter is no news story, however long the recap.
_CHAT_RECAP = re.compile(
    "discord$|discord(?:recap|summar|channel)|subreddit|reddit.{0,24}recap|slack.{0,24}recap"
    "|telegram.{0,24}recap|\\d+messages"
)
_OVERVIEW = re.compile(
    "概览|概述|摘要|简要|导读|看点|导航|目录|overview|summary|tldr|highlights|ataglance|keypoints"
    "|contents|toc|热度排行|热门排行|toptweets|topposts|byengagement"
)
_PARENS = re.compile(r"（[^（）]{0,40}）|\([^()]{0,40}\)")
_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
# A paragraph in the author's own voice ("我检查了…", "I think") that leads into a list:
# the list holds the author's points, not stories.
_FIRST_PERSON = re.compile(r"我|笔者|小编|(?:I|We)(?:\W|$)")


def classify(headline: str, key: str, *, heading: bool) -> str:
    """ "commentary" (dropped with what it holds), "overview" (only sections under it can
    be stories), "title" (the post's own title: never a story itself) or ""."""
    if heading and _chatty(key) and _CHAT_RECAP.search(key):  # also "(24 messages🔥)"
        return "commentary"
    k = key_of(_PARENS.sub("", headline)) if "(" in headline or "（" in headline else key
    k = k.lstrip("0123456789").removesuffix("部分").removesuffix("section")
    if not k:
        return ""
    short = len(k) <= _SHORT_KEY
    if k.startswith(_COMMENTARY_PREFIX) or (_COMMENTARY.search if short else _COMMENTARY.match)(k):
        return "commentary"
    if heading and _NEVER_NEWS.search(k):
        return "commentary"
    if (_OVERVIEW.search if short else _OVERVIEW.match)(k):
        return "overview"
    dated = heading and _DATE.search(headline)
    if dated and width("".join(c for c in k if not c.isdigit())) <= _TITLE_WIDTH:
        return "title"
    return ""


def _chatty(key: str) -> bool:
    """A cheap look for the words _CHAT_RECAP needs, before its alternation runs."""
    return "discord" in key or "reddit" in key or "messages" in key or "recap" in key


def is_first_person(line: str) -> bool:
    """A line in the author's own voice (commentary), by how it opens."""
    return bool(_FIRST_PERSON.match(line.lstrip(" \t>*_")))
