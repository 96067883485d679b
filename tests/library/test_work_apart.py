"""Long pure-Python jobs of a scan (storing snapshots, grouping many new articles) run in a
worker process, so that an open app's keystrokes are not held behind them; the results are the
same as when they run in the scanning process."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsreader.library import Library, store, workers
from support import SAMPLE_FEED, SEEDS


def test_run_apart_runs_in_another_process_and_brings_back_errors(tmp_path: Path) -> None:
    written = tmp_path / "pid"
    assert workers.run_apart(written.write_text, str(os.getpid()) + "!")
    assert written.read_text() == f"{os.getpid()}!"  # it ran
    assert workers.run_apart(_write_pid, written)
    assert int(written.read_text()) != os.getpid()  # and not here
    with pytest.raises(ValueError):
        workers.run_apart(int, "not a number")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_cancelling_or_interrupting_it_stops_the_process_at_once() -> None:
    started = time.monotonic()
    assert not workers.run_apart(time.sleep, 30, cancelled=lambda: time.monotonic() > started + 1)
    assert time.monotonic() - started < 10
    script = "import time; from newsreader.library import workers\n" + (
        "if __name__ == '__main__':\n    print('go', flush=True); workers.run_apart(time.sleep, 30)"
    )
    run = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert run.stdout is not None and run.stdout.readline() == "go\n"
    children = Path(f"/proc/{run.pid}/task/{run.pid}/children")
    while len(children.read_text().split()) < 2:  # the worker, and multiprocessing's tracker
        assert time.monotonic() - started < 30
        time.sleep(0.02)
    spawned = [int(pid) for pid in children.read_text().split()]
    interrupted = time.monotonic()
    run.send_signal(signal.SIGINT)  # Ctrl-C
    assert run.wait(timeout=20) != 0
    assert time.monotonic() - interrupted < 5  # a pool waited 19 s for its job to end
    while any(_alive(pid) for pid in spawned):  # and the worker did not go on
        assert time.monotonic() - interrupted < 5
        time.sleep(0.02)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_a_helper_the_job_starts_ends_with_it(tmp_path: Path) -> None:
    """The snapshot job makes the catalog's part in a helper process: cancelled, it must not
    leave that helper working on."""
    written = tmp_path / "pid"
    assert not workers.run_apart(_sleep_in_a_helper, written, cancelled=written.exists)
    helper = int(written.read_text())
    cancelled = time.monotonic()
    while _alive(helper):
        assert time.monotonic() - cancelled < 5
        time.sleep(0.02)


def _sleep_in_a_helper(written: Path) -> None:
    with workers.spawned_pool(1) as pool:
        pool.submit(_write_pid_and_sleep, written).result()


def _write_pid_and_sleep(written: Path) -> None:
    _write_pid(written)
    time.sleep(30)


def _alive(pid: int) -> bool:
    try:
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


def _write_pid(path: Path) -> None:
    path.write_text(str(os.getpid()))


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the jobs the cache sends to a worker process (which still run there)."""
    sent: list[str] = []

    def recorded(function: Callable[..., Any], *args: object, **options: Any) -> Any:
        sent.append(function.__name__)
        return workers.run_apart(function, *args, **options)

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


def test_many_waiting_articles_read_beside_the_counts_group_as_when_read_after(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Storing the snapshots apart, the articles waiting for a story are read in a thread, on a
    connection of its own, while SQLite counts the index's words; the stories are the ones a
    grouping that reads everything after the counts makes."""
    from newsreader.library import cache_snapshots, story_tables

    root = tmp_path / "library"
    root.mkdir()
    for source in SAMPLE_FEED.iterdir():
        (root / source.name).write_bytes(source.read_bytes())
    library = Library(root)
    try:
        library.scan()
        path = library.cache.path
        assert path is not None
        before = _stories(path)
        assert len(set(before.values())) < len(before)  # some articles share a story
        monkeypatch.setattr(story_tables, "_FEW", 0)  # every article read, as at a cold index
        read: list[int] = []
        reading = story_tables.read_waiting
        monkeypatch.setattr(story_tables, "read_waiting", lambda db: read.append(1) or reading(db))
        with sqlite3.connect(path) as db:
            db.execute("UPDATE story_articles SET story = NULL")
        cache_snapshots.refresh_at(path)
        assert read == [1]
        assert _stories(path) == before
    finally:
        library.close()
