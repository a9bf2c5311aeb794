"""Hostile feed servers and documents (issue 17): each is refused with its reason, within
the limits, and never stops the other sources."""

from __future__ import annotations

import json
import threading
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from ainews_tui.config import FeedSettings
from ainews_tui.feeds.download import download_feed, feed_folder
from ainews_tui.feeds.entry import FeedError
from ainews_tui.feeds.http import fetch
from ainews_tui.feeds.parse import parse_feed
from ainews_tui.model import ListFilter, SourceConfig
from ainews_tui.session import Session
from support.ainews import Ainews

from .server import JSON_FEED, RSS, FeedServer, Route, fixture

DEEP_JSON = (
    b'{"version": "https://jsonfeed.org/version/1.1", "items": '
    + b"[" * 200_000
    + b"]" * 200_000
    + b"}"
)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>x</title><guid>1</guid><description>y</description></item>
</channel></rss>
"""


def many_entries_feed(count: int) -> bytes:
    """A JSON Feed of `count` entries, one a minute, listed oldest first."""
    start = datetime(2025, 1, 1, tzinfo=UTC)
    items = [
        {
            "id": f"entry-{n}",
            "title": f"Entry {n}",
            "content_text": f"Body of entry {n}.",
            "date_published": (start + timedelta(minutes=n)).isoformat(),
        }
        for n in range(count)
    ]
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "many", "items": items}
    return json.dumps(doc).encode()


def many_entries_rss(count: int) -> bytes:
    """An RSS feed of `count` entries, one a minute, listed newest first (9 MB at 60,000)."""
    start = datetime(2025, 1, 1, tzinfo=UTC)
    items = "".join(
        f"<item><title>Entry {n}</title><guid>entry-{n}</guid>"
        f"<pubDate>{format_datetime(start + timedelta(minutes=n))}</pubDate>"
        f"<description>Body of entry {n}.</description></item>\n"
        for n in reversed(range(count))
    )
    head = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>many</title>\n'
    return f"{head}{items}</channel></rss>\n".encode()


def _session(tmp_path: Path, sources: str, feeds: str = "") -> Session:
    config = tmp_path / "config.toml"
    config.write_text(f"[feeds]\nconnect_timeout = 2\ntotal_timeout = 2\n{feeds}\n{sources}")
    return Session.load(str(config), str(tmp_path / "data"))


def _feed(source_id: str, url: str) -> str:
    return f'[[sources]]\nid = "{source_id}"\nname = "{source_id}"\nkind = "feed"\nurl = "{url}"\n'


def _folder(source_id: str, path: Path) -> str:
    return f'[[sources]]\nid = "{source_id}"\nname = "{source_id}"\nkind = "dir"\npath = "{path}"\n'


def _good_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "2025-12-01-good.md").write_text(
        "---\ntitle: good post\n---\n\n1. [**A good story**](https://good.example/1)\n", "utf-8"
    )
    return folder


def test_a_deeply_nested_json_feed_fails_alone(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.routes["/deep.json"] = Route(DEEP_JSON, JSON_FEED)
    feed_server.routes["/good.xml"] = Route(fixture("digest.rss"), RSS)
    session = _session(
        tmp_path,
        _feed("deep", feed_server.url("/deep.json"))
        + _feed("good", feed_server.url("/good.xml"))
        + _folder("folder", _good_folder(tmp_path)),
    )
    try:
        report = session.sync()
        assert list(report.failed_sources) == ["deep"]
        assert "nested more than 64 levels" in report.failed_sources["deep"]
        assert session.library.list_posts(ListFilter(source_id="good"))
        assert session.library.list_posts(ListFilter(source_id="folder"))
    finally:
        session.close()


def _fetch_with_hang_guard(url: str, limits: FeedSettings, guard: float) -> BaseException | None:
    """Run `fetch` in a thread; fail the test if it is still running after `guard` s."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            fetch(url, limits)
        except FeedError as exc:
            errors.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(guard)
    assert not worker.is_alive(), "fetch kept going past total_timeout"
    return errors[0] if errors else None


def test_headers_trickled_a_byte_at_a_time_stop_at_total_timeout(
    feed_server: FeedServer,
) -> None:
    feed_server.routes["/slow"] = Route(header_drip=0.1)
    # A byte every 0.1 s, each well within httpx's read timeout (the total, 0.5 s): only
    # the deadline on the whole stops it.
    limits = FeedSettings(connect_timeout=1, total_timeout=0.5)
    error = _fetch_with_hang_guard(feed_server.url("/slow"), limits, guard=10)
    assert error is not None and "took longer than 0.5 s" in str(error)
    assert len(feed_server.seen("/slow")) == 1


def test_a_gzip_bomb_never_holds_more_than_the_cap(feed_server: FeedServer) -> None:
    cap = 1024 * 1024
    feed_server.routes["/bomb"] = Route(b"<rss>" + b" " * (60 * cap), RSS, gzip=True)
    limits = FeedSettings(max_bytes=cap, total_timeout=20)
    tracemalloc.start()
    try:
        with pytest.raises(FeedError, match="over the 1 MB limit"):
            fetch(feed_server.url("/bomb"), limits)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * cap, f"peak {peak / cap:.1f} MB against a 1 MB cap"


