"""How one article becomes a row of the list: its marks, its headline and its source and date.

Kept apart from the widget, which scrolls and moves the cursor, so the layout rules are in one
place: a row is one line where one line holds a headline of :data:`HEADLINE_ROOM` characters
beside its source and date, and two lines where it does not (a list beside the reader at 120 or
140 columns): the headline wraps onto the second line, the source and date at its right, dim.
Source and date columns take width only when some article in the list has one.

Segments are built directly: through ``rich.Text`` (spans, truncate, render) a row cost four
times as much, and a keystroke redraws every visible row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

UNREAD_MARK = "•"
BOOKMARK_MARK = "★"
HEADLINE_ROOM = 90
"""Characters of headline a row shows in full: nearly every real headline is shorter."""
_PREFIX = 4
"""A space, the unread mark, the bookmark mark and a space."""
DATE_CELLS = 10
_SOURCE_MAX = 18
_SOURCE_FROM = 40
"""Narrower rows show no source: below this the headline would be left a handful of cells."""
_WORD_BREAK_FROM = 0.6
"""A wrapped headline breaks at the last space after this share of the first line, else mid-word."""


@dataclass(frozen=True, slots=True)
class MetaColumns:
    """How wide the source and date columns may be: 0 when no article in the list has one."""

    source: int = _SOURCE_MAX
    date: int = DATE_CELLS


@dataclass(frozen=True, slots=True)
class RowLooks:
    """The style of each part of a row, for one cursor state."""

    row: Style
    read: Style
    unread: Style
    bookmark: Style
    match: Style
    meta: Style


@dataclass(frozen=True, slots=True)
class RowText:
    """What a row says: the headline, the source and date, the marks, the matched spans."""

    title: str
    source: str
    date: str
    unread: bool
    bookmarked: bool
    spans: Sequence[tuple[int, int]] = ()
    also: int = 0
    """Other reports of the article's story: shown as `+2` after the headline."""


def row_height(width: int, columns: MetaColumns) -> int:
    """1 when a line holds a full-length headline beside the source and date; else 2."""
    room = width - _PREFIX - cell_len(_meta("", "", width, columns, pad=True))
    return 1 if room >= HEADLINE_ROOM else 2


def render_row(
    text: RowText, width: int, height: int, columns: MetaColumns, looks: RowLooks
) -> list[Strip]:
    """The row's ``height`` lines, each ``width`` cells."""
    title = text.title or "(untitled)"
    marks = [
        Segment(" ", looks.row),
        Segment(UNREAD_MARK if text.unread else " ", looks.unread),
        Segment(BOOKMARK_MARK if text.bookmarked else " ", looks.bookmark),
        Segment(" ", looks.row),
    ]
    words = looks.row if text.unread else looks.read
    also = f" +{text.also}" if text.also else ""
    if height == 1:
        meta = _meta(text.source, text.date, width, columns, pad=True)
        room = max(1, width - _PREFIX - cell_len(meta) - 1 - len(also))
        shown, cut = _fit(title, room)
        shown = shown.rstrip() if also else shown
        line = [*marks, *_headline(shown, 0, cut, text.spans, words, looks.match)]
        line += [Segment(also, looks.meta)] if also else []
        gap = width - _PREFIX - cell_len(shown) - len(also) - cell_len(meta)
        line += [Segment(" " * max(1, gap), looks.row), Segment(meta, looks.meta)]
        return [_line(line, width, looks)]
    first_room = width - _PREFIX
    first, rest_from = _wrap(title, first_room)
    first_line = [*marks, *_headline(first, 0, len(first), text.spans, words, looks.match)]
    rest = title[rest_from:]
    if also and not rest:
        if cell_len(first) + len(also) <= first_room:
            first_line.append(Segment(also, looks.meta))  # beside a one-line headline
            also = ""
        else:
            also = also.lstrip()  # it starts the second line
    # the second line: the rest of the headline, then source and date at the right; the source
    # gives way when that lets the whole headline show
    meta = _meta(text.source, text.date, width, columns, pad=False)
    if rest and cell_len(rest) + len(also) + 1 + cell_len(meta) > first_room:
        shorter = _meta("", text.date, width, columns, pad=False)
        if cell_len(rest) + len(also) + 1 + cell_len(shorter) <= first_room:
            meta = shorter
    shown, cut = _fit(rest, max(1, first_room - cell_len(meta) - 1 - len(also)))
    shown = shown.rstrip()
    second = [Segment(" " * _PREFIX, looks.row)]
    second += _headline(shown, rest_from, cut, text.spans, words, looks.match)
    second += [Segment(also, looks.meta)] if also else []
    gap = width - _PREFIX - cell_len(shown) - len(also) - cell_len(meta)
    second += [Segment(" " * max(0, gap), looks.row), Segment(meta, looks.meta)]
    return [_line(first_line, width, looks), _line(second, width, looks)]


