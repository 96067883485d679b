"""JSON Feed 1.0 and 1.1 files (https://jsonfeed.org/version/1.1): one article per item.

The version url is ``https://`` in the spec and ``http://`` in many real feeds; both are read.
An item's ``content_html`` becomes Markdown blocks, its ``content_text`` plain paragraphs.

Any other .json file is reported, not guessed at: a library folder may hold an application's
settings or a data dump next to the articles, and those are not news.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..models import Article, Markup
from ..sanitize import clean_line
from .html import html_blocks
from .html_meta import parse_moment
from .meta import (
    date_from_url,
    source_from_url,
    tags_field,
    text_field,
    title_from_body,
    title_from_words,
    url_field,
)

__all__ = ["parse_json_feed"]

_VERSION_PREFIXES = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")


def parse_json_feed(text: str, name: str) -> tuple[Article, ...] | str:
    """Every item of a JSON Feed that has a title or some content."""
    try:
        feed = json.loads(text)
    except (ValueError, RecursionError):
        return "not a JSON Feed (invalid JSON)"
    if not (
        isinstance(feed, Mapping)
        and isinstance(feed.get("version"), str)
        and feed["version"].startswith(_VERSION_PREFIXES)
        and isinstance(feed.get("items"), list)
    ):
        return "not a JSON Feed"
    outlet = text_field(feed.get("title")) or source_from_url(url_field(feed.get("home_page_url")))
    articles = [
        article
        for item in feed["items"]
        if isinstance(item, Mapping) and (article := _article(item, outlet))
    ]
    return tuple(articles) if articles else "no articles in feed"


def _article(item: Mapping[str, Any], outlet: str | None) -> Article | None:
    html = item.get("content_html")
    markup: Markup = "markdown"
    if isinstance(html, str) and html.strip():
        body = html_blocks(html)
        title = text_field(item.get("title")) or text_field(item.get("summary"))
        title = title or title_from_body(body)
    else:
        content = item.get("content_text")
        paragraphs = content.split("\n\n") if isinstance(content, str) else ()
        body = tuple(paragraph for paragraph in map(clean_line, paragraphs) if paragraph)
        markup = "text"
        title = text_field(item.get("title")) or text_field(item.get("summary"))
        title = title or (title_from_words(body[0]) if body else "")
    if not title:
        return None
    url = url_field(item.get("url")) or url_field(item.get("external_url"))
    day, moment = parse_moment(text_field(item.get("date_published")) or "")
    tags = item.get("tags")
    return Article(
        title=title,
        body=body,
        date=day or (date_from_url(url) if url else None),
        url=url,
        source=outlet or source_from_url(url),
        tags=tags_field(tags if isinstance(tags, list) else ()),
        markup=markup,
        author=_author(item),
        published=moment,
    )


def _author(item: Mapping[str, Any]) -> str | None:
    """1.1's ``authors`` list, or 1.0's single ``author``."""
    authors = item.get("authors")
    people = authors if isinstance(authors, list) else [item.get("author")]
    names = [text_field(p.get("name")) for p in people[:10] if isinstance(p, Mapping)]
    return ", ".join(name for name in names if name) or None
