"""Which files a scan must read and which it must forget, compared with what the cache knows.

Two ways to find out: walk the whole folder (a full scan: every file is stat-ed, at 100,000 files
most of a second), or look only at the paths a file watcher named (an incremental scan: a stat
and an indexed cache lookup per path, milliseconds whatever the library's size). Both end in the
same :class:`Delta`, which the library applies through the same cache code.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .formats import SUFFIXES
from .rows import PreparedFile
from .scanner import (
    FileStat,
    LibraryMissing,
    WalkProblem,
    count_skipped,
    display_path,
    file_suffix,
    walk,
)

Known = dict[bytes, tuple[int, int]]
"""What the cache knows of files: relative path -> (size, mtime_ns); size -1 for a problem
recorded without reading the file (a broken link, a folder that could not be opened)."""


@dataclass
class Delta:
    """What to do to the cache: files to read, rows to forget, problems to record."""

    todo: dict[bytes, FileStat] = field(default_factory=dict)
    """New and changed files, to be read."""
    changed: set[bytes] = field(default_factory=set)
    """Those of ``todo`` the cache already holds: their old rows go as the new ones come."""
    removed: set[bytes] = field(default_factory=set)
    """Files that are gone."""
    stale: set[bytes] = field(default_factory=set)
    """Problem rows to drop (the problem is found again if it is still there)."""
    unreachable: dict[bytes, PreparedFile] = field(default_factory=dict)
    unchanged: int = 0
    skipped: Counter[str] | None = None
    """Files not read for their type, by suffix: counted by a walk of the whole folder only."""

    def note(self, item: FileStat | WalkProblem, known: Known) -> None:
        """Compare one thing the walk or a stat found with what the cache knew of it, taking it
        out of ``known``: what is left there at the end was not found."""
        before = known.pop(item.rel, None)
        if isinstance(item, WalkProblem):
            shown = display_path(item.rel)
            self.unreachable[item.rel] = PreparedFile(item.rel, shown, -1, -1, problem=item.reason)
            if before is not None:
                self.stale.add(item.rel)
            return
        if before == (item.size, item.mtime_ns):
            self.unchanged += 1
            return
        self.todo[item.rel] = item
        if before is not None:
            self.changed.add(item.rel)

    def forget_unseen(self, known: Known) -> None:
        """What the cache knew and the walk or stat did not meet is gone (a problem row is
        dropped without counting as a removed file)."""
        for rel, (size, _) in known.items():
            (self.removed if size >= 0 else self.stale).add(rel)


def from_walk(root: Path, known: Known) -> Delta:
    """The delta of the whole folder. Raises LibraryMissing when it can't be listed."""
    delta = Delta(skipped=Counter())
    # compare as the walk goes, keeping only what must be read: at 100k files, holding every
    # file's stat (or path) as well cost 20 MB of the app's peak memory
    for item in walk(root, SUFFIXES, delta.skipped):
        delta.note(item, known)
    delta.forget_unseen(known)
    return delta


def from_paths(
    root: Path,
    rels: Iterable[bytes],
    known_under: Callable[[bytes], Known],
    skipped: Counter[str] | None = None,
    *,
    links: bool = True,
) -> Delta | None:
    """The delta of just ``rels`` (paths relative to ``root``: files or folders, there or gone).

    ``known_under(rel)`` is what the cache knows of ``rel`` and of everything below it. A folder
    that appeared is walked; one that went (deleted, or renamed away: the watcher names the old
    and the new name) takes every file below it along. None when the library folder itself is
    named: only a full scan can tell what happened to it.
    """
    delta = Delta()
    named = set(rels)  # ``skipped`` counts the files not read for their type, as a walk does
    for rel in sorted(named):
        if not rel or rel == b".":
            return None
        if any(folder in named for folder in _folders_above(rel)):
            continue  # looked at with the folder that holds it
        if any(part.startswith(b".") for part in rel.split(b"/")):
            continue  # hidden, as the walk skips them (a sync tool's temporary files, say)
        known = known_under(rel)
        for item in _look(root, rel, skipped, links=links):
            delta.note(item, known)
        delta.forget_unseen(known)
    return delta


def relative_paths(root: Path, paths: Iterable[str | Path]) -> set[bytes]:
    """``paths`` relative to ``root`` (``b"."`` for the folder itself), as the walk names them;
    absolute ones may name it by a path through links. Those outside it are left out."""
    bases = {os.path.abspath(os.fsencode(root)), os.path.realpath(os.fsencode(root))}
    found = set()
    for path in paths:
        given = os.fsencode(path)
        if not os.path.isabs(given):
            found.add(os.path.normpath(given))
            continue
        for base in bases:
            if given == base or given.startswith(base.rstrip(b"/") + b"/"):
                found.add(os.path.relpath(given, base))
                break
    return found


def _folders_above(rel: bytes) -> Iterable[bytes]:
    parts = rel.split(b"/")
    return (b"/".join(parts[:end]) for end in range(1, len(parts)))


def _look(
    root: Path, rel: bytes, skipped: Counter[str] | None = None, *, links: bool = True
) -> Iterable[FileStat | WalkProblem]:
    """What is at ``rel`` now, as the walk would have found it."""
    path = os.path.join(os.fsencode(root), rel)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return [WalkProblem(rel, "broken symbolic link")]
        return []
    except OSError as error:
        return [WalkProblem(rel, f"cannot read: {(error.strerror or '').lower()}")]
    if stat.S_ISDIR(info.st_mode):
        return _walk_below(root, rel, skipped, links=links)
    suffix = file_suffix(rel.rsplit(b"/", 1)[-1])
    if stat.S_ISREG(info.st_mode) and suffix in SUFFIXES:
        return [FileStat(rel, info.st_size, info.st_mtime_ns)]
    if stat.S_ISREG(info.st_mode) and skipped is not None:
        count_skipped(skipped, suffix)
    return []


def _walk_below(
    root: Path, rel: bytes, skipped: Counter[str] | None = None, *, links: bool = True
) -> Iterable[FileStat | WalkProblem]:
    try:
        yield from walk(root, SUFFIXES, skipped, links=links, below=rel)
    except LibraryMissing as error:  # gone again, or not ours to read
        yield WalkProblem(rel, f"cannot open folder: {error.reason}")
