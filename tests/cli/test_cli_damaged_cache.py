"""Every command on a cache damaged in the middle: the right answer, never a traceback, and a
warning where the damage was met (it is healed where it is found)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_cli import newsreader

from newsreader.library.locations import cache_file

TITLE = "NATO Seeks Strategic Partnership With Russia"

COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["search", "rasmussen"],
    ["search", "rasmussen", "--json"],
    ["show", "002_261cf5a0de67a3b0.txt"],
    ["bookmark", "002_261cf5a0de67a3b0.txt"],
    ["bookmarks"],
    ["index"],
    ["index", "--json"],
]


def _overwrite_the_index(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = [p for (p,) in db.execute("SELECT pageno FROM dbstat WHERE name LIKE 'fts%'")]
        pages += [p for (p,) in db.execute("SELECT pageno FROM dbstat WHERE name = 'articles'")]
        size = db.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    for page in pages:
        data[(page - 1) * size : page * size] = b"\xa5" * size
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("scan", [[], ["--no-scan"]], ids=["scan", "no-scan"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_command_on_a_damaged_cache_answers_and_warns(
    seed_library: Path, command: list[str], scan: list[str]
) -> None:
    newsreader("--library", str(seed_library), "index")
    _overwrite_the_index(cache_file(seed_library))
    if command[0] == "index" and scan:
        pytest.skip("index always scans")
    result = newsreader(*command, "--library", str(seed_library), *scan)
    assert "Traceback" not in result.stderr
    if command[0] == "search":  # the index is what was damaged: the search met it
        assert "cache" in result.stderr and "rebuilding" in result.stderr
    if command[0] in ("list", "search"):
        assert TITLE in result.stdout
    # whatever the command met, a search afterwards finds the damage healed or heals it
    again = newsreader("search", "partnership", "--library", str(seed_library))
    assert TITLE in again.stdout and "Traceback" not in again.stderr


def test_index_never_opens_the_saved_state(seed_library: Path, isolated_dirs: Path) -> None:
    """A cron `newsreader index` must not race an app over a damaged state file it never uses."""
    state = isolated_dirs / "data" / "newsreader" / "state.sqlite3"
    state.parent.mkdir(parents=True)
    state.write_bytes(b"damaged" * 100)
    newsreader("--library", str(seed_library), "index")
    assert state.read_bytes() == b"damaged" * 100
    assert [p.name for p in state.parent.iterdir()] == ["state.sqlite3"]
