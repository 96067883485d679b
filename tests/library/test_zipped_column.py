"""Compressed text columns behave as the tuples they replace, and joins reuse their blocks;
a snapshot stores them, and compresses its other parts where that pays."""

from __future__ import annotations

import pickle
import random
from array import array

import pytest

from newsreader.library.catalog_columns import Columns
from newsreader.library.column_types import CodedColumn, spliced
from newsreader.library.snapshot_columns import from_parts, to_parts
from newsreader.library.zipped_column import BLOCK, ZippedColumn

TEXTS = ["Zürich talks", None, "", "Лавров в Нью-Йорке", "emoji 🗞 news", "a\udcffb", "plain"]


def _values(count: int, seed: int = 5) -> list[str | None]:
    rng = random.Random(seed)
    letters = "ab/é🗞-"
    return [
        None if rng.random() < 0.05 else "".join(rng.choices(letters, k=rng.randrange(12)))
        for _ in range(count)
    ]


def test_every_value_comes_back_by_position_and_in_order() -> None:
    values = TEXTS * 50  # several blocks
    column = ZippedColumn.of(values)
    assert len(column) == len(values)
    assert list(column) == values
    assert [column[i] for i in range(len(values))] == values
    assert [column[i] for i in reversed(range(len(values)))] == values[::-1]
    assert column[-1] == "plain"
    with pytest.raises(IndexError):
        column[len(values)]
    assert pickle.loads(pickle.dumps(column)) == values


def test_it_takes_less_room_than_the_texts() -> None:
    urls = [f"https://www.example.com/2024/05/{n % 28 + 1:02d}/story-{n}" for n in range(5000)]
    zipped = ZippedColumn.of(urls).parts()[0]
    assert len(zipped) < sum(map(len, urls)) / 3


@pytest.mark.parametrize("count", [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 5 * BLOCK + 7])
def test_slices_of_slices_and_joins_keep_values(count: int) -> None:
    values = _values(count)
    column = ZippedColumn.of(values)
    rng = random.Random(count)
    for _ in range(40):
        start, stop = sorted(rng.randrange(count + 1) for _ in range(2))
        piece = column[start:stop]
        assert isinstance(piece, ZippedColumn)
        assert list(piece) == values[start:stop]
        inner = rng.randrange(len(piece) + 1)
        assert list(piece[inner:]) == values[start:stop][inner:]
        whole = spliced(column, [range(start), ["new", None], range(start, count)])
        assert isinstance(whole, ZippedColumn)
        assert list(whole) == [*values[:start], "new", None, *values[start:]]
    assert list(column[::2]) == values[::2]


def test_a_slice_copies_whole_blocks_without_unpacking_them() -> None:
    values = _values(10 * BLOCK)
    column = ZippedColumn.of(values)
    zipped = column.parts()[0]
    middle = column[BLOCK : 9 * BLOCK]
    assert middle.parts()[0] in zipped  # the blocks' bytes, as they were


def test_a_snapshot_stores_and_reads_it_back() -> None:
    values = _values(3 * BLOCK)
    columns = Columns(titles=ZippedColumn.of(values))
    description, parts = to_parts(columns)
    stored = dict(parts)
    read = from_parts(description, stored.get)
    assert read is not None
    assert isinstance(read.titles, ZippedColumn)
    assert list(read.titles) == values


def test_a_snapshot_stores_parts_that_shrink_compressed() -> None:
    count, rng = 100_000, random.Random(2)
    columns = Columns(
        rowids=array("q", range(count)),
        dates=CodedColumn(("2024-05-01", "2024-05-02"), array("i", sorted([0, 1] * (count // 2)))),
        words=array("i", (rng.randrange(2**31) for _ in range(count))),
    )
    description, parts = to_parts(columns)
    stored = dict(parts)
    assert len(stored["dates.codes"]) < count // 50  # runs of one date: almost nothing
    assert len(stored["words.numbers"]) == 4 * count  # random: kept as it is
    read = from_parts(description, stored.get)
    assert read is not None
    assert list(read.dates) == list(columns.dates)
    assert list(read.rowids) == list(columns.rowids)
    assert list(read.words) == list(columns.words)


def test_many_cuts_keep_the_blocks_whole() -> None:
    """A live update puts rows in at many places (a folder of files spread over every date):
    the column stays in blocks of about 64 values, not a block per cut."""
    count = 400 * BLOCK
    values = _values(count)
    column = ZippedColumn.of(values)
    rng = random.Random(4)
    cuts = sorted(rng.sample(range(1, count), 100))
    gone = set(rng.sample(range(count), 20))
    pieces: list[range | list[str | None]] = []
    expected: list[str | None] = []
    start = 0
    for n, cut in enumerate([*cuts, count]):
        for kept in _runs(range(start, cut), gone):
            pieces.append(kept)
            expected += values[kept.start : kept.stop]
        if cut < count:
            pieces.append([f"new {n}"])
            expected.append(f"new {n}")
        start = cut
    patched = column.spliced(pieces)
    assert list(patched) == expected
    blocks = len(patched.parts()[2])
    assert blocks <= len(expected) // BLOCK + 5, blocks  # not a block or two per cut
    zipped, zip_ends = patched.parts()[:2]
    starts = [0, *zip_ends[:-1]]
    packed = column.parts()[0]
    reused = sum(zipped[a:b] in packed for a, b in zip(starts, zip_ends, strict=True))
    assert reused >= 400 - 2 * 120  # a cut repacks its block, and may take in the next


def _runs(positions: range, gone: set[int]) -> list[range]:
    runs, start = [], positions.start
    for position in positions:
        if position in gone:
            if position > start:
                runs.append(range(start, position))
            start = position + 1
    if positions.stop > start:
        runs.append(range(start, positions.stop))
    return runs
