"""Generate a deterministic corpus of AI-news digest posts for benchmarks.

    python bench/make_corpus.py OUT_DIR [--posts 10000] [--seed 1]

Each post is about 8 KB: front matter in one of the seed formats (YAML with a bare date,
YAML with an ISO date and an offset, Hugo TOML `+++`, or none with the date in the path),
an introduction, about ten items in the seed shapes (numbered entries led by a link,
numbered entries with a bold headline, `###` sections, an open-source pick), and a
commentary section. The text mixes Chinese and English; words follow a Zipf-like
distribution, so there are very common terms, rare ones and everything between.
Dates spread over three years; 30 categories. Same arguments, same bytes.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from itertools import accumulate
from pathlib import Path


def _vocabulary(words: str) -> list[str]:
    return words.split()


CATEGORIES = (
    "大模型",
    "具身智能",
    "AI芯片",
    "自动驾驶",
    "开源",
    "多模态",
    "AI安全",
    "机器人",
    "智能体",
    "融资",
    "政策",
    "AI编程",
    "搜索",
    "视频生成",
    "语音",
    "医疗AI",
    "教育",
    "云计算",
    "端侧AI",
    "Research",
    "Products",
    "Open Source",
    "Funding",
    "Policy",
    "Agents",
    "Hardware",
    "Vision",
    "Speech",
    "Startups",
    "Benchmarks",
)
_ZH_WORDS = _vocabulary(
    "模型 发布 推出 开源 训练 推理 数据 用户 能力 智能体 大模型 芯片 算力 机器人 具身智能 "
    "谷歌 微软 苹果 英伟达 阿里 腾讯 字节跳动 百度 华为 清华大学 北京 上海 深圳 公司 团队 "
    "研究 论文 基准 测试 性能 提升 降低 成本 视频 图像 语音 翻译 搜索 编程 代码 产品 功能 "
    "市场 融资 估值 亿元 美元 政策 监管 安全 隐私 开发者 平台 生态 应用 场景 落地 行业 "
    "自动驾驶 汽车 医疗 教育 金融 云计算 服务器 数据中心 端侧 手机 眼镜 耳机 实时 多模态 "
    "上下文 长文本 参数 架构 注意力 强化学习 微调 蒸馏 量化 开放 免费 订阅 会员 价格 "
    "宣布 表示 认为 指出 预计 显示 据悉 此前 目前 同时 此外 随后 首次 正式 全新 最新 "
    "全球 国内 海外 中国 美国 欧洲 日本 韩国 印度 工程师 科学家 创始人 首席执行官"
)
_EN_WORDS = _vocabulary(
    "the a of and to in for on with model models release open source training inference "
    "data users agent agents chip compute robot robotics benchmark performance cost video "
    "image speech translation search coding code product feature market funding policy "
    "safety privacy developers platform launch launches new update reasoning context "
    "window tokens parameters architecture attention fine-tuning distillation quantization "
    "free subscription price announced said expects according first official latest global "
    "OpenAI Google Microsoft Apple NVIDIA Anthropic Meta DeepSeek Qwen Gemini Claude GPT-5 "
    "Llama Mistral Runway Sora ChatGPT Copilot Cursor AI LLM GPU TPU API SDK 5G AR VR"
)
_DOMAINS = (
    "36kr.com",
    "ithome.com",
    "github.com",
    "x.com",
    "openai.com",
    "blog.google",
    "huggingface.co",
    "arxiv.org",
    "techcrunch.com",
    "theverge.com",
    "qbitai.com",
    "jiqizhixin.com",
    "readhub.cn",
    "ai.hubtoday.app",
)
_EDITORIAL = ("点评", "前沿洞察", "我的观点", "写在最后", "Editor's note")
_SYLLABLES = (
    "zor",
    "vex",
    "qua",
    "lin",
    "mor",
    "tak",
    "xen",
    "pyr",
    "dul",
    "fen",
    "kai",
    "rho",
    "sig",
    "tau",
    "bex",
    "nox",
    "vim",
    "wex",
    "yol",
    "zan",
)
_START = datetime(2023, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=8)))
_DAYS = 3 * 365


@dataclass(frozen=True)
class CorpusStats:
    posts: int
    items: int
    bytes: int
    seconds: float


class Vocabulary:
    """Zipf-weighted vocabulary: common words first, generated rare words after."""

    def __init__(self, rng: random.Random) -> None:
        rare_zh = [
            "".join(chr(rng.randrange(0x4E00, 0x9FA6)) for _ in range(rng.choice((2, 3))))
            for _ in range(3000)
        ]
        rare_en = [
            "".join(rng.sample(_SYLLABLES, rng.choice((2, 3)))).capitalize() for _ in range(1000)
        ]
        self.zh = _ZH_WORDS + rare_zh
        self.en = _EN_WORDS + rare_en
        self.zh_weights = _zipf(len(_ZH_WORDS), len(rare_zh))
        self.en_weights = _zipf(len(_EN_WORDS), len(rare_en))
        self.rng = rng

    def zh_text(self, count: int) -> str:
        words = self.rng.choices(self.zh, cum_weights=self.zh_weights, k=count)
        if self.rng.random() < 0.6:
            words[self.rng.randrange(count)] = " ".join(
                self.rng.choices(self.en, cum_weights=self.en_weights, k=2)
            )
        return "，".join("".join(words[i : i + 6]) for i in range(0, count, 6)) + "。"

    def en_text(self, count: int) -> str:
        words = self.rng.choices(self.en, cum_weights=self.en_weights, k=count)
        return " ".join(words).capitalize() + "."

    def text(self, count: int, english: bool) -> str:
        return self.en_text(count) if english else self.zh_text(count)


def _zipf(common: int, rare: int) -> list[float]:
    """Cumulative weights 1/rank, the generated rare words damped to a small share."""
    weights = [1.0 / (rank + 1) for rank in range(common)]
    weights += [0.15 / (rank + 1) for rank in range(common, common + rare)]
    return list(accumulate(weights))


def _item(words: Vocabulary, rng: random.Random, number: int, shape: int, english: bool) -> str:
    headline = words.text(rng.randint(4, 8), english).rstrip("。.")
    url = f"https://{rng.choice(_DOMAINS)}/{rng.randrange(10**9):09d}"
    summary = " ".join(words.text(rng.randint(25, 38), english) for _ in range(3))
    if shape == 0:
        return f"{number}. [**{headline}**]({url})\n    {summary}\n"
    if shape == 1:
        return f"{number}. **{headline}**：{summary}\n"
    if shape == 2:
        return f"### {headline}\n\n{summary} [原文]({url})\n"
    repo = f"{rng.choice(_SYLLABLES)}{rng.choice(_SYLLABLES)}/{rng.choice(_SYLLABLES)}-ai"
    return (
        f"### 开源推荐：{repo}\n\n[{repo}](https://github.com/{repo}) "
        f"(⭐{rng.randint(1, 90)}.{rng.randint(0, 9)}k) {summary}\n"
    )


def _front_matter(style: int, title: str, when: datetime, cats: list[str]) -> str:
    if style == 0:
        return f'---\ntitle: "{title}"\ndate: {when:%Y-%m-%d}\ntags: {cats!r}\n---\n\n'
    if style == 1:
        return (
            f'---\ntitle: "# {title}"\ndate: {when.isoformat()}\n'
            f"categories: {cats[0]}\nauthors:\n  - name: 小编\n    link: https://example.com\n"
            "---\n\n"
        )
    if style == 2:
        return (
            f'+++\ntitle = "{title}"\ndate = "{when:%Y-%m-%d %H:%M:%S %z}"\n'
            f"categories = {cats!r}\n+++\n\n".replace("'", '"')
        )
    return f"# {title}\n\n"


def make_post(rng: random.Random, words: Vocabulary, index: int) -> tuple[str, str, int]:
    """(relative path, text, item count) of post number `index`."""
    when = _START + timedelta(days=rng.randrange(_DAYS), minutes=rng.randrange(24 * 60))
    english = rng.random() < 0.2
    style = index % 4
    title = (
        f"AI日报 {when:%Y-%m-%d}：" if not english else f"AI Daily {when:%Y-%m-%d}: "
    ) + words.text(5, english).rstrip("。.")
    cats = rng.sample(CATEGORIES, rng.randint(1, 3))
    shape = rng.randrange(4)
    count = rng.randint(8, 12)
    parts = [
        _front_matter(style, title, when, cats),
        words.text(40, english),
        "\n\n",
        "## 今日要闻\n\n" if not english else "## Top stories\n\n",
    ]
    for number in range(1, count + 1):
        item_shape = 3 if number == count and shape != 1 else shape
        parts.append(_item(words, rng, number, item_shape, english))
        parts.append("\n")
    parts.append(f"## {rng.choice(_EDITORIAL)}\n\n{words.text(50, english)}\n")
    if style == 3:
        relpath = f"{when:%Y-%m}/{when:%Y-%m-%d}-{index}.md"
    else:
        relpath = f"posts/{when:%Y}/{when:%Y-%m-%d}-digest-{index}.md"
    return relpath, "".join(parts), count


def make_corpus(out: Path, posts: int = 10_000, seed: int = 1) -> CorpusStats:
    """Write `posts` digest posts under `out` (created if needed)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    words = Vocabulary(rng)
    total_items = total_bytes = 0
    for index in range(posts):
        relpath, text, count = make_post(rng, words, index)
        path = out / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total_items += count
        total_bytes += len(data)
    return CorpusStats(posts, total_items, total_bytes, time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    stats = make_corpus(args.out, args.posts, args.seed)
    print(
        f"{stats.posts} posts, {stats.items} items, {stats.bytes / 1e6:.1f} MB "
        f"({stats.bytes / max(stats.posts, 1) / 1024:.1f} KB a post) in {stats.seconds:.1f} s "
        f"-> {args.out}"
    )


if __name__ == "__main__":
    main()
