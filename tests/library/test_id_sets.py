"""IdSet: read marks held as numbers, answering as a set of id strings would."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from newsreader.library import IdSet, StateStore


def _ids(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [f"{rng.getrandbits(48):012x}" for _ in range(count)]


ODD = ["id000001", "ABCDEF012345", "x" * 40, ""]
"""Ids not of the cache's kind (a test's, upper case, a hand-edited state file's)."""


def test_it_answers_as_the_set_of_its_ids_would() -> None:
    ids = _ids(500) + ODD
    marks = IdSet(ids)
    assert len(marks) == len(set(ids))
    assert set(marks) == set(ids)
    assert marks == set(ids) and marks == IdSet(reversed(ids))
    assert all(article_id in marks for article_id in ids)
    assert not any(article_id in marks for article_id in _ids(200, seed=8))
    assert "abcdef012345" not in marks  # the upper-case one is another id
    assert 42 not in marks


@pytest.mark.parametrize("count", [3, 5000])  # one by one, and merged by NumPy
def test_updates_add_and_take_out_and_leave_snapshots_alone(count: int) -> None:
    before, more = _ids(3000), _ids(count, seed=9)
    marks = IdSet(before)
    snapshot = marks.frozen()
    marks.update([*more, "odd one"])
    assert marks == set(before) | set(more) | {"odd one"}
    assert snapshot == set(before)
    marks.difference_update(more[: count // 2 + 1] + before[:10] + ["odd one"])
    assert marks == (set(before) | set(more)) - set(more[: count // 2 + 1]) - set(before[:10])
    marks.update(IdSet(before))
    assert set(before) <= set(marks)
    marks.clear()
    assert len(marks) == 0 and snapshot == set(before)


def test_of_numbers_and_of_hex_agree_with_the_strings() -> None:
    ids = sorted(set(_ids(2000)))
    numbers = np.array([int(article_id, 16) for article_id in reversed(ids)], dtype=np.int64)
    assert IdSet.of_numbers(numbers) == set(ids)
    assert IdSet.of_hex(["".join(ids[:700]), "".join(ids[700:])], ODD) == set(ids) | set(ODD)
    assert len(IdSet.of_hex([])) == 0


def test_the_state_files_read_marks_come_back_as_an_id_set(tmp_path: Path) -> None:
    ids = _ids(70_000) + ODD  # more than one chunk of them is read at a time
    store = StateStore(tmp_path / "state.sqlite3")
    try:
        store.set_read_many(ids, True)
        marks = store.read_marks()
        assert isinstance(marks, IdSet)
        assert marks == store.read_ids() == set(ids)
        store.set_read_many(ids[:10], False)
        assert store.read_marks() == set(ids[10:])
    finally:
        store.close()
