"""Markdown that says only what it is told: text escaped so it renders to itself, and link
destinations that cannot end early or run a script.

Text from article files is data: ``<script>``, ``[x](javascript:..)``, ``*stars*`` or a leading
``#`` must come out of a Markdown renderer as that text, never as HTML, a link, an image,
emphasis or a heading. Only http and https urls become links. The bookmarks export and the HTML
and feed parsers (which build Markdown blocks from element trees) both write Markdown with these.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["LINK_SCHEMES", "markdown_plain", "markdown_text", "markdown_url"]

LINK_SCHEMES = ("http", "https")

# HTML's three as entities, which every Markdown renderer passes through as text.
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Punctuation that means something inline (code, emphasis, links, images, tables, strikethrough,
# math) is backslash-escaped wherever it is; CommonMark allows a backslash before any of it.
_INLINE = re.compile(r"[\\`*_\[\]()!|~{}$&<>]")
# What means something only at the start of a line (here: the start of a list item's text):
# headings, block quotes, list markers, thematic breaks, setext underlines, ordered lists.
_LINE_START = re.compile(r"^(?:[#+\-=]|(\d{1,9})[.)])")
# In a link destination: what could end it (parentheses, angle brackets, whitespace, which would
# start a link title) is percent-encoded; a backslash, which would escape the next character,
# too; an ampersand only where it would start a character reference, and by a backslash, since
# %26 would change what the url means.
# What markdown_plain takes out: the markers that start our blocks' lines, then backslash
# escapes, link destinations (no space or parenthesis in them: markdown_url encoded those),
# the brackets that open links, and the three entities.
_MARKERS = re.compile(r"^(?:#{1,6} |> ?|- |\d{1,9}\. |\s+)*", re.MULTILINE)
_WRITTEN = re.compile(r"\\(.)|\]\([^)\s]*\)|\[|&(amp|lt|gt);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}
_URL_UNSAFE = re.compile(r"[\s()<>\\]|&(?=#?[A-Za-z0-9]+;)")


def markdown_text(text: str) -> str:
    """``text`` as Markdown that renders to exactly ``text``, with no markup of its own."""
    escaped = _INLINE.sub(_escape_inline, text)
    return _LINE_START.sub(_escape_line_start, escaped, count=1)


def markdown_plain(block: str) -> str:
    """The text of a block that this module's functions wrote (not of any Markdown): escapes
    undone, link destinations and line markers dropped. For a title made of a body's words."""
    text = _MARKERS.sub("", block)
    return " ".join(_WRITTEN.sub(_unwrite, text).split())


def markdown_url(url: str | None) -> str | None:
    """``url`` as a link destination, when it is an http or https address; else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # an invalid IPv6 host, say
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return _URL_UNSAFE.sub(_percent_encode, url)


def _escape_inline(match: re.Match[str]) -> str:
    char = match.group()
    return _HTML.get(char) or "\\" + char


def _escape_line_start(match: re.Match[str]) -> str:
    digits = match.group(1)
    if digits is not None:  # "1. " or "1) " would start an ordered list
        return digits + "\\" + match.group()[-1]
    return "\\" + match.group()


def _unwrite(match: re.Match[str]) -> str:
    escaped, entity = match.group(1), match.group(2)
    if escaped is not None:
        return escaped
    return _ENTITIES[entity] if entity else ""


def _percent_encode(match: re.Match[str]) -> str:
    if match.group() == "&":
        return "\\&"
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))
