"""JSON Feed 1.0 and 1.1 files (https://jsonfeed.org/version/1.1): one article per item.

Any other .json file is reported, not guessed at: a library folder may hold an application's
settings or a data dump next to the articles, and those are not news.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..models import Article
from ..sanitize import clean_line
from .html import html_blocks
from .meta import (
    date_from_url,
    parse_date,
    source_from_url,
    tags_field,
    text_field,
    title_from_name,
    url_field,
)

__all__ = ["parse_json_feed"]

_VERSION_PREFIX = "https://jsonfeed.org/version/"
_TITLE_WORDS = 12  # a title made from an untitled item's first words


def parse_json_feed(text: str, name: str) -> tuple[Article, ...] | str:
    """Every item of a JSON Feed that has a title or some content."""
    try:
        feed = json.loads(text)
    except (ValueError, RecursionError):
        return "not a JSON Feed (invalid JSON)"
    if not (
        isinstance(feed, Mapping)
        and isinstance(feed.get("version"), str)
        and feed["version"].startswith(_VERSION_PREFIX)
        and isinstance(feed.get("items"), list)
    ):
        return "not a JSON Feed"
    outlet = text_field(feed.get("title")) or source_from_url(url_field(feed.get("home_page_url")))
    articles = [
        article
        for number, item in enumerate(feed["items"], 1)
        if isinstance(item, Mapping)
        and (article := _article(item, outlet, f"{title_from_name(name)} {number}"))
    ]
    return tuple(articles) if articles else "no articles in feed"


def _article(item: Mapping[str, Any], outlet: str | None, fallback: str) -> Article | None:
    html = item.get("content_html")
    if isinstance(html, str) and html.strip():
        body = html_blocks(html)
    else:
        content = item.get("content_text")
        paragraphs = content.split("\n\n") if isinstance(content, str) else ()
        body = tuple(paragraph for paragraph in map(clean_line, paragraphs) if paragraph)
    title = text_field(item.get("title")) or text_field(item.get("summary"))
    if not title and not body:
        return None
    if not title:
        words = body[0].split()
        title = " ".join(words[:_TITLE_WORDS]) + ("…" if len(words) > _TITLE_WORDS else "")
    url = url_field(item.get("url")) or url_field(item.get("external_url"))
    published = text_field(item.get("date_published"))
    tags = item.get("tags")
    return Article(
        title=title or fallback,
        body=body,
        date=(parse_date(published) if published else None)
        or (date_from_url(url) if url else None),
        url=url,
        source=outlet or source_from_url(url),
        tags=tags_field(tags if isinstance(tags, list) else ()),
    )
