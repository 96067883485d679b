"""What feedparser makes of one element of a feed, for the lxml fast path (``feed_tree``).

The fast path must give the very ``Article`` that feedparser's reading gives, so each rule here
copies one of feedparser's (6.0, ``mixin.py`` and ``namespaces/_base.py``), and uses its own
helpers where it has them: its date parser, its guess at whether a title is HTML, its URL joiner.
Whatever the rules do not cover raises ``Unsure``, and the feed is read by feedparser instead.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252
from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin
from lxml import etree

__all__ = [
    "HTML_TYPES",
    "XML_LANG",
    "Tags",
    "Unsure",
    "check_attrs",
    "leaf_text",
    "link_text",
    "popped",
    "save_date",
    "typed_title",
]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TYPES = {"text": "text/plain", "plain": "text/plain", "html": "text/html"}
_ENTITY_LIKE = re.compile("&([A-Za-z0-9_]+);")
_C1 = re.compile("[\x80-\x9f]")


class Unsure(Exception):
    """The fast path cannot promise feedparser's reading of this feed, which reads it instead."""


def check_attrs(element: etree._Element, allowed: frozenset[str]) -> None:
    """Attributes the rules know; any other (``xml:base``, ``src``, ``mode`` ...) may change what
    feedparser reads, so it is not guessed at."""
    for key in element.attrib:
        if key not in allowed and key != XML_LANG:
            raise Unsure(f"attribute {key}")


def leaf_text(element: etree._Element, allowed: frozenset[str] = frozenset()) -> str:
    """An element's text as feedparser collects it. An element inside it (or a comment, which
    lxml keeps as a child) would be read as inline XHTML or split the text: not a leaf."""
    check_attrs(element, allowed)
    if len(element):
        raise Unsure(f"children in {element.tag}")
    return (element.text or "").strip()


def popped(text: str) -> str:
    """feedparser's last touches to every text it keeps: UTF-8 that reads as Latin-1 is decoded
    again, and C1 control characters become the Windows-1252 characters they stand for."""
    if text.isascii():  # neither touch changes it, and str.translate is slow
        return text
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        text = text.encode("iso-8859-1").decode("utf-8")
    return text.translate(_cp1252) if _C1.search(text) else text


def link_text(text: str, item: bool = True) -> str:
    """A ``<link>``'s text as feedparser keeps it, query ``&amp;`` mended as it does (an item's
    link has one more mending than the channel's)."""
    value = popped(_urljoin("", text))
    if item:
        value = value.replace("&amp;", "&")
    return _ENTITY_LIKE.sub(r"&\g<1>", value)


def typed_title(element: etree._Element, atom: bool) -> dict[str, Any]:
    """``title`` and its ``title_detail`` type: an RSS title is HTML when it looks like it, an
    Atom one when its ``type`` says so (XHTML titles are not covered)."""
    if atom:
        text = leaf_text(element, frozenset({"type"}))
        kind = element.get("type", "text").lower()
        kind = _TYPES.get(kind, kind)
        if kind not in ("text/plain", "text/html"):
            raise Unsure(f"title type {kind}")
    else:
        text = leaf_text(element)
        kind = "text/html" if _FeedParserMixin.looks_like_html(text) else "text/plain"
    return {"title": popped(text), "title_detail": {"type": kind}}


def save_date(entry: dict[str, Any], key: str, element: etree._Element) -> None:
    """One of feedparser's three dates, as it keeps them: the string and its parse."""
    if key in entry:
        raise Unsure(f"two {key} dates")
    value = popped(leaf_text(element))
    entry[key] = value
    entry[f"{key}_parsed"] = _parse_date(value)


class Tags:
    """An item's categories as feedparser lists them (``_add_tag``, ``_end_category``): a
    category's text fills the term of a tag its attributes began, and equal tags are kept once."""

    def __init__(self) -> None:
        self._tags: list[list[str | None]] = []

    def add(self, term: str | None, scheme: str | None, label: str | None) -> None:
        if (term or scheme or label) and [term, scheme, label] not in self._tags:
            self._tags.append([term, scheme, label])

    def category(self, element: etree._Element, attrs: frozenset[str]) -> None:
        scheme = element.get("scheme", element.get("domain"))
        self.add(element.get("term"), scheme, element.get("label"))
        value = popped(leaf_text(element, attrs))
        if not value:
            return
        if self._tags and not self._tags[-1][0]:
            self._tags[-1][0] = value
        else:
            self.add(value, None, None)

    def save(self, entry: dict[str, Any]) -> None:
        if self._tags:
            entry["tags"] = [{"term": term} for term, _, _ in self._tags]
