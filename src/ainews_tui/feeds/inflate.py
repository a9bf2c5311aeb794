"""Content-Encoding decoding in bounded steps, so a gzip bomb never outgrows the body cap.

httpx's own decoder inflates each network read at once: one 64 KB read of a gzip bomb
becomes 64 MB before any cap can look at it (a 10 MB cap peaked at 175 MB). Here zlib
is asked for at most `step` bytes at a time and the rest of the input waits.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

from .entry import FeedError

ACCEPTED = "gzip, deflate"
"""What the request offers; anything else a server sends is refused with a reason."""
STEP = 64 * 1024
_GZIP_OR_ZLIB = 32 + zlib.MAX_WBITS
"""wbits that detect a gzip or a zlib header (HTTP `deflate` is zlib-wrapped)."""


def decoded(raw: Iterable[bytes], content_encoding: str, step: int = STEP) -> Iterator[bytes]:
    """The body as the server meant it, in pieces of at most `step` bytes."""
    codings = [c.strip().lower() for c in content_encoding.split(",")]
    codings = [c for c in codings if c not in ("", "identity")]
    if not codings:
        yield from raw
        return
    if len(codings) > 1 or codings[0] not in ("gzip", "x-gzip", "deflate"):
        raise FeedError(f"unsupported Content-Encoding {content_encoding.strip()!r}")
    inflater = zlib.decompressobj(_GZIP_OR_ZLIB)
    try:
        for chunk in raw:
            pending = chunk
            while pending and not inflater.eof:
                piece = inflater.decompress(pending, step)
                pending = inflater.unconsumed_tail
                if piece:
                    yield piece
        # Output zlib still holds once the input has run out, in steps too.
        while not inflater.eof and (piece := inflater.decompress(b"", step)):
            yield piece
    except zlib.error:
        raise FeedError("the compressed body is corrupt") from None
