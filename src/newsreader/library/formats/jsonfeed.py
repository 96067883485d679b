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
from .html import html_paragraphs
from .meta import date_from_url, find_url, parse_date, source_from_url, title_from_name

__all__ = ["parse_json_feed"]

_VERSION_PREFIX = "https://jsonfeed.org/version/"
_MAX_TAGS = 50
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
    outlet = _string(feed.get("title")) or source_from_url(_url(feed.get("home_page_url")))
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
        body = html_paragraphs(html)
    else:
        content = item.get("content_text")
        paragraphs = content.split("\n\n") if isinstance(content, str) else ()
        body = tuple(paragraph for paragraph in map(clean_line, paragraphs) if paragraph)
    title = _string(item.get("title")) or _string(item.get("summary"))
    if not title and not body:
        return None
    if not title:
        words = body[0].split()
        title = " ".join(words[:_TITLE_WORDS]) + ("…" if len(words) > _TITLE_WORDS else "")
    url = _url(item.get("url")) or _url(item.get("external_url"))
    published = _string(item.get("date_published"))
    return Article(
        title=title or fallback,
        body=body,
        date=(parse_date(published) if published else None)
        or (date_from_url(url) if url else None),
        url=url,
        source=outlet or source_from_url(url),
        tags=_tags(item.get("tags")),
    )


def _string(value: object) -> str | None:
    return clean_line(value) or None if isinstance(value, str) else None


def _url(value: object) -> str | None:
    text = _string(value)
    return find_url(text) if text else None


def _tags(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    tags: list[str] = []
    for item in value[:_MAX_TAGS]:
        tag = _string(item)
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags)
