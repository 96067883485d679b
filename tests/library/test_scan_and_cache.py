"""The library folder and its cache: rescans, stable ids, damaged or shared caches."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from newsreader.library import Library
from newsreader.library.locations import cache_file
from newsreader.library.store import FORMAT_VERSION
from support import SEEDS, write_article


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


def test_two_copies_of_one_article_get_two_ids(seed_library: Path) -> None:
    shutil.copy(seed_library / SEEDS[1], seed_library / "copy.txt")
    library = Library(seed_library)
    library.scan()
    ids = [entry.id for entry in library.catalog.entries]
    assert len(ids) == 3 and len(set(ids)) == 3


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
    library.cache._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    library.close()
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
        from newsreader.library import Library
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


def test_a_cancelled_scan_keeps_its_work_and_the_next_one_finishes(tmp_path: Path) -> None:
    root = tmp_path / "library"
    for i in range(1200):
        write_article(root, f"{i:05}.txt", f"Cancelled Scan Article {i}", f"Body {i}.")
    library = Library(root)
    report = library.scan(cancelled=lambda: True)  # stop after the first batch
    kept = len(library.catalog)
    assert 0 < kept < 1200
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
