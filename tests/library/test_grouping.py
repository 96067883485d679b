"""The linking rules on hand-made vectors: what a rescan does when a new report bridges stories."""

from __future__ import annotations

import struct

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
