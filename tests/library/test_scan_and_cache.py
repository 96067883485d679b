"""The library folder and its cache: rescans, stable ids, damaged or shared caches."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

from newsreader.library import CacheRebuilt, Library, LibraryClosed
from newsreader.library.cache_tables import HASH_SIZE, PAGE_SIZE
from newsreader.library.locations import cache_file
from newsreader.library.sqlite_files import companions
from newsreader.library.store import FORMAT_VERSION
from support import (
    SEEDS,
    damage_cache_middle,
    damage_cache_tables,
    delete_cache_folder,
    small_filesystem,
    truncate_cache,
    write_article,
)


def ids_by_title(library: Library) -> dict[str, str]:
    return {entry.title: entry.id for entry in library.catalog.entries}


def test_first_scan_reads_every_article(seed_library: Path) -> None:
    library = Library(seed_library)
    report = library.scan()
    assert (report.new, report.changed, report.removed, report.unchanged) == (2, 0, 0, 0)
    assert report.problems == ()
    titles = [entry.title for entry in library.catalog.entries]
    # newest first, undated last
    assert titles == [
        "NATO Seeks Strategic Partnership With Russia",
        "NATO Encouraged By Talk Of Cooperation With Russia, Russia Less So",
    ]
    assert library.catalog.entries[0].source == "The Moscow Times"


def test_rescan_counts_new_changed_removed_and_unchanged(seed_library: Path) -> None:
    library = Library(seed_library)
    library.scan()
    assert library.scan().unchanged == 2

    write_article(
        seed_library,
        "sub/new.txt",
        "A Brand New Article About Lisbon",
        "The summit in Lisbon opened on Friday with a long speech.",
    )
    changed = seed_library / SEEDS[0]
    changed.write_text(changed.read_text() + "\n\nA late paragraph was added.\n")
    (seed_library / SEEDS[1]).unlink()

    report = library.scan()
    assert (report.new, report.changed, report.removed, report.unchanged) == (1, 1, 1, 0)
    titles = {entry.title for entry in library.catalog.entries}
    assert titles == {
        "A Brand New Article About Lisbon",
        "NATO Encouraged By Talk Of Cooperation With Russia, Russia Less So",
    }
    assert library.search("paragraph added").positions, "the changed body is searchable"
    assert not library.search("portugal").positions, "the deleted one is gone"


def test_rescan_reads_nothing_when_nothing_changed(seed_library: Path, monkeypatch) -> None:
    Library(seed_library).scan()
    import newsreader.library.prepare as prepare

    def refuse(*_: object) -> None:
        raise AssertionError("an unchanged file was parsed again")

    monkeypatch.setattr(prepare, "parse_file", refuse)
    report = Library(seed_library).scan()
    assert report.unchanged == 2


def test_hidden_files_and_unsupported_suffixes_are_skipped(seed_library: Path) -> None:
    write_article(seed_library, ".hidden.txt", "Hidden Article Should Not Show Up", "Body text.")
    write_article(seed_library, ".git/inside.txt", "Inside Git Should Not Show Up", "Body text.")
    (seed_library / "notes.docx").write_bytes(b"PK\x03\x04")
    library = Library(seed_library)
    assert library.scan().new == 2


def test_symlink_loop_and_broken_link(seed_library: Path) -> None:
    (seed_library / "loop").symlink_to(seed_library)
    (seed_library / "gone.txt").symlink_to(seed_library / "missing.txt")
    (seed_library / "self.txt").symlink_to(seed_library / "self.txt")
    library = Library(seed_library)
    report = library.scan()
    assert len(library.catalog) == 2
    reasons = {problem.path: problem.reason for problem in report.problems}
    assert reasons["gone.txt"] == "broken symbolic link"
    assert "symbolic links" in reasons["self.txt"]


def test_id_survives_rename_move_and_deleted_cache(seed_library: Path) -> None:
    library = Library(seed_library)
    library.scan()
    before = ids_by_title(library)
    library.close()

    (seed_library / "archive" / "2010").mkdir(parents=True)
    (seed_library / SEEDS[0]).rename(seed_library / "archive" / "2010" / "renamed.txt")
    cache_file(seed_library).unlink()

    again = Library(seed_library)
    again.scan()
    assert ids_by_title(again) == before
    assert all(len(article_id) == 12 for article_id in before.values())


def test_copies_of_one_article_are_one_article(seed_library: Path) -> None:
    (seed_library / "later").mkdir()
    shutil.copy(seed_library / SEEDS[1], seed_library / "later" / "copy.txt")
    library = Library(seed_library)
    library.scan()
    ids = [entry.id for entry in library.catalog.entries]
    assert len(ids) == 2 and len(set(ids)) == 2
    by_copy = library.catalog.resolve("later/copy.txt")
    assert by_copy == library.catalog.resolve(SEEDS[1])
    found = library.search("rasmussen").positions
    assert found.count(by_copy) == 1 and len(found) == 2  # the copy is found as its one row


@pytest.mark.parametrize(
    "steps",
    [
        ["copy", "index", "delete original", "index"],
        ["copy", "index", "delete original", "delete cache", "index"],
        ["index", "copy", "index", "delete original", "index", "delete cache", "index"],
        ["delete cache", "copy", "delete original", "index"],
        ["index", "move", "index", "copy back", "index", "delete cache", "index"],
    ],
)
def test_an_id_is_the_same_whatever_the_order_of_copies_moves_and_deletions(
    seed_library: Path, steps: list[str]
) -> None:
    """A bookmark names an article by id: no history of copies, moves and cache deletions may
    give the article another id (and orphan the bookmark)."""
    title = "Rasmussen meets Lavrov"
    (seed_library / "elsewhere").mkdir()
    original, copy = seed_library / SEEDS[1], seed_library / "elsewhere" / "copy.txt"
    library = Library(seed_library)
    library.scan()
    expected = ids_by_title(library)
    actions = {
        "copy": lambda: shutil.copy(original, copy),
        "move": lambda: original.rename(copy),
        "copy back": lambda: shutil.copy(copy, original),
        "delete original": original.unlink,
        "delete cache": lambda: [
            f.unlink(missing_ok=True) for f in companions(cache_file(seed_library))
        ],
        "index": lambda: Library(seed_library).scan(),
    }
    for step in steps:
        actions[step]()
    found = ids_by_title(Library(seed_library))
    assert found == expected, title


def test_feed_items_sharing_a_url_but_not_a_headline_are_two_articles(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    items = "".join(
        f"<item><title>{title}</title><link>https://example.org/</link>"
        f"<description>{title} in detail.</description></item>"
        for title in ("Budget passes", "Storm hits coast", "Storm hits coast")
    )
    (root / "feed.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ex</title>{items}'
        "</channel></rss>",
        encoding="utf-8",
    )
    library = Library(root)
    library.scan()
    titles = sorted(entry.title for entry in library.catalog.entries)
    assert titles == ["Budget passes", "Storm hits coast"]  # the repeated item is one article


def test_a_deleted_article_leaves_the_index(seed_library: Path) -> None:
    """The index is contentless: its delete needs the exact words indexed. Skipped or wrong,
    a deleted article's words would stay findable and be offered as typo corrections."""
    write_article(seed_library, "gone.txt", "Quixotic zeppelins", "Zeppelinmania grips Lisbon.")
    library = Library(seed_library)
    library.scan()
    assert "zeppelinmania" in library._loaded()[1].vocabulary
    first_rowids = set(library.catalog.rowids)
    (seed_library / "gone.txt").unlink()
    write_article(seed_library, "new.txt", "Ordinary budget news", "Parliament met today.")
    library.scan()
    assert "zeppelinmania" not in library._loaded()[1].vocabulary
    assert "quixotic" not in library._loaded()[1].vocabulary
    assert list(library.search("zeppelinmania").positions) == []
    assert list(library.search("quixotic").positions) == []
    new_rowid = library.catalog.rowids[library.catalog.resolve("new.txt")]
    assert new_rowid > max(first_rowids)  # rowids are never given twice


