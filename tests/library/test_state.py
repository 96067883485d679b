"""Saved state: bookmarks and read marks are never lost, whatever happens to the process or disk."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from newsreader.library import StateError, StateStore
from newsreader.library.models import Entry


def entry(n: int) -> Entry:
    return Entry(f"id{n:06}", f"Title {n}", None, None, f"https://example.org/{n}", f"{n}.txt", 10)


def test_bookmarks_and_read_marks_persist(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    store = StateStore(path)
    store.set_bookmark(entry(1), True)
    assert store.toggle_bookmark(entry(2)) is True
    assert store.toggle_bookmark(entry(2)) is False
    store.set_read("id000001", True)
    store.set_place("lib", "selected", "id000001")
    store.close()

    again = StateStore(path)
    assert again.bookmarked_ids() == {"id000001"}
    assert [b.title for b in again.bookmarks()] == ["Title 1"]
    assert again.read_ids() == {"id000001"}
    assert again.place("lib", "selected") == "id000001"
    assert again.place("other", "selected") is None


def test_corrupt_state_file_is_moved_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    garbage = b"\x00garbage that is not sqlite" * 50
    path.write_bytes(garbage)
    store = StateStore(path)
    assert len(store.warnings) == 1 and "moved to" in store.warnings[0]
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    assert str(aside[0]) in store.warnings[0]
    store.set_bookmark(entry(1), True)  # the fresh store works
    assert StateStore(path).bookmarked_ids() == {"id000001"}


def test_read_only_data_dir_fails_clearly_and_changes_nothing(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root ignores directory permissions, so make the store read-only the way a full or
        # read-only filesystem does: SQLite refuses to write.
        store = StateStore(tmp_path / "state.sqlite3")
        store.set_bookmark(entry(1), True)
        store._db.execute("PRAGMA query_only = ON")
    else:
        (tmp_path / "ro").mkdir()
        StateStore(tmp_path / "ro" / "state.sqlite3").set_bookmark(entry(1), True)
        (tmp_path / "ro").chmod(0o500)
        store = StateStore(tmp_path / "ro" / "state.sqlite3")
    with pytest.raises(StateError, match="cannot save"):
        store.set_bookmark(entry(2), True)
    assert store.bookmarked_ids() == {"id000001"}
    with pytest.raises(StateError):
        store.toggle_bookmark(entry(1))
    assert store.bookmarked_ids() == {"id000001"}


def test_full_disk_fails_clearly_and_changes_nothing(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.sqlite3")
    store.set_bookmark(entry(1), True)
    page_count = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {page_count}")  # the disk is full now
    with pytest.raises(StateError, match="full"):
        for n in range(2, 2000):
            store.set_bookmark(Entry(f"id{n}", "x" * 2000, None, None, None, "p", 1), True)
    kept = store.bookmarked_ids()
    assert "id000001" in kept
    assert StateStore(tmp_path / "state.sqlite3").bookmarked_ids() == kept


def test_unopenable_state_keeps_the_app_running(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    store = StateStore(blocker / "state.sqlite3")
    assert store.warnings and "will not be saved" in store.warnings[0]
    assert store.bookmarked_ids() == set()
    with pytest.raises(StateError):
        store.set_bookmark(entry(1), True)


_TOGGLER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from newsreader.library import StateStore
    from newsreader.library.models import Entry
    store = StateStore(Path(sys.argv[1]))
    start, count = int(sys.argv[2]), int(sys.argv[3])
    for n in range(start, start + count):
        store.toggle_bookmark(Entry(f"id{n:06}", f"Title {n}", None, None, None, f"{n}.txt", 1))
        store.set_read(f"id{n:06}", True)
""")


def test_two_processes_bookmarking_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    StateStore(path).close()
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _TOGGLER, str(path), str(start), "200"],
            stderr=subprocess.PIPE,
            text=True,
        )
        for start in (0, 1000)
    ]
    errors = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    store = StateStore(path)
    expected = {f"id{n:06}" for n in [*range(200), *range(1000, 1200)]}
    assert store.bookmarked_ids() == expected
    assert store.read_ids() == expected


def test_killed_writers_never_corrupt_or_lose_committed_state(tmp_path: Path) -> None:
    """SIGKILL a writer at random moments: the store always opens and keeps what was committed."""
    path = tmp_path / "state.sqlite3"
    store = StateStore(path)
    store.set_bookmark(entry(999_999), True)
    store.set_read(entry(999_999).id, True)
    store.close()
    rng = random.Random(7)
    kept: set[str] = {"id999999"}
    for round_ in range(12):
        run = subprocess.Popen(
            [sys.executable, "-c", _TOGGLER, str(path), str(round_ * 10_000), "100000"],
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.25 + rng.random() * 0.35)  # import time, then mid-way through the writes
        run.send_signal(signal.SIGKILL)
        run.wait()
        check = StateStore(path)
        assert check.warnings == []
        ids = check.bookmarked_ids()
        assert kept <= ids, "a committed bookmark was lost"
        # each write is a transaction of its own: the kill can cut between a round's last
        # bookmark and its read mark, never inside either
        assert len(ids - check.read_ids()) <= round_ + 1
        assert len(check.read_ids() - ids) == 0
        kept = ids
        check.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
