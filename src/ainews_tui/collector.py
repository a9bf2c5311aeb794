"""How an `ainews` process collects garbage.

Textual allocates a great many short-lived objects per frame (strips, segments and the
caches each strip carries). With CPython's default thresholds (700, 10, 10), 60 moves
through 1,000 posts ran 9-10 full collections, each walking every object the process
holds, imported modules included: 47-90 ms each, a dropped frame every time. With young
collections 10,000 allocations apart the same moves run one, and take 2.3-2.7 s instead
of 2.8-2.9 s. `ainews list --items` of 10,000 stories, which builds a row object per
story, takes 0.49 s instead of 0.56 s.

Start-up objects are not frozen out of collections (`gc.freeze`), though that removes
the last full collection too: it also empties the count of long-lived objects CPython
weighs full collections against, and in tmux opening the next post then took 71-79 ms
instead of 55-57 ms.
"""

from __future__ import annotations

import gc

YOUNG_OBJECTS = 10_000
"""Allocations between two young collections (CPython's default is 700), so a key
press's garbage is mostly gone before it can age into the older generations."""


def tune_collector() -> None:
    """Call once per process, before the command's work."""
    gc.set_threshold(YOUNG_OBJECTS, 10, 10)