def test_a_gzipped_feed_still_reads(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.xml"] = Route(fixture("digest.rss"), RSS, gzip=True)
    result = fetch(feed_server.url("/feed.xml"), FeedSettings())
    assert result.body == fixture("digest.rss")
    assert "gzip" in feed_server.seen("/feed.xml")[0].headers["accept-encoding"]


def test_an_unknown_content_encoding_is_refused(feed_server: FeedServer) -> None:
    feed_server.routes["/br"] = Route(fixture("digest.rss"), RSS, content_encoding="br")
    with pytest.raises(FeedError, match="unsupported Content-Encoding 'br'"):
        fetch(feed_server.url("/br"), FeedSettings())


def test_a_60000_entry_feed_keeps_the_2000_newest(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.routes["/many.json"] = Route(many_entries_feed(60_000), JSON_FEED)
    source = SourceConfig(id="many", name="many", kind="feed", url=feed_server.url("/many.json"))
    folder = feed_folder(tmp_path / "feeds", source)
    outcome = download_feed(source, folder, FeedSettings(total_timeout=20), None)
    assert outcome.error is None
    assert "kept the 2,000 newest of 60,000 entries" in " ".join(outcome.warnings)
    files = list(folder.glob("*.md"))
    assert len(files) == 2000
    texts = "".join(f.read_text("utf-8") for f in files)
    assert "entry_id: entry-59999\n" in texts and "entry_id: entry-58000\n" in texts
    assert "entry_id: entry-57999\n" not in texts


def test_a_60000_entry_rss_feed_is_cut_before_it_is_parsed() -> None:
    feed = parse_feed(many_entries_rss(60_000), content_type=RSS, max_entries=2000)
    assert [e.title for e in feed.entries[:2]] == ["Entry 59999", "Entry 59998"]
    assert len(feed.entries) == 2000 and feed.entries[-1].title == "Entry 58000"
    assert feed.warnings == ("kept the 2,000 newest of 60,000 entries ([feeds] max_entries)",)


def test_billion_laughs_is_named_as_entity_expansion() -> None:
    with pytest.raises(FeedError, match="entity expansion"):
        parse_feed(BILLION_LAUGHS, content_type=RSS)


def test_escape_sequences_in_a_feed_entry_are_gone_before_it_is_read(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    item = {
        "id": "1",
        "title": "Big \u001b[2J news",
        "content_text": "1. [**\u001b]0;T\u0007Chip \u001b[31mnews\u001b[0m**](http://good.example/1)"
        "\n\n   Summary.\n",
    }
    doc = {"version": "https://jsonfeed.org/version/1.1", "items": [item]}
    feed_server.routes["/esc.json"] = Route(json.dumps(doc).encode(), JSON_FEED)
    session = _session(tmp_path, _feed("esc", feed_server.url("/esc.json")))
    try:
        assert session.sync().ok
        (post,) = session.library.list_posts(ListFilter(source_id="esc"))
        assert post.title == "Big news"
        (story,) = session.library.list_items(ListFilter(source_id="esc"))
        assert (story.headline, story.url) == ("Chip news", "http://good.example/1")
    finally:
        session.close()


TOTAL_TIMEOUT = 3  # each download's own budget; the 60,000-entry feed arrives in well under 1 s


def test_one_sync_against_every_hostile_server_at_once(
    feed_server: FeedServer, ainews: Ainews, tmp_path: Path
) -> None:
    """A deep JSON Feed, headers trickled a byte at a time and a 60,000-entry feed, next
    to a good folder: the sync ends about when `total_timeout` does, exits 1, and the
    good folder and the big feed's newest entries are in the library."""
    feed_server.routes["/deep.json"] = Route(DEEP_JSON, JSON_FEED)
    feed_server.routes["/slow"] = Route(header_drip=0.5)
    feed_server.routes["/many.xml"] = Route(many_entries_rss(60_000), RSS)
    ainews.config.write_text(
        f"[feeds]\ntotal_timeout = {TOTAL_TIMEOUT}\n\n"
        + _feed("deep", feed_server.url("/deep.json"))
        + _feed("slow", feed_server.url("/slow"))
        + _feed("many", feed_server.url("/many.xml"))
        + _folder("folder", _good_folder(tmp_path)),
        "utf-8",
    )
    started = time.monotonic()
    result = ainews("sync", code=1)
    elapsed = time.monotonic() - started
    # The bound the issue sets ("total_timeout plus a few seconds"), with room for a
    # shared 2-core machine: measured 6.3-12 s at load 8-10, 2,000 feed entries parsed
    # and indexed in that time. Before the fix the trickling server held it for an hour.
    assert elapsed < TOTAL_TIMEOUT + 20, elapsed
    assert "failed deep: not a feed: JSON nested more than 64 levels" in result.stdout
    assert "failed slow: timed out" in result.stdout
    assert "kept the 2,000 newest of 60,000 entries" in result.stdout
    titles = {p["title"] for p in ainews.json("list", "--limit", "5000")}
    assert "good post" in titles and "Entry 59999" in titles and len(titles) == 2001


def test_list_on_first_use_survives_a_deep_json_feed(
    feed_server: FeedServer, ainews: Ainews, tmp_path: Path
) -> None:
    feed_server.routes["/deep.json"] = Route(DEEP_JSON, JSON_FEED)
    ainews.config.write_text(
        _feed("deep", feed_server.url("/deep.json")) + _folder("folder", _good_folder(tmp_path)),
        "utf-8",
    )
    result = ainews("list", "--json")
    assert [p["title"] for p in json.loads(result.stdout)] == ["good post"]
    assert "source deep failed: not a feed: JSON nested more than 64 levels" in result.stderr
