"""Position sets: sorted, each position once, whatever order and copies the lookups give."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from newsreader.library.position_sets import from_lookup, of, sorted_once


@given(st.lists(st.integers(0, 2_000), max_size=300))
def test_sorted_once_is_each_position_once_in_order(positions: list[int]) -> None:
    found = sorted_once(np.array(positions, dtype=np.int32))
    assert found.tolist() == sorted(set(positions))
    assert found.dtype == np.int32


def test_rowids_of_copies_give_their_article_once() -> None:
    """Two rowids of one article (copies) map to one position; rowids the catalog does not
    know (-1, or past the lookup's end: added since it was read) are left out."""
    lookup = np.array([5, 3, 3, -1, 0, 7], dtype=np.int32)
    rowids = np.array([0, 1, 2, 3, 4, 9], dtype=np.int64)
    assert from_lookup(lookup, rowids, size=100).tolist() == [0, 3, 5]
    assert of([4, 1, 4, 2]).tolist() == [1, 2, 4]
