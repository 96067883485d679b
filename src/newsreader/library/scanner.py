"""Walking the library folder: which files are articles, and what they look like on disk.

The walk stats every file (that is what makes a warm rescan cheap: size and mtime decide whether
a file is read again) but reads none. It follows symbolic links, because people link folders into
their library, and remembers each folder it entered so a link loop is walked once, not forever.

A library folder that can't be listed at all is an error, never an empty library: an unmounted
disk or a renamed folder must not be taken for "every article was deleted" and empty the cache.

It never enters the filesystem root or a pseudo-filesystem such as ``/proc`` (see ``mounts``):
a link to one is a problem, not a folder of articles.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from .mounts import SystemFolders
from .sanitize import clean_line


class LibraryMissing(Exception):
    """The library folder itself is gone or can't be listed; the cache was left as it was."""

    def __init__(self, root: Path, reason: str) -> None:
        super().__init__(f"library folder {root} is missing or unreadable; the cache is kept")
        self.root = root
        self.reason = reason


@dataclass(frozen=True, slots=True)
class WalkProblem:
    """Something in the folder that looks like an article but can't be reached (a broken link)."""

    rel: bytes
    reason: str


class FileStat(NamedTuple):
    """A candidate article file: its path relative to the library (raw bytes) and its stat.

    A tuple: the walk makes one per file, a million in a rescan, and a frozen dataclass's
    ``__init__`` cost a third of a second of it."""

    rel: bytes
    size: int
    mtime_ns: int


def display_path(rel: bytes) -> str:
    """A relative path as a person may see it: decoded, undecodable bytes replaced, no controls."""
    return clean_line(rel.decode("utf-8", "replace"))


def system_folder(path: Path) -> str | None:
    """Why ``path`` cannot be a library: ``"/"`` when it is the filesystem root, the system
    folder that holds it (``"/proc"``) when it is in a pseudo-filesystem; None when it can."""
    folders = SystemFolders()
    try:
        folder = folders.system_folder(os.fsencode(path))
        is_root = folders.is_root(os.stat(path))
    except (OSError, ValueError):
        return None  # not there, or not a name the system takes: the caller says so
    if is_root:
        return "/"
    return display_path(folder) if folder is not None else None


_SEP = os.sep.encode()
_NAME = attrgetter("name")
NO_SUFFIX = "(no suffix)"
_MAX_SUFFIX = 16  # characters of a skipped file's suffix shown: a name may end in anything


class FolderLink(Exception):
    """A link to a folder, met by a walk told not to follow one."""


