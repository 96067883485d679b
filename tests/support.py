"""Helpers the tests share: where the sample feed is, and writing article files."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE_FEED = REPO / "sample_feed"
SEEDS = ("000_6db7329205bd8d60.txt", "002_261cf5a0de67a3b0.txt")


def write_article(
    root: Path, name: str, title: str, *paragraphs: str, date: str = "", url: str = ""
) -> Path:
    """Write a scraped-text article file the way the seeds are laid out."""
    parts = [title]
    if date:
        parts.append(date)
    parts.extend(paragraphs)
    if url:
        parts += ["Original url:", url]
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


@contextlib.contextmanager
def small_filesystem(folder: Path, kilobytes: int) -> Iterator[Path]:
    """A real filesystem of ``kilobytes`` mounted at ``folder`` (a tmpfs): a disk that fills up,
    or that can be made read-only with :func:`remount_read_only`. Skips where mounting is not
    allowed (not root, or a container without the right)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


# -- damaging a cache the way a crash, a bad disk or a user does ----------------------------------


def _checkpointed(path: Path) -> sqlite3.Connection:
    """The database with its journal folded in, so that damage to the file is damage to it."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def truncate_cache(path: Path) -> None:
    _checkpointed(path).close()
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def damage_cache_middle(path: Path) -> None:
    """Overwrite 8 KB in the middle of the file."""
    _checkpointed(path).close()
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = b"\xa5" * 8192
    path.write_bytes(bytes(data))


def damage_cache_tables(path: Path, *tables: str) -> None:
    """Overwrite every page of the named tables (``fts%`` patterns too): damage that a read of
    them is sure to meet."""
    with contextlib.closing(_checkpointed(path)) as db:
        size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            page
            for table in tables
            for (page,) in db.execute("SELECT pageno FROM dbstat WHERE name LIKE ?", (table,))
        ]
    data = bytearray(path.read_bytes())
    for page in pages:
        data[(page - 1) * size : page * size] = b"\xa5" * size
    path.write_bytes(bytes(data))


def delete_cache_folder(path: Path) -> None:
    shutil.rmtree(path.parent)
