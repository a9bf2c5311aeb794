"""Make untrusted text safe to show: no terminal control, no bidi tricks, no odd schemes.

Markup is never interpreted because callers build `rich.text.Text` objects from plain
strings; this module removes what a terminal itself would act on.
"""

from __future__ import annotations

import re

UNSAFE_BEYOND_C0 = "\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c"
"""A regex class body: DEL, C1 controls, and bidi embeddings, overrides and isolates (the
"Trojan Source" characters) that can reorder what the user sees."""
# Those, and C0 controls except tab and newline.
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f{UNSAFE_BEYOND_C0}]")
# An OSC string (`ESC ] … BEL` or `… ESC \`) goes whole; one never terminated loses only
# its introducer and numbers, not the rest of the text it would swallow.
_ANSI = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\](?:[^\x07\x1b\n]*(?:\x07|\x1b\\)|[0-9;]*)|[@-Z\\-_])"
)


def clean_text(text: str) -> str:
    """Remove escape sequences and control characters; keep tabs and newlines."""
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """One display line: controls removed and every run of whitespace a single space."""
    return " ".join(clean_text(text).split())


def is_web_url(url: str | None) -> bool:
    """Only http and https links are ever opened or made clickable."""
    return bool(url) and str(url).strip().lower().startswith(("http://", "https://"))
