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
import dataclasses
import pickle
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .catalog import Columns
from .models import Problem
from .rows import PreparedFile, fts_columns, unpack_body
from .scanner import display_path
from .sqlite_files import (
    ConnectionPool,
    check_side_files,
    companions,
    file_lock,
    identity,
    is_transient,
)
from .tokens import holds_run

FORMAT_VERSION = 4
"""Bump when the schema or what the parsers extract changes: an older cache is then rebuilt."""

_SCHEMA = """
CREATE TABLE files (
    path BLOB PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    problem TEXT
) WITHOUT ROWID;
-- AUTOINCREMENT: a rowid is never given twice, so a catalog read before a rescan can never take
-- a new article's rowid for the deleted one it had.
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    file BLOB NOT NULL,
    ordinal INTEGER NOT NULL,
    display_path TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    source TEXT,
    url TEXT,
    words INTEGER NOT NULL,
    markup TEXT NOT NULL,
    tags TEXT NOT NULL
);
CREATE INDEX articles_file ON articles(file);
CREATE INDEX articles_id ON articles(id);
-- Bodies apart, so that listing every article reads 20 MB of rows, not 150 MB.
CREATE TABLE bodies (rowid INTEGER PRIMARY KEY, body BLOB NOT NULL);
-- A snapshot of fts5vocab, which walks the whole index (0.4 s at 100k articles) to answer.
CREATE TABLE terms (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
-- The catalog's columns, pickled, as of a generation (bumped by every write): a start reads one
-- blob instead of sorting 100,000 rows, and ignores a blob that a later write made stale.
CREATE TABLE generation (value INTEGER NOT NULL);
INSERT INTO generation VALUES (0);
CREATE TABLE snapshots (name TEXT PRIMARY KEY, generation INTEGER NOT NULL, data BLOB NOT NULL);
CREATE VIRTUAL TABLE fts USING fts5(
    head, body, content='', detail='column', tokenize='unicode61 remove_diacritics 0'
);
-- Merge index segments in bigger steps: a cold index of 100k articles writes ~16% faster,
-- and queries still find few segments to read.
INSERT INTO fts(fts, rank) VALUES ('automerge', 8);
CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, 'row');
"""


