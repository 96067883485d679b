"""Finding articles in the catalog's columns without a Python object per article.

A dict from each id to its position held a million ids at 100 MB and took a third of a second
to build at start. Instead one id is found by a search through the packed ids (milliseconds),
and many (every read article, for a mask) by reading the ids as numbers: an id is 12 hex
digits, 48 bits, so the whole column is one ``int64`` array, and membership one sorted pass.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import numpy.typing as npt

from .column_types import CodedColumn, TextColumn
from .id_sets import IdSet

_CHUNK = 1 << 16
"""Ids turned into numbers at a time."""

_NOT_HEX = 255
_HEX = np.full(256, _NOT_HEX, dtype=np.uint8)
_HEX[np.frombuffer(b"0123456789abcdef", dtype=np.uint8)] = np.arange(16)


def position_of_id(ids: Sequence[str], article_id: str) -> int | None:
    if isinstance(ids, TextColumn):
        found = ids.find(article_id)
        return found if found >= 0 else None
    try:
        return ids.index(article_id)
    except ValueError:
        return None


def mask_of_ids(
    ids: Sequence[str], wanted: Collection[str], numbers: npt.NDArray[np.int64] | None
) -> npt.NDArray[np.bool_]:
    """True at the positions of the articles with the ``wanted`` ids (``numbers``: the ids
    as :func:`id_numbers` gives them)."""
    mask = np.zeros(len(ids), dtype=bool)
    if not wanted:
        return mask
    if numbers is None:
        for article_id in wanted:
            position = position_of_id(ids, article_id)
            if position is not None:
                mask[position] = True
        return mask
    if isinstance(wanted, IdSet):  # sorted numbers already: a binary search for each article
        return wanted.holds(numbers)
    keys = np.fromiter(
        (int(article_id, 16) for article_id in wanted if _is_hex_id(article_id)), dtype=np.int64
    )
    return np.isin(numbers, keys)


def count_changes(
    before: Sequence[str],
    after: Sequence[str],
    numbers: tuple[npt.NDArray[np.int64] | None, npt.NDArray[np.int64] | None],
) -> tuple[int, int]:
    """How many ids of ``after`` are not in ``before`` (new), and of ``before`` not in
    ``after`` (removed), given both as :func:`id_numbers` (``numbers``): one sort and one
    binary search each, not two sets of a million strings."""
    old, now = numbers
    if old is None or now is None:
        old_set, now_set = set(before), set(after)
        return len(now_set - old_set), len(old_set - now_set)
    if not len(old):
        return len(now), 0
    old = np.sort(old)  # ids are unique: how many of ``now`` are found in ``old`` says both
    at = np.searchsorted(old, now).clip(max=len(old) - 1)
    kept = int((old[at] == now).sum())
    return len(now) - kept, len(old) - kept


def _is_hex_id(article_id: str) -> bool:
    return len(article_id) == 12 and all(c in "0123456789abcdef" for c in article_id)


def id_numbers(ids: Sequence[str]) -> npt.NDArray[np.int64] | None:
    """The ids as 48-bit numbers, when every one is 12 lowercase hex digits (as the cache
    makes them); None otherwise."""
    if not isinstance(ids, TextColumn) or not len(ids):
        return None
    packed = ids.packed(12)
    if packed is None:
        return None
    numbers = np.empty(len(ids), dtype=np.int64)
    for start in range(0, len(ids), _CHUNK):  # a chunk at a time: 3 MB of scratch, not 45
        stop = min(start + _CHUNK, len(ids))
        digits = _HEX[np.frombuffer(packed, dtype=np.uint8, count=12 * (stop - start),
                                    offset=12 * start)]  # fmt: skip
        if (digits == _NOT_HEX).any():
            return None
        wide = np.zeros((stop - start, 8), dtype=np.uint8)
        wide[:, 2:] = (digits[0::2] << 4 | digits[1::2]).reshape(-1, 6)  # big-endian, in eight
        numbers[start:stop] = wide.view(">u8").ravel()
    return numbers


def codes_of(column: Sequence[str | None]) -> tuple[npt.NDArray[np.int32], dict[str, int]]:
    """A code per article for a column of names (-1 where it has none), and each name's code."""
    known: dict[str, int] = {}
    if isinstance(column, CodedColumn):
        table = np.array(
            [known.setdefault(value, len(known)) if value else -1 for value in column.values],
            dtype=np.int32,
        )
        codes = (
            np.frombuffer(column.codes, dtype=np.int32) if len(column) else np.empty(0, np.int32)
        )
        return table[codes] if len(table) else codes, known
    found = [known.setdefault(value, len(known)) if value else -1 for value in column]
    return np.array(found, dtype=np.int32), known