def test_bodies_packed_by_an_earlier_version_read_and_leave_the_index(
    seed_library: Path,
) -> None:
    """Bodies were zlib-packed before zstd: a cache made then reads them, and deleting their
    article (whose words the index needs back) works."""
    write_article(seed_library, "old.txt", "Quixotic zeppelins", "Zeppelinmania grips Lisbon.")
    library = Library(seed_library)
    library.scan()
    position = library.catalog.resolve("old.txt")
    rowid = library.catalog.rowids[position]
    assert library.cache.path is not None
    with sqlite3.connect(library.cache.path) as db:
        (packed,) = db.execute("SELECT body FROM bodies WHERE rowid = ?", (rowid,)).fetchone()
        assert packed[:4] == b"\x28\xb5\x2f\xfd"  # zstd's
        text = "\x1e".join(library.article(position).body).encode()
        db.execute("UPDATE bodies SET body = ? WHERE rowid = ?", (zlib.compress(text), rowid))
    assert library.article(position).body == ("Zeppelinmania grips Lisbon.",)
    (seed_library / "old.txt").unlink()
    library.scan()
    assert "zeppelinmania" not in library._loaded()[1].vocabulary
    library.close()


def test_the_index_holds_a_transaction_of_entries_in_memory(seed_library: Path) -> None:
    """FTS5 writes a transaction's new entries as one segment only with a hash size above its
    1 MB default (see ``cache_tables.HASH_SIZE``); a cold index writes fewer, bigger pages."""
    Library(seed_library).scan()
    with sqlite3.connect(cache_file(seed_library)) as db:
        assert db.execute("SELECT v FROM fts_config WHERE k = 'hashsize'").fetchone() == (
            HASH_SIZE,
        )
        assert db.execute("PRAGMA page_size").fetchone() == (PAGE_SIZE,)


