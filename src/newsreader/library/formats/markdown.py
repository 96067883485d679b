"""Markdown articles, as static-site generators and note apps save them.

Metadata comes from YAML (``---``) or TOML (``+++``) front matter when there is some, else from a
leading ``# Title``. The body stays Markdown, split into blocks, for the reader to render;
only control characters and escape sequences are taken out of it, and the character references
(``&#x202e;``) that the renderer would decode into one of them.
"""

from __future__ import annotations

import datetime as dt
import html.entities
import re
import tomllib
from collections.abc import Mapping
from typing import Any

import yaml

from ..models import Article
from ..sanitize import clean_line, clean_text
from .meta import (
    date_from_name,
    date_from_url,
    find_url,
    footer_label,
    only_url,
    parse_date_line,
    source_from_url,
    title_from_name,
)

__all__ = ["parse_markdown"]

_FRONT_MATTER = {
    "---": re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M),
    "+++": re.compile(r"^\+\+\+[ \t]*$", re.M),
}
_ATX_HEADING = re.compile(r"#{1,6}[ \t]+(?P<title>.*?)(?:[ \t]+#+)?[ \t]*")
_SETEXT_UNDERLINE = re.compile(r"=+[ \t]*|-+[ \t]*")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})", re.M)

# Inline Markdown that a plain-text title should not show: links, emphasis, code spans.
_LINK = re.compile(r"!?\[([^\]\n]{0,300})\]\([^)\n]{0,500}\)")
_LINK_TARGET = re.compile(r"\[[^\]\n]{0,300}\]\(([^)\s]{1,500})\)")
_EMPHASIS = re.compile(r"(?<!\w)(\*{1,3}|_{1,3}|`+)(?=\S)([^\n]{0,300}?\S)\1(?!\w)")

# A character reference as markdown-it decodes one: in text up to 6 hex or 7 decimal digits, in
# link destinations and titles up to 8; names are HTML5's, case-sensitive, with the semicolon.
_REFERENCE = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,8})|([A-Za-z][A-Za-z0-9]{1,31}));")
_JOINERS = ("\u200c", "\u200d")  # kept by sanitize inside words, where Persian and Indic need them

_KEYS = {
    "title": ("title", "headline", "name"),
    "date": ("date", "published", "pubdate", "published_at", "created", "publishdate"),
    "url": ("url", "link", "canonical_url", "original_url", "source_url", "permalink"),
    "source": ("source", "publisher", "site", "outlet", "publication"),
    "tags": ("tags", "keywords", "categories", "topics"),
    "author": ("author", "authors", "byline", "creator"),
}
_MAX_TITLE = 200
_MAX_TITLE_WORDS = 25
_MAX_TAGS = 50
_FOOTER_BLOCKS = 3


