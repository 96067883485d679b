"""Saved web pages (.html, .htm), and the text of HTML fragments such as a JSON Feed's
``content_html``.

A news page is mostly not the article: menus, headers, footers, share buttons, scripts. The
article's paragraphs are the ``<p>`` elements inside ``<article>`` or ``<main>`` when the page
marks it, else every ``<p>`` outside navigation; the metadata comes from the tags that
publishers fill in for search engines and social networks (``og:*``, ``article:*``,
``rel=canonical``). Only the standard library's tolerant parser is used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..models import Article
from ..sanitize import clean_line
from .meta import (
    date_from_name,
    date_from_url,
    find_url,
    parse_date,
    source_from_url,
    title_from_name,
)

__all__ = ["html_paragraphs", "parse_html"]

# Elements whose text is never the article's.
_SKIP = frozenset(
    {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "noscript",
        "template",
        "svg",
        "button",
        "select",
        "figcaption",
        "iframe",
        "object",
    }
)
_CONTAINERS = frozenset({"article", "main"})
_PARAGRAPHS = frozenset({"p", "h2", "h3", "h4", "blockquote"})
# Elements that end a run of text (so their neighbours don't run together).
_BLOCKS = (
    _PARAGRAPHS
    | frozenset(
        {
            "div",
            "section",
            "li",
            "ul",
            "ol",
            "dl",
            "dt",
            "dd",
            "table",
            "tr",
            "td",
            "th",
            "pre",
            "h1",
            "h5",
            "h6",
            "br",
            "hr",
            "figure",
            "body",
            "title",
        }
    )
    | _SKIP
    | _CONTAINERS
)
_BREAKS = frozenset({"br", "hr"})
_MAX_TAGS = 50
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
)


@dataclass
class _Block:
    text: str
    paragraph: bool  # from a <p> or a sub-heading, not loose text in a <div>
    contained: bool  # inside <article> or <main>


@dataclass
class _Page:
    meta: dict[str, str] = field(default_factory=dict)
    title: str = ""
    h1: str = ""
    time: str = ""
    canonical: str = ""
    blocks: list[_Block] = field(default_factory=list)


class _Extractor(HTMLParser):
    """Collects the page's metadata and its text, block by block, in one linear pass."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()
        self._text: list[str] = []
        self._skipping = 0
        self._containers = 0
        self._paragraph = False
        self._in_title = False
        self._in_h1 = False
        self._h1: list[str] = []
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop", "")
            if key and "content" in values:
                self.page.meta.setdefault(key.lower(), values["content"])
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.page.canonical = self.page.canonical or values.get("href", "")
        elif tag == "time" and not self.page.time:
            self.page.time = values.get("datetime", "")
        if tag in _BLOCKS:
            self._flush()
            if tag not in _BREAKS:
                self._paragraph = tag in _PARAGRAPHS  # </p> is optional: the next block ends it
        if tag in _SKIP:
            self._skipping += 1
        elif tag in _CONTAINERS:
            self._containers += 1
        self._in_title = self._in_title or tag == "title"
        self._in_h1 = self._in_h1 or (tag == "h1" and not self.page.h1)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
            self._paragraph = self._paragraph and tag not in _PARAGRAPHS
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _CONTAINERS:
            self._containers = max(0, self._containers - 1)
        elif tag == "title" and self._in_title:
            self._in_title = False
            self.page.title = self.page.title or clean_line("".join(self._title))
        elif tag == "h1" and self._in_h1:
            self._in_h1 = False
            self.page.h1 = clean_line("".join(self._h1))

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif self._in_h1:
            self._h1.append(data)
        elif not self._skipping:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = clean_line("".join(self._text))
        if text:
            self.page.blocks.append(_Block(text, self._paragraph, self._containers > 0))
        self._text.clear()


def _extract(markup: str) -> _Page:
    extractor = _Extractor()
    extractor.feed(markup)
    extractor.close()
    return extractor.page


def _body(blocks: list[_Block]) -> tuple[str, ...]:
    """The article's paragraphs, from the most specific evidence the page offers."""
    for chosen in (
        [block for block in blocks if block.paragraph and block.contained],
        [block for block in blocks if block.paragraph],
        blocks,
    ):
        if chosen:
            return tuple(block.text for block in chosen)
    return ()


def html_paragraphs(markup: str) -> tuple[str, ...]:
    """The paragraphs of an HTML document or fragment, as clean plain text."""
    return _body(_extract(markup).blocks)


def parse_html(text: str, name: str) -> tuple[Article, ...] | str:
    """One article from a saved web page."""
    page = _extract(text)
    body = _body(page.blocks)
    meta = page.meta
    title = clean_line(meta.get("og:title", "")) or page.h1 or page.title
    if not title and not body:
        return "no text"
    url = find_url(clean_line(page.canonical or meta.get("og:url", "")))
    date = _date(page, meta) or (date_from_url(url) if url else None) or date_from_name(name)
    body = tuple(paragraph for paragraph in body if paragraph != title)
    return (
        Article(
            title=title or title_from_name(name),
            body=body,
            date=date,
            url=url,
            source=clean_line(meta.get("og:site_name", "")) or source_from_url(url),
            tags=_tags(meta),
        ),
    )


def _date(page: _Page, meta: dict[str, str]) -> dt.date | None:
    for value in (*(meta.get(key, "") for key in _DATE_META), page.time):
        date = parse_date(clean_line(value)) if value else None
        if date:
            return date
    return None


def _tags(meta: dict[str, str]) -> tuple[str, ...]:
    tags: list[str] = []
    for raw in (meta.get("keywords") or meta.get("news_keywords") or "").split(","):
        tag = clean_line(raw)
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags[:_MAX_TAGS])
