"""One scan of the cache: apply what a walk or a watcher found, parse the rest in batches.

Kept apart from :class:`Library`, which decides what to scan and heals the cache around it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import changes
from .parallel import prepare_files
from .rows import PreparedFile
from .store import Cache

COMMIT_ARTICLES = 2000
"""Parsed articles written in one transaction (or :data:`COMMIT_FILES` files): the full-text
index writes a segment per transaction and merges them. At 500, a cold index of 100k articles
spent 6.7 of the writing process's 15.3 s of SQLite in commits and index flushes; at 2,000, 2.6
of 12.0. More would hold more parsed articles in memory meanwhile (about 5 KB each): counted in
files, a transaction of feed files held 200,000 articles."""

COMMIT_FILES = 2000
"""Files in one transaction at most, for files with no article (problems)."""

Progress = Callable[[int, int], None]
"""Called as ``progress(files_done, files_to_do)`` while a scan parses files."""


@dataclass(frozen=True, slots=True)
class ScanCounts:
    """What one scan did to the cache."""

    new: int
    changed: int
    removed: int
    unchanged: int
    skipped: tuple[tuple[str, int], ...] | None
    """Files not read for their type, by suffix: None when no walk counted them (an update of
    a few paths)."""


def scan_cache(
    root: Path,
    cache: Cache,
    find: Callable[[Cache], changes.Delta],
    progress: Progress | None,
    cancelled: Callable[[], bool],
    snapshots: bool,
    max_bytes: int,
) -> tuple[ScanCounts, bool]:
    """Bring ``cache`` up to date with what ``find`` says changed; with ``snapshots``, store
    them after (a full scan), else group the new articles into stories only (an update: the
    snapshots wait for the changes to stop). Also whether stories were grouped."""
    grouped = False
    with cache.scan_lock():
        delta = find(cache)
        cache.apply([*delta.removed, *delta.stale], list(delta.unreachable.values()))
        todo = list(delta.todo.values())
        done = new = 0
        if progress:
            progress(0, len(todo))
        waiting: list[PreparedFile] = []
        articles = 0
        batches = prepare_files(root, todo, max_bytes)
        for prepared in itertools.chain(batches, [[]]):  # an empty batch: the end
            waiting += prepared
            articles += sum(len(item.articles) for item in prepared)
            small = len(waiting) < COMMIT_FILES and articles < COMMIT_ARTICLES
            # the first batch at once: a first index lists its first articles within a second
            if small and prepared and done and not cancelled():
                continue
            if not waiting:
                break
            replaced = [item.rel for item in waiting if item.rel in delta.changed]
            cache.apply(replaced, waiting)
            done += len(waiting)
            new += len(waiting) - len(replaced)
            waiting = []
            articles = 0
            if progress:
                progress(done, len(todo))
            if cancelled():
                break
        if snapshots and (todo or delta.removed or not cache.snapshots_current()):
            cache.refresh_snapshots(cancelled)
        else:
            grouped = cache.group_stories(cancelled)
    counted = None if delta.skipped is None else tuple(delta.skipped.most_common())
    return ScanCounts(new, done - new, len(delta.removed), delta.unchanged, counted), grouped
