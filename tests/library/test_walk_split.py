"""A big library's rescan shared with a worker process finds what one walk finds."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from newsreader.library import Library, walk_split
from newsreader.library.cache_tables import top_names
from newsreader.library.changes import Delta, from_walk
from support import write_article


def _summary(delta: Delta) -> tuple[object, ...]:
    return (
        sorted(delta.todo),
        sorted(delta.changed),
        sorted(delta.removed),
        sorted(delta.stale),
        sorted(delta.unreachable),
        delta.unchanged,
        sorted((delta.skipped or {}).items()),
    )


def _library(root: Path) -> None:
    for folder in ("bbc/sport", "bbc/news", "guardian", "reuters", "tass"):
        for n in range(3):
            write_article(root, f"{folder}/{n}.txt", f"{folder} story {n}", "Body.")
    write_article(root, "top.txt", "A story at the top", "Body.")
    (root / "notes.sgml").write_text("<doc/>")
    (root / "guardian" / "photo.jpg").write_bytes(b"\xff\xd8")
    (root / ".hidden").mkdir()
    write_article(root, ".hidden/secret.txt", "Hidden", "Body.")
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")


def test_the_shared_rescan_matches_one_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "news"
    _library(root)
    library = Library(root)
    library.scan()
    cache = library.cache

    write_article(root, "guardian/new.txt", "Fresh", "Body.")  # new
    write_article(root, "bbc/sport/0.txt", "Rewritten", "A longer body than before.")  # changed
    os.utime(root / "bbc/sport/0.txt", ns=(5, 5))
    shutil.rmtree(root / "tass")  # a whole top folder gone
    (root / "top.txt").unlink()  # a file at the top gone
    (root / "ria").mkdir()  # a new top folder
    write_article(root, "ria/1.txt", "From Moscow", "Body.")

    known = len(cache.file_stats())
    assert cache.knows_files(known) and not cache.knows_files(known + 1)
    expected = from_walk(root, cache.file_stats())
    monkeypatch.setattr(walk_split, "SPLIT_FROM", 0)
    shared = walk_split.full_delta(root, cache)
    assert _summary(shared) == _summary(expected)
    assert shared.removed and shared.changed and shared.todo and shared.skipped

    (root / "reuters" / "linked").symlink_to(root / "guardian")  # a link deeper down
    assert _summary(walk_split.full_delta(root, cache)) == _summary(
        from_walk(root, cache.file_stats())
    )

    (root / "linked").symlink_to(root / "reuters")  # a link to a folder, at the top
    assert walk_split._split(root, cache.top_names()) is None  # left to one walk
    assert _summary(walk_split.full_delta(root, cache)) == _summary(
        from_walk(root, cache.file_stats())
    )

    report = library.scan()
    assert (report.new, report.changed, report.removed) == (2, 1, 4)  # once each
    assert dict(report.skipped) == dict(expected.skipped or {})


def test_the_top_names_are_every_folder_and_file_at_the_top_of_the_cache() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE files (path BLOB PRIMARY KEY)")
    paths = [b"a.txt", b"a/x.txt", b"a/b/y.txt", b"a-b/z.txt", b"a0/w.txt", b"b", b"\xff/v.txt",
             b"a/", b"zz/deep/down/u.txt"]  # fmt: skip
    db.executemany("INSERT INTO files VALUES (?)", [(path,) for path in paths])
    assert top_names(db) == {path.partition(b"/")[0] for path in paths}
