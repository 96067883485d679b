"""Compact columns for the catalog: a million articles without a million Python objects each.

A tuple of a million strings costs about 60 bytes of object header and pointer per string on
top of its text, and as long again to unpickle at start. These columns keep a field's values
packed (texts as one UTF-8 blob and their end offsets, numbers in an ``array``, the few distinct
values of a date or source column once each, with a small code per article) and make a value
when it is asked for: the list shows one screenful. They are sequences, so a caller that reads
``titles[position]`` does not know the difference, and they pickle as their packed bytes.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING, Generic, TypeVar, overload

if TYPE_CHECKING:  # imported where used: a start never loads NumPy
    import numpy as np
    import numpy.typing as npt

T = TypeVar("T")


def offsets_of(values: Iterable[int]) -> array[int]:
    """A compact ``array`` of non-decreasing offsets: 32 bits while they fit."""
    found = array("q", values)
    if not found or found[-1] < 2**31:
        return array("i", found)
    return found


class TextColumn(Sequence[str | None]):
    """Texts (or None) packed as one UTF-8 blob and the offset where each ends."""

    __slots__ = ("_blob", "_ends", "_missing")

    def __init__(self, blob: bytes, ends: array[int], missing: bytes = b"") -> None:
        self._blob = blob
        self._ends = ends
        self._missing = missing
        """One byte per value, 1 where it is None; empty when none is."""

    @classmethod
    def of(cls, values: Iterable[str | None]) -> TextColumn:
        texts = list(values)
        encoded = [(value or "").encode("utf-8", "surrogatepass") for value in texts]
        missing = bytes(value is None for value in texts) if None in texts else b""
        return cls(b"".join(encoded), offsets_of(accumulate(map(len, encoded))), missing)

    def __reduce__(self) -> tuple[type[TextColumn], tuple[bytes, array[int], bytes]]:
        return (TextColumn, self.parts())

    def parts(self) -> tuple[bytes, array[int], bytes]:
        """What the column is made of: the blob, the end offsets, the None marks."""
        return (self._blob, self._ends, self._missing)

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> str | None: ...
    @overload
    def __getitem__(self, index: slice) -> TextColumn: ...
    def __getitem__(self, index: int | slice) -> str | TextColumn | None:
        if isinstance(index, slice):
            return self._slice(index)
        ends = self._ends
        if index < 0:
            index += len(ends)
        if self._missing and self._missing[index]:
            return None
        start = ends[index - 1] if index else 0  # IndexError past the end, as a tuple's
        return self._blob[start : ends[index]].decode("utf-8", "surrogatepass")

    def _slice(self, index: slice) -> TextColumn:
        start, stop, step = index.indices(len(self))
        if step != 1:
            return TextColumn.of(self[i] for i in range(start, stop, step))
        stop = max(start, stop)
        first = self._ends[start - 1] if start else 0
        last = self._ends[stop - 1] if stop > start else first
        missing = self._missing[start:stop] if self._missing else b""
        return TextColumn(
            self._blob[first:last],
            shifted(self._ends[start:stop], -first),
            missing if any(missing) else b"",
        )

    @classmethod
    def concat(cls, parts: Sequence[TextColumn]) -> TextColumn:
        """The parts one after the other (bytes copied, nothing decoded)."""
        return cls(
            b"".join(part._blob for part in parts),
            chained_offsets([(part._ends, len(part._blob)) for part in parts]),
            joined_marks([(part._missing, len(part)) for part in parts]),
        )

    def __iter__(self) -> Iterator[str | None]:
        blob, missing, start = self._blob, self._missing, 0
        for index, end in enumerate(self._ends):
            yield (
                None
                if missing and missing[index]
                else blob[start:end].decode("utf-8", "surrogatepass")
            )
            start = end

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TextColumn):
            return (self._blob, self._missing, self._ends) == (
                other._blob,
                other._missing,
                other._ends,
            )
        return isinstance(other, Sequence) and list(self) == list(other)

    def __hash__(self) -> int:
        return hash((self._blob, bytes(self._ends)))

    def find(self, text: str) -> int:
        """The position of the first value equal to ``text``, or -1: one search through the
        blob in C (milliseconds at a million), not a value made per article."""
        wanted = text.encode("utf-8", "surrogatepass")
        if not wanted:
            return next((i for i, value in enumerate(self) if value == ""), -1)
        ends, blob, at = self._ends, self._blob, 0
        while (at := blob.find(wanted, at)) >= 0:
            index = _bisect_right(ends, at)
            start = ends[index - 1] if index else 0
            if (
                start == at
                and ends[index] == at + len(wanted)
                and not (self._missing and self._missing[index])
            ):
                return index
            at += 1
        return -1

    def packed(self, width: int) -> bytes | None:
        """The blob, when every value is ``width`` bytes long (and none is None)."""
        import numpy as np

        if self._missing or len(self._blob) != width * len(self):
            return None
        ends = np.frombuffer(self._ends, dtype=np.int32 if self._ends.typecode == "i" else np.int64)
        if not np.array_equal(ends, np.arange(width, width * len(ends) + 1, width)):
            return None
        return self._blob


class CodedColumn(Sequence[T], Generic[T]):
    """Values of which few are distinct (a date, a source): each kept once, and a code per row."""

    __slots__ = ("codes", "values")

    def __init__(self, values: tuple[T, ...], codes: array[int]) -> None:
        self.values = values
        self.codes = codes

    @classmethod
    def of(cls, column: Iterable[T]) -> CodedColumn[T]:
        known: dict[T, int] = {}
        codes = array("i", (known.setdefault(value, len(known)) for value in column))
        return cls(tuple(known), codes)

    def __reduce__(self) -> tuple[type[CodedColumn[T]], tuple[tuple[T, ...], array[int]]]:
        return (CodedColumn, (self.values, self.codes))

    def __len__(self) -> int:
        return len(self.codes)

    @staticmethod
    def concat(like: CodedColumn[T], pieces: Iterable[Sequence[T]]) -> CodedColumn[T]:
        """``like``'s slices and new values, one after the other."""
        values = list(like.values)
        known = {value: code for code, value in enumerate(values)}

        def code_of(value: T) -> int:
            if value not in known:
                known[value] = len(values)
                values.append(value)
            return known[value]

        codes = array("i")
        for piece in pieces:
            if isinstance(piece, CodedColumn) and piece.values is like.values:
                codes.extend(piece.codes)
            else:
                codes.extend(map(code_of, piece))
        return CodedColumn(tuple(values), codes)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> CodedColumn[T]: ...
    def __getitem__(self, index: int | slice) -> T | CodedColumn[T]:
        if isinstance(index, slice):
            return CodedColumn(self.values, self.codes[index])
        return self.values[self.codes[index]]

    def __iter__(self) -> Iterator[T]:
        return map(self.values.__getitem__, self.codes)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __hash__(self) -> int:
        return hash((self.values, bytes(self.codes)))

    def index(self, value: object, start: int = 0, stop: int | None = None) -> int:
        try:
            code = self.values.index(value)
        except ValueError:
            raise ValueError(f"{value!r} is not in the column") from None
        return self.codes.index(code, start, len(self) if stop is None else stop)


