"""Watching a library folder while a program has it open, so that new files show up on their own.

The system tells us what changed (watchfiles: inotify on Linux, FSEvents on macOS), in batches:
a file being written fires several events, and ten thousand files copied in at once must be ten
or twenty updates, not ten thousand. Where it can't (the inotify watch limit reached, a network
filesystem whose changes made elsewhere the kernel never hears of), a warm rescan every few
seconds takes over: a walk that stats every file, cheap when little changed, and said once.

``NEWSREADER_WATCH`` chooses: ``auto`` (the default: watch, else rescan), ``poll`` (always
rescan, for a filesystem that fools the check) or ``off``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import watchfiles

from .mounts import filesystem_type

WatchMode = Literal["auto", "poll", "off"]

WATCH_ENV = "NEWSREADER_WATCH"

POLL_SECONDS = 5.0
"""Between two warm rescans where the folder can't be watched: a rescan of 100,000 files stats
them all (0.7 s), so a shorter period would keep a core busy."""

DEBOUNCE_MS = 400
"""A batch is handed over once the folder is quiet for ``STEP_MS``, or after this long while
files keep coming (a bulk copy): often enough to show progress, seldom enough to batch."""

STEP_MS = 50

NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "fuse.sshfs",
     "fuse.rclone", "davfs", "fuse.davfs", "lustre", "ncpfs"}
)  # fmt: skip
"""Filesystems whose files other machines change: the local kernel sees none of it."""


@dataclass(frozen=True, slots=True)
class Batch:
    """What changed since the last batch."""

    paths: frozenset[str] | None
    """Absolute paths of files and folders created, changed or deleted; None when anything may
    have changed and the whole folder must be rescanned (each poll, and after watching fails)."""
    fallback: str | None = None
    """On the first batch after watching became impossible: why, for the user to read once."""


def watch_mode() -> WatchMode:
    value = os.environ.get(WATCH_ENV, "auto").strip().lower()
    return value if value in ("poll", "off") else "auto"  # type: ignore[return-value]


class FolderWatch:
    """The changes to one library folder, batch by batch, until :meth:`stop`.

    Iterate :meth:`batches` in one thread and call :meth:`stop` from any other: iteration then
    ends within ``STEP_MS`` (watching) or at once (polling).
    """

    def __init__(self, root: Path, mode: WatchMode | None = None) -> None:
        self.root = root.absolute()
        self.mode: WatchMode = mode or watch_mode()
        self.poll_seconds = POLL_SECONDS
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def batches(self) -> Iterator[Batch]:
        if self.mode == "off":
            return
        reason = self._cannot_watch()
        if reason is None:
            try:
                for changes in watchfiles.watch(
                    self.root,
                    debounce=DEBOUNCE_MS,
                    step=STEP_MS,
                    stop_event=self._stop,
                ):
                    yield Batch(frozenset(path for _, path in changes))
                return
            except (OSError, RuntimeError) as error:  # the inotify limit, a folder gone
                reason = f"cannot watch the folder ({error})"
        yield from self._poll(reason)

    def _cannot_watch(self) -> str | None:
        if self.mode == "poll":
            return f"{WATCH_ENV}=poll"
        kind = filesystem_type(os.fsencode(self.root))
        if kind in NETWORK_FILESYSTEMS:
            return f"the folder is on a network filesystem ({kind})"
        return None

    def _poll(self, reason: str) -> Iterator[Batch]:
        """A full warm rescan now (changes may have been missed meanwhile), then periodically."""
        fallback: str | None = f"{reason}; looking for changes every {self.poll_seconds:g} s"
        while not self._stop.is_set():
            yield Batch(None, fallback)
            fallback = None
            self._stop.wait(self.poll_seconds)
