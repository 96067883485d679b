"""A folder of hostile and broken files: each broken one is one problem, the rest all load."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from make_hostile import ESCAPE_TITLE, EXPECTED_PROBLEMS, EXPECTED_TITLES, MARKUP_TITLE
from newsreader.library import Library

# What must never reach a terminal: C0/C1 controls, ESC, bidi embeddings/overrides/isolates.
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_unsafe(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or char in BIDI


@pytest.fixture(scope="module")
def scanned(hostile: Path) -> tuple[Library, object]:
    library = Library(hostile)
    return library, library.scan()


def test_each_broken_file_is_one_problem_and_the_rest_loads(scanned) -> None:
    library, report = scanned
    problems = {problem.path: problem.reason for problem in report.problems}
    for path, reason in EXPECTED_PROBLEMS.items():
        assert problems.pop(path) == reason
    assert problems.pop("self-loop.txt") == "cannot read: too many levels of symbolic links"
    assert problems == {}, "no other file is a problem"
    titles = {entry.path: entry.title for entry in library.catalog.entries}
    for path, title in EXPECTED_TITLES.items():
        assert titles[path] == title
    assert "A File Whose Name Is Not UTF-8" in titles.values()
    assert len(library.catalog) == 13


def test_a_folder_link_back_to_the_library_is_walked_once(scanned) -> None:
    library, _ = scanned
    paths = [entry.path for entry in library.catalog.entries]
    assert not any(path.startswith("folder-loop/") for path in paths)
    assert len(paths) == len(set(paths))


def test_no_field_holds_a_control_or_bidi_character(scanned) -> None:
    library, report = scanned
    for position, entry in enumerate(library.catalog.entries):
        article = library.article(position)
        texts = [entry.title, entry.path, entry.source or "", entry.url or "", *article.body]
        for text in texts:
            assert not any(is_unsafe(c) for c in text), (entry.path, text[:80])
    for problem in report.problems:
        assert not any(is_unsafe(c) for c in problem.path + problem.reason)


def test_escape_sequences_are_removed_whole_and_markup_kept_as_text(scanned) -> None:
    library, _ = scanned
    titles = {entry.title for entry in library.catalog.entries}
    assert MARKUP_TITLE in titles
    assert "Escape Red Clip Title Link C1 Desrever Bidi Isolate End" in titles
    assert ESCAPE_TITLE not in titles
    names = [entry.path for entry in library.catalog.entries]
    assert "evil]0;pwned[31mname.txt" not in names
    assert "evilname.txt" in names


def test_non_utf8_file_name_is_found_and_shown_readably(scanned) -> None:
    library, _ = scanned
    paths = [entry.path for entry in library.catalog.entries]
    assert "caf\ufffd-latin1-name.txt" in paths


def test_a_file_deleted_between_scan_and_parse(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "library"
    root.mkdir()
    for name in ("kept.txt", "vanishing.txt"):
        (root / name).write_text(f"{name} Is An Article Title\n\nBody text of {name}.\n")
    import newsreader.library.prepare as prepare

    real = prepare.parse_file

    def delete_first(path: Path, **kwargs):  # type: ignore[no-untyped-def]
        if path.name == "vanishing.txt":
            path.unlink()
        return real(path, **kwargs)

    monkeypatch.setattr(prepare, "parse_file", delete_first)
    library = Library(root)
    report = library.scan()
    assert [(p.path, p.reason) for p in report.problems] == [
        ("vanishing.txt", "cannot read: file not found")
    ]
    assert [entry.path for entry in library.catalog.entries] == ["kept.txt"]
    monkeypatch.undo()
    assert library.scan().removed == 1 and library.problems() == []


def test_a_file_changed_between_scan_and_parse_is_read_again_next_time(
    tmp_path: Path, monkeypatch
) -> None:
    root = tmp_path / "library"
    root.mkdir()
    path = root / "changing.txt"
    path.write_text("The First Version Of The Title\n\nBody.\n")
    import newsreader.library.prepare as prepare

    real = prepare.parse_file

    def change_first(target: Path, **kwargs):  # type: ignore[no-untyped-def]
        target.write_text("The Second Version Of The Title\n\nA longer body this time.\n")
        return real(target, **kwargs)

    monkeypatch.setattr(prepare, "parse_file", change_first)
    library = Library(root)
    library.scan()
    monkeypatch.undo()
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    report = library.scan()
    assert report.changed == 1
    assert [e.title for e in library.catalog.entries] == ["The Second Version Of The Title"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    locked = root / "locked.txt"
    locked.write_text("A Locked Article Title Here\n\nBody.\n")
    locked.chmod(0)
    report = Library(root).scan()
    assert [(p.path, p.reason) for p in report.problems] == [
        ("locked.txt", "cannot read: permission denied")
    ]


def test_a_library_folder_name_is_cleaned_for_display(tmp_path: Path) -> None:
    root = tmp_path / "news\x1b]0;pwned\x07\u202eweN"
    root.mkdir()
    assert Library(root).name == "newsweN"
