"""A library folder that is gone at scan time (an unmounted disk) is an error, not an empty one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsreader.library import Library, LibraryMissing
from support import write_article


def _move_away(root: Path) -> None:
    root.rename(root.with_name("elsewhere"))


def _file_in_its_place(root: Path) -> None:
    _move_away(root)
    root.write_text("not a folder")


@pytest.mark.parametrize("vanish", [_move_away, _file_in_its_place], ids=["gone", "a file"])
def test_a_vanished_folder_raises_and_keeps_every_cached_article(
    seed_library: Path, vanish: Callable[[Path], None]
) -> None:
    write_article(seed_library, "sub/deep.txt", "An Article In A Subfolder", "Its one paragraph.")
    library = Library(seed_library)
    assert library.scan().new == 3
    before = [entry.id for entry in library.catalog.entries]

    vanish(seed_library)
    with pytest.raises(LibraryMissing, match=f"library folder {seed_library} is missing"):
        library.scan()
    assert [entry.id for entry in library.reload_catalog().entries] == before
    library.close()

    if seed_library.is_file():
        seed_library.unlink()
    seed_library.with_name("elsewhere").rename(seed_library)
    again = Library(seed_library)  # a new process, as the next start would be
    assert [entry.id for entry in again.catalog.entries] == before
    report = again.scan()
    assert (report.new, report.changed, report.removed, report.unchanged) == (0, 0, 0, 3)
    again.close()
