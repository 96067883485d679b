"""A set of article ids held as numbers: a million read marks in 8 MB instead of 150.

The cache makes every id 12 lowercase hex digits (48 bits, see :mod:`identity`), so a set of them
is a sorted array of 64-bit numbers, and asking for one is a binary search. As Python strings in
a ``set``, a million read marks took about 100 MB, and the app held several such sets at once
(its marks, a snapshot of them for searches in other threads, the ids an undo would restore, the
marks read again after a save): 430 MB over its working size after marking a million articles
read. An id of any other shape (a state file is the user's and may hold anything) is kept as a
string beside the numbers.

The arrays are never changed in place, only replaced: a :meth:`IdSet.frozen` snapshot shares them
for nothing, and a search in another thread never sees a set change under it.

Loading and asking need no NumPy (a start does not import it); merging a big set in does.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

_HEX_ID = re.compile(r"[0-9a-f]{12}").fullmatch

_FEW = 64
"""Up to this many ids are merged in one by one; more, and NumPy merges the arrays."""
_CHUNK = 65_536
"""Numbers looked up at a time: scratch memory stays small whatever the set's size."""


def _number(article_id: str) -> int | None:
    return int(article_id, 16) if _HEX_ID(article_id) else None


class IdSet(Collection[str]):
    """Article ids: the numbers of the cache's kind of id, sorted, and any others as strings."""

    __slots__ = ("_numbers", "_others")

    def __init__(self, ids: Iterable[str] = ()) -> None:
        numbers, others = array("q"), set()
        for article_id in ids:
            number = _number(article_id)
            if number is None:
                others.add(article_id)
            else:
                numbers.append(number)
        if any(a >= b for a, b in pairwise(numbers)):
            numbers = array("q", sorted(set(numbers)))
        self._numbers = numbers
        self._others = frozenset(others)

    @classmethod
    def of_hex(cls, chunks: Iterable[str], others: Iterable[str] = ()) -> IdSet:
        """Cache-made ids in ascending order, written one after the other in each of ``chunks``
        (so many read from a state file at a time), with ``others`` beside them: a million ids
        in a tenth of a second, without NumPy."""
        found = cls(others)
        for digits in chunks:
            packed = bytes.fromhex(digits)  # six bytes an id, most significant first
            wide = bytearray(len(packed) // 6 * 8)
            for byte in range(6):  # into eight, least significant first (as array("q") has)
                wide[byte::8] = packed[5 - byte :: 6]
            found._numbers.extend(_from_bytes(wide))
        return found

    @classmethod
    def of_numbers(cls, numbers: npt.NDArray[np.int64], *, owned: bool = False) -> IdSet:
        """The ids whose numbers these are (any order, repeats allowed); ``owned``: the caller
        made ``numbers`` for this, so they are sorted in place (a million: 8 MB less at once).
        """
        import numpy as np

        if owned:
            numbers.sort()
        ordered = numbers if owned else np.sort(numbers)
        distinct = np.ones(len(ordered), dtype=bool)
        np.not_equal(ordered[1:], ordered[:-1], out=distinct[1:])
        found = cls()
        found._numbers = _packed(ordered[distinct] if not distinct.all() else ordered)
        return found

    @property
    def numbers(self) -> npt.NDArray[np.int64]:
        """The numbers of the cache-made ids, ascending (a view: read only)."""
        import numpy as np

        return np.frombuffer(self._numbers, dtype=np.int64)

    def holds(self, numbers: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """For each of ``numbers`` (ids as numbers), whether its id is in this set."""
        return _members(self.numbers, numbers)

    @property
    def others(self) -> frozenset[str]:
        """The ids not of the cache's kind."""
        return self._others

    def __contains__(self, article_id: object) -> bool:
        if not isinstance(article_id, str):
            return False
        number = _number(article_id)
        if number is None:
            return article_id in self._others
        numbers = self._numbers
        at = bisect_left(numbers, number)
        return at < len(numbers) and numbers[at] == number

    def __len__(self) -> int:
        return len(self._numbers) + len(self._others)

    def __iter__(self) -> Iterator[str]:
        for number in self._numbers:
            yield f"{number:012x}"
        yield from self._others

    def __eq__(self, other: object) -> bool:
        if isinstance(other, IdSet):
            return self._numbers == other._numbers and self._others == other._others
        if isinstance(other, Collection):
            return len(self) == len(other) and all(article_id in self for article_id in other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # it changes (update, clear)

    def __repr__(self) -> str:
        return f"IdSet({len(self)} ids)"

    def frozen(self) -> IdSet:
        """A snapshot that later changes to this set leave alone (it shares the arrays)."""
        snapshot = IdSet()
        snapshot._numbers, snapshot._others = self._numbers, self._others
        return snapshot

    def clear(self) -> None:
        self._numbers, self._others = array("q"), frozenset()

    def update(self, ids: Iterable[str]) -> None:
        """Add ``ids`` (an :class:`IdSet`, or any ids)."""
        self._merge(ids, adding=True)

    def difference_update(self, ids: Iterable[str]) -> None:
        """Take ``ids`` out."""
        self._merge(ids, adding=False)

    def _merge(self, ids: Iterable[str], *, adding: bool) -> None:
        other = ids if isinstance(ids, IdSet) else IdSet(ids)
        others = self._others | other._others if adding else self._others - other._others
        if len(other._numbers) <= _FEW:
            numbers = array("q", self._numbers)  # a copy: snapshots keep the old one
            for number in other._numbers:
                at = bisect_left(numbers, number)
                present = at < len(numbers) and numbers[at] == number
                if adding and not present:
                    numbers.insert(at, number)
                elif not adding and present:
                    del numbers[at]
        elif adding and not self._numbers:  # arrays are never changed in place: share it
            numbers = other._numbers
        else:
            merge = _union if adding else _difference
            numbers = _packed(merge(self.numbers, other.numbers))
        self._numbers, self._others = numbers, frozenset(others)


def _union(ours: npt.NDArray[np.int64], theirs: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Two ascending arrays of distinct numbers as one: a binary search of the new ones and one
    insert (``np.union1d`` sorts them all again: 0.66 s for a million)."""
    import numpy as np

    new = theirs[~_members(ours, theirs)]
    return np.insert(ours, np.searchsorted(ours, new), new)


def _difference(
    ours: npt.NDArray[np.int64], theirs: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    kept: npt.NDArray[np.int64] = ours[~_members(theirs, ours)]
    return kept


def _members(keys: npt.NDArray[np.int64], values: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """For each of ``values``, whether it is among ``keys`` (ascending): a binary search each."""
    import numpy as np

    found: npt.NDArray[np.bool_] = np.zeros(len(values), dtype=bool)
    if not len(keys):
        return found
    for start in range(0, len(values), _CHUNK):  # a chunk at a time: two scratch arrays of a
        part = values[start : start + _CHUNK]  # million positions were 16 MB at once
        at = np.searchsorted(keys, part)
        np.minimum(at, len(keys) - 1, out=at)
        np.equal(keys[at], part, out=found[start : start + _CHUNK])
    return found


def _packed(values: npt.NDArray[np.int64]) -> array[int]:
    import numpy as np

    return _from_bytes(np.ascontiguousarray(values, dtype="<i8").data.cast("B"))


def _from_bytes(data: bytes | bytearray | memoryview) -> array[int]:
    """Little-endian 64-bit numbers as an ``array("q")`` (this machine's order)."""
    numbers = array("q")
    numbers.frombytes(data)
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


__all__ = ["IdSet"]
