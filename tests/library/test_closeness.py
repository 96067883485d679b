"""Words close together rank higher, among results that are otherwise alike."""

from __future__ import annotations

from pathlib import Path

from newsreader.library import Library
from newsreader.library.closeness import closeness, window
from newsreader.library.tokens import words
from support import write_article

FILLER = "Officials gave no further details about the schedule. " * 12


def _titles(library: Library, query: str) -> list[str]:
    results = library.search(query)
    return [library.catalog.entries[p].title for p in results.positions]


def test_the_smallest_window_holding_every_word() -> None:
    needs = [frozenset({"van"}), frozenset({"gogh"}), frozenset({"film"})]
    text = words("a van parked by the museum while gogh fans queued for the van gogh film")
    assert window(text, needs) == 3
    assert window(words("van and gogh"), needs) is None
    assert closeness(3, 3) == 0 and closeness(5, 3) == 1 and closeness(20, 3) == 2
    assert closeness(200, 3) == 3 and closeness(None, 3) == 4


def test_words_side_by_side_in_the_body_outrank_words_paragraphs_apart(tmp_path: Path) -> None:
    root = tmp_path / "library"
    # the scattered one is newer, so without closeness it would come first
    write_article(root, "apart.txt", "Museum Weekend Guide",
                  "A van blocked the street.", FILLER, "Gogh fans queued.", FILLER,
                  "A film crew packed up.", date="2012-06-02")  # fmt: skip
    write_article(root, "close.txt", "Weekend Cinema Listings For The Capital",
                  "The new Van Gogh film opens on Friday.", FILLER,
                  date="2012-06-01")  # fmt: skip
    library = Library(root)
    library.scan()
    assert _titles(library, "van gogh film") == [
        "Weekend Cinema Listings For The Capital",
        "Museum Weekend Guide",
    ]


def test_a_headline_holding_the_words_together_outranks_one_holding_them_apart(
    tmp_path: Path,
) -> None:
    root = tmp_path / "library"
    write_article(root, "a.txt", "Gun Shop Owner Sues Over Missing Shipment From Wal-Mart Depot",
                  "Body.", date="2012-06-02")  # fmt: skip
    write_article(root, "b.txt", "Wal-Mart Gun Sales Questioned", "Body.", date="2012-06-01")
    library = Library(root)
    library.scan()
    assert _titles(library, "walmart gun")[0] == "Wal-Mart Gun Sales Questioned"


def test_closeness_never_lifts_a_body_match_over_a_headline_match(tmp_path: Path) -> None:
    root = tmp_path / "library"
    write_article(root, "title.txt", "Film Festival Shows Work By Van Gogh Admirers",
                  "Body.", date="2012-01-01")  # fmt: skip
    write_article(root, "body.txt", "Weekend Listings",
                  "The Van Gogh film opens Friday.", date="2012-06-01")  # fmt: skip
    library = Library(root)
    library.scan()
    assert _titles(library, "van gogh film")[0] == "Film Festival Shows Work By Van Gogh Admirers"
