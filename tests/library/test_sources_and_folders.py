"""Sources spelled one way, folders as a filter, and the counts of `stats` and the sources view."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from newsreader.library import Library, tally
from newsreader.library.filters import matching_folders
from newsreader.library.outlets import outlet_name, spellings
from support import write_article


def _feed(root: Path, name: str, outlet: str, *titles: str) -> None:
    items = "".join(
        f"<item><title>{title}</title><description>Body of {title}.</description></item>"
        for title in titles
    )
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{outlet}</title>'
        f"{items}</channel></rss>",
        encoding="utf-8",
    )


@pytest.fixture
def library(tmp_path: Path) -> Library:
    root = tmp_path / "library"
    _feed(root, "feeds/guardian.rss", "The Guardian", "Budget vote delayed", "Rail strike ends")
    _feed(root, "feeds/guardian-world.rss", "the Guardian", "Floods in the north")
    _feed(root, "feeds/tmz.rss", "http://www.tmz.com", "Star enters rehab")
    write_article(root, "bbc/sport/cup.txt", "Cup final goes to penalties", "Body text.")
    write_article(root, "bbc/news/storm.txt", "Storm closes the coast road", "Body text.")
    write_article(root, "top.txt", "A file at the top of the library", "Body text.")
    library = Library(root)
    library.scan()
    return library


def _titles(library: Library, query: str) -> set[str]:
    return {library.catalog.entries[p].title for p in library.search(query).positions}


def test_one_outlet_spelled_two_ways_is_one_source(library: Library) -> None:
    assert "The Guardian" in library.catalog.sources
    assert "the Guardian" not in library.catalog.sources
    assert len(_titles(library, "source:guardian")) == 3


def test_a_url_given_as_a_source_becomes_the_domain() -> None:
    assert outlet_name("http://www.tmz.com") == "tmz.com"
    assert outlet_name("www.bbc.co.uk") == "BBC News"  # a well-known site: its name
    assert outlet_name("  The   Moscow Times ") == "The Moscow Times"
    assert spellings(Counter(["the guardian", "The Guardian", "The Guardian"])) == {
        "the guardian": "The Guardian", "The Guardian": "The Guardian",
    }  # fmt: skip


def test_the_url_source_is_stored_tidied(library: Library) -> None:
    assert "tmz.com" in library.catalog.sources


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("folder:bbc", {"Cup final goes to penalties", "Storm closes the coast road"}),
        ("folder:bbc/sport", {"Cup final goes to penalties"}),
        ("folder:sport", {"Cup final goes to penalties"}),
        ("folder:spotr", {"Cup final goes to penalties"}),
        ("folder:news penalties", set()),
        ("folder:feeds rehab", {"Star enters rehab"}),
    ],
)
def test_a_folder_filter_is_forgiving_and_takes_subfolders(
    library: Library, query: str, expected: set[str]
) -> None:
    assert _titles(library, query) == expected


def test_counts_per_source_and_folder(library: Library) -> None:
    entries = library.catalog.entries
    read = {
        e.id for e in entries if e.title in ("Budget vote delayed", "Cup final goes to penalties")
    }
    bookmarked = {entries[0].id, "gone-article-id"}
    counts = tally(library.catalog, read, bookmarked)
    assert (counts.total, counts.unread, counts.bookmarked) == (7, 5, 1)
    sources = {g.name: (g.total, g.unread) for g in counts.of("source")}
    assert sources["The Guardian"] == (3, 2)
    assert sources["tmz.com"] == (1, 1)
    folders = {g.name: (g.total, g.unread) for g in counts.of("folder")}
    assert folders["bbc"] == (2, 1)
    assert folders["bbc/sport"] == (1, 0)
    assert folders["feeds"] == (4, 3)
    assert "" not in folders


def test_a_folder_filter_takes_the_folders_inside_not_those_that_start_alike() -> None:
    folders = ["bbc", "bbc/sport", "bbc/sport/cup", "bbcnews/world", "news/bbc"]
    assert matching_folders(["bbc"], folders) == {"bbc", "bbc/sport", "bbc/sport/cup", "news/bbc"}
    assert matching_folders(["bbc/sport"], folders) == {"bbc/sport", "bbc/sport/cup"}


def test_a_folder_filter_meaning_many_folders_keeps_each_folder_inside_one() -> None:
    """`folder:0` while `folder:0042` is typed means every folder with a 0 in its name."""
    folders = [f"{year}/{month:02}" for year in range(2000, 2010) for month in range(1, 13)]
    folders += [f"{year}/{month:02}/late" for year in (2001, 2003) for month in (1, 10)]
    meant = matching_folders(["0"], folders)
    assert meant == set(folders)  # every year holds a 0: each folder is inside one
    assert matching_folders(["2003"], folders) == {f for f in folders if f.startswith("2003/")}