def walk(
    root: Path,
    suffixes: frozenset[str],
    skipped: Counter[str] | None = None,
    *,
    links: bool = True,
    below: bytes = b"",
) -> Iterator[FileStat | WalkProblem]:
    """Every file below ``root`` with one of ``suffixes``, and a Problem for each broken link
    and each link to a system folder; only those in its folder ``below``, if given (their paths
    still relative to ``root``: a rescan walks a big library a folder at a time).

    Other files are counted by suffix in ``skipped``, from the directory entry alone (a link
    is followed to see what it is; nothing else is stat'ed).

    Hidden files and folders (a leading dot) are skipped. Paths are handled as bytes so that a
    file name which is not valid UTF-8 is still found, read and kept apart from its neighbours.
    Raises :class:`LibraryMissing`, before yielding anything, if ``root`` can't be listed, and
    :class:`FolderLink` at a link to a folder unless ``links``.
    """
    root_bytes = os.fsencode(root)
    start = os.path.join(root_bytes, below) if below else root_bytes
    seen: set[tuple[int, int]] = set()
    try:
        root_stat = os.stat(start)
    except OSError as error:
        raise LibraryMissing(Path(os.fsdecode(start)), _reason(error)) from error
    folders = SystemFolders()
    refused = b"/" if folders.is_root(root_stat) else folders.system_folder(start)
    if refused is not None:  # the command line and the app refuse such a folder before this
        where = "/" if refused == b"/" else f"in the system folder {display_path(refused)}"
        yield WalkProblem(below or b".", f"the library folder is {where} (not read)")
        return
    seen.add((root_stat.st_dev, root_stat.st_ino))
    devices = {below: root_stat.st_dev}  # each folder's filesystem, to see where a mount starts
    stack: list[bytes] = [below]
    suffix_of: dict[bytes, str] = {}  # a suffix's bytes, as the formats name it
    while stack:
        rel_dir = stack.pop()
        device = devices.pop(rel_dir)
        try:
            with os.scandir(os.path.join(root_bytes, rel_dir) if rel_dir else root_bytes) as it:
                entries = sorted(it, key=_NAME)
        except OSError as error:
            if rel_dir == below:
                raise LibraryMissing(Path(os.fsdecode(start)), _reason(error)) from error
            yield WalkProblem(rel_dir, f"cannot open folder: {_reason(error)}")
            continue
        for entry in reversed(entries):
            name = entry.name
            if name.startswith(b"."):
                continue
            rel = rel_dir + _SEP + name if rel_dir else name
            dot = name.rfind(b".")
            raw = name[dot:] if dot > 0 else b""
            suffix = suffix_of.get(raw)
            if suffix is None:
                suffix = suffix_of[raw] = file_suffix(name)
            if suffix not in suffixes and _is_file(entry):
                if skipped is not None:
                    count_skipped(skipped, suffix)
                continue
            try:
                info = entry.stat()  # follows links
            except FileNotFoundError:
                if entry.is_symlink():
                    yield WalkProblem(rel, "broken symbolic link")
                continue
            except OSError as error:
                yield WalkProblem(rel, f"cannot read: {_reason(error)}")
                continue
            if stat.S_ISDIR(info.st_mode):
                if not links and entry.is_symlink():
                    raise FolderLink(rel)
                key = (info.st_dev, info.st_ino)
                if key in seen:  # a link back to a folder already walked: a loop
                    continue
                problem = _system_link(folders, root_bytes, rel, entry, info, device)
                if problem is not None:
                    yield problem
                    continue
                seen.add(key)
                devices[rel] = info.st_dev
                stack.append(rel)
            elif stat.S_ISREG(info.st_mode) and suffix in suffixes:
                yield FileStat(rel, info.st_size, info.st_mtime_ns)


def _system_link(
    folders: SystemFolders,
    root: bytes,
    rel: bytes,
    entry: os.DirEntry[bytes],
    info: os.stat_result,
    parent_device: int,
) -> WalkProblem | None:
    """A problem when the folder at ``rel`` is the root or in a pseudo-filesystem. Only a link,
    or a folder on another filesystem than its parent (a mount point), can be: the others are
    not looked at, so the walk stays a stat per entry."""
    if folders.is_root(info):
        return WalkProblem(rel, "links to / (not followed)")
    if not entry.is_symlink() and info.st_dev == parent_device:
        return None
    folder = folders.system_folder(os.path.join(root, rel))
    if folder is None:
        return None
    if folder == b"/":
        return WalkProblem(rel, "links to / (not followed)")
    return WalkProblem(rel, f"links into a system folder {display_path(folder)} (not followed)")


def count_skipped(skipped: Counter[str], suffix: str) -> None:
    """Count a file not read for its type (``suffix``), as the scan's summary lists them."""
    skipped[clean_line(suffix)[:_MAX_SUFFIX] or NO_SUFFIX] += 1


def _is_file(entry: os.DirEntry[bytes]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def file_suffix(name: bytes) -> str:
    """A file name's suffix as the formats name them: ``b"a.TXT"`` is ``".txt"``."""
    dot = name.rfind(b".")
    return name[dot:].decode("ascii", "replace").lower() if dot > 0 else ""


def _reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()
