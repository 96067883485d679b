"""Plain text saved from a news page: the library's main format.

Such a file is whatever a scraper or a browser's "save as text" produced: a few lines of site
navigation ("Accessibility links", "Breaking News", "Menu"), the headline, perhaps a date line,
the paragraphs (some hard-wrapped, some broken in two by a stray blank line), and sometimes an
"Original url:" footer. The rules here are general, not fitted to one site: short lines without
sentence punctuation before the headline are navigation, a date line near the headline is the
date, and a paragraph that stops mid-sentence continues in the next one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ..models import Article
from ..sanitize import clean_line
from .boilerplate import is_boilerplate
from .meta import (
    date_from_name,
    date_from_url,
    footer_label,
    only_url,
    parse_date_line,
    source_from_url,
    title_from_name,
)

__all__ = ["parse_text"]

_COOKIES = re.compile(r"\bcookies?\b|\bconsent\b", re.IGNORECASE)
_BYLINE = re.compile(r"by\s+\w", re.IGNORECASE)
# "Home > World > Europe", "News | Sport | Weather": a line of short items between separators.
# A slash separates breadcrumbs only with spaces around it ("Home / World"): bare, it is part of
# a url or a date, and of markup-like text such as "[b]x[/b]".
_NAV_SEPARATOR = re.compile(r"\s*[|>»›•·]\s*|\s+/\s+")

# A paragraph that ends like this is finished; otherwise it may continue after a blank line.
_TERMINAL = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
# A headline has no full stop, but may trail off ("What the vote means for...").
_HEADLINE_END = re.compile(r"[,;]$|(?<!\.\.)\.$")

_HEADER_LINES = 30  # how far down navigation may push the headline
_AFTER_HEADLINE = 6  # how many lines below the headline a date line may sit
_FOOTER_LINES = 8  # how many lines at the end may be the "Original url:" footer
_MAX_WRAP = 100  # hard-wrapped text is wrapped narrower than this

_MAX_SOURCE_WORDS = 6

Dated = tuple[dt.date, dt.datetime | None]
"""A date line's day, and its moment when it gives a time of day."""


def parse_text(text: str, name: str) -> tuple[Article, ...] | str:
    """One article from a scraped text file; a problem reason when it holds no text."""
    lines = [clean_line(line) for line in text.split("\n")]
    drop: set[int] = set()
    headline, body_start, dated = _find_headline(lines, drop)
    url, source = _find_footer(lines, body_start, drop)
    paragraphs = _rejoin(_unwrap(block) for block in _blocks(lines, body_start, drop) if block)
    if headline is None and not paragraphs:
        return "no text"
    date, published = dated or (None, None)
    date = date or (date_from_url(url) if url else None) or date_from_name(name)
    return (
        Article(
            title=headline or title_from_name(name),
            body=tuple(paragraphs),
            date=date,
            url=url,
            source=source or source_from_url(url),
            published=published,
        ),
    )


def _find_headline(lines: list[str], drop: set[int]) -> tuple[str | None, int, Dated | None]:
    """The headline, the index of the first line after it, and a date line's date (and moment,
    when the line gives a time of day).

    Navigation and date lines above the headline are skipped; the first other line is the
    headline if it looks like one. If it doesn't (the file starts with a paragraph), there is no
    headline and the body starts at the top.
    """
    date: Dated | None = None
    seen = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > _HEADER_LINES:
            break
        line_date = parse_date_line(line)
        if line_date:
            date = date or line_date
            drop.add(index)
        elif _is_navigation(line):
            drop.add(index)
        elif _is_headline(line):
            return line, index + 1, _date_below(lines, index + 1, drop, date)
        else:
            break
    return None, 0, date


def _date_below(lines: list[str], start: int, drop: set[int], date: Dated | None) -> Dated | None:
    """Finds (and drops) a date line that sits just under a headline."""
    seen = 0
    for index in range(start, len(lines)):
        line = lines[index]
        if not line:
            continue
        seen += 1
        if seen > _AFTER_HEADLINE:
            break
        line_date = None if date else parse_date_line(line)
        if line_date:
            drop.add(index)
            return line_date
    return date


def _is_navigation(line: str) -> bool:
    """Above the headline, anything short and unpunctuated is a menu item or a section name."""
    if is_boilerplate(line) or (len(line.split()) <= 2 and not _TERMINAL.search(line)):
        return True
    if _COOKIES.search(line) or (_BYLINE.match(line) and len(line.split()) <= 8):
        return True
    items = _NAV_SEPARATOR.split(line)
    return len(items) >= 3 and all(len(item.split()) <= 3 for item in items)


def _is_headline(line: str) -> bool:
    words = len(line.split())
    return 3 <= words <= 25 and len(line) < 200 and not _HEADLINE_END.search(line)


def _find_footer(lines: list[str], start: int, drop: set[int]) -> tuple[str | None, str | None]:
    """The article's URL and outlet from an "Original url:" style footer, which is dropped."""
    tail: list[int] = []
    for index in range(len(lines) - 1, start - 1, -1):
        if len(tail) == _FOOTER_LINES:
            break
        if lines[index] and index not in drop:
            tail.insert(0, index)
    url: str | None = None
    source: str | None = None
    for position, index in enumerate(tail):
        rest = footer_label(lines[index])
        if rest is None:
            continue
        found = only_url(rest)
        following = tail[position + 1] if position + 1 < len(tail) else None
        if found is None and not rest and following is not None:
            found = only_url(lines[following])
            if found:
                drop.add(following)
        name = "" if found else rest.strip(" .")
        if found or (name and len(name.split()) <= _MAX_SOURCE_WORDS):
            drop.add(index)
            url = url or found
            source = source or name or None
    if url is None and tail and tail[-1] not in drop:
        url = only_url(lines[tail[-1]])  # a bare URL as the very last line
        if url:
            drop.add(tail[-1])
    return url, source


def _blocks(lines: list[str], start: int, drop: set[int]) -> Iterable[list[str]]:
    """Runs of consecutive lines; a dropped line counts as a blank one."""
    block: list[str] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if line and index not in drop and not is_boilerplate(line):
            block.append(line)
        elif block:
            yield block
            block = []
    yield block


def _unwrap(block: list[str]) -> list[list[str]]:
    """Paragraphs (as lists of lines) from lines without blank lines between them.

    Hard-wrapped prose (every line but a paragraph's last near the wrap width) is joined; long
    lines are paragraphs of their own, as are short ones such as a sub-heading over a paragraph.
    """
    width = max(len(line) for line in block)
    paragraphs = [[block[0]]]
    for line in block[1:]:
        previous = paragraphs[-1][-1]
        wrapped = width <= _MAX_WRAP and len(previous) >= 0.6 * width
        if wrapped or _continues(previous, line):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return paragraphs


def _rejoin(blocks: Iterable[list[list[str]]]) -> list[str]:
    """Joins each paragraph's lines, and a sentence that a stray blank line broke in two."""
    paragraphs: list[list[str]] = []
    for block in blocks:
        for paragraph in block:
            if paragraphs and _continues(paragraphs[-1][-1], paragraph[0]):
                paragraphs[-1].extend(paragraph)
            else:
                paragraphs.append(paragraph)
    return [" ".join(lines) for lines in paragraphs]


def _continues(line: str, following: str) -> bool:
    """Whether ``following`` carries on the sentence that ``line`` left unfinished."""
    return following[0].islower() and not _TERMINAL.search(line[-8:])
