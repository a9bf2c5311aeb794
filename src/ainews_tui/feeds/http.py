"""One HTTP GET of a feed, with the limits an untrusted server calls for.

Timeouts (connect, and a deadline for the whole download, headers included), a body
cap checked while streaming and decoding (so a 50 MB body or a gzip bomb costs at most
the cap plus one step), at most five redirects, http and https only, gzip, and
conditional GET.
"""

from __future__ import annotations

import ssl
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import httpx

from .. import __version__
from ..config import FeedSettings
from .entry import FeedError
from .inflate import ACCEPTED, decoded
from .retry import RETRY_STATUSES, FeedRetryLater, retry_after, shown

USER_AGENT = f"ainews/{__version__}"
MAX_REDIRECTS = 5
_GRACE = 0.5
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1"
)


@dataclass(frozen=True)
class FetchResult:
    url: str
    """The URL after redirects."""
    status: int
    """200, or 304 when the validators sent still hold (then `body` is empty)."""
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    moved_to: str | None = None
    """The new URL when every redirect on the way was permanent (301 or 308)."""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch(
    url: str,
    limits: FeedSettings,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FetchResult:
    """GET `url`; raises FeedError with a one-line reason for anything but 200 or 304.

    The request runs in a thread of its own and is given up at the deadline: httpx's
    timeouts are per read, so a server that trickles its headers one byte a second
    would otherwise hold a sync for hours (the deadline in the body loop never runs).
    """
    check_web_url(url)
    headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": ACCEPTED}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(limits.total_timeout, connect=limits.connect_timeout)
    deadline = time.monotonic() + limits.total_timeout
    client = httpx.Client(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=timeout,
        headers=headers,
        verify=_tls(),
    )
    outcome: list[FetchResult | BaseException] = []

    def run() -> None:
        try:
            with client, client.stream("GET", url) as response:
                outcome.append(_read(response, limits, deadline))
        except BaseException as exc:  # handed over to the thread that waits, below
            outcome.append(exc)

    worker = threading.Thread(target=run, name="ainews-fetch", daemon=True)
    worker.start()
    # A moment of grace lets httpx's own read timeout, which ends at the same deadline,
    # report a server that sent nothing at all as such.
    worker.join(max(0.0, deadline - time.monotonic()) + _GRACE)
    if not outcome:
        # Closing the client drops its connection; the abandoned thread ends at its
        # next read, and being a daemon it never holds up the exit.
        client.close()
        raise FeedError(f"timed out: the download took longer than {limits.total_timeout:g} s")
    result = outcome[0]
    if isinstance(result, FetchResult):
        return result
    if isinstance(result, httpx.HTTPError):
        raise FeedError(_reason(result, limits)) from None
    if isinstance(result, httpx.InvalidURL):
        raise FeedError(f"invalid URL ({result})") from None
    raise result


@cache
def _tls() -> ssl.SSLContext:
    # Loading the CA bundle takes ~0.1 s; build it once, not once per feed.
    return httpx.create_ssl_context()


def check_web_url(url: str) -> None:
    """Raise FeedError unless `url` is an absolute http or https URL."""
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or not rest.strip("/"):
        raise FeedError(f"not an http or https URL: {url}")


def _read(response: httpx.Response, limits: FeedSettings, deadline: float) -> FetchResult:
    status = response.status_code
    if status == 304:
        return _result(response, b"")
    if status != 200:
        phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
        if status in RETRY_STATUSES:
            until = retry_after(response.headers.get("retry-after"), datetime.now().astimezone())
            if until is not None:
                wait = f"the server asks to wait, next try after {shown(until)}"
                raise FeedRetryLater(f"HTTP {status}{phrase}; {wait}", until)
        raise FeedError(f"HTTP {status}{phrase}")
    announced = response.headers.get("content-length", "")
    if announced.isdigit() and int(announced) > limits.max_bytes:
        raise FeedError(f"{_size(int(announced))} body is over the {_size(limits.max_bytes)} limit")
    chunks: list[bytes] = []
    received = 0
    # Decoded in bounded steps, so the cap also stops gzip bombs before they grow.
    encoding = response.headers.get("content-encoding", "")
    for chunk in decoded(response.iter_raw(), encoding):
        received += len(chunk)
        if received > limits.max_bytes:
            raise FeedError(f"body is over the {_size(limits.max_bytes)} limit")
        if time.monotonic() > deadline:
            raise FeedError(f"download took longer than {limits.total_timeout:g} s")
        chunks.append(chunk)
    if not received:
        raise FeedError("empty response")
    return _result(response, b"".join(chunks))


def _result(response: httpx.Response, body: bytes) -> FetchResult:
    permanent = bool(response.history) and all(
        r.status_code in (301, 308) for r in response.history
    )
    return FetchResult(
        url=str(response.url),
        status=response.status_code,
        body=body,
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        moved_to=str(response.url) if permanent else None,
    )


def _reason(exc: httpx.HTTPError, limits: FeedSettings) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return f"no connection within {limits.connect_timeout:g} s"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out: no data for {limits.total_timeout:g} s"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({_first_line(exc) or 'connection failed'})"
    if isinstance(exc, httpx.TooManyRedirects):
        return f"more than {MAX_REDIRECTS} redirects"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return f"redirected to a URL that is not http or https ({_first_line(exc)})"
    if isinstance(exc, httpx.DecodingError):
        return "the compressed body is corrupt"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke the connection ({_first_line(exc)})"
    return f"{type(exc).__name__}: {_first_line(exc)}"


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.3g} MB" if n >= 1024 * 1024 else f"{n} bytes"
