"""Every command on a cache damaged in the middle: the right answer, never a traceback, and a
warning where the damage was met (it is healed where it is found)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import newsreader

from newsreader.library.locations import cache_file
from support import damage_cache_tables

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


@pytest.mark.parametrize("scan", [[], ["--no-scan"]], ids=["scan", "no-scan"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_command_on_a_damaged_cache_answers_and_warns(
    seed_library: Path, command: list[str], scan: list[str]
) -> None:
    newsreader("--library", str(seed_library), "index")
    damage_cache_tables(cache_file(seed_library), "fts%", "articles")
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
