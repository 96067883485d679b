"""A catalog brought up to date by patching in what changed, not by reading every row again.

A file written into an open library changes a row or two, yet reading the catalog's columns again
from the tables costs 0.3 s at 100,000 articles (most of the time from a file written to its row
shown). The columns are kept sorted, so the new rows are placed by binary search and the rest is
copied slice by slice: milliseconds. When copies of one article are involved (the same id twice,
which the full read resolves by path), the patch declines and the caller reads every row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from functools import cmp_to_key
from typing import TYPE_CHECKING, Any

from .catalog import Catalog
from .catalog_columns import Columns, folder_of
from .column_types import int64s, spliced
from .name_orders import patched_title_order

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

Row = tuple[Any, ...]
"""(rowid, id, title, date, source, url, display_path, words, markup, ordinal, published), as
the tables give them, then the folder: the column order of :class:`Columns`."""

_FIELDS = 12

Key = tuple[str | None, float | None, str, int]
"""What the catalog is sorted by: date, moment published, title, rowid."""


def patch_columns(
    columns: Columns, present: npt.NDArray[np.int64], added: list[Row]
) -> Columns | None:
    """``columns`` with the rows whose rowid is not ``present`` any more taken out and ``added``
    (new rowids) put in their places; None when a full read must decide (copies of an article).
    """
    from .position_sets import as_array  # NumPy: a start imports this module, not NumPy

    if columns.aliases:
        return None
    gone = _gone(columns.rowids, present)
    new_ids = [row[1] for row in added]
    if len(set(new_ids)) != len(new_ids):
        return None
    if set(Catalog(columns).mask_of_ids(new_ids).nonzero()[0].tolist()) - set(gone):
        return None  # a copy of a listed article
    if len(columns.folders) != len(columns):
        columns = dataclasses.replace(columns, folders=tuple(map(folder_of, columns.paths)))
    fields = [getattr(columns, field.name) for field in dataclasses.fields(Columns)][:_FIELDS]
    added = [(*row, folder_of(row[6])) for row in sorted(added, key=cmp_to_key(_compare))]
    places = [_place(fields, row) for row in added]
    pieces = _pieces(len(columns), gone, places)
    patched = [
        spliced(
            column,
            [range(*piece) if len(piece) == 2 else (added[piece[0]][field],) for piece in pieces],
        )
        for field, column in enumerate(fields)
    ]
    (
        rowids,
        ids,
        titles,
        dates,
        sources,
        urls,
        paths,
        words,
        markups,
        ordinals,
        published,
        folders,
    ) = patched
    order: Sequence[int] = ()
    if len(columns.title_order) == len(columns):
        moved, new_positions = _moves(len(columns), pieces)
        order = as_array(patched_title_order(columns.title_order, moved, new_positions, titles))
    return Columns(rowids, ids, titles, dates, sources, urls, paths, words, markups, ordinals,
                   published, folders, title_order=order)  # fmt: skip


def _moves(length: int, pieces: list[tuple[int, ...]]) -> tuple[npt.NDArray[np.int64], list[int]]:
    """Where the pieces put each old row (-1: gone), and each added row's new position."""
    import numpy as np

    moved = np.full(length, -1, dtype=np.int64)
    added: list[int] = []
    at = 0
    for piece in pieces:
        if len(piece) == 2:
            start, end = piece
            moved[start:end] = np.arange(at, at + end - start)
            at += end - start
        else:
            added.append(at)
            at += 1
    return moved, added


def _gone(rowids: Sequence[int], present: npt.NDArray[np.int64]) -> list[int]:
    """The positions of the rows whose rowid is not ``present`` any more."""
    import numpy as np

    return np.flatnonzero(~np.isin(int64s(rowids), present)).tolist()


def _compare(a: Row, b: Row) -> int:
    return _compare_keys(_key(a[3], a[10], a[2], a[0]), _key(b[3], b[10], b[2], b[0]))


def _key(date: str | None, published: str | None, title: str, rowid: int) -> Key:
    return (date, _moment(published), title, rowid)


def _moment(published: str | None) -> float | None:
    """``julianday(published)`` as the tables' ORDER BY sees it, as a timestamp: None when
    there is none (or it is not a moment SQLite would read)."""
    if not published:
        return None
    try:
        moment = dt.datetime.fromisoformat(published)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).timestamp()


def _compare_keys(a: Key, b: Key) -> int:
    """The catalog's order (``columns_from_tables``' ORDER BY): dated before undated, newest
    first, then the later moment published (one without last), then by title, then rowid."""
    return _compare_times(a[0], a[1], b[0], b[1]) or _compare_rest(a[2], a[3], b[2], b[3])


def _compare_times(date: str | None, moment: float | None, other_date: str | None,
                   other_moment: float | None) -> int:  # fmt: skip
    for first, second in ((date, other_date), (moment, other_moment)):
        if (first is None) != (second is None):
            return -1 if second is None else 1
        if first != second:
            return -1 if first > second else 1  # type: ignore[operator]
    return 0


def _compare_rest(title: str, rowid: int, other_title: str, other_rowid: int) -> int:
    here, other = (title, rowid), (other_title, other_rowid)
    return (here > other) - (here < other)


def _place(fields: Sequence[tuple[Any, ...]], row: Row) -> int:
    """The position before which ``row`` goes among the old rows (binary search). A title is
    read only where the dates tie: it costs a block's decompression (:mod:`zipped_column`)."""
    rowids, titles, dates, published = fields[0], fields[2], fields[3], fields[10]
    date, moment, title, rowid = _key(row[3], row[10], row[2], row[0])
    low, high = 0, len(rowids)
    while low < high:
        middle = (low + high) // 2
        order = _compare_times(dates[middle], _moment(published[middle]), date, moment)
        if not order:
            order = _compare_rest(titles[middle], rowids[middle], title, rowid)
        if order < 0:
            low = middle + 1
        else:
            high = middle
    return low


def _pieces(length: int, gone: list[int], places: list[int]) -> list[tuple[int, ...]]:
    """The new column as pieces: ``(start, end)`` slices of the old one, ``(index,)`` added
    rows; a new row placed at a gone row's position goes before it, so the order holds."""
    events = sorted([(place, 0, index) for index, place in enumerate(places)]
                    + [(position, 1, -1) for position in gone])  # fmt: skip
    pieces: list[tuple[int, ...]] = []
    cursor = 0
    for position, kind, index in events:
        if position > cursor:
            pieces.append((cursor, position))
            cursor = position
        if kind == 0:
            pieces.append((index,))
        else:
            cursor = position + 1
    pieces.append((cursor, length))
    return pieces
