"""Words in headlines and sources have an index of their own: two letters typed look there."""

from __future__ import annotations

import os
from pathlib import Path

from newsreader.library import Library
from support import write_article


def _titles(library: Library, query: str) -> set[str]:
    return {library.catalog.entries[p].title for p in library.search(query).positions}


def _scanned(root: Path) -> Library:
    library = Library(root)
    library.scan()
    return library


def test_two_letters_find_the_word_in_a_headline_not_in_a_body(tmp_path: Path) -> None:
    write_article(tmp_path, "a.txt", "Senate passes the budget bill", "A vote after midnight.")
    write_article(tmp_path, "b.txt", "Storms close coast roads", "The senate met again today.")
    library = _scanned(tmp_path)
    assert _titles(library, "se") == {"Senate passes the budget bill"}
    assert _titles(library, "senate") == {
        "Senate passes the budget bill", "Storms close coast roads",
    }  # fmt: skip


def test_a_changed_headline_leaves_nothing_behind_in_the_head_index(tmp_path: Path) -> None:
    path = write_article(tmp_path, "a.txt", "Senate passes the budget bill", "A late vote.")
    library = _scanned(tmp_path)
    assert library.cache.match("senate", head=True) is not None
    write_article(tmp_path, "a.txt", "Rain expected along the coast", "A late vote.")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    library.scan()
    assert _titles(library, "ra") == {"Rain expected along the coast"}
    assert library.cache.match("senate", head=True) is None  # the old row deleted, not hidden
    assert library.cache.match("rain", head=True) is not None
