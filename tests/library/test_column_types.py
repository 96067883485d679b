"""Compact catalog columns behave as the tuples they replace: values, slices, joins, pickles."""

from __future__ import annotations

import pickle
import random
from array import array

import numpy as np
import pytest

from newsreader.library.column_lookup import (
    codes_of,
    count_changes,
    id_numbers,
    mask_of_ids,
    position_of_id,
)
from newsreader.library.column_types import CodedColumn, TextColumn, joined
from newsreader.library.id_sets import IdSet

TEXTS = ["Zürich talks", None, "", "Лавров в Нью-Йорке", "emoji 🗞 news", "a\udcffb", "plain"]


def test_a_text_column_gives_back_every_value() -> None:
    column = TextColumn.of(TEXTS)
    assert len(column) == len(TEXTS)
    assert list(column) == TEXTS
    assert [column[i] for i in range(len(TEXTS))] == TEXTS
    assert column[-1] == "plain"
    with pytest.raises(IndexError):
        column[len(TEXTS)]
    assert pickle.loads(pickle.dumps(column)) == column


@pytest.mark.parametrize("bounds", [(0, 7), (1, 4), (3, 3), (5, 7), (2, 100), (-3, None)])
def test_slices_and_joins_keep_values(bounds: tuple[int, int | None]) -> None:
    column = TextColumn.of(TEXTS)
    start, stop = bounds
    piece = column[start:stop]
    assert isinstance(piece, TextColumn)
    assert list(piece) == TEXTS[start:stop]
    whole = joined([column[:start], ["new", None], column[start:]], like=column)
    assert list(whole) == [*TEXTS[:start], "new", None, *TEXTS[start:]]


def test_find_is_a_whole_value_match() -> None:
    column = TextColumn.of(["abcabc", "abc", "bc", None, "abc"])
    assert column.find("abc") == 1
    assert column.find("bc") == 2
    assert column.find("c") == -1
    assert column.find("") == -1  # None is not ""


def test_coded_columns_share_their_values() -> None:
    rng = random.Random(3)
    values = [rng.choice(["2010-09-01", None, "2010-11-20"]) for _ in range(500)]
    column = CodedColumn.of(values)
    assert list(column) == values
    assert len(column.values) == 3
    assert column.index(None) == values.index(None)
    patched = joined([column[:100], ["2030-01-01"], column[100:]], like=column)
    assert list(patched) == [*values[:100], "2030-01-01", *values[100:]]
    assert pickle.loads(pickle.dumps(column)) == column
    codes, known = codes_of(column)
    assert [list(known)[c] if c >= 0 else None for c in codes.tolist()] == values


def test_ids_are_found_one_at_a_time_and_many_at_once() -> None:
    ids = [f"{random.Random(n).getrandbits(48):012x}" for n in range(2000)]
    column = TextColumn.of(ids)
    assert position_of_id(column, ids[1234]) == 1234
    assert position_of_id(column, "000000000000") is None
    wanted = {ids[5], ids[1999], "not-an-id", "ffffffffffff"}
    expected = np.zeros(len(ids), dtype=bool)
    expected[[5, 1999]] = True
    numbers = id_numbers(column)
    assert numbers is not None and numbers[7] == int(ids[7], 16)
    assert (mask_of_ids(column, wanted, numbers) == expected).all()
    odd = TextColumn.of([*ids[:10], "custom-id"])  # not all hex: looked up one by one
    assert id_numbers(odd) is None
    assert mask_of_ids(odd, {"custom-id", ids[3]}, None).nonzero()[0].tolist() == [3, 10]


def test_ids_become_numbers_chunk_by_chunk_and_an_id_set_finds_them() -> None:
    chance = random.Random(3)
    ids = [f"{chance.getrandbits(48):012x}" for _ in range(150_000)]  # three chunks
    numbers = id_numbers(TextColumn.of(ids))
    assert numbers is not None and numbers.tolist() == [int(i, 16) for i in ids]
    assert id_numbers(TextColumn.of([*ids[:100_000], "X" * 12, *ids[:10]])) is None
    marks = IdSet(ids[::3])
    expected = np.zeros(len(ids), dtype=bool)
    expected[::3] = True
    assert (mask_of_ids(TextColumn.of(ids), marks, numbers) == expected).all()


def test_numbers_join_as_arrays() -> None:
    numbers = array("q", range(10))
    patched = joined([numbers[:4], (99,), numbers[4:]], like=numbers)
    assert isinstance(patched, array) and list(patched) == [0, 1, 2, 3, 99, *range(4, 10)]


def test_changes_are_counted_by_id() -> None:
    ids = [f"{n * 7919:012x}" for n in range(1000)]
    before, after = TextColumn.of(ids[:900]), TextColumn.of(ids[50:])
    numbers = (id_numbers(before), id_numbers(after))
    assert count_changes(before, after, numbers) == (100, 50)
    assert count_changes(before, after, (None, None)) == (100, 50)  # ids not all hex
    assert count_changes(TextColumn.of([]), after, (id_numbers(TextColumn.of([])), numbers[1])) == (
        950,
        0,
    )