def test_corrupt_cache_is_rebuilt_with_a_warning(seed_library: Path) -> None:
    Library(seed_library).scan()
    path = cache_file(seed_library)
    path.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    library = Library(seed_library)
    assert any("rebuilding" in warning for warning in library.warnings)
    assert library.scan().new == 2


def test_truncated_cache_is_rebuilt(seed_library: Path) -> None:
    library = Library(seed_library)
    library.scan()
    library.close()  # the last connection checkpoints the journal into the file
    path = cache_file(seed_library)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    library = Library(seed_library)
    library.scan()
    assert len(library.catalog) == 2
    assert library.search("rasmussen").positions


def test_cache_from_another_format_version_is_rebuilt(seed_library: Path) -> None:
    Library(seed_library).scan()
    with sqlite3.connect(cache_file(seed_library)) as db:
        db.execute(f"PRAGMA user_version = {FORMAT_VERSION + 1}")
    library = Library(seed_library)
    assert any("format version" in warning for warning in library.warnings)
    assert library.scan().new == 2


def test_unwritable_cache_dir_runs_in_memory(seed_library: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    library = Library(seed_library, cache_path=blocked / "cache.sqlite3")
    assert any("without a cache" in warning for warning in library.warnings)
    assert library.scan().new == 2
    assert len(library.catalog) == 2


def test_two_processes_indexing_at_once(tmp_path: Path) -> None:
    root = tmp_path / "library"
    for i in range(300):
        write_article(
            root,
            f"{i:04}.txt",
            f"Article Number {i} About Things",
            f"Paragraph {i} of the article body with words in it.",
        )
    script = textwrap.dedent(f"""
        from pathlib import Path
        from newsreader.library import CacheRebuilt, Library, LibraryClosed
        report = Library(Path({str(root)!r})).scan()
        print(report.new + report.changed + report.unchanged, len(report.problems))
    """)
    env = dict(os.environ)
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert [out.split() for out, _ in outputs] == [["300", "0"], ["300", "0"]]
    library = Library(root)
    assert library.scan().unchanged == 300
    assert len(library.catalog) == 300
    assert library.search("number 123").positions


def test_large_scan_uses_worker_processes_and_reports_progress(tmp_path: Path) -> None:
    root = tmp_path / "library"
    for i in range(1200):
        write_article(
            root,
            f"{i // 100:02}/{i:05}.txt",
            f"Parallel Article {i} On Topic",
            f"Body {i}: the quick brown fox {i % 7} jumps.",
            date="2010-09-22",
        )
    seen: list[tuple[int, int]] = []
    library = Library(root)
    report = library.scan(progress=lambda done, total: seen.append((done, total)))
    assert report.new == 1200
    assert seen[0] == (0, 1200) and seen[-1] == (1200, 1200)
    assert len(library.catalog) == 1200


def test_stale_or_damaged_catalog_snapshot_falls_back_to_the_tables(seed_library: Path) -> None:
    library = Library(seed_library)
    library.scan()
    expected = list(library.catalog.entries)
    library.close()
    with sqlite3.connect(cache_file(seed_library)) as db:
        db.execute("UPDATE generation SET value = value + 1")  # a write the snapshot missed
    assert list(Library(seed_library).catalog.entries) == expected
    with sqlite3.connect(cache_file(seed_library)) as db:
        db.execute(
            "UPDATE snapshots SET generation = (SELECT value FROM generation), data = x'80049500'"
        )  # current, but cut short
    assert list(Library(seed_library).catalog.entries) == expected


def test_closing_the_library_during_a_scan_keeps_the_cache(seed_library: Path) -> None:
    """The app quitting a second after it started, during its rescan: the scan's cache calls
    fail as the cache is closed, which is not damage. It used to be healed: the cache file
    (a million articles' took 7 minutes to index) was deleted and made anew, empty."""
    library = Library(seed_library)
    library.scan()
    path, inode = library.cache.path, library.cache.path.stat().st_ino  # type: ignore[union-attr]
    write_article(seed_library, "late.txt", "Arrived Late", "Body.")

    def progress(done: int, total: int) -> None:
        library.close()  # the app quits while the scan parses

    with pytest.raises(LibraryClosed):
        library.scan(progress)
    assert path is not None and path.stat().st_ino == inode  # the same file, not made anew
    again = Library(seed_library)
    try:
        assert not again.warnings
        assert sorted(again.catalog.columns.paths) == sorted(SEEDS)
    finally:
        again.close()


def test_a_cancelled_scan_keeps_its_work_and_the_next_one_finishes(tmp_path: Path) -> None:
    root = tmp_path / "library"
    for i in range(1200):
        write_article(root, f"{i:05}.txt", f"Cancelled Scan Article {i}", f"Body {i}.")
    library = Library(root)
    report = library.scan(cancelled=lambda: True)  # stop after the first batch
    kept = len(library.catalog)
    assert 0 < kept < 1200
    # what is indexed so far is searchable, though the scan left no vocabulary snapshot
    assert len(library.search("cancelled scan article").positions) == kept
    assert report.new == kept
    again = library.scan()
    assert (again.new, again.unchanged) == (1200 - kept, kept)
    assert len(library.catalog) == 1200


def test_a_rescan_that_changes_no_article_keeps_the_snapshot_current(
    seed_library: Path, monkeypatch
) -> None:
    (seed_library / "broken.txt").symlink_to(seed_library / "nowhere.txt")
    (seed_library / "empty.txt").write_bytes(b"")
    Library(seed_library).scan()
    Library(seed_library).scan()  # walks the broken link again, changes no article
    import newsreader.library.store as store

    def slow_path(self: object) -> None:
        raise AssertionError("the catalog was read from the tables, not the snapshot")

    monkeypatch.setattr(store.Cache, "_columns_from_tables", slow_path)
    assert len(Library(seed_library).catalog) == 2


@pytest.mark.parametrize("damage", [truncate_cache, damage_cache_middle, delete_cache_folder])
def test_a_cache_damaged_while_open_is_rebuilt_and_a_rescan_finds_new_files(
    seed_library: Path, damage
) -> None:
    for i in range(40):  # enough pages that damage in the middle hits the tables
        write_article(seed_library, f"old{i}.txt", f"Old story {i}", f"Paragraph {i}. " * 80)
    library = Library(seed_library)
    library.scan()
    damage(cache_file(seed_library))
    write_article(seed_library, "fresh.txt", "Fresh xylophone story", "Xylophones everywhere.")
    report = library.scan()
    assert report.warnings, "the user is told the cache was rebuilt"
    assert len(library.catalog) == 43
    assert [library.catalog.entries[p].title for p in library.search("xylophone").positions] == [
        "Fresh xylophone story"
    ]
    library.close()
    again = Library(seed_library)  # and what was rebuilt is on disk, whole
    assert again.warnings == []
    assert len(again.catalog) == 43


def test_a_cache_on_a_disk_that_fills_up_goes_on_in_memory(seed_library: Path, tmp_path) -> None:
    with small_filesystem(tmp_path / "disk", 1000) as disk:  # room for the 2 seeds, not 300 more
        path = disk / "cache.sqlite3"
        library = Library(seed_library, cache_path=path)
        library.scan()
        rng = random.Random(3)
        for i in range(300):  # varied words, which neither compress nor share index entries
            words = " ".join(f"w{rng.getrandbits(40):x}" for _ in range(150))
            write_article(seed_library, f"big{i}.txt", f"Big story {i}", words)
        report = library.scan()
        assert any("without a cache" in warning for warning in report.warnings)
        assert len(library.catalog) == 302
        assert library.search("big").positions
        write_article(seed_library, "late.txt", "Late quokka story", "Quokkas.")
        assert library.scan().new == 1
        assert library.search("quokka").positions
        library.close()


def test_a_damaged_cache_found_while_reading_is_rebuilt_and_said(seed_library: Path) -> None:
    library = Library(seed_library)
    library.scan()
    library.close()
    damage_cache_tables(cache_file(seed_library), "fts%")
    library = Library(seed_library)
    with pytest.raises(CacheRebuilt, match="rebuilding"):
        library.search("rasmussen")
    assert library.scan().new == 2
    assert library.search("rasmussen").positions
