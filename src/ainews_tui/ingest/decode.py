"""Turn the bytes of an untrusted file into text with LF line endings, or say why not."""

from __future__ import annotations

import codecs

from ..safe import clean_text


class SkipFile(Exception):
    """A file that is not a post; the message is the reason shown in the sync summary."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16/32 with a BOM, or GB18030, with LF
    line endings and no terminal control in it.

    Raises SkipFile for binary data or text in none of those encodings.
    """
    # Escape sequences and control characters go before anything reads the text.
    # Removed at display time only, an OSC sequence inside link text (`[ESC]0;T BEL x](u)`)
    # has already broken the link apart, leaving `0;T` in the headline; and one raw
    # control character in front matter makes the YAML invalid, losing title, date and
    # categories. Whole sequences go, not only their ESC byte; tabs and newlines stay.
    return clean_text(_decoded(data))


def _decoded(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalize_newlines(data.decode(encoding))
            except UnicodeDecodeError:
                raise SkipFile(f"not valid {encoding.upper()} text despite its BOM") from None
    if b"\x00" in data[:8192]:
        raise SkipFile("binary file (NUL bytes)")
    for encoding in ("utf-8", "gb18030"):
        try:
            return normalize_newlines(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise SkipFile("not UTF-8, UTF-16 or GB18030 text")


def normalize_newlines(text: str) -> str:
    """CRLF, lone CR and mixed endings all become LF; NUL becomes U+FFFD."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    return text
