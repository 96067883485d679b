"""An Atom 1.0 feed's fields as feedparser keys them, for the lxml fast path (``feed_tree``).

Atom says what its text is (``type`` text, html or xhtml), so no guessing; XHTML content is
written back out as feedparser writes it (lower-case tags, every element closed, one enclosing
``<div>`` dropped) for ``html_blocks`` to read. A link's ``rel`` and ``type`` decide whether it
is the entry's link, the last such winning, and the ``<id>`` stands in when none is.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin
from lxml import etree

from .feed_text import (
    HTML_TYPES,
    Tags,
    Unsure,
    check_attrs,
    leaf_text,
    popped,
    save_date,
    typed_title,
)

__all__ = ["ATOM", "read_atom"]

ATOM = "http://www.w3.org/2005/Atom"
_NS = f"{{{ATOM}}}"
_XHTML = "{http://www.w3.org/1999/xhtml}"
_NONE: frozenset[str] = frozenset()
_LINK_ATTRS = frozenset({"href", "rel", "type", "hreflang", "title", "length"})
_CONTENT_TYPES = {
    "text": "text/plain",
    "html": "text/html",
    "xhtml": "application/xhtml+xml",
    "text/plain": "text/plain",
    "text/html": "text/html",
}
# feed and entry elements feedparser keeps under keys an Article never reads; leaves only
_FEED_IGNORED = frozenset(
    {"subtitle", "updated", "generator", "icon", "logo", "rights", "category"}
)
_ENTRY_IGNORED = frozenset(
    {
        f"{_NS}rights",
        "{http://rssnamespace.org/feedburner/ext/1.0}origLink",
        "{http://search.yahoo.com/mrss/}content",
        "{http://search.yahoo.com/mrss/}thumbnail",
    }
)


def read_atom(root: etree._Element) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The feed's title and link, and every entry's fields."""
    check_attrs(root, _NONE)
    feed: dict[str, Any] = {}
    entries = []
    ident: str | None = None
    for child in root:
        local = _local(child)
        if local is None:
            continue
        if local in ("title", "id") and (local in feed or (local == "id" and ident)):
            raise Unsure(f"two feed {local}s")
        if local == "title":
            feed.update(typed_title(child, atom=True))
        elif local == "link":
            if (href := _alternate(child)) is not None:
                feed["link"] = href
        elif local == "id":
            ident = _ident(child)
        elif local == "entry":
            entries.append(_entry(child))
        elif local in ("author", "contributor"):
            _person(child)
        elif local not in _FEED_IGNORED or len(child):
            raise Unsure(f"feed element {child.tag}")
    if ident is not None:
        feed.setdefault("link", ident)
    return feed, entries


def _local(element: etree._Element) -> str | None:
    """An Atom element's name; None for a comment; Unsure for an element of another namespace
    (an entry has its own list of those it may skip)."""
    tag = element.tag
    if not isinstance(tag, str):
        return None
    if not tag.startswith(_NS):
        raise Unsure(f"element {tag}")
    return tag[len(_NS) :]


def _entry(entry_element: etree._Element) -> dict[str, Any]:
    check_attrs(entry_element, _NONE)
    entry: dict[str, Any] = {}
    tags = Tags()
    ident: str | None = None
    seen: set[str] = set()
    for child in entry_element:
        if child.tag in _ENTRY_IGNORED and isinstance(child.tag, str):
            if len(child):
                raise Unsure(f"children in {child.tag}")
            continue
        local = _local(child)
        if local is None:
            continue
        if local in seen and local not in ("link", "category", "contributor"):
            raise Unsure(f"two {local}s in an entry")
        seen.add(local)
        if local == "title":
            entry.update(typed_title(child, atom=True))
        elif local == "link":
            if (href := _alternate(child)) is not None:
                entry["link"] = href
        elif local == "id":
            ident = _ident(child)
        elif local == "content":
            value = _text_construct(child)
            entry["content"] = [{"value": value}]
            entry.setdefault("summary", value)
        elif local == "summary":
            entry["summary"] = _text_construct(child)
        elif local in ("published", "updated"):
            save_date(entry, local, child)
        elif local == "category":
            tags.category(child, frozenset({"term", "scheme", "label"}))
        elif local == "author":
            entry["author"] = _person(child)
        elif local == "contributor":
            _person(child)
        else:
            raise Unsure(f"entry element {child.tag}")
    if ident is not None:
        entry.setdefault("link", ident)
    tags.save(entry)
    return entry


