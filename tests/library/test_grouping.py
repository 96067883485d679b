"""The linking rules on hand-made vectors: what a rescan does when a new report bridges stories."""

from __future__ import annotations

import struct

import pytest

from newsreader.library.grouping import Item, group

DAY = 734400


def _item(rowid: int, terms: str, day: int | None, story: int | None = None) -> Item:
    words = terms.split()
    return Item(rowid, day, terms, struct.pack(f"<{len(words)}e", *[1.0] * len(words)), story)


FREQ = dict.fromkeys(["ercis", "tabanli", "kandilli", "erdogan", "crescent", "azra"], 2)


def test_a_new_report_that_bridges_two_stories_merges_them() -> None:
    items = [
        _item(10, "ercis tabanli kandilli", DAY, story=10),
        _item(20, "erdogan crescent azra", DAY + 2, story=20),
        _item(30, "ercis tabanli kandilli erdogan crescent azra", DAY + 1),
    ]
    grouped = group(items, FREQ, total=1000, spans={10: (DAY, DAY), 20: (DAY + 2, DAY + 2)})
    assert grouped.assigned == {30: 10}  # the older story keeps its id
    assert grouped.merged == {20: 10}


def test_no_merge_that_would_span_too_long() -> None:
    """Story 20's first report is a month before: joining would make a story of 30 days."""
    items = [
        _item(10, "ercis tabanli kandilli", DAY, story=10),
        _item(20, "erdogan crescent azra", DAY + 2, story=20),
        _item(30, "ercis tabanli kandilli erdogan crescent azra", DAY + 1),
    ]
    grouped = group(items, FREQ, total=1000, spans={10: (DAY, DAY), 20: (DAY - 28, DAY + 2)})
    assert grouped.merged == {}
    assert grouped.assigned[30] in (10, 20)


def test_new_articles_alone_start_stories_named_by_their_first_rowid() -> None:
    items = [
        _item(41, "ercis tabanli kandilli", DAY),
        _item(40, "ercis tabanli kandilli", DAY + 1),
        _item(42, "erdogan crescent azra", None),
    ]
    grouped = group(items, FREQ, total=1000)
    assert grouped.assigned == {40: 40, 41: 40, 42: 42}


def test_an_undated_report_joins_one_story_and_never_bridges_two() -> None:
    """Two strikes in one week, each a little like an undated explainer: it takes the one it
    resembles most; the two stay apart."""
    items = [
        _item(10, "ercis tabanli kandilli", DAY, story=10),
        _item(20, "erdogan crescent azra", DAY + 2, story=20),
        _item(30, "ercis tabanli kandilli erdogan crescent", None),
    ]
    grouped = group(items, FREQ, total=1000, spans={10: (DAY, DAY), 20: (DAY + 2, DAY + 2)})
    assert grouped.merged == {}
    assert grouped.assigned == {30: 10}


def test_two_undated_reports_need_two_distinctive_terms_in_common_like_any_pair() -> None:
    """Undated reports are compared through their rare terms; each term two of them share
    counts once. Counted from both sides, one shared name made a candidate of a pair of undated
    explainers alike only in their common words (1.2 million such pairs in the 1M corpus)."""
    common = "summit leaders talks agreement minister"
    freq = {**FREQ, **dict.fromkeys(common.split(), 50_000)}
    one = [_item(1, f"ercis {common}", None), _item(2, f"ercis {common}", None)]
    two = [_item(3, f"ercis tabanli {common}", None), _item(4, f"ercis tabanli {common}", None)]
    assert group(one, freq, total=1_000_000).assigned == {1: 1, 2: 2}
    assert group(two, freq, total=1_000_000).assigned == {3: 3, 4: 3}


def test_undated_reports_counted_a_chunk_at_a_time_give_the_same_pairs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pairs undated reports propose are counted a few million at a time, an article's all
    in one chunk: any cut gives the pairs of one count over them all."""
    import random

    import numpy as np

    from newsreader.library import similarity

    rng = random.Random(7)
    names = [f"name{i}" for i in range(40)]
    items = [
        _item(i, " ".join(rng.sample(names, 6)), None if rng.random() < 0.4 else DAY + i % 9)
        for i in range(300)
    ]
    freq = dict.fromkeys(names, 40)
    matrix = similarity.vectors([i.terms for i in items], [i.weights for i in items], freq, 1000)
    days = np.array([similarity.UNDATED if i.day is None else i.day for i in items], np.int64)
    new = np.ones(len(items), bool)
    whole = similarity._candidates(matrix, days, new, 4)
    monkeypatch.setattr(similarity, "_PAIRS_AT_ONCE", 50)
    chunks: list[int] = []
    cut = similarity._undated_chunks
    monkeypatch.setattr(
        similarity, "_undated_chunks", lambda *a: chunks.append(len(cut(*a))) or cut(*a)
    )
    chunked = similarity._candidates(matrix, days, new, 4)
    assert chunks[0] > 10 and len(whole) > 100
    assert np.array_equal(whole, chunked)


EIGHT = "ercis tabanli kandilli erdogan crescent azra van quake"


def test_reports_with_the_same_heaviest_terms_are_copies_whatever_their_dates() -> None:
    """Copies of one report saved months apart: the same eight heaviest terms, in any order,
    link them; seven in common do not, and neither do two reports of existing stories."""
    copy = " ".join(reversed(EIGHT.split()))
    seven = " ".join(EIGHT.split()[:7])
    items = [
        _item(1, EIGHT, DAY),
        _item(2, seven + " strike", DAY + 200),
        _item(3, copy, DAY + 100),
        _item(4, EIGHT, DAY + 300, story=4),
        _item(5, EIGHT, DAY + 400, story=5),
    ]
    grouped = group(items, FREQ, total=1000)
    assert grouped.assigned == {1: 4, 2: 2, 3: 4}  # the older story keeps its id
    assert grouped.merged == {5: 4}

    old = [_item(4, EIGHT, DAY + 300, story=4), _item(5, EIGHT, DAY + 400, story=5)]
    assert group([*old, _item(6, "strike", DAY)], FREQ, total=1000).merged == {}


def test_reports_with_no_terms_anywhere_among_the_others_change_nothing() -> None:
    """A report with no terms (an empty page) between and after the others: theirs are still
    compared, each with its own terms."""
    items = [
        _item(1, "", DAY),
        _item(2, "ercis tabanli kandilli", DAY),
        _item(3, "", DAY),
        _item(4, "ercis tabanli kandilli", DAY + 1),
        _item(5, "erdogan crescent azra", DAY + 1),
        _item(6, "", None),
    ]
    grouped = group(items, FREQ, total=1000)
    assert grouped.assigned == {1: 1, 2: 2, 3: 3, 4: 2, 5: 5, 6: 6}
