"""The cache: one SQLite file per library folder, under the user cache dir.

It holds what a scan learned (each file's size and mtime, its articles, a full-text index over
their folded words) so that a warm start reads no article file and a rescan rereads only what
changed. It is disposable by design: a missing, damaged or out-of-date cache is rebuilt with a
warning, and nothing a user saved lives here.

Every operation takes a connection of its own from a pool (the app's workers and its UI thread
read and write at once), and every SQLite failure other than a busy database leaves here as
:class:`CacheCorruptError`, so that the library has one thing to catch and heal.

Two processes may share it: SQLite's WAL journal lets readers go on while one writer works, and
a scan takes an exclusive lock file so that two indexers take turns instead of doing the work
twice.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from . import cache_snapshots, story_tables
from .cache_tables import (
    FORMAT_VERSION,
    PAGE_SIZE,
    Outdated,
    ensure_schema,
    files_under,
    forget,
    insert,
    top_names,
    transaction,
)
from .catalog_build import columns_from_tables
from .catalog_columns import Columns
from .catalog_patch import patch_columns
from .models import Problem
from .rows import PreparedFile, unpack_body
from .scanner import display_path
from .sqlite_files import (
    ConnectionPool,
    check_side_files,
    companions,
    connect_file,
    file_lock,
    identity,
    is_transient,
)
from .tokens import holds_run
from .workers import run_apart

APART_FROM = 20_000
"""From this many articles, the snapshots are stored by a worker process (see
:meth:`Cache.refresh_snapshots`): below, starting one (0.3 s) costs more than it spares."""

GROUP_APART_FROM = 1000
"""From this many new articles, an update's grouping into stories runs in a worker process."""

T = TypeVar("T")


class CacheCorruptError(Exception):
    """The cache is damaged, gone or cannot be written (a full disk); the library rebuilds it."""


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    """Every SQLite failure other than a busy database as :class:`CacheCorruptError`."""
    try:
        yield
    except sqlite3.Error as error:
        if is_transient(error):
            raise
        raise CacheCorruptError(str(error)) from error