def int64s(column: Sequence[int]) -> npt.NDArray[np.int64]:
    """A column of integers as a NumPy array: the ``array('q')`` a catalog holds is shared, not
    copied; other sequences are read one by one."""
    import numpy as np

    if isinstance(column, array) and column.typecode == "q":
        return np.frombuffer(column, dtype=np.int64)
    return np.fromiter(column, dtype=np.int64, count=len(column))


def spliced(column: Sequence[T], pieces: Sequence[range | Sequence[T]]) -> Sequence[T]:
    """Ranges of ``column``'s positions and new values, one after the other, as a column of
    its kind: what a live update makes of the catalog's columns."""
    from .zipped_column import ZippedColumn  # it is built on this module's columns

    if isinstance(column, ZippedColumn):
        return column.spliced(pieces)  # type: ignore[arg-type,return-value]
    return joined(
        [column[p.start : p.stop] if isinstance(p, range) else p for p in pieces], like=column
    )


def joined(pieces: Sequence[Sequence[T]], like: Sequence[T]) -> Sequence[T]:
    """Pieces of a column (its slices, and new values) as one column of the same kind as
    ``like``: slices are copied in C, only the new values are packed one by one."""
    if isinstance(like, TextColumn):
        parts = [p if isinstance(p, TextColumn) else TextColumn.of(p) for p in pieces]  # type: ignore[arg-type]
        return TextColumn.concat(parts)  # type: ignore[return-value]
    if isinstance(like, CodedColumn):
        return CodedColumn.concat(like, pieces)
    if isinstance(like, array):
        found = array(like.typecode)
        for piece in pieces:
            found.extend(piece)  # type: ignore[arg-type]
        return found  # type: ignore[return-value]
    return tuple(value for piece in pieces for value in piece)


def chained_offsets(parts: Sequence[tuple[array[int], int]]) -> array[int]:
    """Each part's end offsets moved past the parts before it, as one array: a part is its
    offsets and the length they index into (a blob's bytes, a column's values)."""
    pieces: list[array[int]] = []
    shift = 0
    for ends, length in parts:
        pieces.append(shifted(ends, shift))
        shift += length
    offsets = array("q") if shift >= 2**31 else array("i")
    for piece in pieces:
        offsets.frombytes(_as_type(piece, offsets.typecode).tobytes())
    return offsets


def joined_marks(parts: Sequence[tuple[bytes, int]]) -> bytes:
    """Parts' None marks (one byte per value, or empty for none) as one column's."""
    if not any(marks for marks, _ in parts):
        return b""
    return b"".join(marks or bytes(count) for marks, count in parts)


def shifted(ends: array[int], by: int) -> array[int]:
    """``ends`` with ``by`` added to each (NumPy: a slice of a million offsets in a millisecond)."""
    import numpy as np

    if not by:
        return ends
    values = np.frombuffer(ends, dtype=np.int32 if ends.typecode == "i" else np.int64)
    moved = values.astype(np.int64) + by
    found = array("q" if len(moved) and moved[-1] >= 2**31 else "i")
    found.frombytes(moved.astype(np.int64 if found.typecode == "q" else np.int32).tobytes())
    return found


def _as_type(ends: array[int], typecode: str) -> array[int]:
    return ends if ends.typecode == typecode else array(typecode, ends)


def _bisect_right(ends: array[int], at: int) -> int:
    """The index of the value whose bytes hold offset ``at``: the first end past it."""
    low, high = 0, len(ends)
    while low < high:
        middle = (low + high) // 2
        if ends[middle] <= at:
            low = middle + 1
        else:
            high = middle
    return low
