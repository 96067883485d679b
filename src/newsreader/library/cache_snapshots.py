"""The snapshots a quick start reads: the index's words and the catalog's columns, stored whole.

A scan changes the cache's tables row by row; a start wants all of a column at once. So after a
scan (or once an open app's updates stop) both are stored as snapshots tagged with the cache's
generation, and a start reads a snapshot only when its generation is the cache's: any write
since makes it stale, and the tables are read instead.

Storing them (and grouping new articles into stories, which needs the words' counts) is seconds
of Python at 100,000 articles, so the cache may have it done in a worker process:
:func:`refresh_at` and :func:`group_at` are what such a process runs, on the cache file.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from . import story_tables
from .cache_tables import transaction
from .catalog_build import columns_from_tables
from .catalog_columns import Columns
from .name_orders import title_order
from .snapshot_columns import Part, from_parts, to_parts
from .sqlite_files import connect_file
from .workers import spawned_pool

CATALOG = "catalog-6"
"""The catalog snapshot's name, changed with what it holds (3: compact columns and folders,
stored as parts, see :mod:`snapshot_columns`; 4: with the title order, see :mod:`name_orders`;
5: titles, urls and paths compressed, see :mod:`zipped_column`; 6: the other parts compressed
where that pays, see :mod:`snapshot_columns`):
an older one is not read, and the next scan stores this one in its place."""

_T = TypeVar("_T")

_CURRENT = "JOIN generation ON snapshots.generation = generation.value"


CatalogParts = tuple[bytes, list[Part]]
"""The catalog snapshot's description and parts (see :mod:`snapshot_columns`)."""


def store(
    db: sqlite3.Connection,
    catalog: Callable[[], CatalogParts] | None = None,
    waiting: Callable[[], story_tables.Waiting] | None = None,
) -> None:
    """Store both snapshots of the cache as it is, grouping new articles on the way.

    ``catalog`` gives the catalog's snapshot, and ``waiting`` the articles to group, when
    they are read elsewhere meanwhile (see :func:`refresh_at`); without them, both are read
    here, from ``db``."""
    db.execute("DELETE FROM terms")
    db.execute("INSERT INTO terms SELECT term, doc FROM vocab")
    db.execute("INSERT OR REPLACE INTO snapshots SELECT 'terms', value, x'' FROM generation")
    # needs the words' counts just stored
    story_tables.group_pending(db, waiting() if waiting is not None else None)
    description, parts = catalog() if catalog is not None else catalog_parts(db)
    db.execute("DELETE FROM snapshots WHERE name != 'terms'")
    db.executemany(
        "INSERT INTO snapshots SELECT ?, value, ? FROM generation",
        [(CATALOG, description), *((f"{CATALOG}:{name}", data) for name, data in parts)],
    )


def are_current(db: sqlite3.Connection) -> bool:
    """Whether both snapshots are of the cache as it is (no write came after them)."""
    rows = db.execute(
        f"SELECT count(*) FROM snapshots {_CURRENT} WHERE name IN ('terms', ?)", (CATALOG,)
    ).fetchall()
    return bool(rows[0][0] == 2)


def read_columns(db: sqlite3.Connection) -> Columns | None:
    """The catalog's columns from their snapshot, if it is of the cache as it is."""
    rows = db.execute(f"SELECT data FROM snapshots {_CURRENT} WHERE name = ?", (CATALOG,))
    found = rows.fetchall()
    if not found:
        return None

    def read(part: str) -> bytes | None:
        rowids = db.execute(
            f"SELECT snapshots.rowid FROM snapshots {_CURRENT} WHERE name = ?",
            (f"{CATALOG}:{part}",),
        ).fetchall()
        if not rowids:
            return None
        with db.blobopen("snapshots", "data", rowids[0][0], readonly=True) as blob:
            return blob.read()  # straight from the pages: no copy of the whole row first

    try:
        return from_parts(found[0][0], read)
    except Exception:
        return None


def catalog_parts(db: sqlite3.Connection) -> CatalogParts:
    """The catalog's columns as the tables hold them, with their title order, as parts."""
    from .position_sets import as_array  # NumPy: a start imports this module, not NumPy

    columns = columns_from_tables(db)
    order = as_array(title_order(columns.titles))
    return to_parts(dataclasses.replace(columns, title_order=order))


def refresh_at(path: Path) -> None:
    """:func:`store`, on the cache file at ``path``: what a worker process runs.

    The catalog's snapshot is made in a second process while this one groups the new articles
    into stories: they read different tables, and each is a core's work for seconds (at a
    million articles, 11 s of columns after a cold index, and 18 s of grouping). The articles
    to group are read in a thread, on a connection of its own, while SQLite counts the index's
    words (at a million, 2.8 s of making items in Python beside 3.7 s of walking the index with
    the GIL released). The scan lock its caller holds keeps the articles as they are until both
    snapshots are stored.
    """
    with spawned_pool(1) as pool, ThreadPoolExecutor(1) as reading:
        catalog = pool.submit(_read_at, path, catalog_parts)
        waiting = reading.submit(_read_at, path, story_tables.read_waiting)
        _in_transaction(path, lambda db: store(db, catalog.result, waiting.result))


def _read_at(path: Path, read: Callable[[sqlite3.Connection], _T]) -> _T:
    """``read`` on a connection of its own to the cache file at ``path``."""
    db = connect_file(path)
    try:
        return read(db)
    finally:
        db.close()


def group_at(path: Path) -> None:
    """Group the articles waiting for a story, in the cache file at ``path``: what a worker
    process runs."""
    _in_transaction(path, story_tables.group_pending)


def _in_transaction(path: Path, work: Callable[[sqlite3.Connection], object]) -> None:
    db = connect_file(path)
    try:
        with transaction(db):
            work(db)
    finally:
        db.close()