def _line(segments: list[Segment], width: int, looks: RowLooks) -> Strip:
    return Strip(segments).adjust_cell_length(width, looks.row)


def _headline(
    shown: str,
    offset: int,
    cut: int,
    spans: Sequence[tuple[int, int]],
    words: Style,
    match: Style,
) -> list[Segment]:
    """``shown`` (the headline from character ``offset``, its first ``cut`` characters real,
    then an ellipsis or padding) with the matched spans picked out."""
    segments: list[Segment] = []
    done = 0
    for start, end in spans:
        start, end = max(start - offset, 0), min(end - offset, cut)
        if end <= done:
            continue
        if start >= cut:
            break
        start = max(start, done)
        if start > done:
            segments.append(Segment(shown[done:start], words))
        segments.append(Segment(shown[start:end], match))
        done = end
    segments.append(Segment(shown[done:], words))
    return segments


def _fit(text: str, room: int) -> tuple[str, int]:
    """``text`` padded or cut to ``room`` cells (an ellipsis where cut), and how many of its
    characters are shown: matches end where the ellipsis begins."""
    if cell_len(text) <= room:
        return set_cell_size(text, room), len(text)
    shown = _chars_within(text, room - 1)
    return set_cell_size(text[:shown], room - 1) + "…", shown


def _wrap(title: str, room: int) -> tuple[str, int]:
    """The first line of a wrapped headline, and where its second line starts in ``title``."""
    if cell_len(title) <= room:
        return title, len(title)
    end = _chars_within(title, room)
    space = title.rfind(" ", 0, end + 1)
    if space >= room * _WORD_BREAK_FROM:
        return title[:space], space + 1
    return title[:end], end


def _chars_within(text: str, cells: int) -> int:
    """How many of ``text``'s first characters fit in ``cells`` (wide characters take two)."""
    low, high = 0, min(len(text), max(cells, 0))
    while low < high:
        middle = (low + high + 1) // 2
        if cell_len(text[:middle]) <= cells:
            low = middle
        else:
            high = middle - 1
    return low


def _meta(source: str, date: str, width: int, columns: MetaColumns, *, pad: bool) -> str:
    """Source and date, right-aligned; with ``pad``, as fixed-width columns so every row's
    date lines up. The source gives way first in a narrow row, so the headline keeps room."""
    parts = []
    if columns.source and width >= _SOURCE_FROM:
        # beside a headline on its own line, the source takes what a fifth of the row is
        limit = min(columns.source, _SOURCE_MAX, max(8, width // 5) if pad else _SOURCE_MAX)
        shown = Text(source)
        shown.truncate(limit, overflow="ellipsis", pad=pad)
        if shown.plain.strip() or pad:
            parts.append(shown.plain)
    if columns.date:
        parts.append(date.rjust(DATE_CELLS) if pad else date)
    meta = "  ".join(part for part in parts if pad or part)
    return f"{meta} " if meta else ""
