"""FolderWatch: batches of changed paths from the system, or periodic rescans when it can't."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.library import Batch, FolderWatch, watching
from newsreader.library.mounts import filesystem_type
from newsreader.library.watching import WATCH_ENV
from support import write_article


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[FolderWatch, queue.Queue[Batch]]]:
    """A watch of ``tmp_path`` iterated in a thread, as the app does; stopped and joined after."""
    watch = FolderWatch(tmp_path, mode="auto")
    watch.poll_seconds = 0.05
    batches: queue.Queue[Batch] = queue.Queue()
    thread = threading.Thread(target=lambda: [batches.put(b) for b in watch.batches()])
    thread.start()
    assert watch.armed.wait(10), "the watch was not set up"
    yield watch, batches
    watch.stop()
    thread.join(timeout=5)
    assert not thread.is_alive(), "the watch did not stop"


def paths_seen(batches: queue.Queue[Batch], wanted: str) -> set[str]:
    seen: set[str] = set()
    while wanted not in seen:
        batch = batches.get(timeout=5)
        assert batch.paths is not None and batch.fallback is None
        seen |= batch.paths
    return seen


def test_a_written_file_arrives_in_a_batch(
    running: tuple[FolderWatch, queue.Queue[Batch]], tmp_path: Path
) -> None:
    # in the watched folder itself: a file written into a folder just made may come before the
    # watch on that folder, and only the folder is named (the library then walks it)
    _, batches = running
    path = write_article(tmp_path, "arrived.txt", "Arrived", "Body.")
    assert str(path) in paths_seen(batches, str(path))
    path.unlink()
    assert str(path) in paths_seen(batches, str(path))


def test_when_watching_fails_a_rescan_takes_over_and_says_so_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def limit_reached(*_: object) -> None:
        raise OSError("OS file watch limit reached")

    monkeypatch.setattr(watching, "RustNotify", limit_reached)
    watch = FolderWatch(tmp_path, mode="auto")
    watch.poll_seconds = 0.01
    batches = watch.batches()
    first, second, third = next(batches), next(batches), next(batches)
    assert first.paths is None
    assert first.fallback is not None and "OS file watch limit reached" in first.fallback
    assert (second.paths, second.fallback, third.fallback) == (None, None, None)
    watch.stop()
    assert list(batches) == []


def test_the_environment_chooses_polling_or_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(WATCH_ENV, "poll")
    first = next(FolderWatch(tmp_path).batches())  # the app scanned already: no rescan yet
    assert first.paths == frozenset() and first.fallback is not None and "poll" in first.fallback
    assert next(FolderWatch(tmp_path).batches(initial=True)).paths is None
    monkeypatch.setenv(WATCH_ENV, "off")
    assert list(FolderWatch(tmp_path).batches()) == []


def test_a_network_filesystem_is_rescanned_not_watched(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
        "40 22 0:50 / /mnt/news\\040feeds rw - nfs4 server:/news rw\n"
    )
    assert filesystem_type(b"/mnt/news feeds/2024/a.txt", mountinfo) == "nfs4"
    assert filesystem_type(b"/home/a.txt", mountinfo) == "ext4"

    monkeypatch.setattr(watching, "filesystem_type", lambda _: "nfs4")
    first = next(FolderWatch(tmp_path, mode="auto").batches())
    assert first.fallback is not None and "network filesystem (nfs4)" in first.fallback


def test_files_written_into_folders_made_a_moment_before_all_arrive(tmp_path: Path) -> None:
    """A folder copied in is made, then filled at once: its files can come before the watch on
    it does, and only the walk of the folder (named by its own event) finds them."""
    import time

    from newsreader.library import Library, follow

    root = tmp_path / "library"
    root.mkdir()
    library = Library(root)
    library.scan()
    watch = FolderWatch(root, mode="auto")
    thread = threading.Thread(target=lambda: [None for _ in follow(library, watch)])
    thread.start()
    try:
        assert watch.armed.wait(10), "the watch was not set up"
        expected = set()
        for folder in range(12):
            deep = root / f"feed-{folder}" / "2026" / "11"
            deep.mkdir(parents=True)
            for number in range(4):
                title = f"Burst {folder} {number}"
                write_article(deep, f"{number}.txt", title, "Body.")
                expected.add(title)
        deadline = time.monotonic() + 20
        while set(library.catalog.columns.titles) != expected:
            missing = expected - set(library.catalog.columns.titles)
            assert time.monotonic() < deadline, f"never arrived: {sorted(missing)}"
            time.sleep(0.05)  # between two looks at the condition
    finally:
        watch.stop()
        thread.join(timeout=10)
        library.close()
