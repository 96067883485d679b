"""What the cache and the saved state share about SQLite files: connections, locks, damage.

**Connections.** A :class:`ConnectionPool` hands each caller a connection of its own for the
length of one operation and takes it back afterwards. SQLite connections must not be used by two
threads at once (one shared connection let a worker's write start inside the UI thread's
transaction: 409 errors and 373 lost read marks in 600 writes), and the app's thread workers are
new threads each time, so a connection per thread would be opened and leaked per worker. A pool
gives both: never two users at once, and as many connections as there are concurrent users.

**Locks.** :func:`file_lock` is an advisory lock on a file beside the database, taken by every
process that may move or rebuild the database, so two processes never both decide to do it.

**Damage.** :func:`is_damage` tells a damaged file from a busy one: a busy database is waited for
or reported, a damaged one is moved aside (saved state) or rebuilt (cache).

**Side files.** SQLite maps the ``-shm`` file into memory. One it may only read (left behind by
another user, a ``sudo`` run, a read-only mount) it opens read-only, without a word: reads go on,
and the first write fails with "attempt to write a readonly database", deep in a scan or a save.
So before opening, the cache and the saved state look at the side files themselves
(:func:`check_side_files`) and, when one is unusable, take their fallback at once. The look uses
``stat`` and ``access``, never ``open``: closing any descriptor of a file drops all of this
process's POSIX locks on it, SQLite's included; with that lock gone, another process takes itself
for the only user and truncates the ``-shm`` while this one still has it mapped, and touching the
mapping then is a SIGBUS.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path


def connect_file(path: Path) -> sqlite3.Connection:
    """A connection to the cache file at ``path``, for any thread, committing only when told."""
    db = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA synchronous=NORMAL")
    return db


FileIdentity = tuple[int, int]
"""(device, inode): tells the file a connection opened from one put in its place later."""

_MAX_IDLE = 4
"""Idle connections kept for reuse: the app has at most a handful of threads reading at once."""

_TRANSIENT = ("locked", "busy")


class PoolClosed(sqlite3.OperationalError):
    """The database was closed (replaced by a rebuilt one) while a caller still wanted it."""


class ConnectionPool:
    """Connections to one database, each used by one thread at a time."""

    def __init__(
        self, connect: Callable[[], sqlite3.Connection], first: sqlite3.Connection | None = None
    ) -> None:
        self._connect = connect
        self._idle: list[sqlite3.Connection] = [first] if first is not None else []
        self._lock = threading.Lock()
        self._closed = False

    @contextlib.contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A connection for this caller alone until the block ends."""
        with self._lock:
            if self._closed:
                raise PoolClosed("the database was closed")
            db = self._idle.pop() if self._idle else None
        if db is None:
            db = self._connect()
        try:
            yield db
        finally:
            if db.in_transaction:  # a caller that failed mid-transaction: never pool it open
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
            with self._lock:
                keep = not self._closed and len(self._idle) < _MAX_IDLE
                if keep:
                    self._idle.append(db)
            if not keep:
                db.close()

    def close(self) -> None:
        """Close the idle connections now; those in use close when their users give them back."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for db in idle:
            db.close()


@contextlib.contextmanager
def file_lock(path: Path, *, where_writable: bool = False) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) against other processes and
    other threads of this one (each holder opens the file anew, and flock locks are per open).

    With ``where_writable``, a folder no one may write (a read-only disk) goes unlocked: no
    process can change a file there, so there is nothing to keep apart.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        opened = path.open("a+b")
    except OSError as error:
        if not where_writable or error.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise
        yield
        return
    with opened as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def identity(path: Path) -> FileIdentity | None:
    """The file now at ``path``, or None when there is none."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def is_transient(error: sqlite3.Error) -> bool:
    """Another connection holds the database: worth waiting for, not a sign of damage."""
    return isinstance(error, sqlite3.OperationalError) and any(
        word in str(error).lower() for word in _TRANSIENT
    )


def is_damage(error: sqlite3.Error) -> bool:
    """A file that is not a readable database, as opposed to one we may not open or write."""
    text = str(error).lower()
    return any(
        sign in text for sign in ("not a database", "malformed", "integrity check", "corrupt")
    )


def companions(path: Path) -> list[Path]:
    """The database file and the journal files SQLite keeps beside it in WAL mode."""
    return [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm")]


class UnusableSideFile(OSError):
    """A ``-wal`` or ``-shm`` file exists that this process may not read and write."""


def check_side_files(database: Path) -> None:
    """Raise :class:`UnusableSideFile` unless each existing side file of ``database`` is a
    regular file this process may read and write (with its effective ids, as SQLite opens it)."""
    for side in companions(database)[1:]:
        try:
            mode = side.lstat().st_mode
        except FileNotFoundError:
            continue
        except OSError as error:
            raise UnusableSideFile(
                error.errno, f"cannot look at {side.name}: {error.strerror}"
            ) from error
        if not stat.S_ISREG(mode):
            raise UnusableSideFile(errno.EINVAL, f"{side.name} is not a regular file")
        if not _may_read_and_write(side):
            raise UnusableSideFile(errno.EACCES, f"{side.name} is not writable by this user")


def _may_read_and_write(path: Path) -> bool:
    wanted = os.R_OK | os.W_OK
    if os.access in os.supports_effective_ids:
        return os.access(path, wanted, effective_ids=True)
    return os.access(path, wanted)
