"""What a user saved: bookmarks, read marks, and where they were in each library.

It lives in the user data dir, apart from the cache, so deleting the cache loses nothing. It is an
SQLite database because that gives, without hand-written locking, the three promises this file
makes: a write is atomic (a process killed mid-write leaves the last committed state), two
processes or threads writing at once both succeed (each write is its own short transaction on a
connection of its own, and waits its turn), and a failed write (full disk, read-only folder)
changes nothing and says so.

A file that is not a readable database is never overwritten: it is moved aside under a name no
other file has, by one process only (they take a lock file first), named in one warning, and a
fresh store starts beside it. A file replaced while a program has it open (restored from a backup,
say) is noticed at the next read or write, which then goes to the new file, not the old one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from . import read_mark_rows
from .id_sets import IdSet
from .models import Entry
from .sqlite_files import (
    ConnectionPool,
    FileIdentity,
    UnusableSideFile,
    check_side_files,
    companions,
    file_lock,
    identity,
    is_damage,
)

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS bookmarks (
    id TEXT PRIMARY KEY,
    added TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    path TEXT,
    library TEXT
);
CREATE TABLE IF NOT EXISTS reads (id TEXT PRIMARY KEY, read_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    library TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (library, key)
);
-- Bumped by every change to bookmarks or read marks, by any process: one cheap read tells an
-- open app that another process (the command line, a second app) changed them.
CREATE TABLE IF NOT EXISTS revision (value INTEGER NOT NULL);
INSERT INTO revision SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM revision);
"""


