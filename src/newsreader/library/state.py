"""What a user saved: bookmarks, read marks, and where they were in each library.

It lives in the user data dir, apart from the cache, so deleting the cache loses nothing. It is an
SQLite database because that gives, without hand-written locking, the three promises this file
makes: a write is atomic (a process killed mid-write leaves the last committed state), two
processes writing at once both succeed (each write is its own short transaction and waits its
turn), and a failed write (full disk, read-only folder) changes nothing and says so.

A file that is not a readable database is never overwritten: it is moved aside with a timestamp
and named in a warning, and a fresh store starts beside it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .models import Entry
from .sqlite_files import check_side_files

_SCHEMA = """
CREATE TABLE IF NOT EXISTS bookmarks (
    id TEXT PRIMARY KEY,
    added TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    path TEXT
);
CREATE TABLE IF NOT EXISTS reads (id TEXT PRIMARY KEY, read_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    library TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (library, key)
);
"""


class StateError(Exception):
    """A change to saved state could not be written; nothing was half-written."""


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A bookmark keeps the title and url, so it still means something if its file goes away."""

    id: str
    added: str
    title: str
    url: str | None
    path: str | None


class StateStore:
    """Bookmarks, read marks and per-library places, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warnings: list[str] = []
        self._unwritable: str | None = None
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            check_side_files(self.path)  # an unusable -wal/-shm: say so now, not at each save
            return self._connect()
        except sqlite3.DatabaseError as error:
            if self.path.exists() and _is_corrupt(error):
                aside = self._move_aside()
                self.warnings.append(
                    f"saved state {self.path} was unreadable ({error}); it was moved to {aside} "
                    "and a new one started"
                )
                return self._connect()
            return self._unavailable(str(error))
        except OSError as error:
            return self._unavailable(error.strerror or str(error))

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {check}")
            db.executescript(_SCHEMA)
        except Exception:
            db.close()
            raise
        return db

    def _unavailable(self, reason: str) -> sqlite3.Connection:
        """Carry on in memory: reading works, and each save says plainly that it failed."""
        self.warnings.append(
            f"cannot open saved state {self.path} ({reason}); "
            "bookmarks and read marks will not be saved"
        )
        self._unwritable = reason
        db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        db.executescript(_SCHEMA)
        return db

    def _move_aside(self) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                source.rename(Path(f"{aside}{suffix}"))
        return aside

    @property
    def writable(self) -> bool:
        return self._unwritable is None

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One atomic change: all of it is saved, or none of it and a StateError says why."""
        if self._unwritable is not None:
            raise StateError(f"cannot save to {self.path}: {self._unwritable}")
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StateError(f"cannot save to {self.path}: {error}") from error
        try:
            yield self._db
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise StateError(f"cannot save to {self.path}: {error}") from error
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    # -- bookmarks -----------------------------------------------------------------------------

    def bookmarked_ids(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT id FROM bookmarks")}

    def bookmarks(self) -> list[Bookmark]:
        rows = self._db.execute("SELECT id, added, title, url, path FROM bookmarks ORDER BY added")
        return [Bookmark(*row) for row in rows]

    def set_bookmark(self, entry: Entry, on: bool) -> None:
        with self._write() as db:
            if on:
                db.execute(
                    "INSERT INTO bookmarks VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                    " title = excluded.title, url = excluded.url, path = excluded.path",
                    (entry.id, _now(), entry.title, entry.url, entry.path),
                )
            else:
                db.execute("DELETE FROM bookmarks WHERE id = ?", (entry.id,))

    def toggle_bookmark(self, entry: Entry) -> bool:
        """Flip the bookmark in one transaction (so two processes can't undo each other)."""
        with self._write() as db:
            gone = db.execute("DELETE FROM bookmarks WHERE id = ?", (entry.id,)).rowcount
            if not gone:
                db.execute(
                    "INSERT INTO bookmarks VALUES (?, ?, ?, ?, ?)",
                    (entry.id, _now(), entry.title, entry.url, entry.path),
                )
        return not gone

    # -- read marks ----------------------------------------------------------------------------

    def read_ids(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT id FROM reads")}

    def set_read(self, article_id: str, on: bool) -> None:
        with self._write() as db:
            if on:
                db.execute("INSERT OR IGNORE INTO reads VALUES (?, ?)", (article_id, _now()))
            else:
                db.execute("DELETE FROM reads WHERE id = ?", (article_id,))

    # -- places (selected article, sort, reading positions) ------------------------------------

    def place(self, library: str, key: str) -> str | None:
        row = self._db.execute(
            "SELECT value FROM places WHERE library = ? AND key = ?", (library, key)
        ).fetchone()
        return None if row is None else str(row[0])

    def set_place(self, library: str, key: str, value: str) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO places VALUES (?, ?, ?) ON CONFLICT(library, key)"
                " DO UPDATE SET value = excluded.value",
                (library, key, value),
            )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _is_corrupt(error: sqlite3.DatabaseError) -> bool:
    """A damaged file, as opposed to one we may not open (which must be left alone)."""
    text = str(error).lower()
    return any(
        sign in text for sign in ("not a database", "malformed", "integrity check", "corrupt")
    )
