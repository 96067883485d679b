"""Saved state: bookmarks and read marks are never lost, whatever happens to the process or disk."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.library import StateError, StateStore, read_mark_rows
from newsreader.library.models import Entry
from newsreader.library.sqlite_files import companions
from support import remount_read_only, small_filesystem


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


def test_read_only_disk_shows_saved_state_and_refuses_changes(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "disk", 1024) as disk:
        path = disk / "state.sqlite3"
        store = StateStore(path)
        store.set_bookmark(entry(1), True)
        store.set_read("id000001", True)
        store.close()
        remount_read_only(disk)
        store = StateStore(path)
        assert len(store.warnings) == 1 and "will not be saved" in store.warnings[0]
        assert store.bookmarked_ids() == {"id000001"}
        assert store.read_ids() == {"id000001"}
        with pytest.raises(StateError, match="cannot save"):
            store.set_bookmark(entry(2), True)
        with pytest.raises(StateError):
            store.toggle_bookmark(entry(1))
        assert store.bookmarked_ids() == {"id000001"}
        store.close()


def test_full_disk_fails_clearly_and_changes_nothing(tmp_path: Path) -> None:
    with small_filesystem(tmp_path / "disk", 256) as disk:
        store = StateStore(disk / "state.sqlite3")
        store.set_bookmark(entry(1), True)
        with pytest.raises(StateError, match="full"):
            for n in range(2, 2000):
                store.set_bookmark(Entry(f"id{n}", "x" * 2000, None, None, None, "p", 1), True)
        kept = store.bookmarked_ids()
        assert "id000001" in kept
        store.close()
        assert StateStore(disk / "state.sqlite3").bookmarked_ids() == kept


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


def test_threads_writing_at_once_lose_nothing_and_report_no_failure(tmp_path: Path) -> None:
    """The app writes read marks from the UI thread and reading positions from workers."""
    store = StateStore(tmp_path / "state.sqlite3")
    errors: list[BaseException] = []

    def write(first: int) -> None:
        try:
            for n in range(first, first + 300):
                store.set_read(f"id{n:06}", True)
                store.set_place("lib", f"line:{n}", str(n))
                store.toggle_bookmark(entry(n))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(first,)) for first in (0, 1000, 2000)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    expected = {f"id{n:06}" for first in (0, 1000, 2000) for n in range(first, first + 300)}
    again = StateStore(tmp_path / "state.sqlite3")
    assert again.read_ids() == expected
    assert again.bookmarked_ids() == expected
    assert again.place("lib", "line:2299") == "2299"


_BARRIER = textwrap.dedent("""
    import os, sys, time
    while not os.path.exists(sys.argv[-1]):  # start together, so the processes really race
        time.sleep(0.001)
""")

_SAME_TOGGLER = _BARRIER + textwrap.dedent("""
    from pathlib import Path
    from newsreader.library import StateStore
    from newsreader.library.models import Entry
    store = StateStore(Path(sys.argv[1]))
    on = sum(
        store.toggle_bookmark(Entry("same", "Same", None, None, None, "same.txt", 1))
        for _ in range(int(sys.argv[2]))
    )
    print(on)
""")


def _race(script: str, arguments: list[list[str]], go: Path) -> list[tuple[str, str]]:
    """Run ``script`` once per argument list, all let go at the same moment; (stdout, stderr)."""
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, *args, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in arguments
    ]
    go.touch()
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0] * len(runs), [err for _, err in outputs]
    return outputs


def test_two_processes_toggling_one_bookmark_flip_it_one_at_a_time(tmp_path: Path) -> None:
    """A toggle reads and writes in one transaction: split in two, two processes both find the
    bookmark absent, and one insert fails or one flip is lost."""
    path = tmp_path / "state.sqlite3"
    StateStore(path).close()
    outputs = _race(_SAME_TOGGLER, [[str(path), "500"]] * 4, tmp_path / "go")
    assert [err for _, err in outputs] == [""] * 4
    turned_on = sum(int(out) for out, _ in outputs)
    assert turned_on == 1000  # 2,000 flips from off: every second one turned it on
    assert StateStore(path).bookmarked_ids() == set()


def test_a_write_that_fails_midway_saves_none_of_it(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.sqlite3")

    def ids() -> Iterator[str]:
        for n in range(100):
            yield f"id{n:06}"
        raise RuntimeError("the caller failed halfway")

    with pytest.raises(RuntimeError):
        store.set_read_many(ids(), True)
    assert store.read_ids() == set()
    assert StateStore(tmp_path / "state.sqlite3").read_ids() == set()


@pytest.mark.parametrize("walks_json", [True, False], ids=["json-arrays", "bound-one-by-one"])
def test_many_marks_keep_every_id_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, walks_json: bool
) -> None:
    # ids from feeds are whatever a feed said: quotes, backslashes, other scripts, controls
    odd = ['say "hi"', "back\\slash", "emoji \U0001f600", "tab\tand\nnewline", "ünï", "[1, 2]"]
    ids = [f"{n:012x}" for n in range(70_000)] + odd  # more than one array of them
    monkeypatch.setattr(read_mark_rows, "_walks_json", lambda: walks_json)
    store = StateStore(tmp_path / "state.sqlite3")
    try:
        store.set_read_many(iter(ids), True)
        assert store.read_ids() == set(ids)
        store.set_read_many(ids[:10] + odd[:3], False)
        assert store.read_ids() == set(ids[10:-6]) | set(odd[3:])
        store.set_read_many(odd, True)  # half of them still read: none doubled
        assert len(store.read_ids()) == len(ids) - 10
    finally:
        store.close()


def test_a_sqlite_from_3_38_takes_the_json_path() -> None:
    if sqlite3.sqlite_version_info < (3, 38):
        pytest.skip("JSON functions were an option before SQLite 3.38")
    assert read_mark_rows._walks_json()


_OPENER = _BARRIER + textwrap.dedent("""
    import json
    from pathlib import Path
    from newsreader.library import StateStore
    store = StateStore(Path(sys.argv[1]))
    store.set_read("opened-" + sys.argv[2], True)
    print(json.dumps(store.warnings))
