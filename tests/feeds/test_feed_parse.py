"""Feed documents -> entries: RSS, Atom, JSON Feed, and the documents that are not feeds."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from ainews_tui.feeds.entry import FeedError
from ainews_tui.feeds.parse import parse_feed

from .server import ATOM, HTML, JSON_FEED, RSS, fixture


def test_rss_entries_keep_ids_offsets_authors_and_categories() -> None:
    feed = parse_feed(fixture("digest.rss"), content_type=RSS, url="https://daily.example.cn/feed")
    assert feed.title == "AI 早报"
    assert feed.warnings == ()
    assert [e.entry_id for e in feed.entries] == [
        "daily-2025-12-03",
        "daily-2025-12-04",
        "daily-2025-12-05",
    ]
    first = feed.entries[0]
    assert first.title == "AI 早报 2025-12-03：DeepSeek V3.2 开源，Mistral 3 发布"
    assert first.link == "https://daily.example.cn/2025/12/03/"
    assert first.published is not None
    assert first.published.isoformat() == "2025-12-03T07:30:00+08:00"
    assert first.categories == ("AI日报", "开源模型")
    assert [a.name for a in first.authors] == ["早报编辑部"]
    # content:encoded (the whole digest) wins over the one-line description.
    assert first.is_html and "<ol>" in first.content and "Speciale" in first.content


def test_atom_resolves_relative_links_and_inherits_the_feed_author() -> None:
    feed = parse_feed(
        fixture("digest.atom"), content_type=ATOM, url="https://weekly.example.cn/atom.xml"
    )
    assert feed.title == "AI 周报"
    second = feed.entries[1]
    assert second.entry_id == "tag:weekly.example.cn,2025:50"
    assert second.link == "https://weekly.example.cn/50/"
    assert second.published is not None and second.published.utcoffset() == timedelta(hours=8)
    assert second.authors[0].name == "周报小组"
    assert second.categories == ("AI周报", "视频生成")
    assert second.is_html and "Sora 2" in second.content


def test_json_feed_html_and_text_items() -> None:
    feed = parse_feed(fixture("digest.json"), content_type=JSON_FEED)
    assert feed.title == "AI 快讯"
    html_item, text_item = feed.entries
    assert html_item.is_html and "Agent Lightning" in html_item.content
    assert html_item.categories == ("AI快讯", "智能体")
    assert [a.name for a in html_item.authors] == ["快讯编辑"]  # the feed's authors
    assert not text_item.is_html
    assert text_item.content.startswith("今天没有大新闻")
    assert [a.name for a in text_item.authors] == ["小林"]
    assert text_item.published is not None
    assert text_item.published.isoformat() == "2025-12-09T08:00:00+08:00"


def test_json_feed_is_recognised_without_its_content_type() -> None:
    assert len(parse_feed(fixture("digest.json"), content_type="text/plain").entries) == 2


def test_markdown_in_content_encoded_is_kept_as_markdown() -> None:
    body = """<?xml version="1.0"?><rss version="2.0"
      xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>
      <item><guid>md-1</guid><title>x</title><content:encoded><![CDATA[## 今日要闻

1.  [**标题一**](https://a.example/1)

    摘要一
]]></content:encoded></item></channel></rss>""".encode()
    (entry,) = parse_feed(body, content_type=RSS).entries
    assert not entry.is_html
    assert "1.  [**标题一**](https://a.example/1)\n\n    摘要一" in entry.content


def test_entries_without_guid_fall_back_to_link_then_content() -> None:
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>a</title><link>https://a.example/1</link><description>x</description></item>
      <item><title>b</title><description>only text</description></item>
      </channel></rss>"""
    first, second = parse_feed(body, content_type=RSS).entries
    assert first.entry_id == "https://a.example/1"
    assert second.entry_id.startswith("sha1:")


def test_duplicate_ids_keep_the_first_entry() -> None:
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><guid>same</guid><title>first</title></item>
      <item><guid>same</guid><title>second</title></item></channel></rss>"""
    (entry,) = parse_feed(body, content_type=RSS).entries
    assert entry.title == "first"


def test_html_page_is_not_a_feed() -> None:
    with pytest.raises(FeedError, match="HTML page"):
        parse_feed(fixture("page.html"), content_type=HTML)


def test_html_page_served_as_xml_is_still_recognised() -> None:
    with pytest.raises(FeedError, match="HTML page"):
        parse_feed(fixture("page.html"), content_type="application/xml")


@pytest.mark.parametrize("cut", [200, 1500, -40, -8])
def test_truncated_xml_is_refused(cut: int) -> None:
    with pytest.raises(FeedError, match="truncated XML"):
        parse_feed(fixture("digest.rss")[:cut], content_type=RSS)


def test_complete_but_malformed_xml_is_read_leniently_with_a_warning() -> None:
    body = fixture("digest.rss").replace(
        b"<title>AI \xe6\x97\xa9\xe6\x8a\xa5</title>",
        b"<title>AI &nbsp; \xe6\x97\xa9\xe6\x8a\xa5</title>",
        1,
    )
    feed = parse_feed(body, content_type=RSS)
    assert len(feed.entries) == 3
    assert feed.warnings and "malformed XML" in feed.warnings[0]


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"hello",
        b"<note><to>x</to></note>",
        b"{}",
        b'{"version": "https://jsonfeed.org/version/1.1"}',
        b"{not json",
    ],
)
def test_other_documents_are_not_feeds(body: bytes) -> None:
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(body, content_type="application/octet-stream")


def test_a_body_naming_a_local_file_is_never_opened(tmp_path: Path) -> None:
    # feedparser opens a str or bytes argument that names a file; the parser must not.
    local = tmp_path / "feed.xml"
    local.write_bytes(fixture("digest.rss"))
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(str(local).encode(), content_type=RSS)


def test_rss_1_0_rdf_and_rss_0_91_are_read() -> None:
    rdf = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://r.example/"><title>RDF 日报</title><link>https://r.example/</link>
    <description>d</description></channel>
  <item rdf:about="https://r.example/1"><title>第一条</title><link>https://r.example/1</link>
    <dc:date>2025-12-02T09:16:40+08:00</dc:date><description>内容</description></item>
</rdf:RDF>""".encode()
    feed = parse_feed(rdf, content_type="application/rdf+xml")
    (entry,) = feed.entries
    assert feed.title == "RDF 日报"
    assert (entry.entry_id, entry.title) == ("https://r.example/1", "第一条")
    assert entry.published is not None
    assert entry.published.isoformat() == "2025-12-02T09:16:40+08:00"
    old = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title>
      <link>https://o.example/</link><description>d</description>
      <item><title>one</title><link>https://o.example/1</link><description>x</description></item>
      </channel></rss>"""
    assert [e.entry_id for e in parse_feed(old, content_type=RSS).entries] == [
        "https://o.example/1"
    ]


def test_links_that_are_not_web_links_are_dropped() -> None:
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><guid>42</guid><title>a</title></item>
      <item><guid isPermaLink="false">x</guid><link>javascript:alert(1)</link></item>
      </channel></rss>"""
    assert [e.link for e in parse_feed(body, content_type=RSS).entries] == [None, None]


def test_an_unknown_declared_encoding_does_not_crash() -> None:
    body = (
        b'<?xml version="1.0" encoding="x-klingon"?><rss version="2.0"><channel>'
        b"<title>t</title><item><guid>1</guid><title>a &nbsp;</title></item>"
    )
    with pytest.raises(FeedError, match="truncated XML"):
        parse_feed(body, content_type=RSS)
