"""Which items are the same story: the rule that groups copies across digests.

Two items are one story when their primary URLs normalise to the same string. The
normal form forgets what does not change the page (scheme, `www.` and mobile/AMP
hosts, trailing slash, fragment, tracking parameters, a few sites' aliases) and keeps
what does (every other query parameter, sorted). A URL that names a site's home page,
a section, a tag or a profile is no story: two digests both linking
`https://www.theverge.com/` carry different news, so such a link never groups items.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

STORY_PREFIX = "story:"

# Parameters that say who sent the reader, never what they read.
_TRACKING = re.compile(
    r"^(utm_\w*|at_\w+|mc_cid|mc_eid|fbclid|gclid|dclid|msclkid|yclid|igshid|twclid|"
    r"spm|from|ref|ref_src|ref_url|referrer|source|src|share_\w+|sharer_\w+|"
    r"_hsenc|_hsmi|mkt_tok|oly_\w+|vero_\w+|wt\.\w+|cmpid|ocid|rss|feed|"
    r"amp|outputtype|output_type)$",
    re.IGNORECASE,
)
# Parameters tracking only on these hosts (`si` is Spotify's and YouTube's share id;
# `t` on YouTube is a start time inside the same video).
_HOST_TRACKING: dict[str, frozenset[str]] = {
    "youtube.com": frozenset({"si", "t", "feature", "pp", "ab_channel", "app"}),
    "open.spotify.com": frozenset({"si", "context", "nd"}),
    "x.com": frozenset({"s", "t", "lang"}),
    "reddit.com": frozenset({"context", "share_id", "rdt"}),
}
# WeChat articles carry a dozen per-reader parameters; only these four name the article.
_WEIXIN_KEEP = frozenset({"__biz", "mid", "idx", "sn"})

_MOBILE_HOST = re.compile(r"^(?:www|m|mobile|amp|old|np|new)\.(?=[^.]+\.[^.]+)")
_HOST_ALIASES = {
    "twitter.com": "x.com",
    "mobile.twitter.com": "x.com",
    "youtu.be": "youtube.com",
    "redd.it": "reddit.com",
}
_LOCALE = re.compile(
    r"^(?:en|zh|cn|ja|jp|ko|kr|fr|de|es|pt|ru|it|nl|tw|hk)(?:[-_][a-z]{2,4})?$", re.IGNORECASE
)
# Path words that name a listing, not an article: a path made only of these (after a
# locale) is a section page, and one of these followed by at most one more segment is
# a taxonomy page (`/tag/ai`, `/author/jane`, `/search`).
_SECTIONS = re.compile(
    r"^(?:blogs?|news|newsroom|index|home|research|posts?|articles?|stories|press|updates|"
    r"changelog|releases|latest|all|archives?|feed|rss|ai|artificial-intelligence|"
    r"ai-artificial-intelligence|machine-learning|tech|technology|science|business)$"
)
_TAXONOMY = re.compile(
    r"^(?:tags?|category|categories|topics?|authors?|search|labels?|users?|people|profile|"
    r"collections|hashtag|explore)$"
)
# Articles have slugs, numbers or extensions; a single segment of plain letters is not one.
_PLAIN_SEGMENT = re.compile(r"^[a-z]{1,20}$", re.IGNORECASE)
# A page updated in place (release notes, "latest model" docs) carries a new story each
# time a digest links it, so it never groups either.
_LIVING = re.compile(r"release[-_]?notes|changelog|whats[-_]?new|^latest", re.IGNORECASE)
# A date archive: a year first, then months and days (`/2026/03/26`, `/2025-12/2025-12-19`).
_YEAR = re.compile(r"^(?:19|20)\d\d(?:-\d\d){0,2}$")
_DATEISH = re.compile(r"^\d{1,4}(?:-\d{1,2}){0,2}$")
_WORD = re.compile(r"^[^\W\d_]+(?:[-_][^\W\d_]+)*$")
_ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?$")
_AMP_SUFFIX = re.compile(r"(?:/amp|\.amp)$", re.IGNORECASE)


def story_url(url: str | None) -> str | None:
    """The normal form of a story's URL, or None when the link cannot name a story
    (no URL, not http(s), unparsable, a home, section, tag or profile page)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip().replace("&amp;", "&"))
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https", "") or not host or "." not in host:
        return None
    host = _canonical_host(host)
    path = _clean_path(parts.path)
    drop = _HOST_TRACKING.get(host, frozenset())
    params = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _TRACKING.match(k) and k not in drop
    ]
    site = _site_rules(host, path, params)
    if site is None:
        return None
    host, path, params = site
    params = sorted(params)
    # A GitHub Pages site is a project's own page, whatever its path.
    if not host.endswith(".github.io") and _is_listing(path, bool(params)):
        return None
    query = urlencode(params, quote_via=quote)
    return f"{host}{path}" + (f"?{query}" if query else "")