""")


def test_processes_opening_a_damaged_file_at_once_keep_it_aside_once(tmp_path: Path) -> None:
    """A cron `newsreader index` and an app starting together: the damaged original, which
    holds the user's bookmarks, is moved aside exactly once and never overwritten."""
    for trial in range(3):
        folder = tmp_path / f"trial{trial}"
        folder.mkdir()
        path = folder / "state.sqlite3"
        damaged = b"SQLite format 3\x00" + bytes(range(256)) * 40
        path.write_bytes(damaged)
        outputs = _race(_OPENER, [[str(path), str(n)] for n in range(6)], folder / "go")
        assert [err for _, err in outputs] == [""] * 6  # no traceback
        warnings = [w for out, _ in outputs for w in json.loads(out)]
        assert len(warnings) == 1 and "moved to" in warnings[0]
        aside = [p for p in folder.iterdir() if ".corrupt-" in p.name]
        assert [p.read_bytes() for p in aside] == [damaged]
        assert StateStore(path).read_ids() == {f"opened-{n}" for n in range(6)}


def test_a_state_file_replaced_while_open_is_written_to_not_the_old_one(tmp_path: Path) -> None:
    """Restored from a backup while the app runs: the app's next changes go to the new file."""
    path = tmp_path / "state.sqlite3"
    store = StateStore(path)
    store.set_bookmark(entry(1), True)
    backup = StateStore(tmp_path / "backup.sqlite3")
    backup.set_bookmark(entry(2), True)
    backup.close()
    for old in companions(path):
        old.unlink(missing_ok=True)
    (tmp_path / "backup.sqlite3").rename(path)
    assert store.bookmarked_ids() == {"id000002"}
    store.set_bookmark(entry(3), True)
    store.close()
    assert StateStore(path).bookmarked_ids() == {"id000002", "id000003"}


def test_revision_changes_with_every_mark_from_any_process(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    store, other = StateStore(path), StateStore(path)
    first = store.revision()
    other.toggle_bookmark(entry(1))
    second = store.revision()
    other.set_read("id000001", True)
    assert first < second < store.revision()
    before = store.revision()
    other.set_place("lib", "selected", "x")  # a place is not a mark: nothing to show anew
    assert store.revision() == before


def test_a_toggle_acts_on_what_another_process_saved_while_it_waited(tmp_path: Path) -> None:
    """The shell bookmarks an article while the app's `b` waits for the file: `b` must remove
    that bookmark (the user's intent), not add it a second time from a stale read."""
    path = tmp_path / "state.sqlite3"
    store = StateStore(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        "INSERT INTO bookmarks (id, added, title, url, path) VALUES (?, ?, ?, ?, ?)",
        ("id000001", "now", "Title 1", None, "1.txt"),
    )
    outcome: list[object] = []
    toggler = threading.Thread(target=lambda: outcome.append(_toggle_or_error(store)))
    toggler.start()
    for _ in range(2000):  # until the toggle waits for the other writer's lock
        frame = sys._current_frames().get(toggler.ident or -1)
        if frame is None or _inside(frame, "_write"):
            break
        time.sleep(0.005)
    other.execute("COMMIT")
    toggler.join(timeout=60)
    assert outcome == [False]
    assert store.bookmarked_ids() == set()


def _toggle_or_error(store: StateStore) -> object:
    try:
        return store.toggle_bookmark(entry(1))
    except StateError as error:
        return error


def _inside(frame: object, name: str) -> bool:
    while frame is not None:
        if frame.f_code.co_name == name:  # type: ignore[attr-defined]
            return True
        frame = frame.f_back  # type: ignore[attr-defined]
    return False
