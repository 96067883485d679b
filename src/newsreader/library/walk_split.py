"""A full rescan of a big library, shared between this process and a worker process.

A warm rescan stats every file and compares it with what the cache knows: at a million files
that is 4.5 s on one core, and the cache's million paths held at once were the open app's peak
memory (200 MB above its working size). Split by the folders at the top of the library, half
are compared in a spawned worker while this process does the other half, each a folder at a
time with only that folder's paths in memory; what comes back is the delta, small when little
changed. Small libraries, a cache in memory, and a library with links to folders in it (which
of a folder's two names one walk lists depends on the order it meets them in) are walked as
before, in one walk.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from pathlib import Path

from .cache_tables import files_under
from .changes import Delta, from_paths, from_walk
from .scanner import FolderLink
from .store import Cache
from .workers import spawned_pool

SPLIT_FROM = 50_000
"""Files the cache knows from which a rescan is shared: below, starting a process costs more."""


def full_delta(root: Path, cache: Cache) -> Delta:
    """What a walk of the whole library finds changed, compared with ``cache``."""
    if cache.path is None or (os.cpu_count() or 1) < 2 or not cache.knows_files(SPLIT_FROM):
        return from_walk(root, cache.file_stats())
    halves = _split(root, cache.top_names())
    if halves is None:
        return from_walk(root, cache.file_stats())
    try:
        return _shared(root, cache.path, *halves)
    except FolderLink:  # which of its names one walk lists depends on the order it meets them
        return from_walk(root, cache.file_stats())


def _shared(root: Path, cache_path: Path, mine: list[bytes], theirs: list[bytes]) -> Delta:
    with spawned_pool(1) as pool:
        future = pool.submit(_delta_of, root, cache_path, theirs)
        here = _delta_of(root, cache_path, mine)
        there = future.result()
    return _merged(here, there)


def _split(root: Path, known_tops: set[bytes]) -> tuple[list[bytes], list[bytes]] | None:
    """The names at the top of the library (there now, or known to the cache: gone since) in
    two halves: the folders shared out one by one, the rest (files, what went) here. None
    when a link there leads to a folder: which of its names one walk lists depends on the
    order it meets them in, so it is left to one walk."""
    folders: list[bytes] = []
    names = set(known_tops)
    with os.scandir(os.fsencode(root)) as entries:
        for entry in entries:
            if entry.name.startswith(b"."):
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.name)
            elif entry.is_symlink() and entry.is_dir():
                return None
            else:
                names.add(entry.name)
    folders.sort()
    rest = sorted(names.difference(folders))
    return rest + folders[0::2], folders[1::2]


def _delta_of(root: Path, cache_path: Path, rels: list[bytes]) -> Delta:
    """The delta of ``rels`` (names at the top of ``root``), read against the cache file."""
    db = sqlite3.connect(f"file:{cache_path}?mode=ro", uri=True, check_same_thread=False)
    try:
        skipped: Counter[str] = Counter()
        delta = from_paths(root, rels, lambda rel: files_under(db, rel), skipped, links=False)
        assert delta is not None  # no rel names the library folder itself
        delta.skipped = skipped
        return delta
    finally:
        db.close()


def _merged(first: Delta, second: Delta) -> Delta:
    both = Delta(skipped=(first.skipped or Counter()) + (second.skipped or Counter()))
    for part in (first, second):
        both.todo.update(part.todo)
        both.changed |= part.changed
        both.removed |= part.removed
        both.stale |= part.stale
        both.unreachable.update(part.unreachable)
        both.unchanged += part.unchanged
    return both