class CacheCorruptError(Exception):
    """The cache is damaged, gone or cannot be written (a full disk); the library rebuilds it."""


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
        except _Outdated as outdated:
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
            db = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA synchronous=NORMAL")
            return db

        first = connect()
        try:
            first.execute("PRAGMA journal_mode=WAL")
            _ensure_schema(first)
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
        _ensure_schema(anchor)
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
        try:
            with self._pool.connection() as db:
                yield db
        except sqlite3.Error as error:
            if is_transient(error):
                raise
            raise CacheCorruptError(str(error)) from error

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
            return {bytes(path): (size, mtime) for path, size, mtime in rows}

    def apply(self, removed: Iterable[bytes], prepared: list[PreparedFile]) -> None:
        """Forget ``removed`` files, then store ``prepared`` ones (new to the cache), atomically.

        A changed file is both: its old articles go and its new ones come in one transaction,
        so a reader never sees it missing.
        """
        with self._connection() as db, _transaction(db):
            forgotten = sum(_forget(db, rel) for rel in removed)
            _insert(db, prepared)
            if forgotten or any(item.articles for item in prepared):
                # the catalog changed: its snapshot is stale until the scan refreshes it (a
                # change to problem files alone leaves it current, and starts fast)
                db.execute("UPDATE generation SET value = value + 1")

    def refresh_snapshots(self) -> None:
        """After a scan changed the cache: store the index's words and the catalog's columns,
        so that the next start reads each at once."""
        with self._connection() as db, _transaction(db):
            db.execute("DELETE FROM terms")
            db.execute("INSERT INTO terms SELECT term, doc FROM vocab")
            db.execute(
                "INSERT OR REPLACE INTO snapshots SELECT 'terms', value, x'' FROM generation"
            )
            columns = _columns_from_tables(db)
            fields = [getattr(columns, field.name) for field in dataclasses.fields(Columns)]
            db.execute(
                "INSERT OR REPLACE INTO snapshots SELECT 'catalog', value, ? FROM generation",
                (pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL),),
            )

    # -- reading -------------------------------------------------------------------------------

    def columns(self) -> Columns:
        """Every article's list fields, newest first, undated last: the order the list starts in.

        From the snapshot when it is current, else (a scan was cut short) from the tables.
        """
        rows = self._query(
            "SELECT data FROM snapshots JOIN generation ON snapshots.generation = generation.value"
            " WHERE name = 'catalog'"
        )
        if rows:
            try:
                columns = Columns(*pickle.loads(rows[0][0]))
            except Exception:
                columns = Columns()
            if len(columns) and columns.is_consistent():
                return columns
        return self._columns_from_tables()

    def _columns_from_tables(self) -> Columns:
        with self._connection() as db:
            return _columns_from_tables(db)

    def body(self, rowid: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """An article's paragraphs and tags, read on demand so bodies stay out of memory."""
        rows = self._query(
            "SELECT body, tags FROM articles JOIN bodies USING (rowid) WHERE rowid = ?", (rowid,)
        )
        if not rows:
            raise KeyError(rowid)
        body, tags = rows[0]
        return unpack_body(body), tuple(tags.split("\x1f")) if tags else ()

    def problems(self) -> list[Problem]:
        rows = self._query(
            "SELECT path, problem FROM files WHERE problem IS NOT NULL ORDER BY path"
        )
        return [Problem(display_path(bytes(path)), reason) for path, reason in rows]

    def vocabulary(self) -> list[tuple[str, int]]:
        """Every indexed word with the number of articles that hold it.

        From the snapshot the last scan left, when no write came after it; else (a first index
        still under way) from the index itself, slower but current: a search during a long
        index must know the words indexed so far.
        """
        current = self._query(
            "SELECT 1 FROM snapshots JOIN generation ON snapshots.generation = generation.value"
            " WHERE name = 'terms'"
        )
        if current:
            return self._query("SELECT term, docs FROM terms")
        return self._query("SELECT term, doc FROM vocab")

    def match(self, expression: str) -> Iterator[int]:
        """Rowids of the articles matching an FTS5 ``expression``.

        Fetched as one comma-separated string: for a common word that is tens of thousands of
        rows, and one string split in C is several times faster than a row per Python tuple.
        """
        rows = self._query("SELECT group_concat(rowid) FROM fts WHERE fts MATCH ?", (expression,))
        joined = rows[0][0] if rows else None
        return map(int, joined.split(",")) if joined else iter(())

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

    def _query(self, sql: str, args: tuple[object, ...] = ()) -> list[Any]:
        with self._connection() as db:
            return db.execute(sql, args).fetchall()


def _ensure_schema(db: sqlite3.Connection) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == FORMAT_VERSION:
        db.execute("SELECT 1 FROM files LIMIT 1").fetchone()  # readable, without a scan
        return
    if version != 0:
        raise _Outdated(f"has format version {version}, this newsreader uses {FORMAT_VERSION}")
    with _transaction(db):
        if db.execute("PRAGMA user_version").fetchone()[0] == 0:  # not made meanwhile
            if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise _Outdated("is not a newsreader cache")
            for statement in _SCHEMA.split(";"):  # executescript would commit midway
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version={FORMAT_VERSION}")


def _forget(db: sqlite3.Connection, rel: bytes) -> int:
    """Delete a file's rows; returns how many articles went with it.

    The index is contentless, so deleting a row from it means handing it the exact words it
    indexed: they are computed again from the stored title, source and body.
    """
    rows = db.execute(
        "SELECT a.rowid, title, source, body FROM articles AS a JOIN bodies USING (rowid)"
        " WHERE file = ?",
        (rel,),
    ).fetchall()
    for rowid, title, source, body in rows:
        head, text = fts_columns(title, source, unpack_body(body))
        db.execute(
            "INSERT INTO fts(fts, rowid, head, body) VALUES('delete', ?, ?, ?)",
            (rowid, head, text),
        )
        db.execute("DELETE FROM bodies WHERE rowid = ?", (rowid,))
    db.execute("DELETE FROM articles WHERE file = ?", (rel,))
    db.execute("DELETE FROM files WHERE path = ?", (rel,))
    return len(rows)


def _insert(db: sqlite3.Connection, prepared: list[PreparedFile]) -> None:
    """Bulk-insert files, articles and index rows; rowids are given so the three agree."""
    last = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'articles'").fetchone()
    rowid = (last[0] if last else 0) + 1
    articles, bodies, indexed = [], [], []
    for item in prepared:
        for article in item.articles:
            articles.append((
                rowid, article.id, item.rel, article.ordinal, item.display_path,
                article.title, article.date.isoformat() if article.date else None,
                article.source, article.url, article.words, article.markup,
                "\x1f".join(article.tags),
            ))  # fmt: skip
            bodies.append((rowid, article.packed_body))
            indexed.append((rowid, article.folded_head, article.folded_body))
            rowid += 1
    db.executemany(
        "INSERT INTO files VALUES (?, ?, ?, ?)",
        [(item.rel, item.size, item.mtime_ns, item.problem) for item in prepared],
    )
    db.executemany(
        "INSERT INTO articles (rowid, id, file, ordinal, display_path, title, date, source,"
        " url, words, markup, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        articles,
    )
    db.executemany("INSERT INTO bodies VALUES (?, ?)", bodies)
    db.executemany("INSERT INTO fts(rowid, head, body) VALUES (?, ?, ?)", indexed)


def _columns_from_tables(db: sqlite3.Connection) -> Columns:
    """The catalog's columns, read from the tables, one row per article id.

    Copies of one article (the same feed item saved twice, a file copied into another folder)
    share its id, and the catalog lists it once: as the copy with the first path, whichever
    copy was indexed first, so the id and the row stay the same whatever happens to the copies.
    Every copy's rowid still leads to that row (``aliases``), so searches find it.
    """
    rows = db.execute(
        "SELECT rowid, id, title, date, source, url, display_path, words, markup, ordinal"
        " FROM articles ORDER BY date IS NULL, date DESC, title, rowid"
    ).fetchall()
    if not rows:
        return Columns()
    chosen: dict[str, int] = {}
    copies: list[int] = []
    for index, row in enumerate(rows):
        first = chosen.setdefault(row[1], index)
        if first != index:
            copy = index
            if (row[6], row[9]) < (rows[first][6], rows[first][9]):
                chosen[row[1]], copy = index, first
            copies.append(copy)
    aliases: tuple[tuple[int, str, int], ...] = ()
    if copies:
        hidden = set(copies)
        shown = [index for index in range(len(rows)) if index not in hidden]
        position = {index: at for at, index in enumerate(shown)}
        aliases = tuple(
            (rows[copy][0], rows[copy][6], position[chosen[rows[copy][1]]]) for copy in copies
        )
        rows = [rows[index] for index in shown]
    columns = list(map(tuple, zip(*rows, strict=True)))
    for index in (3, 4, 8):  # dates, sources, markups: few distinct values, many rows
        shared: dict[object, object] = {}
        columns[index] = tuple(shared.setdefault(value, value) for value in columns[index])
    return dataclasses.replace(Columns(*columns), aliases=aliases)


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """A write transaction, taken at once so a second writer waits instead of failing."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


class _Outdated(Exception):
    """The cache was written by another format version, or is not ours."""
