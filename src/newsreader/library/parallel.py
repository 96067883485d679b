"""Parsing the files a scan must read: in batches, in worker processes when there are enough.

Parsing is the CPU-bound half of a scan (see :mod:`prepare`); this process only writes to
SQLite, so a cold index of many files spreads the parsing over the machine's cores.
"""

from __future__ import annotations

import collections
import concurrent.futures
import os
from collections.abc import Iterator
from pathlib import Path

from .prepare import prepare_batch
from .rows import PreparedFile
from .scanner import FileStat
from .workers import spawned_pool

BATCH = 500
"""Files per worker round trip and per transaction: large enough to amortise, small enough that
progress moves and a cancelled scan keeps most of its work."""

PARALLEL_FROM = 1000
"""Below this many files to parse, starting worker processes costs more than it saves."""


def prepare_files(root: Path, todo: list[FileStat], max_bytes: int) -> Iterator[list[PreparedFile]]:
    """Parse ``todo`` in batches; in worker processes when there is enough to share out."""
    batches = [todo[i : i + BATCH] for i in range(0, len(todo), BATCH)]
    workers = min(os.cpu_count() or 1, 8)
    done = 0
    if len(todo) >= PARALLEL_FROM and workers >= 2:
        try:
            for prepared in _prepare_in_workers(root, batches, workers, max_bytes):
                yield prepared
                done += 1
        except (concurrent.futures.process.BrokenProcessPool, OSError):
            pass  # no worker processes here (a sandbox, a frozen main): carry on in this one
    for batch in batches[done:]:
        yield prepare_batch(root, batch, max_bytes)


def _prepare_in_workers(
    root: Path, batches: list[list[FileStat]], workers: int, max_bytes: int
) -> Iterator[list[PreparedFile]]:
    # the workers die with this process, even a SIGKILLed one (on Linux, when the thread that
    # started them, this one, ends)
    pending: collections.deque[concurrent.futures.Future[list[PreparedFile]]] = collections.deque()
    with spawned_pool(workers) as pool:
        try:
            for batch in batches:
                # a few batches in flight keep the workers busy; more would only pile up
                # parsed articles in memory while this process writes them
                pending.append(pool.submit(prepare_batch, root, batch, max_bytes))
                if len(pending) > 2 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