class Cache:
    """The SQLite cache of one library folder (or an in-memory one when the disk refuses)."""

    def __init__(
        self, pool: ConnectionPool, path: Path | None, anchor: sqlite3.Connection | None = None
    ) -> None:
        self._pool = pool
        self.path = path
        self._identity = identity(path) if path is not None else None
        self._anchor = anchor
        """An in-memory database lives only while a connection to it is open: this one."""
        self._scanning = threading.Lock()

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> tuple[Cache, list[str]]:
        """Open or create the cache at ``path``; rebuild it if it is corrupt or out of date.

        Returns the cache and the warnings a user should see. When the cache folder cannot be
        written, the cache lives in memory for this run: slower starts, but the app works.
        """
        warnings: list[str] = []
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            check_side_files(path)  # an unusable -wal/-shm: work in memory, like an unwritable dir
            return cls._open_file(path), warnings
        except Outdated as outdated:
            warnings.append(f"cache {path} {outdated}; rebuilding it")
        except sqlite3.DatabaseError as error:
            warnings.append(f"cache {path} is unreadable ({error}); rebuilding it")
        except OSError as error:
            warnings.append(
                f"cannot use cache folder {path.parent} ({error.strerror}); working without a cache"
            )
            return cls.open_memory(), warnings
        try:
            for file in companions(path):
                file.unlink(missing_ok=True)
            return cls._open_file(path), warnings
        except (OSError, sqlite3.DatabaseError) as error:
            warnings.append(f"cannot rebuild cache {path} ({error}); working without a cache")
            return cls.open_memory(), warnings

    @classmethod
    def _open_file(cls, path: Path) -> Cache:
        def connect() -> sqlite3.Connection:
            return connect_file(path)

        first = connect()
        try:
            first.execute(f"PRAGMA page_size={PAGE_SIZE}")  # a new file's: no effect on others
            first.execute("PRAGMA journal_mode=WAL")
            ensure_schema(first)
        except BaseException:
            first.close()
            raise
        return cls(ConnectionPool(connect, first), path)

    @classmethod
    def open_memory(cls) -> Cache:
        """A cache for this run only, shared by the threads of this process."""
        uri = f"file:newsreader-{uuid.uuid4().hex}?mode=memory&cache=shared"

        def connect() -> sqlite3.Connection:
            db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            # shared-cache connections lock tables, not the file: without this a search would
            # fail, not wait, while a scan writes
            db.execute("PRAGMA read_uncommitted=1")
            return db

        anchor = connect()
        ensure_schema(anchor)
        return cls(ConnectionPool(connect), None, anchor)

    def is_current(self) -> bool:
        """Whether the file at the cache's path is still the one opened: not deleted (with its
        folder, say) nor replaced by another process's rebuild."""
        return self.path is None or identity(self.path) == self._identity

    def close(self) -> None:
        self._pool.close()
        if self._anchor is not None:
            self._anchor.close()

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        with _translated(), self._pool.connection() as db:
            yield db

    # -- writing (one scan at a time) ----------------------------------------------------------

    @contextlib.contextmanager
    def scan_lock(self) -> Iterator[None]:
        """Hold the cache for one scan; a second indexer waits here, then finds little to do."""
        with self._scanning:
            if self.path is None:
                yield
                return
            with file_lock(Path(f"{self.path}.lock")):
                yield

    def file_stats(self) -> dict[bytes, tuple[int, int]]:
        with self._connection() as db:
            rows = db.execute("SELECT path, size, mtime_ns FROM files")
            return {path: (size, mtime) for path, size, mtime in rows}  # BLOBs: bytes already

    def file_stats_under(self, rel: bytes) -> dict[bytes, tuple[int, int]]:
        """What :meth:`file_stats` says of ``rel`` and of every file below it: two lookups in
        the path index, however many files the cache holds."""
        with self._connection() as db:
            return files_under(db, rel)

    def top_names(self) -> set[bytes]:
        """The names at the top of the library that the cache holds files under, or files."""
        with self._connection() as db:
            return top_names(db)

    def knows_files(self, count: int) -> bool:
        """Whether the cache knows at least ``count`` files (counting them all takes 0.4 s at a
        million; this stops at ``count``)."""
        return bool(self._query("SELECT 1 FROM files LIMIT 1 OFFSET ?", (max(0, count - 1),)))

    def generation(self) -> int:
        """A number every write to the catalog bumps, in any process: one cheap read tells an
        open app that another indexer changed the cache."""
        return int(self._query("SELECT value FROM generation")[0][0])

    def apply(self, removed: Iterable[bytes], prepared: list[PreparedFile]) -> None:
        """Forget ``removed`` files, then store ``prepared`` ones (new to the cache), atomically.

        A changed file is both: its old articles go and its new ones come in one transaction,
        so a reader never sees it missing.
        """
        with self._connection() as db, transaction(db):
            forgotten = sum(forget(db, rel) for rel in removed)
            insert(db, prepared)
            if forgotten or any(item.articles for item in prepared):
                # the catalog changed: its snapshot is stale until the scan refreshes it (a
                # change to problem files alone leaves it current, and starts fast)
                db.execute("UPDATE generation SET value = value + 1")

    def refresh_snapshots(self, cancelled: Callable[[], bool] = lambda: False) -> None:
        """After a scan changed the cache: store the index's words and the catalog's columns,
        so that the next start reads each at once, and group the new articles into stories.

        At 100,000 articles that is 1.5 s of Python, so a big cache has it done in a process of
        its own: an open app's keystrokes go on meanwhile. ``cancelled`` (the app quitting)
        stops that process, and the snapshots stay stale for the next scan to store."""
        if self.path is not None and self._articles() >= APART_FROM:
            with _translated():
                run_apart(cache_snapshots.refresh_at, self.path, cancelled=cancelled)
            return
        with self._connection() as db, transaction(db):
            cache_snapshots.store(db)

    def snapshots_current(self) -> bool:
        """Whether both snapshots are of the cache as it is (no write came after them)."""
        return self._read(cache_snapshots.are_current)

    def group_stories(self, cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Group the articles an update brought, or that a scan cut short (a killed process)
        left without a story: a rescan that finds nothing new would otherwise never get to
        them. Whether any were. Thousands (a folder copied in) are grouped in a process of
        their own, as :meth:`refresh_snapshots` is."""
        with self._connection() as db:
            pending = story_tables.count_pending(db)
        if not pending:
            return False
        if self.path is not None and pending >= GROUP_APART_FROM:
            with _translated():
                return run_apart(cache_snapshots.group_at, self.path, cancelled=cancelled)
        with self._connection() as db, transaction(db):
            story_tables.group_pending(db)
        return True

    def _articles(self) -> int:
        """About how many articles the cache holds (the highest rowid: no count of them all)."""
        with self._connection() as db:
            return int(db.execute("SELECT ifnull(max(rowid), 0) FROM articles").fetchone()[0])

    # -- reading -------------------------------------------------------------------------------

    def columns(self) -> Columns:
        """Every article's list fields, newest first, undated last: the order the list starts in.

        From the snapshot when it is current, else (a scan was cut short) from the tables.
        """
        columns = self._read(cache_snapshots.read_columns)
        if columns is not None and len(columns) and columns.is_consistent():
            return columns
        return self._columns_from_tables()

    def patched_columns(self, columns: Columns) -> Columns | None:
        """``columns`` (read from this cache earlier) brought up to date with the rows added and
        deleted since, without reading the others: None when only a full read can tell."""
        from .position_sets import parse_ids  # NumPy: not needed for a start

        with self._connection() as db:
            db.execute("BEGIN")  # both reads of one state of the tables
            try:
                joined = db.execute("SELECT group_concat(rowid) FROM articles").fetchone()[0]
                present = parse_ids(joined)  # a million rowids in 50 ms, not a set in 300
                added = db.execute(
                    "SELECT rowid, id, title, date, source, url, display_path, words, markup,"
                    " ordinal, published FROM articles WHERE rowid > ?",
                    (max(columns.rowids, default=0),),
                ).fetchall()
            finally:
                db.execute("COMMIT")
        patched = patch_columns(columns, present, added)
        return patched if patched is not None and len(patched) == len(present) else None

    def _columns_from_tables(self) -> Columns:
        with self._connection() as db:
            return columns_from_tables(db)

    def body(self, rowid: int) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
        """An article's paragraphs, tags and author: read on demand, so they stay out of memory."""
        rows = self._query(
            "SELECT body, tags, author FROM articles JOIN bodies USING (rowid) WHERE rowid = ?",
            (rowid,),
        )
        if not rows:
            raise KeyError(rowid)
        body, tags, author = rows[0]
        return unpack_body(body), tuple(tags.split("\x1f")) if tags else (), author

    def story_members(self) -> list[tuple[int, int]]:
        """(rowid, story) of every article whose story has others: an article alone, most of
        a library, is not read."""
        return self._query(
            "SELECT rowid, story FROM story_articles WHERE story IN (SELECT story"
            " FROM story_articles WHERE story IS NOT NULL GROUP BY story HAVING count(*) > 1)"
        )

    def problems(self) -> list[Problem]:
        rows = self._query(
            "SELECT path, problem FROM files WHERE problem IS NOT NULL ORDER BY path"
        )
        return [Problem(display_path(bytes(path)), reason) for path, reason in rows]

    def vocabulary(self) -> tuple[list[tuple[str, int]], bool]:
        """Every indexed word with the number of articles that hold it, and whether that is the
        index as it is now.

        From the snapshot the last scan stored, even when writes came after it (a file or a
        batch came in): reading the index itself costs 1 s at 100k articles and 4 s at a
        million, and the first keystroke after a start that found changes waited for it. A
        search looks a word the stale list lacks up exactly. Only with no snapshot at all (a
        first index under way) is the index read, slower but current: a search during a long
        index must know the words indexed so far.
        """

        def read(db: sqlite3.Connection) -> tuple[list[tuple[str, int]], bool]:
            stored = db.execute(
                "SELECT snapshots.generation = generation.value FROM snapshots, generation"
                " WHERE name = 'terms'"
            ).fetchall()
            if not stored:
                return db.execute("SELECT term, doc FROM vocab").fetchall(), True
            return db.execute("SELECT term, docs FROM terms").fetchall(), bool(stored[0][0])

        return self._read(read)

    def terms_current(self) -> bool:
        """Whether the snapshot of the index's words is of the cache as it is (a quick read)."""
        return bool(
            self._query(
                "SELECT 1 FROM snapshots JOIN generation ON snapshots.generation = generation.value"
                " WHERE name = 'terms'"
            )
        )

    def match(self, term: str, *, head: bool = False) -> str | None:
        """Rowids of the articles holding the indexed ``term`` (anywhere, or with ``head`` in
        their headline or source), comma-separated (None: none).

        Fetched as one string: for a common word that is hundreds of thousands of rows, and one
        string parsed in C (see :func:`position_sets.parse_ids`) is 50 times faster than a row
        per Python tuple.
        """
        table = "heads" if head else "fts"
        rows = self._query(
            f"SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH ?", (f'"{term}"',)
        )
        return rows[0][0] if rows else None

    def holding_phrase(self, rowids: list[int], phrase: tuple[str, ...]) -> list[int]:
        """Those of ``rowids`` whose title, source or a paragraph has ``phrase``'s words next to
        each other, in order. The index keeps no positions, so this reads the candidates."""
        found: list[int] = []
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            rows = self._query(
                "SELECT a.rowid, title, source, body FROM articles AS a JOIN bodies USING (rowid)"
                f" WHERE a.rowid IN ({','.join('?' * len(chunk))})",
                tuple(chunk),
            )
            for rowid, title, source, body in rows:
                texts = (title, source or "", *unpack_body(body))
                if any(holds_run(text, phrase) for text in texts):
                    found.append(rowid)
        return found

    def _read(self, read: Callable[[sqlite3.Connection], T]) -> T:
        """``read`` on a connection, in one read transaction: one state of the cache."""
        with self._connection() as db:
            db.execute("BEGIN")
            try:
                return read(db)
            finally:
                db.execute("COMMIT")

    def _query(self, sql: str, args: tuple[object, ...] = ()) -> list[Any]:
        with self._connection() as db:
            return db.execute(sql, args).fetchall()


__all__ = ["FORMAT_VERSION", "Cache", "CacheCorruptError"]
