"""Helpers the tests share: where the sample feed is, and writing article files."""

from __future__ import annotations

import contextlib
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