def _alternate(element: etree._Element) -> str | None:
    """The address of a link feedparser takes for the page (``rel="alternate"``, the default, of
    an HTML type), else None. A link without ``href`` would be read by its text: not covered."""
    check_attrs(element, _LINK_ATTRS)
    href = element.get("href")
    if href is None or len(element):
        raise Unsure("link without href")
    rel = element.get("rel", "alternate").lower()
    kind = element.get("type", "application/atom+xml" if rel == "self" else "text/html").lower()
    if rel == "alternate" and _FeedParserMixin.map_content_type(kind) in HTML_TYPES:
        return str(_urljoin("", href))
    return None


def _ident(element: etree._Element) -> str:
    """An ``<id>``, which feedparser treats as a permalink: the link when no link is."""
    return popped(_urljoin("", leaf_text(element)))


def _person(element: etree._Element) -> str:
    """An author as feedparser's ``entry.author`` has it: "name (email)", the name or the email;
    the element's own text when it has no parts."""
    check_attrs(element, _NONE)
    parts: dict[str, str] = {}
    own = element.text or ""
    for child in element:
        own += child.tail or ""
        local = _local(child)
        if local is None:
            continue
        if local not in ("name", "email", "uri") or local in parts:
            raise Unsure(f"{local} in a person")
        parts[local] = leaf_text(child)  # name and email are not popped: no decoding touches
    if parts and own.strip():
        raise Unsure("text beside a person's parts")
    name, email = parts.get("name"), parts.get("email")
    if name and email:
        return f"{name} ({email})"
    return name or email or popped(own.strip())


def _text_construct(element: etree._Element) -> str:
    """Content or summary: text or HTML as its text, XHTML written out as feedparser does. A
    ``src`` or ``mode`` attribute, or another type, is not covered."""
    check_attrs(element, frozenset({"type"}))
    kind = _CONTENT_TYPES.get(element.get("type", "text").lower())
    if kind is None:
        raise Unsure(f"content type {element.get('type')}")
    if kind != "application/xhtml+xml":
        return popped(leaf_text(element, frozenset({"type"})))
    pieces: list[str] = []
    if element.text:
        pieces.append(escape(element.text))
    for child in element:
        _write(child, pieces)
    return popped("".join(_unwrapped(pieces)).strip())


def _write(element: etree._Element, pieces: list[str]) -> None:
    """One XHTML element as feedparser writes it back: one piece per tag. A comment is dropped
    but not the text after it; an element of another namespace (SVG, MathML) is not covered."""
    tag = element.tag
    if isinstance(tag, str):
        local = tag[len(_XHTML) :].lower() if tag.startswith(_XHTML) else "body"
        if local == "body":  # feedparser ends the content at an XHTML <body>
            raise Unsure(f"element {tag} in XHTML content")
        attrs: dict[str, str] = {}
        for key, value in element.attrib.items():
            name = str(key).lower()
            if name.startswith("{") or name in attrs:
                raise Unsure(f"attribute {key} in XHTML content")
            attrs[name] = str(value).lower() if name in ("rel", "type") else str(value)
        pieces.append(f"<{local}{_FeedParserMixin.strattrs(list(attrs.items()))}>")
        if element.text:
            pieces.append(escape(element.text))
        for child in element:
            _write(child, pieces)
        pieces.append(f"</{local}>")
    if element.tail:
        pieces.append(escape(element.tail))


def _unwrapped(pieces: list[str]) -> list[str]:
    """feedparser's Atom rule: blank pieces at either end dropped, then a ``<div>`` that holds
    everything else."""
    while len(pieces) > 1 and not pieces[-1].strip():
        del pieces[-1]
    while len(pieces) > 1 and not pieces[0].strip():
        del pieces[0]
    if (
        pieces
        and (pieces[0] == "<div>" or pieces[0].startswith("<div "))
        and pieces[-1] == "</div>"
    ):
        depth = 0
        for piece in pieces[:-1]:
            if piece.startswith("</"):
                depth -= 1
                if depth == 0:
                    return pieces
            elif piece.startswith("<") and not piece.endswith("/>"):
                depth += 1
        return pieces[1:-1]
    return pieces
