"""RSS and Atom files (.rss, .atom, .xml, .rdf): one article per item or entry.

feedparser reads every RSS version (RSS 1.0 is RDF, hence .rdf) and Atom, and copes with the
malformed feeds real sites serve; a hand-written parser would not. It is also pure Python, so a
well-formed feed whose every element is understood is read with lxml instead (``feed_tree``),
into the very fields feedparser would give; any doubt and feedparser reads it.

feedparser is given the file's bytes (see ``feed_bytes``) so that it reads the declared encoding
itself, as a file object: handed a string that looks like a url or a path, feedparser would
fetch or open it, and a feed file's content is untrusted. An .xml file that is not a feed is
reported, not guessed at. Each item's HTML becomes Markdown blocks (``html_blocks``), so its
paragraphs, lists and links survive.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Mapping, Sequence
from typing import Any

import feedparser

from ..encoding import DecodeError
from ..models import Article
from .feed_bytes import feed_bytes
from .feed_text import HTML_TYPES
from .feed_tree import read_tree
from .html import html_blocks, html_text
from .meta import (
    date_from_url,
    source_from_url,
    tags_field,
    text_field,
    title_from_body,
    url_field,
)

__all__ = ["parse_feed"]


def parse_feed(data: bytes, name: str) -> tuple[Article, ...] | str:
    """Every item of an RSS or Atom feed that has a title or some content."""
    try:
        raw = feed_bytes(data)
    except DecodeError as error:
        return str(error)
    read = read_tree(raw) or _read_feedparser(raw)
    if isinstance(read, str):
        return read
    channel, entries = read
    outlet = _text(channel, "title") or source_from_url(url_field(channel.get("link")))
    articles = [
        article
        for entry in entries
        if isinstance(entry, Mapping) and (article := _article(entry, outlet))
    ]
    return tuple(articles) if articles else "no articles in feed"


def _read_feedparser(raw: bytes) -> tuple[Mapping[str, Any], Sequence[Any]] | str:
    """The feed as feedparser reads it, for what the fast path leaves: malformed XML, DOCTYPEs,
    RSS 0.90, Atom 0.3, unknown elements."""
    # not sanitised: its sanitiser parsed every item's HTML, a fifth of a feed's parsing, only
    # for html_blocks to parse it again; html_blocks keeps text alone, never a script's
    parsed = feedparser.parse(io.BytesIO(raw), resolve_relative_uris=False, sanitize_html=False)
    if not parsed.get("version") and not parsed.get("entries"):
        return "not an RSS or Atom feed"
    return parsed.get("feed", {}), parsed.get("entries", [])


def _article(entry: Mapping[str, Any], outlet: str | None) -> Article | None:
    contents = entry.get("content") or []
    html = next((c.get("value") for c in contents if isinstance(c, Mapping)), None)
    if not isinstance(html, str) or not html.strip():
        html = entry.get("summary")
    body = html_blocks(html) if isinstance(html, str) and html.strip() else ()
    title = _text(entry, "title") or title_from_body(body)
    if not title:
        return None
    url = url_field(entry.get("link"))
    published = _published(entry)
    return Article(
        title=title,
        body=body,
        date=published.date()
        if published
        else _date(entry) or (date_from_url(url) if url else None),
        url=url,
        source=outlet or source_from_url(url),
        tags=tags_field(
            tag.get("term") for tag in entry.get("tags") or () if isinstance(tag, Mapping)
        ),
        markup="markdown",
        author=text_field(entry.get("author")),
        published=published,
    )


def _text(fields: Mapping[str, Any], key: str) -> str | None:
    """A text field of the feed or an item. feedparser types an RSS title as HTML, and an Atom
    one may say it is: such a title with tags or entities is read as HTML (``AT&amp;T <b>Q3</b>``
    is "AT&T Q3"), never shown with them."""
    value = fields.get(key)
    detail = fields.get(f"{key}_detail")
    if (
        isinstance(value, str)
        and isinstance(detail, Mapping)
        and detail.get("type") in HTML_TYPES
        and ("<" in value or "&" in value)
    ):
        return text_field(html_text(value))
    return text_field(value)


def _published(entry: Mapping[str, Any]) -> dt.datetime | None:
    """The item's moment in UTC (feedparser converts every zone to it), when its date string
    gives a time of day: a bare date is parsed as midnight, which would be a made-up time."""
    for key in ("published", "updated", "created"):
        raw, value = entry.get(key), entry.get(f"{key}_parsed")
        if isinstance(raw, str) and isinstance(value, time.struct_time):
            if ":" not in raw:
                return None
            try:
                return dt.datetime(*value[:6], tzinfo=dt.UTC)
            except ValueError:
                continue
    return None


def _date(entry: Mapping[str, Any]) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None
