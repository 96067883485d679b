"""Library.update: rescanning only the paths a watcher named, on real folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newsreader.library import Library, changes
from support import write_article


def titles(library: Library) -> set[str]:
    return {entry.title for entry in library.catalog.entries}


def counts(report: object) -> tuple[int, int, int]:
    return (report.new, report.changed, report.removed)  # type: ignore[attr-defined]


@pytest.fixture
def library(seed_library: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    """A scanned library whose updates must never walk the folder."""
    scanned = Library(seed_library)
    scanned.scan()

    def no_walk(*_: object) -> None:
        raise AssertionError("an update of named paths walked the whole folder")

    monkeypatch.setattr(changes, "from_walk", no_walk)
    return scanned


def test_a_new_changed_and_deleted_file(library: Library) -> None:
    root = library.root
    path = write_article(root, "new.txt", "Fresh Off The Wire", "Body of the fresh article.")
    assert counts(library.update([path])) == (1, 0, 0)
    assert "Fresh Off The Wire" in titles(library)

    write_article(root, "new.txt", "Fresh Off The Wire, Corrected", "Body, corrected.")
    os.utime(path, ns=(1, 1))  # a same-second rewrite of the same size must still count
    assert counts(library.update([str(path)])) == (0, 1, 0)
    assert "Fresh Off The Wire, Corrected" in titles(library)
    assert "Fresh Off The Wire" not in titles(library)

    path.unlink()
    assert counts(library.update([path])) == (0, 0, 1)
    assert not any("Fresh" in title for title in titles(library))
    assert len(library.catalog) == 2


def test_unchanged_relative_hidden_and_outside_paths(library: Library, tmp_path: Path) -> None:
    root = library.root
    hidden = write_article(root, ".partial/tmp.txt", "Half Written", "Body.")
    outside = write_article(tmp_path, "elsewhere.txt", "Not In The Library", "Body.")
    seed = next(root.glob("*.txt"))
    report = library.update([hidden, outside, seed.name, root / "no-such.txt"])
    assert counts(report) == (0, 0, 0)
    assert report.unchanged == 1
    assert len(library.catalog) == 2


def test_a_folder_copied_in_renamed_and_deleted(library: Library) -> None:
    root = library.root
    for index in range(3):
        write_article(root / "batch", f"{index}.md", f"Batch Article {index}", "Body.")
    assert counts(library.update([root / "batch"])) == (3, 0, 0)

    (root / "batch").rename(root / "moved")  # a watcher names the old and the new folder
    report = library.update([root / "batch", root / "moved"])
    assert counts(report) == (3, 0, 3)
    paths = {entry.path for entry in library.catalog.entries if entry.title.startswith("Batch")}
    assert paths == {f"moved/{index}.md" for index in range(3)}

    shutil.rmtree(root / "moved")
    assert counts(library.update([root / "moved", root / "moved" / "0.md"])) == (0, 0, 3)
    assert len(library.catalog) == 2


def test_a_broken_link_is_a_problem_then_a_file(library: Library) -> None:
    link = library.root / "linked.txt"
    link.symlink_to(library.root / "target.txt")
    report = library.update([link])
    assert [problem.reason for problem in report.problems] == ["broken symbolic link"]
    write_article(library.root, "target.txt", "The Link Target", "Body.")
    report = library.update([link, library.root / "target.txt"])
    assert report.problems == ()
    assert "The Link Target" in titles(library)


def test_the_library_folder_itself_means_a_full_scan(seed_library: Path) -> None:
    library = Library(seed_library)
    library.scan()
    write_article(seed_library, "unnamed.txt", "Only A Walk Finds Me", "Body.")
    assert counts(library.update([seed_library])) == (1, 0, 0)


def test_another_process_indexing_moves_the_generation(seed_library: Path) -> None:
    mine, theirs = Library(seed_library), Library(seed_library)
    mine.scan()
    before = mine.generation()
    write_article(seed_library, "cron.txt", "Indexed By Cron", "Body.")
    theirs.scan()
    assert mine.generation() != before
    assert "Indexed By Cron" in titles(mine.__class__(seed_library))
    assert "Indexed By Cron" in {entry.title for entry in mine.reload_catalog().entries}


def test_only_another_process_makes_the_catalog_stale(seed_library: Path) -> None:
    """An app polls ``catalog_is_stale`` to see a cron indexer; its own update, half done,
    is not one (reloading then showed the new rows without their notice)."""
    mine, theirs = Library(seed_library), Library(seed_library)
    mine.scan()
    assert len(mine.catalog) == 2 and not mine.catalog_is_stale()
    paths = [write_article(seed_library, f"{n}.txt", f"Batch {n}", "Body.") for n in range(3)]
    seen: list[bool] = []
    mine.update(paths, progress=lambda done, total: seen.append(mine.catalog_is_stale()))
    assert seen and not any(seen)
    assert not mine.catalog_is_stale()

    write_article(seed_library, "cron.txt", "Indexed By Cron", "Body.")
    theirs.scan()
    assert mine.catalog_is_stale()


def test_snapshots_are_refreshed_once_changes_stop(library: Library) -> None:
    write_article(library.root, "one.txt", "One More", "Body.")
    library.update([library.root / "one.txt"])
    assert not library.cache.snapshots_current()  # an update leaves them for later
    assert library.refresh_snapshots() is True
    assert library.cache.snapshots_current()
    assert library.refresh_snapshots() is False


def test_the_first_search_after_an_update_reads_the_stored_words(library: Library) -> None:
    """Reading the index's own words once an update made their snapshot stale cost the first
    keystroke 1 s at 100k and 4 s at a million: the stored ones are read, stale, and a word new
    since is found as it is typed, with typos once the snapshot is stored again."""
    (library.root / "word.md").write_text("# Zanzibar Dispatch\n\nFrom the island.\n")
    library.update([library.root / "word.md"])
    library.prepare_search()
    words, current = library.cache.vocabulary()
    assert not current and "zanzibar" not in dict(words)

    def found(query: str) -> list[str]:
        return [library.entry(p).title for p in library.search(query).positions]

    assert found("zanzibar") == ["Zanzibar Dispatch"]
    assert found("lavrv") != []  # an older word, with a typo
    assert found("zanzibr") == []
    library.refresh_snapshots()
    assert found("zanzibr") == ["Zanzibar Dispatch"]


def test_an_update_keeps_the_words_and_a_new_word_is_still_found(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading the index's words again after each batch of a bulk copy cost the next keystroke
    0.4 s at 100k: the words loaded before are kept until the snapshot of them is stored."""
    assert library.search("nato").positions  # the words are loaded
    path = write_article(library.root, "new.txt", "Zeppelinmania Grips The Capital", "Body.")
    library.update([path])

    def slow_read() -> None:
        raise AssertionError("the search read the index's words again")

    monkeypatch.setattr(library.cache, "vocabulary", slow_read)
    found = library.search("zeppelinmania")  # not in the words kept: looked up as it is
    assert [library.entry(p).title for p in found.positions] == ["Zeppelinmania Grips The Capital"]
    assert found.highlights("Zeppelinmania Grips") == [(0, 13)]
    assert not library.search("zeppelinmanai").positions  # a typo of it waits for the words
    assert library.search("nato").positions

    monkeypatch.undo()
    library.refresh_snapshots()  # what the app does once changes stop
    typo = library.search("zeppelinmanai")
    assert [library.entry(p).title for p in typo.positions] == ["Zeppelinmania Grips The Capital"]
