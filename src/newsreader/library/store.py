"""The cache: one SQLite file per library folder, under the user cache dir.

It holds what a scan learned (each file's size and mtime, its articles, a full-text index over
their folded words) so that a warm start reads no article file and a rescan rereads only what
changed. It is disposable by design: a missing, corrupt or out-of-date cache is rebuilt with a
warning, and nothing a user saved lives here.

Two processes may share it: SQLite's WAL journal lets readers go on while one writer works, and
a scan takes an exclusive lock file so that two indexers take turns instead of doing the work
twice.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalog import Columns
from .identity import duplicate_id
from .models import Markup, Problem
from .scanner import display_path
from .sqlite_files import check_side_files
from .tokens import words

FORMAT_VERSION = 3
"""Bump when the schema or what the parsers extract changes: an older cache is then rebuilt."""

_SCHEMA = """
CREATE TABLE files (
    path BLOB PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    problem TEXT
) WITHOUT ROWID;
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
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

_PARAGRAPH_SEPARATOR = "\x1e"
"""Paragraphs never hold control characters (the parsers clean them), so this one is free."""


class CacheCorruptError(Exception):
    """The cache file is damaged; the library rebuilds it."""


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """An article made ready to store: everything computed outside the database transaction."""

    id: str
    ordinal: int
    title: str
    date: dt.date | None
    source: str | None
    url: str | None
    words: int
    markup: Markup
    tags: tuple[str, ...]
    packed_body: bytes
    """The paragraphs as :func:`pack_body` stores them: compressed in the worker, not the writer."""
    folded_head: str
    folded_body: str


@dataclass(frozen=True, slots=True)
class PreparedFile:
    """One scanned file: its articles, or the problem that kept it out."""

    rel: bytes
    display_path: str
    size: int
    mtime_ns: int
    articles: tuple[PreparedArticle, ...] = ()
    problem: str | None = None


def pack_body(body: tuple[str, ...]) -> bytes:
    return zlib.compress(_PARAGRAPH_SEPARATOR.join(body).encode("utf-8", "surrogatepass"), 1)


def unpack_body(blob: bytes) -> tuple[str, ...]:
    text = zlib.decompress(blob).decode("utf-8", "surrogatepass")
    return tuple(text.split(_PARAGRAPH_SEPARATOR)) if text else ()


class Cache:
    """The SQLite cache of one library folder (or an in-memory one when the disk refuses)."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self._db = connection
        self.path = path

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
            return cls._open_memory(), warnings
        try:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return cls._open_file(path), warnings
        except (OSError, sqlite3.DatabaseError) as error:
            warnings.append(f"cannot rebuild cache {path} ({error}); working without a cache")
            return cls._open_memory(), warnings

    @classmethod
    def _open_file(cls, path: Path) -> Cache:
        db = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            cls._ensure_schema(db)
        except Exception:
            db.close()
            raise
        return cls(db, path)

    @classmethod
    def _open_memory(cls) -> Cache:
        db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        cls._ensure_schema(db)
        return cls(db, None)

    @staticmethod
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

    def close(self) -> None:
        self._db.close()

    # -- writing (one scan at a time) ----------------------------------------------------------

    @contextlib.contextmanager
    def scan_lock(self) -> Iterator[None]:
        """Hold the cache for one scan; a second indexer waits here, then finds little to do."""
        if self.path is None:
            yield
            return
        with Path(f"{self.path}.lock").open("a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def file_stats(self) -> dict[bytes, tuple[int, int]]:
        rows = self._db.execute("SELECT path, size, mtime_ns FROM files")
        return {bytes(path): (size, mtime) for path, size, mtime in rows}

    def apply(self, removed: Iterable[bytes], prepared: list[PreparedFile]) -> None:
        """Forget ``removed`` files, then store ``prepared`` ones (new to the cache), atomically.

        A changed file is both: its old articles go and its new ones come in one transaction,
        so a reader never sees it missing.
        """
        with _transaction(self._db):
            forgotten = sum(self._forget(rel) for rel in removed)
            self._insert(prepared)
            if forgotten or any(item.articles for item in prepared):
                # the catalog changed: its snapshot is stale until the scan refreshes it (a
                # change to problem files alone leaves it current, and starts fast)
                self._db.execute("UPDATE generation SET value = value + 1")

    def _forget(self, rel: bytes) -> int:
        """Delete a file's rows; returns how many articles went with it."""
        db = self._db
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

    def _insert(self, prepared: list[PreparedFile]) -> None:
        """Bulk-insert files, articles and index rows; rowids are given so the three agree."""
        db = self._db
        rowid = (db.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0) + 1
        taken = self._existing_ids([a.id for item in prepared for a in item.articles])
        articles, bodies, indexed = [], [], []
        for item in prepared:
            for article in item.articles:
                article_id = article.id
                while article_id in taken:  # a second copy of one article: tell them apart
                    article_id = duplicate_id(article_id, item.display_path, article.ordinal)
                taken.add(article_id)
                articles.append((
                    rowid, article_id, item.rel, article.ordinal, item.display_path,
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

    def _existing_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

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
        rows = self._query(
            "SELECT rowid, id, title, date, source, url, display_path, words, markup, ordinal"
            " FROM articles ORDER BY date IS NULL, date DESC, title, rowid"
        )
        if not rows:
            return Columns()
        columns = list(map(tuple, zip(*rows, strict=True)))
        for index in (3, 4, 8):  # dates, sources, markups: few distinct values, many rows
            shared: dict[object, object] = {}
            columns[index] = tuple(shared.setdefault(value, value) for value in columns[index])
        return Columns(*columns)

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
        """Every indexed word with the number of articles that hold it (as of the last scan)."""
        return self._query("SELECT term, docs FROM terms")

    def refresh_snapshots(self) -> None:
        """After a scan changed the cache: store the index's words and the catalog's columns,
        so that the next start reads each at once."""
        db = self._db
        with _transaction(db):
            db.execute("DELETE FROM terms")
            db.execute("INSERT INTO terms SELECT term, doc FROM vocab")
            columns = self._columns_from_tables()
            fields = [getattr(columns, field.name) for field in dataclasses.fields(Columns)]
            db.execute(
                "INSERT OR REPLACE INTO snapshots SELECT 'catalog', value, ? FROM generation",
                (pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL),),
            )

    def match(self, expression: str) -> Iterator[int]:
        """Rowids of the articles matching an FTS5 ``expression``.

        Fetched as one comma-separated string: for a common word that is tens of thousands of
        rows, and one string split in C is several times faster than a row per Python tuple.
        """
        rows = self._query("SELECT group_concat(rowid) FROM fts WHERE fts MATCH ?", (expression,))
        joined = rows[0][0] if rows else None
        return map(int, joined.split(",")) if joined else iter(())

    def _query(self, sql: str, args: tuple[object, ...] = ()) -> list[Any]:
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
                raise
            raise CacheCorruptError(str(error)) from error


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


def fts_columns(title: str, source: str | None, body: tuple[str, ...]) -> tuple[str, str]:
    """The two indexed columns: the head (title and source, which outrank the body) and body.

    Each distinct word appears once: the index keeps no positions (``detail='column'``), so
    repeats would only cost tokenizing time. Deleting a row recomputes these same strings.
    """
    head = dict.fromkeys(words(f"{title} {source or ''}"))
    return " ".join(head), " ".join(dict.fromkeys(words(" ".join(body))))