def story_key(url: str | None, item_key: str) -> str:
    """The story an item belongs to: shared by every copy of a grouped URL, the item's
    own key for an item with no story URL (so it is a story of one)."""
    normal = story_url(url)
    if normal is None:
        return item_key
    return STORY_PREFIX + hashlib.sha1(normal.encode("utf-8")).hexdigest()[:16]


def _canonical_host(host: str) -> str:
    host = host.lower()
    while (stripped := _MOBILE_HOST.sub("", host)) != host:
        host = stripped
    return _HOST_ALIASES.get(host, host)


def _clean_path(path: str) -> str:
    # Percent-encoding is one spelling among several: `%E4%B8%AD` and `中` are one path.
    path = quote(unquote(path), safe="/:@!$&'()*+,;=-._~")
    path = re.sub(r"/{2,}", "/", path).rstrip("/")
    path = _AMP_SUFFIX.sub("", path)
    for index in ("/index.html", "/index.htm", "/index.php"):
        path = path.removesuffix(index)
    return path


def _site_rules(
    host: str, path: str, params: list[tuple[str, str]]
) -> tuple[str, str, list[tuple[str, str]]] | None:
    """Aliases a handful of sites use for one page; None = this link is never a story."""
    segments = [s for s in path.split("/") if s]
    if host == "youtube.com" and segments and not params and _is_video_id(segments):
        return host, "/watch", [("v", segments[-1])]
    if host == "youtube.com" and segments[:1] == ["shorts"] and len(segments) == 2:
        return host, "/watch", [("v", segments[1]), *params]
    if host == "x.com" and len(segments) >= 3 and segments[1] == "status":
        # The handle is decoration (`/i/status/…` works too); the id names the post.
        return host, f"/status/{segments[2]}", []
    if host == "reddit.com" and "comments" in segments[:3]:
        at = segments.index("comments")
        if len(segments) > at + 1:
            return host, f"/comments/{segments[at + 1].lower()}", []
    if host == "reddit.com" and len(segments) == 1 and not params:
        return host, f"/comments/{segments[0].lower()}", []  # redd.it/<id>
    if host == "discord.com" and segments[:1] == ["channels"] and len(segments) < 4:
        return None  # a server or channel, not a message
    if host in ("discord.gg", "t.me") and len(segments) <= 1:
        return None
    if host == "github.com" and len(segments) >= 2:
        owner, repo = segments[0].lower(), segments[1].lower().removesuffix(".git")
        rest = segments[2:]
        if rest[:1] == ["tree"] and len(rest) == 2:
            rest = []  # the repository at its default branch
        return host, "/" + "/".join([owner, repo, *rest]), params
    if host in ("arxiv.org", "huggingface.co") and len(segments) == 2:
        match = _ARXIV_ID.match(segments[1])
        kinds = ("abs", "pdf", "html") if host == "arxiv.org" else ("papers",)
        if match and segments[0] in kinds:
            return "arxiv.org", f"/abs/{match.group(1)}", []
    if host == "mp.weixin.qq.com":
        return host, path, [(k, v) for k, v in params if k in _WEIXIN_KEEP]
    return host, path, params


def _is_video_id(segments: list[str]) -> bool:
    """youtu.be/<id> became youtube.com/<id>: one 11-character segment."""
    return len(segments) == 1 and re.fullmatch(r"[\w-]{11}", segments[0]) is not None


def _is_listing(path: str, has_params: bool) -> bool:
    """A page that lists many stories: a search, tag or profile page, a page updated in
    place, and, unless a query parameter picks one page of it (`/?p=123`), a home,
    section or date archive."""
    segments = [s for s in path.lower().split("/") if s]
    while segments and _LOCALE.match(segments[0]):
        segments = segments[1:]
    for at, segment in enumerate(segments):
        rest = segments[at + 1 :]
        # `/tag/ai` lists; `/releases/tag/v1.2` and `/t/topic/1303303` name one page.
        if _TAXONOMY.match(segment) and (not rest or (len(rest) == 1 and _WORD.match(rest[0]))):
            return True
    if segments and _LIVING.search(segments[-1]):
        return True
    if has_params:
        return False
    # One plain word is a section or a profile (`/ai`, `/sama`); after a section
    # (`/index/sora`) it is an article's slug.
    if len(segments) == 1 and _PLAIN_SEGMENT.match(segments[0]):
        return True
    while segments and _SECTIONS.match(segments[0]):
        segments = segments[1:]
    if not segments:
        return True
    return _YEAR.match(segments[0]) is not None and all(map(_DATEISH.match, segments))


def story_keys(item_keys: Sequence[str], urls: Sequence[str | None]) -> list[str]:
    """The story of each item of one post, in order.

    A digest carries a story once: when several items of one post link the same page
    (one article split into points, or a shared source page), the first joins the
    story and the others stay stories of their own, so reading one point never reads
    its siblings.
    """
    seen: set[str] = set()
    keys: list[str] = []
    for item_key, url in zip(item_keys, urls, strict=True):
        key = story_key(url, item_key)
        if key in seen:
            key = item_key
        seen.add(key)
        keys.append(key)
    return keys
