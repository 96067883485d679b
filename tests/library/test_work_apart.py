"""Long pure-Python jobs of a scan (storing snapshots, grouping many new articles) run in a
worker process, so that an open app's keystrokes are not held behind them; the results are the
same as when they run in the scanning process."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsreader.library import Library, store, workers
from support import SAMPLE_FEED, SEEDS


def test_run_apart_runs_in_another_process_and_brings_back_errors() -> None:
    assert workers.run_apart(os.getpid) != os.getpid()
    with pytest.raises(ValueError):
        workers.run_apart(int, "not a number")


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the jobs the cache sends to a worker process (which still run there)."""
    sent: list[str] = []

    def recorded(function: Callable[..., Any], *args: object) -> Any:
        sent.append(function.__name__)
        return workers.run_apart(function, *args)

    monkeypatch.setattr(store, "run_apart", recorded)
    return sent


def _stories(cache: Path) -> dict[str, int | None]:
    with sqlite3.connect(cache) as db:
        rows = db.execute(
            "SELECT articles.file, story FROM story_articles"
            " JOIN articles ON articles.rowid = story_articles.rowid"
        )
        return {bytes(path).decode(): story for path, story in rows}


def test_a_big_caches_snapshots_are_stored_apart_and_read_back(
    monkeypatch: pytest.MonkeyPatch, seed_library: Path
) -> None:
    sent = _spy(monkeypatch)
    monkeypatch.setattr(store, "APART_FROM", 0)
    library = Library(seed_library)
    try:
        library.scan()
        assert sent == ["refresh_at"]
        assert library.cache.snapshots_current()
        assert library.cache.columns().ids == library.catalog.columns.ids
        stories = _stories(library.cache.path)  # type: ignore[arg-type]
        assert len(set(stories.values())) == 1 and None not in stories.values()
    finally:
        library.close()


def test_an_update_bringing_many_articles_groups_them_apart(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = tmp_path / "library"
    root.mkdir()
    other = "2010-11-20_lisbon-summit.md"
    (root / other).write_bytes((SAMPLE_FEED / other).read_bytes())
    library = Library(root)
    try:
        library.scan()
        sent = _spy(monkeypatch)
        monkeypatch.setattr(store, "GROUP_APART_FROM", 2)
        for name in SEEDS:
            (root / name).write_bytes((SAMPLE_FEED / name).read_bytes())
        report = library.update([root / name for name in SEEDS])
        assert report.new == 2
        assert sent == ["group_at"]
        stories = _stories(library.cache.path)  # type: ignore[arg-type]
        assert stories[SEEDS[0]] is not None and stories[SEEDS[0]] == stories[SEEDS[1]]
        assert library.story_of(library.catalog.columns.ids[library.catalog.resolve(SEEDS[0])])
    finally:
        library.close()
