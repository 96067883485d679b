"""A well-formed RSS feed read with lxml into the fields feedparser would give, or None.

feedparser is pure Python: it was half the CPU of a cold index of feeds (74 ms for 100 items).
libxml2 builds the tree in about a millisecond, and a walk over it takes feedparser's rules for
the fields an ``Article`` uses (``feed_text``, ``feed_atom``). Only what those rules cover is
read: a DOCTYPE or entity, an element or attribute they do not know, an unknown root, two titles
in one item - any doubt gives None, and ``feeds`` asks feedparser, which copes with all of it.
The parser loads no DTD, resolves no entity and touches no network: a feed file is untrusted.
"""

from __future__ import annotations

import re
from typing import Any

from feedparser.encodings import RE_XML_PI_ENCODING
from feedparser.urls import _urljoin
from lxml import etree

from .feed_atom import ATOM, read_atom
from .feed_text import (
    Tags,
    Unsure,
    check_attrs,
    leaf_text,
    link_text,
    popped,
    save_date,
    typed_title,
)

__all__ = ["read_tree"]

Feed = tuple[dict[str, Any], list[dict[str, Any]]]

_RSS1 = "{http://purl.org/rss/1.0/}"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"
_ABOUT = f"{{{_RDF}}}about"
_RESOURCE = f"{{{_RDF}}}resource"
_ATOM_LINK = f"{{{ATOM}}}link"
# feedparser's encoding rules are followed only where they are plain: its declaration pattern,
# the declared codec or UTF-8; a UTF-16 or UTF-32 document, or bytes the codec refuses, go to it
_OTHER_BOMS = (b"\xfe\xff", b"\xff\xfe", b"\x00\x00", b"\x00\x3c", b"\x3c\x00", b"\x4c\x6f")
_DECLARATION = re.compile(r"^<\?xml[^>]*?>")
_DECLARED = "<?xml version='1.0' encoding='utf-8'?>"
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# namespaces that make feedparser take a document for RSS 1.0 or 0.90 whatever its root says
_RSS_VERSIONS = re.compile(
    rb"purl\.org/rss/1\.0/[\"']|my\.netscape\.com/rdf/simple/0\.9/", re.IGNORECASE
)
_ATOM_DECLARED = re.compile(rb"www\.w3\.org/2005/atom", re.IGNORECASE)

_NONE: frozenset[str] = frozenset()
# the core elements of an item, named as RSS 2.0 (no namespace) and RSS 1.0 spell them
_ITEM_CORE = ("title", "link", "description", "guid", "pubDate", "category", "author")
_ITEM_DC = {
    f"{_DC}creator": "author",
    f"{_DC}subject": "category",
    f"{_DC}date": "updated",
    f"{_DCTERMS}issued": "published",
    f"{_DCTERMS}modified": "updated",
    f"{_DCTERMS}created": "created",
    "{http://purl.org/rss/1.0/modules/content/}encoded": "content",
}
# elements feedparser keeps under keys an Article never reads; their insides must be empty
_ITEM_IGNORED = frozenset(
    {
        "comments",
        "enclosure",
        "source",
        "{http://wellformedweb.org/CommentAPI/}commentRss",
        "{http://purl.org/rss/1.0/modules/slash/}comments",
        "{http://rssnamespace.org/feedburner/ext/1.0}origLink",
        "{http://search.yahoo.com/mrss/}content",
        "{http://search.yahoo.com/mrss/}thumbnail",
    }
)
_CHANNEL_IGNORED = frozenset(
    {
        "description",
        "language",
        "copyright",
        "managingEditor",
        "webMaster",
        "pubDate",
        "lastBuildDate",
        "category",
        "generator",
        "docs",
        "ttl",
        "rating",
        "cloud",
        *(
            f"{{http://purl.org/rss/1.0/modules/syndication/}}{name}"
            for name in ("updatePeriod", "updateFrequency", "updateBase")
        ),
        *(f"{_DC}{name}" for name in ("date", "language", "rights", "publisher", "creator")),
    }
)
# channel parts whose own children feedparser files away from the channel's title and link
_NESTED = {
    "image": frozenset({"title", "url", "link", "width", "height", "description"}),
    "textInput": frozenset({"title", "description", "name", "link"}),
    "textinput": frozenset({"title", "description", "name", "link"}),
    "skipHours": frozenset({"hour"}),
    "skipDays": frozenset({"day"}),
    "items": frozenset({f"{{{_RDF}}}Seq"}),
    f"{{{_RDF}}}Seq": frozenset({f"{{{_RDF}}}li"}),
}


def read_tree(raw: bytes) -> Feed | None:
    """The feed's fields (``title``, ``title_detail``, ``link``) and its items' fields, keyed as
    feedparser keys them; None when the fast path is not sure to read it as feedparser does."""
    if _DTD.search(raw):
        return None
    # a parser per feed: an lxml parser and its error log are not to be shared between threads
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(_utf8(raw), parser)
        if parser.error_log:
            return None
        return _read(root, raw)
    except (etree.XMLSyntaxError, Unsure, UnicodeError, LookupError, ValueError):
        return None


