"""How a scan shares out its files and groups its writes: by size, not by file count alone,
so a folder of big feed files is cut as finely as one of scraped texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.library import Library, parallel, scan_run
from newsreader.library.scanner import FileStat
from newsreader.library.store import Cache


def test_a_batch_holds_at_most_so_many_files_and_about_so_many_bytes() -> None:
    small = [FileStat(b"t%d.txt" % i, 4_000, 0) for i in range(1_200)]
    big = [FileStat(b"f%d.rss" % i, 450_000, 0) for i in range(12)]
    for files, sizes in (
        (small, [500, 500, 200]),
        (big, [5, 5, 2]),
        (small + big, [500, 500, 203, 5, 4]),
    ):
        batches = list(parallel._batches(files))
        assert [found for batch in batches for found in batch] == files  # each once, in order
        assert [len(batch) for batch in batches] == sizes


def feed(items: int, number: int) -> str:
    entries = "".join(
        f"<item><title>Report {number} item {i}</title><link>https://x.example/{number}/{i}</link>"
        f"<description>Text of report {number} item {i}.</description></item>"
        for i in range(items)
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>X</title>'
    return f"{head}{entries}</channel></rss>"


def test_a_transaction_holds_about_so_many_articles_however_many_files_they_come_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    for number in range(10):
        (folder / f"{number:02}.rss").write_text(feed(50, number))
    monkeypatch.setattr(parallel, "BATCH_BYTES", 1)  # a file a batch
    monkeypatch.setattr(scan_run, "COMMIT_ARTICLES", 120)
    written: list[int] = []
    apply = Cache.apply

    def counted(self: Cache, removed: list[bytes], prepared: list) -> None:  # type: ignore[type-arg]
        written.append(sum(len(item.articles) for item in prepared))
        apply(self, removed, prepared)

    monkeypatch.setattr(Cache, "apply", counted)
    library = Library(folder)
    library.scan()
    # the first file at once (a first index lists articles at once), then three files, 150
    # articles, a transaction: not the ten files at once that a count of files would wait for
    assert [count for count in written if count] == [50, 150, 150, 150]
    assert len(library.catalog) == 500
    library.close()
