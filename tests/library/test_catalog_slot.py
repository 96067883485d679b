"""The loaded catalog: read once however many threads ask, and still served while read again."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from newsreader.library import Library
from newsreader.library.store import Cache
from support import write_article


class HeldReads:
    """``Cache.columns`` counted, each read held until ``go`` (``done``: once read)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, done: bool = False) -> None:
        self.calls = 0
        self.reading = threading.Event()
        self.go = threading.Event()
        columns = Cache.columns

        def held(cache: Cache) -> Any:
            self.calls += 1
            read = columns(cache) if done else None
            self.reading.set()
            assert self.go.wait(10)
            return read if done else columns(cache)

        monkeypatch.setattr(Cache, "columns", held)


@pytest.fixture
def library(seed_library: Path) -> Library:
    scanned = Library(seed_library)
    scanned.scan()
    return scanned


def test_threads_that_find_the_catalog_dropped_wait_for_one_read(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """During a first index at a million articles each keystroke's search started a read of
    its own (10 s, hundreds of MB each): the app grew past 10 GB."""
    write_article(library.root, "new.txt", "Zeppelins Over Lisbon", "Body.")
    library.scan()  # drops the catalog: read again on next use
    reads = HeldReads(monkeypatch)
    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(lambda: library.catalog)
        assert reads.reading.wait(10)
        others = [pool.submit(lambda: library.search("zeppelins")) for _ in range(3)]
        reads.go.set()
        catalog = first.result(10)
        assert all(len(other.result(10).positions) == 1 for other in others)
    assert reads.calls == 1
    assert library.catalog is catalog


def test_the_loaded_catalog_is_searched_while_it_is_read_again(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = library.catalog
    write_article(library.root, "new.txt", "Zeppelins Over Lisbon", "Body.")
    library.update([library.root / "new.txt"])
    patched = library.catalog
    assert patched is not old and len(patched) == len(old) + 1
    reads = HeldReads(monkeypatch)
    with ThreadPoolExecutor(1) as pool:
        again = pool.submit(library.reload_catalog)
        assert reads.reading.wait(10)
        assert library.catalog is patched  # not waiting for the read
        assert len(library.search("zeppelins").positions) == 1
        reads.go.set()
        assert again.result(10) is library.catalog is not patched
    assert reads.calls == 1
    assert library.catalog_read_seconds > 0


def test_a_read_that_began_before_a_change_is_not_kept_after_it(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read of the tables as they were, ending after a scan stored more, must not stand in
    for the catalog the scan left: the scan's last articles would be missing."""
    reads = HeldReads(monkeypatch, done=True)
    with ThreadPoolExecutor(1) as pool:
        before = pool.submit(library.reload_catalog)
        assert reads.reading.wait(10)
        write_article(library.root, "new.txt", "Zeppelins Over Lisbon", "Body.")
        library.update([library.root / "new.txt"])  # patches the catalog loaded: no read
        reads.go.set()
        stale = before.result(10)
    assert len(library.catalog) == len(stale) + 1
    assert "Zeppelins Over Lisbon" in {entry.title for entry in library.catalog.entries}


def test_a_catalog_read_again_keeps_the_words_while_their_snapshot_is_missing(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """During a first index (no snapshot of the index's words yet) each read of the articles
    so far made an engine that read the whole index's words again on the next keystroke: 7 s
    at a million."""
    assert library.cache.path is not None
    with sqlite3.connect(library.cache.path) as db:
        db.execute("DELETE FROM snapshots WHERE name = 'terms'")  # as a first index has it
    assert library.cache.vocabulary()[1]  # read from the index itself
    assert library.search("lavrv").positions  # the words are loaded

    def no_read() -> None:
        raise AssertionError("the index's words were read again")

    monkeypatch.setattr(library.cache, "vocabulary", no_read)
    for read_again in (library.reload_catalog, library._catalogs.drop):
        read_again()
        assert library.search("lavrv").positions
