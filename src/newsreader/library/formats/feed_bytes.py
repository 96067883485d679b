"""A feed file's bytes as feedparser should get them: raw when the feed declares an encoding that
decodes them, transcoded to UTF-8 when it declares none or one that does not fit.

feedparser reads the XML declaration itself, so a feed that says ``encoding="gb2312"`` and is
must reach it untouched: decoding it first (as a Western code page, say) and encoding the text as
UTF-8 gave double mojibake. What feedparser cannot do is guess: undeclared legacy bytes, UTF-16
without a byte-order mark, or a GB2312 label on GBK bytes send it to its Windows-1252 fallback.
Those are decoded here (``encoding.decode``, or the declared code page's superset) and handed on
as UTF-8 with the declaration saying so.
"""

from __future__ import annotations

import codecs
import re

from ..encoding import decode

__all__ = ["feed_bytes"]

_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32's start like these
_DECLARATION = re.compile(
    rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']"
)
_TEXT_DECLARATION = re.compile(
    r"^(\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"'])([A-Za-z0-9._:-]{1,40})"
)
# What sites label as the standard code page when they mean the larger one Windows writes.
_SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
    "iso8859-8": "cp1255",
    "iso8859-2": "cp1250",
    "iso8859-5": "cp1251",
}


def feed_bytes(data: bytes) -> bytes:
    """Bytes that feedparser decodes right. Raises ``encoding.DecodeError`` for binary data."""
    if data.startswith(_BOMS):
        return data
    declared = _DECLARATION.match(data)
    codec = _codec(declared.group(1).decode("ascii")) if declared else None
    if codec is not None:
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            text = data.decode(_SUPERSETS.get(codec, codec), errors="replace")
            return _as_utf8(text)
        return data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return _as_utf8(decode(data))
    if b"\x00" in data:  # valid UTF-8, and UTF-16 or UTF-32 without a byte-order mark
        return _as_utf8(decode(data))
    return data


def _codec(label: str) -> str | None:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _as_utf8(text: str) -> bytes:
    """``text`` as UTF-8, its XML declaration (if any) saying so."""
    return _TEXT_DECLARATION.sub(r"\1utf-8", text, count=1).encode("utf-8", "replace")
