"""Whether a WAL database's side files (``-wal``, ``-shm``) are ones this process can use.

SQLite maps the ``-shm`` file into memory. One it may only read (left behind by another user, a
``sudo`` run, a read-only mount) it opens read-only, without a word: reads go on, and the first
write fails with "attempt to write a readonly database", deep in a scan or a save. So before
opening, the cache and the saved state look at the side files themselves and, when one is
unusable, take their fallback at once (a cache in memory, saved state that says it can't save).

The look uses ``stat`` and ``access``, never ``open``: closing any descriptor of a file drops all
of this process's POSIX locks on it, SQLite's included, and a process may already hold the file
open (another thread's connection). With that lock gone, another process takes itself for the
only user and truncates the ``-shm`` to 3 bytes while this one still has it mapped; touching the
mapping then is a SIGBUS, the one way we found for a ``-shm`` to raise it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class UnusableSideFile(OSError):
    """A ``-wal`` or ``-shm`` file exists that this process may not read and write."""


def check_side_files(database: Path) -> None:
    """Raise :class:`UnusableSideFile` unless each existing side file of ``database`` is a
    regular file this process may read and write (with its effective ids, as SQLite opens it)."""
    for suffix in ("-wal", "-shm"):
        side = Path(f"{database}{suffix}")
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
