"""Shared fixtures: every test runs with its own cache, data and config folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE_FEED = REPO / "sample_feed"
SEEDS = ("000_6db7329205bd8d60.txt", "002_261cf5a0de67a3b0.txt")


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point XDG_* at temporary folders so no test reads or writes the user's own files."""
    home = tmp_path_factory.mktemp("home")
    for name in ("CACHE", "DATA", "CONFIG"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(home / name.lower()))
    monkeypatch.delenv("NEWSREADER_LIBRARY", raising=False)
    return home


@pytest.fixture
def seed_library(tmp_path: Path) -> Path:
    """A library folder holding just the two seed articles."""
    root = tmp_path / "library"
    root.mkdir()
    for name in SEEDS:
        shutil.copy(SAMPLE_FEED / name, root / name)
    return root


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
