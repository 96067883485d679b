"""RSS and Atom files (.rss, .atom, .xml): one article per item or entry.

feedparser reads every RSS version and Atom, and copes with the malformed feeds real sites
serve; a hand-written parser would not. It is given the text as a file object: handed a string
that looks like a url or a path, feedparser would fetch or open it, and a feed file's content
is untrusted. An .xml file that is not a feed is reported, not guessed at.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Mapping
from typing import Any

import feedparser

from ..models import Article
from .html import html_paragraphs
from .meta import (
    date_from_url,
    source_from_url,
    tags_field,
    text_field,
    title_from_name,
    url_field,
)

__all__ = ["parse_feed"]


def parse_feed(text: str, name: str) -> tuple[Article, ...] | str:
    """Every item of an RSS or Atom feed that has a title or some content."""
    parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")), resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.get("entries"):
        return "not an RSS or Atom feed"
    channel: Mapping[str, Any] = parsed.get("feed", {})
    outlet = text_field(channel.get("title")) or source_from_url(url_field(channel.get("link")))
    articles = [
        article
        for number, entry in enumerate(parsed.get("entries", []), 1)
        if (article := _article(entry, outlet, f"{title_from_name(name)} {number}"))
    ]
    return tuple(articles) if articles else "no articles in feed"


def _article(entry: Mapping[str, Any], outlet: str | None, fallback: str) -> Article | None:
    contents = entry.get("content") or []
    html = next((c.get("value") for c in contents if isinstance(c, Mapping)), None)
    if not isinstance(html, str) or not html.strip():
        html = entry.get("summary")
    body = html_paragraphs(html) if isinstance(html, str) and html.strip() else ()
    title = text_field(entry.get("title"))
    if not title and not body:
        return None
    url = url_field(entry.get("link"))
    published = _published(entry)
    return Article(
        title=title or fallback,
        body=body,
        date=published.date()
        if published
        else _date(entry) or (date_from_url(url) if url else None),
        url=url,
        source=outlet or source_from_url(url),
        tags=tags_field(
            tag.get("term") for tag in entry.get("tags") or () if isinstance(tag, Mapping)
        ),
        author=text_field(entry.get("author")),
        published=published,
    )


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