class StateError(Exception):
    """Saved state could not be read or written; nothing was half-written."""


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A bookmark keeps the title and url, so it still means something if its file goes away."""

    id: str
    added: str
    title: str
    url: str | None
    path: str | None
    library: str | None = None
    """The library folder it was made in; None for bookmarks saved before libraries were kept."""


class StateStore:
    """Bookmarks, read marks and per-library places, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warnings: list[str] = []
        self._unwritable: str | None = None
        self._identity: FileIdentity | None = None
        self._reopening = threading.Lock()
        self._pool = self._open()

    # -- opening -------------------------------------------------------------------------------

    def _open(self) -> ConnectionPool:
        """A pool on the file, checked once; damage moved aside; in memory if it can't be had."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            check_side_files(self.path)  # an unusable -wal/-shm: say so now, not at each save
            with file_lock(self.path.with_name(f"{self.path.name}.lock"), where_writable=True):
                first = self._check_or_recover()
        except (sqlite3.DatabaseError, UnusableSideFile) as error:
            return self._read_only(str(error))
        except OSError as error:
            return self._unavailable(error.strerror or str(error))
        self._identity = identity(self.path)
        return ConnectionPool(lambda: self._connect(check=False), first)

    def _connect(self, *, check: bool) -> sqlite3.Connection:
        # each connection is used by one thread at a time (the pool sees to it), though not
        # always the thread that opened it
        db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous=FULL")
            if check:
                db.execute("PRAGMA journal_mode=WAL")
                result = db.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise sqlite3.DatabaseError(f"integrity check failed: {result}")
                db.executescript(_SCHEMA)
                _add_library_column(db)
        except BaseException:
            db.close()
            raise
        return db

    def _check_or_recover(self) -> sqlite3.Connection:
        """The checked first connection; a damaged file moved aside and a new one started.

        Called under the file's lock, so that processes starting together check and set up the
        file one at a time: a second process would otherwise find a new file half set up (its
        journal mode changing, its tables being made) and fail at once with "database is
        locked", for SQLite does not wait where waiting could deadlock.
        """
        try:
            return self._connect(check=True)
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise
            reason = str(error)
        aside = self._move_aside()
        self.warnings.append(
            f"saved state {self.path} was unreadable ({reason}); it was moved to {aside} "
            "and a new one started"
        )
        return self._connect(check=True)

    def _move_aside(self) -> Path:
        """Rename the damaged file and its journals to a name no file has (under the lock)."""
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        count = 1
        while any(path.exists() for path in companions(aside)):
            count += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{count}")
        for source, target in zip(companions(self.path), companions(aside), strict=True):
            with contextlib.suppress(FileNotFoundError):  # no journal beside it
                source.rename(target)
        return aside

    def _read_only(self, reason: str) -> ConnectionPool:
        """A file we may read but not write (a read-only disk): show what it holds, save nothing.

        ``immutable`` lets SQLite read a WAL database without creating its ``-shm`` file, which
        a read-only folder would refuse.
        """
        uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)

        try:
            first = connect()
            first.execute("SELECT 1 FROM bookmarks LIMIT 1").fetchone()
        except (sqlite3.Error, OSError, ValueError):
            return self._unavailable(reason)
        self.warnings.append(
            f"saved state {self.path} can only be read ({reason}); "
            "bookmarks and read marks will not be saved"
        )
        self._unwritable = reason
        return ConnectionPool(connect, first)

    def _unavailable(self, reason: str) -> ConnectionPool:
        """Carry on in memory: reading works, and each save says plainly that it failed."""
        self.warnings.append(
            f"cannot open saved state {self.path} ({reason}); "
            "bookmarks and read marks will not be saved"
        )
        self._unwritable = reason

        def connect() -> sqlite3.Connection:
            db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            db.executescript(_SCHEMA)  # nothing is ever written: each connection is as empty
            return db

        return ConnectionPool(connect)

    @property
    def writable(self) -> bool:
        return self._unwritable is None

    def close(self) -> None:
        self._pool.close()

    # -- using it ------------------------------------------------------------------------------

    def _pool_now(self) -> ConnectionPool:
        """The pool on the file now at the path: a file put in its place is opened anew."""
        if self._unwritable is None and identity(self.path) != self._identity:
            with self._reopening:
                if identity(self.path) != self._identity:  # not done by another thread meanwhile
                    old, self._pool = self._pool, self._open()
                    old.close()
        return self._pool

    def _read(self, sql: str, args: tuple[object, ...] = ()) -> list[Any]:
        return self._reading(lambda db: db.execute(sql, args).fetchall())

    def _reading(self, read: Callable[[sqlite3.Connection], T]) -> T:
        """``read`` in one read transaction (one state of the file), its failure a StateError."""
        try:
            with self._pool_now().connection() as db:
                db.execute("BEGIN")
                try:
                    return read(db)
                finally:
                    db.execute("COMMIT")
        except sqlite3.Error as error:
            raise StateError(f"cannot read saved state {self.path}: {error}") from error

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One atomic change: all of it is saved, or none of it and a StateError says why."""
        if self._unwritable is not None:
            raise StateError(f"cannot save to {self.path}: {self._unwritable}")
        try:
            with self._pool_now().connection() as db:  # rolls back whatever did not commit
                db.execute("BEGIN IMMEDIATE")
                yield db
                db.execute("COMMIT")
        except sqlite3.Error as error:
            raise StateError(f"cannot save to {self.path}: {error}") from error

    def revision(self) -> int:
        """A number that changes whenever bookmarks or read marks change, in any process."""
        rows = self._read("SELECT value FROM revision")
        return int(rows[0][0]) if rows else 0

    # -- bookmarks -----------------------------------------------------------------------------

    def bookmarked_ids(self) -> set[str]:
        return {str(row[0]) for row in self._read("SELECT id FROM bookmarks")}

    def bookmarks(self, library: str | None = None) -> list[Bookmark]:
        """Every bookmark, oldest first; with ``library``, those made in that folder and the
        ones saved before bookmarks kept their folder."""
        # by name: a read-only state file from before the library column has no such column
        names = [row[1] for row in self._read("PRAGMA table_info(bookmarks)")]
        rows = self._read("SELECT * FROM bookmarks ORDER BY added")
        found = [
            Bookmark(**{k: v for k, v in zip(names, row, strict=True) if k in _BOOKMARK_FIELDS})
            for row in rows
        ]
        if library is None:
            return found
        return [b for b in found if b.library in (library, None)]

    def set_bookmark(self, entry: Entry, on: bool, library: str | None = None) -> None:
        with self._write() as db:
            if on:
                db.execute(
                    "INSERT INTO bookmarks (id, added, title, url, path, library)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                    " title = excluded.title, url = excluded.url, path = excluded.path,"
                    " library = excluded.library",
                    (entry.id, _now(), entry.title, entry.url, entry.path, library),
                )
            else:
                db.execute("DELETE FROM bookmarks WHERE id = ?", (entry.id,))
            _bump(db)

    def remove_bookmark(self, article_id: str) -> bool:
        """Remove a bookmark by id, its article in the folder or not; whether there was one."""
        with self._write() as db:
            gone = db.execute("DELETE FROM bookmarks WHERE id = ?", (article_id,)).rowcount
            _bump(db)
        return bool(gone)

    def toggle_bookmark(self, entry: Entry, library: str | None = None) -> bool:
        """Flip the bookmark as it is saved now, in one transaction: acting on what another
        process saved a moment ago, never on a copy read earlier."""
        with self._write() as db:
            gone = db.execute("DELETE FROM bookmarks WHERE id = ?", (entry.id,)).rowcount
            if not gone:
                db.execute(
                    "INSERT INTO bookmarks (id, added, title, url, path, library)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (entry.id, _now(), entry.title, entry.url, entry.path, library),
                )
            _bump(db)
        return not gone

    # -- read marks ----------------------------------------------------------------------------

    def read_ids(self) -> set[str]:
        return {str(row[0]) for row in self._read("SELECT id FROM reads")}

    def read_marks(self) -> IdSet:
        """The read ids as an :class:`IdSet` (see :func:`read_mark_rows.read_all`), where
        :meth:`read_ids` builds a set of strings."""
        return self._reading(read_mark_rows.read_all)

    def toggle_read(self, article_id: str) -> bool:
        """Flip the read mark as it is saved now, in one transaction; returns the new mark."""
        with self._write() as db:
            gone = db.execute("DELETE FROM reads WHERE id = ?", (article_id,)).rowcount
            if not gone:
                db.execute("INSERT INTO reads VALUES (?, ?)", (article_id, _now()))
            _bump(db)
        return not gone

    def set_read(self, article_id: str, on: bool) -> None:
        self.set_read_many([article_id], on)

    def set_read_many(self, article_ids: Iterable[str], on: bool) -> None:
        """Mark articles read or unread, all in one transaction."""
        now = _now()
        with self._write() as db:
            read_mark_rows.write(db, article_ids, on, now)
            _bump(db)

    # -- places (selected article, sort, reading positions) ------------------------------------

    def place(self, library: str, key: str) -> str | None:
        rows = self._read("SELECT value FROM places WHERE library = ? AND key = ?", (library, key))
        return str(rows[0][0]) if rows else None

    def set_place(self, library: str, key: str, value: str) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO places VALUES (?, ?, ?) ON CONFLICT(library, key)"
                " DO UPDATE SET value = excluded.value",
                (library, key, value),
            )


_BOOKMARK_FIELDS = ("id", "added", "title", "url", "path", "library")


def _add_library_column(db: sqlite3.Connection) -> None:
    """A state file from before bookmarks kept their library gains the column (empty)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(bookmarks)")}
    if "library" not in columns:
        db.execute("ALTER TABLE bookmarks ADD COLUMN library TEXT")


def _bump(db: sqlite3.Connection) -> None:
    db.execute("UPDATE revision SET value = value + 1")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
