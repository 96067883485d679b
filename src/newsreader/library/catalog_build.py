"""Reading the catalog's columns from the cache's tables into compact columns.

Rows are read in chunks and packed as they come (see :mod:`column_types`): a million rows
fetched whole as tuples held a gigabyte at once, where packed they take a fifth of it.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from array import array
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate
from typing import Any, cast

from .catalog_columns import Columns, folder_of
from .column_types import CodedColumn, TextColumn
from .outlets import spellings
from .zipped_column import ZippedColumn

_CHUNK = 20_000

_ORDER = " ORDER BY date IS NULL, date DESC, julianday(published) DESC, title, rowid"
_FIELDS = "rowid, id, title, date, source, url, display_path, words, markup, ordinal, published"


class _Texts:
    """A :class:`TextColumn` being filled, a chunk at a time."""

    def __init__(self) -> None:
        self._blobs: list[bytes] = []
        self._ends = array("q")
        self._missing = bytearray()
        self._size = 0

    def extend(self, values: tuple[str | None, ...]) -> None:
        encoded = [(value or "").encode("utf-8", "surrogatepass") for value in values]
        self._ends.extend(end + self._size for end in accumulate(map(len, encoded)))
        self._missing += bytes(value is None for value in values)
        blob = b"".join(encoded)
        self._blobs.append(blob)
        self._size += len(blob)

    def column(self) -> TextColumn:
        ends = self._ends if self._size >= 2**31 else array("i", self._ends)
        return TextColumn(
            b"".join(self._blobs), ends, bytes(self._missing) if any(self._missing) else b""
        )


class _Coded:
    """A :class:`CodedColumn` being filled."""

    def __init__(self) -> None:
        self._known: dict[object, int] = {}
        self._codes = array("i")

    def extend(self, values: tuple[object, ...]) -> None:
        known = self._known
        self._codes.extend(known.setdefault(value, len(known)) for value in values)

    def column(self) -> CodedColumn[Any]:
        return CodedColumn(tuple(self._known), self._codes)


def columns_from_tables(db: sqlite3.Connection) -> Columns:
    """The catalog's columns, read from the tables, one row per article id.

    Copies of one article (the same feed item saved twice, a file copied into another folder)
    share its id, and the catalog lists it once: as the copy with the first path (and first in
    its file), so the id and the row stay the same whatever happens to the copies. Every copy's
    rowid still leads to that row (``aliases``), so searches find it.
    """
    listed = _listed_copies(db)
    texts = {name: _Texts() for name in ("ids", "titles", "urls", "paths", "published")}
    coded = {name: _Coded() for name in ("dates", "sources", "markups", "folders")}
    # a rowid may pass 2**31 (they are never given twice); a count of words or an item's
    # place in its file does not: half the memory at a million articles
    numbers = {"rowids": array("q"), "words": array("i"), "ordinals": array("i")}
    copies: list[tuple[int, str, str]] = []
    position_of: dict[str, int] = {}
    count = 0
    cursor = db.execute(f"SELECT {_FIELDS} FROM articles{_ORDER}")
    while rows := cursor.fetchmany(_CHUNK):
        if listed:
            rows = _without_copies(rows, listed, copies, position_of, count)
        count += len(rows)
        if not rows:
            continue
        rowid, id_, title, date, source, url, path, words, markup, ordinal, published = zip(
            *rows, strict=True
        )
        for name, values in (("ids", id_), ("titles", title), ("urls", url), ("paths", path),
                             ("published", published)):  # fmt: skip
            texts[name].extend(values)
        for name, values in (("dates", date), ("sources", source), ("markups", markup),
                             ("folders", tuple(map(folder_of, path)))):  # fmt: skip
            coded[name].extend(values)
        for name, numeric in (("rowids", rowid), ("words", words), ("ordinals", ordinal)):
            numbers[name].extend(numeric)
    if not count:
        return Columns()
    sources = coded["sources"].column()
    columns = Columns(
        rowids=numbers["rowids"],
        ids=_never_none(texts["ids"].column()),
        titles=_never_none(ZippedColumn.of_texts(texts["titles"].column())),
        dates=coded["dates"].column(),
        sources=_one_spelling(sources),
        urls=ZippedColumn.of_texts(texts["urls"].column()),
        paths=_never_none(ZippedColumn.of_texts(texts["paths"].column())),
        words=numbers["words"],
        markups=coded["markups"].column(),
        ordinals=numbers["ordinals"],
        published=texts["published"].column(),
        folders=coded["folders"].column(),
    )
    aliases = tuple((rowid, path, position_of[id_]) for rowid, path, id_ in copies)
    return dataclasses.replace(columns, aliases=aliases)


def _never_none(column: Sequence[str | None]) -> Sequence[str]:
    """A column the tables hold no NULL in (ids, titles, paths)."""
    return cast("Sequence[str]", column)


def _listed_copies(db: sqlite3.Connection) -> dict[str, int]:
    """For each id held by several rows, the rowid of the copy listed: the first path's."""
    rows = db.execute(
        "SELECT id, rowid FROM articles WHERE id IN"
        " (SELECT id FROM articles GROUP BY id HAVING count(*) > 1)"
        " ORDER BY display_path DESC, ordinal DESC"
    ).fetchall()
    return dict(rows)  # the last row of an id wins: its smallest path and ordinal


def _without_copies(
    rows: list[tuple[Any, ...]],
    listed: dict[str, int],
    copies: list[tuple[int, str, str]],
    position_of: dict[str, int],
    first: int,
) -> list[tuple[Any, ...]]:
    """``rows`` less the copies not listed (kept in ``copies`` as (rowid, path, id)); the
    position of each listed copy (``first`` is the chunk's first) goes in ``position_of``."""
    kept: list[tuple[Any, ...]] = []
    for row in rows:
        rowid, id_ = row[0], row[1]
        chosen = listed.get(id_)
        if chosen is None or chosen == rowid:
            if chosen is not None:
                position_of[id_] = first + len(kept)
            kept.append(row)
        else:
            copies.append((rowid, row[6], id_))
    return kept


def _one_spelling(sources: CodedColumn[Any]) -> CodedColumn[Any]:
    """Each outlet spelled one way (see :func:`outlets.spellings`), over the distinct names."""
    counts: Counter[str] = Counter()
    for code, many in Counter(sources.codes).items():
        name = sources.values[code]
        if isinstance(name, str) and name:
            counts[name] += many
    spelling = spellings(counts)
    if all(spelling[name] == name for name in counts):
        return sources
    return CodedColumn.of(spelling.get(name, name) if name else name for name in sources)
