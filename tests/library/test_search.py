"""Search: typo tolerance, ranking, folding and filters, on real files in a real cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.library import Library, parse_query
from support import SAMPLE_FEED, SEEDS, write_article


@pytest.fixture
def library(tmp_path: Path) -> Library:
    root = tmp_path / "library"
    root.mkdir()
    for name in SEEDS:
        (root / name).write_bytes((SAMPLE_FEED / name).read_bytes())
    write_article(
        root,
        "clinton-only.txt",
        "Clinton Visits Brussels For Trade Talks",
        "Hillary Clinton met European trade officials on Monday.",
        date="2011-03-01",
    )
    write_article(
        root,
        "lisbon-title.txt",
        "Lisbon Prepares For A Busy Autumn",
        "The Portuguese capital expects many visitors.",
        date="2009-01-01",
    )
    write_article(
        root,
        "lisbon-body.txt",
        "Portugal Hosts Visitors",
        "Delegates will meet in Lisbon next week.",
        date="2012-05-05",
    )
    write_article(
        root,
        "zurich.txt",
        "Banks In Zürich Report Profits",
        "The banks of Zürich said they don’t expect losses.",
        date="2013-07-07",
        url="https://www.example.ch/2013/07/07/banks",
    )
    write_article(
        root,
        "undated.txt",
        "An Undated Note On Weather Patterns",
        "Rain is expected across the region.",
    )
    library = Library(root)
    library.scan()
    return library


def titles(library: Library, query: str, **state: set[str]) -> list[str]:
    results = library.search(query, **state)
    return [library.entry(position).title for position in results.positions]


def test_empty_query_lists_everything_newest_first_undated_last(library: Library) -> None:
    found = titles(library, "")
    assert len(found) == 7
    assert found[0] == "Banks In Zürich Report Profits"
    assert found[-2:] == [
        "An Undated Note On Weather Patterns",
        "NATO Encouraged By Talk Of Cooperation With Russia, Russia Less So",
    ] or found[-2:] == [
        "NATO Encouraged By Talk Of Cooperation With Russia, Russia Less So",
        "An Undated Note On Weather Patterns",
    ]
    dated = [library.entry(p).date for p in library.search("").positions if library.entry(p).date]
    assert dated == sorted(dated, reverse=True)


def test_a_typo_finds_the_name(library: Library) -> None:
    found = titles(library, "rasmusen")
    assert set(found) == {
        "NATO Seeks Strategic Partnership With Russia",
        "NATO Encouraged By Talk Of Cooperation With Russia, Russia Less So",
    }


def test_two_typos_in_two_words(library: Library) -> None:
    found = titles(library, "missle defence")
    assert "NATO Encouraged By Talk Of Cooperation With Russia, Russia Less So" in found
    assert "NATO Seeks Strategic Partnership With Russia" in found


def test_every_word_must_match(library: Library) -> None:
    results = library.search("clintn lavrov")
    assert not results.partial
    assert {library.entry(p).title for p in results.positions} == {
        "NATO Seeks Strategic Partnership With Russia",
        "NATO Encouraged By Talk Of Cooperation With Russia, Russia Less So",
    }


def test_when_no_article_has_every_word_the_closest_are_given_as_partial(
    library: Library,
) -> None:
    results = library.search("clinton brussels lavrov")
    assert results.partial
    found = [library.entry(p).title for p in results.positions]
    assert found[0] == "Clinton Visits Brussels For Trade Talks"  # two of three words
    assert set(found[1:]) == {
        "NATO Seeks Strategic Partnership With Russia",
        "NATO Encouraged By Talk Of Cooperation With Russia, Russia Less So",
    }
    assert not library.search("clinton brussels").partial


def test_title_match_ranks_above_a_newer_body_only_match(library: Library) -> None:
    found = titles(library, "lisbon")
    assert found.index("Lisbon Prepares For A Busy Autumn") < found.index("Portugal Hosts Visitors")


def test_ties_are_newest_first(library: Library) -> None:
    found = titles(library, "nato")
    assert found[:2] == [
        "NATO Seeks Strategic Partnership With Russia",
        "NATO Encouraged By Talk Of Cooperation With Russia, Russia Less So",
    ]


@pytest.mark.parametrize("query", ["zurich", "ZÜRICH", "don't", "don’t", "dont expect"])
def test_case_accents_and_quotes_do_not_matter(library: Library, query: str) -> None:
    assert titles(library, query)[0] == "Banks In Zürich Report Profits"


def test_last_word_matches_as_a_prefix_while_typing(library: Library) -> None:
    assert "Banks In Zürich Report Profits" in titles(library, "zur")
    assert "Clinton Visits Brussels For Trade Talks" in titles(library, "bruss")


def test_highlights_point_into_the_original_text(library: Library) -> None:
    results = library.search("zurich profit")
    title = "Banks In Zürich Report Profits"
    assert [title[a:b] for a, b in results.highlights(title)] == ["Zürich", "Profits"]


def test_scores_fall_as_matches_get_worse(library: Library) -> None:
    results = library.search("clinton brussels lavrov")  # partial: two words, then one
    scores = [results.score(p) for p in results.positions]
    assert scores == sorted(scores, reverse=True)
    assert 0 < scores[-1] < scores[0] <= 1


def test_filters_combine_with_words(library: Library) -> None:
    by_title = {entry.title: entry.id for entry in library.catalog.entries}
    bookmarked = {
        by_title["Clinton Visits Brussels For Trade Talks"],
        by_title["NATO Seeks Strategic Partnership With Russia"],
    }
    read = {by_title["NATO Seeks Strategic Partnership With Russia"]}
    assert titles(library, "is:bookmarked", bookmarked=bookmarked) == [
        "Clinton Visits Brussels For Trade Talks",
        "NATO Seeks Strategic Partnership With Russia",
    ]
    assert titles(library, "clinton is:bookmarked is:unread", bookmarked=bookmarked, read=read) == [
        "Clinton Visits Brussels For Trade Talks"
    ]
    assert titles(library, "source:moscow") == ["NATO Seeks Strategic Partnership With Russia"]
    assert titles(library, "source:mocsow") == ["NATO Seeks Strategic Partnership With Russia"]
    assert titles(library, "source:example.ch") == ["Banks In Zürich Report Profits"]
    assert titles(library, "after:2011-01-01 before:2012-12-31") == [
        "Portugal Hosts Visitors",
        "Clinton Visits Brussels For Trade Talks",
    ]
    assert titles(library, "nato after:2010-01-01") == [
        "NATO Seeks Strategic Partnership With Russia"
    ]


def test_a_query_with_no_match_is_empty(library: Library) -> None:
    assert titles(library, "xylophonist") == []


def test_bad_filters_are_reported_not_searched() -> None:
    query = parse_query('after:yesterday is:starred source:"the moscow times" nato')
    assert query.words == ("nato",)
    assert query.sources == ("the moscow times",)
    assert len(query.errors) == 2


def test_a_one_letter_word_is_ignored(library: Library) -> None:
    assert titles(library, "z") == titles(library, "")
    assert titles(library, "zurich b") == titles(library, "zurich")


def test_two_letters_being_typed_match_titles_and_sources_only(library: Library) -> None:
    # "po" completes to "portugal" and "portuguese": one title has it, the other article
    # only in its body ("The Portuguese capital"), and a body-only match is not shown yet.
    assert titles(library, "po") == ["Portugal Hosts Visitors"]
    assert "Lisbon Prepares For A Busy Autumn" in titles(library, "por")


@pytest.fixture
def compounds(tmp_path: Path) -> Library:
    root = tmp_path / "compounds"
    root.mkdir()
    for name, title, body in [
        ("hyphen.txt", "Wal-Mart to pay $14m in gun suit", "The e-mail was read in court."),
        ("joined.txt", "Walmart opens a store", "An email went out to staff."),
        ("spaced.txt", "Van Gogh film premieres", "A film about the painter Van Gogh."),
        ("apart.txt", "A film festival in Gogh", "Van drivers and a film."),
        ("other.txt", "Gun laws debated", "Nothing about shops."),
    ]:
        write_article(root, name, title, body)
    library = Library(root)
    library.scan()
    return library


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("walmart", {"Wal-Mart to pay $14m in gun suit", "Walmart opens a store"}),
        ("wal-mart", {"Wal-Mart to pay $14m in gun suit", "Walmart opens a store"}),
        ("wal mart", {"Wal-Mart to pay $14m in gun suit", "Walmart opens a store"}),
        ("email", {"Wal-Mart to pay $14m in gun suit", "Walmart opens a store"}),
        ("e-mail", {"Wal-Mart to pay $14m in gun suit", "Walmart opens a store"}),
        ("walmart gun", {"Wal-Mart to pay $14m in gun suit"}),
    ],
)
def test_hyphens_and_spaces_in_compounds_are_bridged(
    compounds: Library, query: str, expected: set[str]
) -> None:
    assert set(titles(compounds, query)) == expected


def test_a_bridged_compound_is_highlighted_whole(compounds: Library) -> None:
    title = "Wal-Mart to pay $14m in gun suit"
    results = compounds.search("walmart gun")
    assert [title[a:b] for a, b in results.highlights(title)] == ["Wal-Mart", "gun"]


def test_a_phrase_matches_its_words_next_to_each_other_in_order(compounds: Library) -> None:
    assert set(titles(compounds, "van gogh film")) == {
        "Van Gogh film premieres",
        "A film festival in Gogh",
    }
    assert titles(compounds, '"van gogh" film') == ["Van Gogh film premieres"]
    assert titles(compounds, '"gogh van"') == []
    assert titles(compounds, '"van gogh') == ["Van Gogh film premieres"]  # still being typed


def test_minus_leaves_out_a_word_or_a_phrase(compounds: Library) -> None:
    assert set(titles(compounds, "film -festival")) == {"Van Gogh film premieres"}
    assert set(titles(compounds, 'film -"van gogh"')) == {"A film festival in Gogh"}
    assert set(titles(compounds, "gun -walmart")) == {"Gun laws debated"}
    assert len(titles(compounds, "-film")) == 3


def test_the_query_language_parses_phrases_exclusions_and_quoted_filters() -> None:
    query = parse_query('van "Gogh Film" -sport -"world cup" source:"bbc news" wal-mart')
    assert query.words == ("van", "walmart")
    assert query.phrases == (("gogh", "film"),)
    assert query.excluded == (("sport",), ("world", "cup"))
    assert query.sources == ("bbc news",)
    assert parse_query("is:un").unfinished and parse_query("lavrov is").unfinished
    assert not parse_query("is:unread ").unfinished and not parse_query("lavrov").unfinished
