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

from watchfiles._rust_notify import RustNotify

from .library import Library
from .models import ScanReport
from .mounts import filesystem_type
from .scan_run import Progress
from .scanner import LibraryMissing

WatchMode = Literal["auto", "poll", "off"]

WATCH_ENV = "NEWSREADER_WATCH"

POLL_SECONDS = 5.0
"""Between two warm rescans where the folder can't be watched: a rescan of 100,000 files stats
them all (0.7 s), so a shorter period would keep a core busy."""

DEBOUNCE_MS = 400
"""A batch is handed over once the folder is quiet for ``STEP_MS``, or after this long while
files keep coming (a bulk copy): often enough to show progress, seldom enough to batch."""

STEP_MS = 50

QUIET_MS = 10_000
"""After this long without a change, an empty batch says the folder is quiet: the time to store
the snapshots that updates leave stale (see :meth:`Library.update`)."""

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
    have changed and the whole folder must be rescanned (each poll, and after watching fails);
    empty when nothing changed for ``QUIET_MS``."""
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
        self.armed = threading.Event()
        """Set once changes are being looked for: a file written after this is seen."""
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def batches(self, *, initial: bool = False) -> Iterator[Batch]:
        """The batches; with ``initial``, first a full rescan, asked for once the watch is
        armed, so that no file written meanwhile is missed."""
        if self.mode == "off":
            return
        reason = self._cannot_watch()
        if reason is None:
            try:
                yield from self._watch(initial)
                return
            except (OSError, RuntimeError) as error:  # the inotify limit, a folder gone
                reason, initial = f"cannot watch the folder ({error})", True
        yield from self._poll(reason, initial)

    def _watch(self, initial: bool) -> Iterator[Batch]:
        # RustNotify is watchfiles' documented lower layer (watchfiles.watch wraps it): only
        # with it can the initial scan start after the watch is armed, not before
        with RustNotify([str(self.root)], False, False, 300, True, False) as watcher:
            self.armed.set()
            if initial:
                yield Batch(None)
            while True:
                changes = watcher.watch(DEBOUNCE_MS, STEP_MS, QUIET_MS, self._stop)
                if changes == "stop":
                    return
                if changes == "signal":  # Ctrl-C, when iterated in the main thread
                    raise KeyboardInterrupt
                paths = frozenset() if changes == "timeout" else frozenset(p for _, p in changes)
                yield Batch(paths)

    def _cannot_watch(self) -> str | None:
        if self.mode == "poll":
            return f"{WATCH_ENV}=poll"
        kind = filesystem_type(os.fsencode(self.root))
        if kind in NETWORK_FILESYSTEMS:
            return f"the folder is on a network filesystem ({kind})"
        return None

    def _poll(self, reason: str, initial: bool) -> Iterator[Batch]:
        """Warm rescans, periodically; the first at once if asked for, or if a failed watch may
        have missed changes (else it only says that rescans take over)."""
        fallback: str | None = f"{reason}; looking for changes every {self.poll_seconds:g} s"
        self.armed.set()
        if not initial:
            yield Batch(frozenset(), fallback)
            fallback = None
            self._stop.wait(self.poll_seconds)
        while not self._stop.is_set():
            yield Batch(None, fallback)
            fallback = None
            self._stop.wait(self.poll_seconds)


@dataclass(frozen=True, slots=True)
class Update:
    """What one batch did to the cache, for the program to show."""

    report: ScanReport | None = None
    """The batch's scan, when it changed something."""
    fallback: str | None = None
    missing: LibraryMissing | None = None


def follow(
    library: Library,
    watch: FolderWatch,
    progress: Progress | None = None,
    *,
    initial: bool = False,
) -> Iterator[Update]:
    """Keep ``library``'s cache current with each batch of ``watch``, until it is stopped.

    Yields an update for each batch that changed the cache, on the batch where watching gave way
    to rescans, and when the folder can't be listed (it may come back: the cache is kept and the
    watch goes on). A quiet folder gets its snapshots stored. With ``initial``, a full scan
    comes first, once the watch is armed, and is reported whatever it found.
    """
    announce = initial
    for batch in watch.batches(initial=initial):
        if batch.fallback is not None:
            yield Update(fallback=batch.fallback)
        if batch.paths is not None and not batch.paths:
            library.refresh_snapshots(cancelled=lambda: watch.stopped)
            continue
        try:
            if batch.paths is None:
                report = library.scan(progress, cancelled=lambda: watch.stopped)
            else:
                report = library.update(batch.paths, progress, cancelled=lambda: watch.stopped)
        except LibraryMissing as missing:
            yield Update(missing=missing)
            continue
        if announce or report.new or report.changed or report.removed:
            yield Update(report=report)
        announce = False
