"""Reading a post and rendering it, for the reader's worker threads."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..i18n import Catalogue
from .entries import Entry
from .gateway import Gateway
from .markdown_lines import RenderedPost, header_renderables, render_post


def rendered_post(
    gateway: Gateway,
    t: Catalogue,
    entry: Entry,
    width: int,
    *,
    cancelled: Callable[[], bool],
    first_view: bool = True,
    most_chars: int | None = None,
) -> Iterator[RenderedPost] | None:
    """The renders of `entry`'s post (see `render_post`; with `first_view` its story is
    yielded first when the post is long), None when the post has gone, nothing when it
    is longer than `most_chars`. Raises sqlite3.Error."""
    loaded = gateway.post(entry.post_key)
    if loaded is None:
        return None
    post, body, stories = loaded
    if most_chars is not None and len(body) > most_chars:
        return iter(())
    header = header_renderables(post, t, t.long_date(post.date))
    target = entry.start_line if entry.kind == "item" and first_view else None
    return render_post(post, body, stories, width, header, target=target, cancelled=cancelled)
