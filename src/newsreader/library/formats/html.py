"""Saved web pages (.html, .htm), and the HTML fragments that feed items carry.

A news page is mostly not the article: menus, teaser cards, comments, related stories, share
buttons. trafilatura finds the article (it leads the public extraction benchmarks, and on our
labelled pages it scores a body token F1 of 0.97 where the ``<p>``-collecting parser this module
had scored 0.75; see ``benchmarks/extraction.py``); it hands back an element tree, which
``markdown_blocks`` turns into escaped Markdown so headings, lists, quotes and links reach the
reader. Its own Markdown output is not used: it does not escape the page's text. The headline,
date and author come from the page's metadata (``html_meta``).
"""

from __future__ import annotations

import datetime as dt
import re

import lxml.html
from lxml import etree

from ..markdown_escape import markdown_text
from ..models import Article
from ..sanitize import clean_line
from .boilerplate import is_boilerplate
from .html_meta import page_meta
from .markdown_blocks import markdown_blocks, plain_text
from .meta import date_from_name, date_from_url, parse_date, source_from_url, title_from_name

__all__ = ["html_blocks", "html_text", "parse_html"]

# lxml.html's elements, not plain etree ones: trafilatura relies on their methods.
_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
_TAG = re.compile(r"<[A-Za-z/!]")
_HEADING = re.compile(r"#{2,4} ")
_BLANK_LINES = re.compile(r"\n\s*\n")
_MIN_CARDS = 2  # <article> elements on the page before any can be a teaser
_TEASER_SHARE = 3  # a teaser card holds under a third of the story's text
_SHORT_PAGE = 250  # characters: trafilatura's own threshold for an extraction that failed


def parse_html(text: str, name: str) -> tuple[Article, ...] | str:
    """One article from a saved web page."""
    tree = _tree(text)
    if tree is None:
        return "no text"
    meta = page_meta(tree)
    _drop_teasers(tree)
    body = _article_blocks(tree)
    title = meta.headline
    if not title and not body:
        return "no text"
    url = meta.url
    escaped_title = markdown_text(title)
    body = tuple(
        block
        for block in body
        if _HEADING.sub("", block, count=1) != escaped_title and not parse_date(block)
    )
    return (
        Article(
            title=title or title_from_name(name),
            body=body,
            date=meta.date
            or (date_from_url(url) if url else None)
            or _marked_date(tree)
            or date_from_name(name),
            url=url,
            source=meta.site or source_from_url(url),
            tags=meta.tags,
            markup="markdown",
            author=meta.author,
            published=meta.published,
        ),
    )


def html_blocks(fragment: str) -> tuple[str, ...]:
    """Markdown blocks from a feed item's HTML (or plain text, which some feeds send)."""
    if not _TAG.search(fragment):
        paragraphs = (clean_line(part) for part in _BLANK_LINES.split(fragment))
        return tuple(
            markdown_text(paragraph)
            for paragraph in paragraphs
            if paragraph and not is_boilerplate(paragraph)
        )
    body = _fragment_body(fragment)
    return markdown_blocks(body) if body is not None else ()


def html_text(fragment: str) -> str:
    """A feed's field that is HTML (an RSS headline with ``<b>`` or ``&amp;`` in it) as one
    line of its text: the tags go, the entities are read, a script's text is left out."""
    body = _fragment_body(fragment)
    return plain_text(body) if body is not None else clean_line(fragment)


def _fragment_body(fragment: str) -> etree._Element | None:
    """A fragment of HTML parsed as a page's ``<body>``."""
    tree = _tree(f"<html><body>{fragment}</body></html>")
    return tree.find("body") if tree is not None else None


def _tree(text: str) -> etree._Element | None:
    try:
        return etree.fromstring(text.encode("utf-8", "replace"), _PARSER)
    except (etree.LxmlError, ValueError):
        return None


def _marked_date(tree: etree._Element) -> dt.date | None:
    """A date the page marks up without a meta tag (``<span class="date">``, ``<abbr
    class="published">``), as htmldate finds it. Not its extensive search, which takes any date
    in the text: "the treaty of 12 March 1999" is not when the article was published."""
    import htmldate  # imported on first use, like trafilatura (which depends on it)

    try:
        found = htmldate.find_date(tree, extensive_search=False, original_date=True)
    except Exception:  # a bug in it must cost the date, never the article
        return None
    try:
        return dt.date.fromisoformat(found) if isinstance(found, str) else None
    except ValueError:
        return None


def _drop_teasers(tree: etree._Element) -> None:
    """Removes the ``<article>`` elements that are teaser cards for other stories: beside (or
    inside) the story's own ``<article>``, they hold a fraction of its text. trafilatura keeps
    their teaser lines otherwise, when they sit in the story's container."""
    articles = list(tree.iter("article"))
    if len(articles) < _MIN_CARDS:
        return
    sizes = [len(" ".join(article.itertext())) for article in articles]
    story = articles[sizes.index(max(sizes))]
    for article, size in zip(articles, sizes, strict=True):
        inside = any(ancestor is article for ancestor in story.iterancestors())
        if article is not story and not inside and size * _TEASER_SHARE < max(sizes):
            article.drop_tree()


def _article_blocks(tree: etree._Element) -> tuple[str, ...]:
    """The article's blocks as trafilatura finds them. On a page with little text (a short
    note) trafilatura falls back to the page's text run together without a break, so there the
    page's own ``<article>``, ``<main>`` or ``<body>`` is converted instead."""
    # Imported on the first page, not with the library: it takes 60-200 ms, which a start-up
    # or a scan of text files alone should not pay.
    import trafilatura

    found = trafilatura.bare_extraction(
        tree,
        include_comments=False,
        include_formatting=True,
        include_links=True,
        include_tables=True,
        with_metadata=False,
    )
    root = getattr(found, "body", None)
    blocks = markdown_blocks(root) if root is not None else ()
    if sum(map(len, blocks)) >= _SHORT_PAGE:
        return blocks
    container = next(tree.iter("article", "main"), None)
    if container is None:
        container = tree.find("body")
    own = markdown_blocks(container) if container is not None else ()
    return own or blocks
