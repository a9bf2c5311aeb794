"""Damage inside a SQLite write-ahead log, which SQLite itself never reports.

SQLite replays `-wal` frames up to the first one whose checksum fails and silently
ignores the rest, because a crash mid-write leaves exactly that: a torn last frame.
Damage in the middle looks the same to it, and the transactions after the damaged frame
vanish without a word. What tells the two apart is what follows: after a torn write
nothing intact does, after damage later frames still check out (each frame's checksum
is seeded by the one stored in the frame before, so a later frame can be verified on
its own). See https://www.sqlite.org/fileformat.html#the_write_ahead_log.
"""

from __future__ import annotations

import struct
import time
from pathlib import Path

_MAGIC = (0x377F0682, 0x377F0683)
"""Checksums in little-endian words, or in big-endian words."""
_HEADER = 32
_FRAME_HEADER = 24


def wal_damage(wal: Path) -> str | None:
    """Why `wal` is damaged, or None when it is sound, absent, or only cut short.

    A writer in another process can rewrite the log while it is read, so damage
    counts only when a second read a moment later finds the same bytes."""
    try:
        first = wal.read_bytes()
    except FileNotFoundError:
        return None
    reason = _damage(first)
    if reason is None:
        return None
    time.sleep(0.05)
    try:
        again = wal.read_bytes()
    except FileNotFoundError:
        return None
    return reason if again == first else None


def _damage(data: bytes) -> str | None:
    if len(data) <= _HEADER:
        return None
    magic, _version, page_size, _seq, salt1, salt2, sum1, sum2 = struct.unpack(
        ">8I", data[:_HEADER]
    )
    big_endian = magic == _MAGIC[1]
    if magic not in _MAGIC or _checksum(data[:24], (0, 0), big_endian) != (sum1, sum2):
        return "its write-ahead log header is damaged"
    frame = _FRAME_HEADER + page_size
    count = (len(data) - _HEADER) // frame
    first_bad: int | None = None
    seed = (sum1, sum2)
    for index in range(count):
        start = _HEADER + index * frame
        header = data[start : start + _FRAME_HEADER]
        f_salt1, f_salt2, f_sum1, f_sum2 = struct.unpack(">4I", header[8:])
        body = header[:8] + data[start + _FRAME_HEADER : start + frame]
        intact = (f_salt1, f_salt2) == (salt1, salt2) and _checksum(body, seed, big_endian) == (
            f_sum1,
            f_sum2,
        )
        if not intact and first_bad is None:
            first_bad = index
        elif intact and first_bad is not None:
            return f"frame {first_bad + 1} of its write-ahead log is damaged"
        seed = (f_sum1, f_sum2)
    return None


def _checksum(data: bytes, seed: tuple[int, int], big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum: a Fletcher-like sum over pairs of 32-bit words."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    s0, s1 = seed
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1
