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
"""Files per worker round trip at most: large enough to amortise, small enough that progress
moves and a cancelled scan keeps most of its work."""

BATCH_BYTES = 2 * 1024 * 1024
"""Bytes per worker round trip at most: 500 scraped texts, or five feed files of 100 items.
Counted in files alone, a batch of feeds was 50,000 articles: a million of them came in 20
batches, and one worker parsed the last ones alone for 10 s while the other core waited."""

PARALLEL_FROM = 1000
"""Below this many files to parse (or :data:`PARALLEL_BYTES`), starting worker processes costs
more than it saves."""

PARALLEL_BYTES = 4 * 1024 * 1024

MAX_CORES = 8
"""Cores parsed on at most: every parsed article goes through the one writing process, which
more workers could outrun (a cap, not a measured optimum: this machine has 2)."""


def prepare_files(root: Path, todo: list[FileStat], max_bytes: int) -> Iterator[list[PreparedFile]]:
    """Parse ``todo`` in batches; in worker processes when there is enough to share out."""
    batches = list(_batches(todo))
    cores = min(os.cpu_count() or 1, MAX_CORES)
    done = 0
    enough = len(todo) >= PARALLEL_FROM or sum(found.size for found in todo) >= PARALLEL_BYTES
    if enough and cores >= 2:
        # one worker more than cores: a worker waits for the disk at each file it opens (a
        # library too big to stay in memory is read from disk), and the writer leaves part of
        # a core; with a worker per core a cold index of a million files kept each worker 77 %
        # busy and the machine 1.75 of 2 cores, with one more 1.98, for the same CPU time
        workers = cores + 1
        try:
            for prepared in _prepare_in_workers(root, batches, workers, max_bytes):
                yield prepared
                done += 1
        except (concurrent.futures.process.BrokenProcessPool, OSError):
            pass  # no worker processes here (a sandbox, a frozen main): carry on in this one
    for batch in batches[done:]:
        yield prepare_batch(root, batch, max_bytes)


def _batches(todo: list[FileStat]) -> Iterator[list[FileStat]]:
    """``todo`` cut into runs of at most :data:`BATCH` files and about :data:`BATCH_BYTES`."""
    batch: list[FileStat] = []
    size = 0
    for found in todo:
        batch.append(found)
        size += found.size
        if len(batch) == BATCH or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


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