def _utf8(raw: bytes) -> bytes:
    """The document as feedparser hands it to its XML parser: decoded by the declared codec (or
    as UTF-8) and declared as UTF-8 again."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith(_OTHER_BOMS):
        raise Unsure("UTF-16 or UTF-32")
    match = RE_XML_PI_ENCODING.match(raw)
    declared = match.group(1).decode("utf-8").lower() if match else ""
    text = raw.decode("gb18030" if declared == "gb2312" else declared or "utf-8")
    if _DECLARATION.search(text):
        return _DECLARATION.sub(_DECLARED, text, count=1).encode("utf-8")
    return f"{_DECLARED}\n{text}".encode()


def _read(root: etree._Element, raw: bytes) -> Feed | None:
    if root.tag == f"{{{ATOM}}}feed":
        if _RSS_VERSIONS.search(raw):  # feedparser would take the feed for RSS
            return None
        feed = read_atom(root)
    elif root.tag == "rss":
        check_attrs(root, frozenset({"version"}))
        channels = [child for child in root if isinstance(child.tag, str)]
        if len(channels) != 1 or channels[0].tag != "channel":
            return None
        feed = _rss(channels[0], [], "")
    elif root.tag == f"{{{_RDF}}}RDF":
        feed = _rdf(root, raw)
    else:
        return None
    return feed if feed[1] else None  # no items: feedparser says what the file is


def _local(tag: str, ns: str) -> str | None:
    """The name of an element of the feed's own namespace (none for RSS 2.0), else None."""
    if ns:
        return tag[len(ns) :] if tag.startswith(ns) else None
    return None if tag.startswith("{") else tag


def _rdf(root: etree._Element, raw: bytes) -> Feed:
    """RSS 1.0: the items follow the channel, all in its namespace. feedparser takes the first
    RSS or Atom namespace declared for the version, so an Atom one anywhere is left to it."""
    if _ATOM_DECLARED.search(raw):
        raise Unsure("an Atom namespace in RSS 1.0")
    check_attrs(root, _NONE)
    channel = None
    items = []
    for child in root:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        local = _local(tag, _RSS1)
        if local == "channel" and channel is None:
            channel = child
        elif local == "item":
            items.append(child)
        elif local in ("image", "textinput"):
            _nested(child, local, _RSS1, frozenset({_ABOUT}))
        else:
            raise Unsure(f"element {tag}")
    if channel is None:
        raise Unsure("no channel")
    return _rss(channel, items, _RSS1)


def _rss(channel: etree._Element, items: list[etree._Element], ns: str) -> Feed:
    """The channel's title and link, and each item (RSS 2.0 puts them in the channel)."""
    check_attrs(channel, frozenset({_ABOUT}) if ns else _NONE)
    feed: dict[str, Any] = {}
    for child in channel:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        local = _local(tag, ns)
        if local in ("title", "link") and local in feed:
            raise Unsure(f"two channel {local}s")
        if local == "title":
            feed.update(typed_title(child, atom=False))
        elif local == "link":
            feed["link"] = link_text(leaf_text(child), item=False)
        elif local == "item" and not ns:
            items.append(child)
        elif tag == _ATOM_LINK:
            _other_link(child)
        elif local in _NESTED:
            _nested(child, local, ns, frozenset({_RESOURCE, _ABOUT}) if ns else _NONE)
        elif local in _CHANNEL_IGNORED or tag in _CHANNEL_IGNORED:
            if len(child):
                raise Unsure(f"children in {tag}")
        else:
            raise Unsure(f"channel element {tag}")
    return feed, [_item(item, ns) for item in items]


def _nested(element: etree._Element, local: str, ns: str, attrs: frozenset[str]) -> None:
    """An image, text input or list of items: children feedparser files under it, not under the
    channel. Another child might reset the flag that keeps them there."""
    check_attrs(element, attrs)
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        name = _local(tag, ns) or tag
        if name not in _NESTED[local]:
            raise Unsure(f"{tag} in {element.tag}")
        if name in _NESTED:
            _nested(child, name, ns, frozenset({_RESOURCE}))
        elif len(child):
            raise Unsure(f"children in {tag}")


def _other_link(element: etree._Element) -> None:
    """An ``atom:link`` in a channel: harmless when it says what it is (``rel="self"``) and has an
    address; an alternate one would set the channel's link."""
    rel = element.get("rel", "alternate").lower()
    if rel == "alternate" or not element.get("href") or len(element):
        raise Unsure("atom:link that may be the channel's link")


def _item(item: etree._Element, ns: str) -> dict[str, Any]:
    check_attrs(item, frozenset({_ABOUT}) if ns else _NONE)
    entry: dict[str, Any] = {}
    tags = Tags()
    guid: str | None = None
    seen: set[str] = set()
    for child in item:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        local = _local(tag, ns)
        kind = local if local in _ITEM_CORE else _ITEM_DC.get(tag)
        if kind is None:
            if tag not in _ITEM_IGNORED or len(child):
                raise Unsure(f"item element {tag}")
            continue
        if kind in seen and kind != "category":
            raise Unsure(f"two {kind}s in an item")
        seen.add(kind)
        if kind == "title":
            entry.update(typed_title(child, atom=False))
        elif kind == "link":
            entry["link"] = link_text(leaf_text(child))
        elif kind == "description":
            entry["summary"] = popped(leaf_text(child))
        elif kind == "content":
            value = popped(leaf_text(child))
            entry["content"] = [{"value": value}]
            entry.setdefault("summary", value)
        elif kind == "guid":
            # a permalink guid is the item's link when it has no <link>
            text = leaf_text(child, frozenset({"isPermaLink"}))
            if child.get("isPermaLink", "true") == "true":
                guid = popped(_urljoin("", text))
        elif kind == "category":
            tags.category(child, frozenset({"domain"}) if tag == "category" else _NONE)
        elif kind == "author":
            entry["author"] = popped(leaf_text(child))
        else:
            save_date(entry, "published" if kind == "pubDate" else kind, child)
    if guid is not None:
        entry.setdefault("link", guid)
    tags.save(entry)
    return entry
