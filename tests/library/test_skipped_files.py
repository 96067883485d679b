"""Files of types newsreader does not read are counted by suffix, not listed one by one."""

from __future__ import annotations

from pathlib import Path

from newsreader.library import Library
from support import write_article


def test_unsupported_files_are_counted_by_suffix(seed_library: Path) -> None:
    for number in range(3):
        (seed_library / f"doc{number}.sgml").write_text("<doc>not read</doc>")
    (seed_library / "paper.PDF").write_bytes(b"%PDF-1.4")
    (seed_library / "README").write_text("notes")
    (seed_library / "odd.\x1b[2J").write_text("escape in a suffix")
    (seed_library / ".DS_Store").write_bytes(b"hidden")
    (seed_library / ".hidden").mkdir()
    (seed_library / ".hidden" / "more.sgml").write_text("hidden folder")
    (seed_library / "named.sgml").mkdir()  # a folder, whatever its name, is walked
    write_article(seed_library, "named.sgml/inside.txt", "Found Inside A Folder", "It is read.")

    library = Library(seed_library)
    report = library.scan()
    assert report.new == 3
    assert report.problems == ()
    # the escape sequence in a suffix is removed before anything shows it
    assert dict(report.skipped) == {".sgml": 3, ".pdf": 1, "(no suffix)": 1, ".": 1}
    assert report.skipped[0] == (".sgml", 3)  # most first
    assert library.skipped == report.skipped
    assert library.scan().skipped == report.skipped  # a warm rescan counts them again
