"""What the reader shows of an article, in order: the header (headline, byline, url), the
body, and the list of the body's links; and how far through it the reader is.

Kept apart from the renderer because every part is laid out by hand for the column: Rich wraps
at spaces, so a byline joined with `` · `` could break before a dot and leave it dangling at the
start or end of a line, and a url (no spaces) would be folded mid-word. Here the byline breaks
only between its items and the url is shortened in the middle, at ``/``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style

from ...library import Article
from .. import texts
from .article_lines import Piece, markdown_pieces, text_pieces
from .reader_markdown import LinkNumbers, link_list

WORDS_PER_MINUTE = 230
"""Adult silent reading of non-fiction, in English (Brysbaert, 2019: 238 on average)."""
SEPARATOR = " · "
LINKS_A_PIECE = 50
"""Links listed in one piece: a few KB, as :data:`.article_lines.CHUNK` is for the body (one
piece of 40,000 links took seconds to render and held the whole list's lines at once)."""
BOOKMARK_MARK = "★ "


def reading_time(words: int) -> str:
    return f"{max(1, math.ceil(words / WORDS_PER_MINUTE))} min read"


def when(article: Article) -> str | None:
    """The date, with the time of day when the file gave one: in local time when its zone is
    known, as the file says it otherwise."""
    return texts.when(article.date, article.published) or None


def byline(article: Article, width: int) -> str:
    """``source · date time · author · N min read``, broken into lines only between items."""
    items = [article.source, when(article), article.author, reading_time(article.words)]
    lines: list[str] = []
    for item in (item for item in items if item):
        if lines and cell_len(lines[-1] + SEPARATOR + item) <= width:
            lines[-1] += SEPARATOR + item
        else:
            lines.append(item)  # an item longer than the column is wrapped by Rich, at spaces
    return "\n".join(lines)


def short_url(url: str, width: int) -> str:
    """``url`` in at most ``width`` cells: whole if it fits, else its start (scheme and host)
    and as much of its end as fits, cut at a ``/``, with ``…`` between them. Where the host and
    the last part do not fit, the end starts at a word of the last part (after a ``-``).

    A url never breaks into a second line: it is one line under the byline, always.
    """
    if cell_len(url) <= width:
        return url
    scheme, found, rest = url.partition("://")
    head = f"{scheme}://" if found else ""
    parts = (rest if found else url).split("/")
    head += parts[0] + "/"
    tail = parts[-1]
    for index in range(len(parts) - 2, 0, -1):  # grow the end while it fits
        longer = f"{parts[index]}/{tail}"
        if cell_len(head + "…/" + longer) > width:
            break
        tail = longer
    shortened = f"{head}…/{tail}"
    if cell_len(shortened) <= width:
        return shortened
    for boundary in _WORD_START.finditer(url, len(head)):  # the longest end that fits
        if cell_len(head) + 1 + cell_len(url[boundary.start() :]) <= width:
            return f"{head}…{url[boundary.start() :]}"
    return _middle_cut(url, width)


_WORD_START = re.compile(r"(?<=[-_./?&=+~,;])\w")
"""Where a word in a url starts: after a ``-``, ``/``, ``.`` and the like."""


def _middle_cut(text: str, width: int) -> str:
    """The last resort, for a host too long for the column: cut wherever it fits."""
    keep = max(1, width - 1)
    start = text[: (keep + 1) // 2]
    end = text[len(text) - keep // 2 :] if keep // 2 else ""
    while cell_len(start + "…" + end) > width and (start or end):  # wide characters
        start, end = (start[:-1], end) if len(start) >= len(end) else (start, end[1:])
    return f"{start}…{end}"


def progress(top: int, height: int, total: int) -> str:
    """How far through the reader is: the share of the lines above the bottom of the pane."""
    if total <= 0:
        return ""
    seen = min(total, top + height)
    return f"{seen * 100 // total}%"


def bookmark_title(title: str, bookmarked: bool) -> str:
    return f"{BOOKMARK_MARK}{title}" if bookmarked else title


class ArticleStyles(NamedTuple):
    title: Style
    meta: Style
    heading: Style


def article_pieces(
    article: Article,
    width: int,
    links: LinkNumbers,
    styles: ArticleStyles,
    bookmarked: bool,
    also: str = "",
) -> Iterator[Piece]:
    """The header, the body, and the list of the body's links, for a column ``width`` wide.

    Lazy: the list is made once the body before it has been rendered, since rendering is what
    numbers the links (into ``links``).
    """
    title = bookmark_title(article.title or "(untitled)", bookmarked)
    yield Piece(title, styles.title)
    yield Piece(byline(article, width), styles.meta)
    if article.url:
        yield Piece(short_url(article.url, width), styles.meta)
    if also:
        yield Piece(also, styles.meta)
    yield Piece("")
    if article.markup == "markdown":
        yield from markdown_pieces(article.body)
    else:
        yield from text_pieces(article.body)
    yield Piece("")
    if len(links):
        yield Piece("Links", styles.heading)
        for first in range(1, len(links) + 1, LINKS_A_PIECE):  # a chunk each, as the body's
            urls = links.urls(first, first + LINKS_A_PIECE - 1)
            yield Piece(link_list(urls, width, first), styles.meta)
        yield Piece("")