def parse_markdown(text: str, name: str) -> tuple[Article, ...] | str:
    """One article from a Markdown file; a problem reason when it holds nothing."""
    meta, text = _split_front_matter(text)
    blocks = _blocks(clean_text(text))
    title = _title(meta.get("title"))
    if title is None and blocks:
        title, rest = _heading(blocks[0])
        if title is not None:
            blocks[:1] = [rest] if rest else []
    if not title and not blocks and not meta:
        return "no text"
    date, published = _date(meta.get("date"))
    if date is None and blocks:
        dated = parse_date_line(_plain(blocks[0]))
        if dated is not None:
            date, published = dated
            blocks.pop(0)  # a date line under the heading, as in a scraped page
    url = _url(meta.get("url")) or _footer_url(blocks)
    source = _scalar(meta.get("source"))
    return (
        Article(
            title=title or title_from_name(name),
            body=tuple(blocks),
            date=date or (date_from_url(url) if url else None) or date_from_name(name),
            url=url,
            source=source or source_from_url(url),
            tags=_tags(meta.get("tags")),
            markup="markdown",
            author=_author(meta.get("author")),
            published=published,
        ),
    )


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter's known fields and the text after it.

    Broken front matter (invalid YAML or TOML, or not a table of fields) is kept as body text:
    the opening ``---`` may have been a thematic break, and the reader would rather see stray
    metadata than miss a paragraph.
    """
    text = text.lstrip("\ufeff")
    opener = text[:3]
    closing = _FRONT_MATTER.get(opener)
    if closing is None or text[3:4] not in ("\n", " ", "\t"):
        return {}, text
    end = closing.search(text, text.find("\n") + 1 if "\n" in text else len(text))
    if end is None:
        return {}, text
    raw, rest = text[text.find("\n") + 1 : end.start()], text[end.end() :]
    try:
        loaded = tomllib.loads(raw) if opener == "+++" else yaml.safe_load(raw)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        loaded = None
    if not isinstance(loaded, Mapping):
        return {}, text  # not front matter after all: keep it as text rather than lose it
    fields = {str(key).lower(): value for key, value in loaded.items()}
    meta: dict[str, Any] = {}
    for field, keys in _KEYS.items():
        for key in keys:
            if fields.get(key) is not None:
                meta[field] = fields[key]
                break
    return meta, rest


def _blocks(text: str) -> list[str]:
    """Blocks separated by blank lines; a fenced code block stays whole, blank lines and all."""
    blocks: list[str] = []
    position = 0
    while position < len(text):
        fence = _FENCE.search(text, position)
        prose_end = fence.start() if fence else len(text)
        blocks.extend(_split_prose(text[position:prose_end]))
        if fence is None:
            break
        marker = fence.group(1)
        closing = re.compile(rf"^[ ]{{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$", re.M)
        end = closing.search(text, text.find("\n", fence.end()) + 1 or len(text))
        position = _line_end(text, end.end()) if end else len(text)
        code = text[fence.start() : position].strip("\n")
        if code.strip():
            blocks.append(code)
    return blocks


def _split_prose(text: str) -> list[str]:
    text = _REFERENCE.sub(_safe_reference, text) if "&" in text else text
    return [block.strip("\n") for block in _BLANK_LINES.split(text) if block.strip()]


def _safe_reference(match: re.Match[str]) -> str:
    """A character reference as it was when the character is one the text may hold, else the
    characters sanitize keeps of it (usually none) as references again.

    The file's text was cleaned as written, but the renderer decodes ``&#x202e;`` into a bidi
    override after that; so a reference to a control, bidi, tag or invisible character goes here,
    and neither the reader nor the search index ever sees it. Fenced code is not passed here:
    there a reference is literal text. An unknown name, or a number past U+10FFFF, is not
    decoded at all and stays.
    """
    hex_digits, digits, name = match.groups()
    if name is not None:
        decoded = html.entities.html5.get(name + ";")
        if decoded is None:
            return match.group()
    else:
        code = int(hex_digits, 16) if hex_digits is not None else int(digits)
        if code > 0x10FFFF:
            return match.group()
        decoded = chr(code)
    if decoded in _JOINERS or clean_text(decoded) == decoded:
        return match.group()
    return "".join(f"&#x{ord(char):x};" for char in clean_text(decoded))


def _line_end(text: str, position: int) -> int:
    newline = text.find("\n", position)
    return len(text) if newline < 0 else newline


def _heading(block: str) -> tuple[str | None, str]:
    """The title and the rest of the block when the first block starts with a heading (``#
    Title``, or ``Title`` over ``===``) or is one short line; else ``None`` and the block.
    """
    first, _, rest = block.partition("\n")
    if len(first) > _MAX_TITLE:
        return None, block
    match = _ATX_HEADING.fullmatch(first)
    if match:
        return _title(match.group("title")), rest
    underline, _, after = rest.partition("\n")
    if rest and _SETEXT_UNDERLINE.fullmatch(underline.strip()):
        return _title(first), after
    if not rest and len(first.split()) <= _MAX_TITLE_WORDS and not first.endswith((".", ",")):
        return _title(first), ""
    return None, block


def _plain(text: str) -> str:
    if len(text) > _MAX_TITLE:
        return clean_line(text)
    return clean_line(_EMPHASIS.sub(r"\2", _LINK.sub(r"\1", text)))


def _title(value: object) -> str | None:
    title = _scalar(value)
    return _plain(title) or None if title else None


def _scalar(value: object) -> str | None:
    """A front-matter value as a clean string, if it is a plain value and not a list or table."""
    if isinstance(value, str | int | float | dt.date) and not isinstance(value, bool):
        return clean_line(str(value)) or None
    return None


def _date(value: object) -> tuple[dt.date | None, dt.datetime | None]:
    """The front matter's date, and its moment when it gives a time of day (YAML and TOML read
    `2010-09-22 14:05:00+02:00` as a datetime themselves)."""
    if isinstance(value, dt.datetime):
        return value.date(), value
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        return parse_date_line(clean_line(value)) or (None, None)
    return None, None


def _author(value: object) -> str | None:
    """One name, or several joined: `author: Ann Lee` or `authors: [Ann Lee, Bo Chen]`."""
    if isinstance(value, list):
        names = [name for item in value if (name := _scalar(item))]
        return ", ".join(names) or None
    return _scalar(value)


def _url(value: object) -> str | None:
    text = _scalar(value)
    return find_url(text) if text else None


def _footer_url(blocks: list[str]) -> str | None:
    """The URL of an "Original url:" footer among the last blocks, which is removed."""
    for position in range(len(blocks) - 1, max(-1, len(blocks) - 1 - _FOOTER_BLOCKS), -1):
        block = blocks[position]
        if len(block) > _MAX_TITLE:
            continue
        rest = footer_label(clean_line(_LINK_TARGET.sub(r"\1", block)))
        url = only_url(rest) if rest else None
        if url:
            del blocks[position]
            return url
    return None


def _tags(value: object) -> tuple[str, ...]:
    """Tags as a list or a comma-separated string; anything nested is ignored, not stringified
    (a YAML alias bomb would otherwise expand to gigabytes here).
    """
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        return ()
    tags: list[str] = []
    for item in items[:_MAX_TAGS]:
        tag = _scalar(item)
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags)
