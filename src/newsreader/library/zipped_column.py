"""A column of texts kept compressed, a block of values at a time: urls, paths and titles.

At a million articles these three are 130 MB as plain UTF-8, a third of the app's memory, and
yet the list shows one screenful of titles and the reader one article's url and path. Packed in
zlib blocks of 64 values they take less than half that; a value costs the decompression of its
block (about 13 microseconds), and the blocks read last are kept, since the rows on screen are
mostly neighbours in catalog order. A slice or a join reuses every whole block as it is, so a
live update of a million-article catalog compresses only the few blocks at its seams.
"""

from __future__ import annotations

import threading
import zlib
from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from typing import overload

from .column_types import TextColumn, chained_offsets, joined_marks, offsets_of, shifted

BLOCK = 64
"""Values per block: 64 urls compress to a third of their size, and one is quick to undo."""

KEPT_BLOCKS = 128
"""Blocks kept unpacked, per column (about 400 KB of urls): the rows on screen are neighbours,
and a live update's binary searches by title go through the same blocks near their start."""


class ZippedColumn(Sequence[str | None]):
    """Texts (or None) as zlib blocks, with the offset where each value ends once unpacked.

    ``stops[b]`` is the position just past block ``b``'s last value and ``zip_ends[b]`` the
    end of its compressed bytes; ``ends`` and ``missing`` are a :class:`TextColumn`'s, for the
    unpacked stream of every block one after the other.
    """

    __slots__ = ("_ends", "_kept", "_lock", "_missing", "_stops", "_zip_ends", "_zipped")

    def __init__(
        self,
        zipped: bytes,
        zip_ends: array[int],
        stops: array[int],
        ends: array[int],
        missing: bytes = b"",
    ) -> None:
        self._zipped = zipped
        self._zip_ends = zip_ends
        self._stops = stops
        self._ends = ends
        self._missing = missing
        self._kept: OrderedDict[int, bytes] = OrderedDict()
        """The blocks read last, unpacked, the latest at the end. Not an ``lru_cache`` of a
        bound method: that would tie the column to itself, and a catalog replaced by a live
        update would wait for the cycle collector to free its 60 MB."""
        self._lock = threading.Lock()

    @classmethod
    def of(cls, values: Iterable[str | None]) -> ZippedColumn:
        return cls.of_texts(TextColumn.of(values))

    @classmethod
    def of_texts(cls, column: TextColumn, block: int = BLOCK) -> ZippedColumn:
        """``column`` packed in blocks of ``block`` values."""
        blob, ends, missing = column.parts()
        blocks: list[bytes] = []
        for first in range(0, len(ends), block):
            start = ends[first - 1] if first else 0
            blocks.append(zlib.compress(blob[start : ends[min(first + block, len(ends)) - 1]]))
        stops = array("i", (min(first + block, len(ends)) for first in range(0, len(ends), block)))
        return cls(b"".join(blocks), offsets_of(accumulate(map(len, blocks))), stops, ends, missing)

    def parts(self) -> tuple[bytes, array[int], array[int], array[int], bytes]:
        """What the column is made of: the blocks, their ends and stops, the values' ends, the
        None marks."""
        return (self._zipped, self._zip_ends, self._stops, self._ends, self._missing)

    def __reduce__(
        self,
    ) -> tuple[type[ZippedColumn], tuple[bytes, array[int], array[int], array[int], bytes]]:
        return (ZippedColumn, self.parts())

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> str | None: ...
    @overload
    def __getitem__(self, index: slice) -> ZippedColumn: ...
    def __getitem__(self, index: int | slice) -> str | ZippedColumn | None:
        if isinstance(index, slice):
            return self._slice(index)
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("column index out of range")
        return self._values(bisect_right(self._stops, index), index, index + 1)[0]

    def __iter__(self) -> Iterator[str | None]:
        for block in range(len(self._stops)):
            yield from self.block_values(block)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and list(self) == list(other)

    def __hash__(self) -> int:
        return hash((self._zipped, bytes(self._ends)))

    def _start_of(self, block: int) -> int:
        """Where ``block``'s values start in the unpacked stream."""
        first = self._stops[block - 1] if block else 0
        return self._ends[first - 1] if first else 0

    def _unpacked(self, block: int) -> bytes:
        with self._lock:
            data = self._kept.get(block)
            if data is not None:
                self._kept.move_to_end(block)
                return data
        start = self._zip_ends[block - 1] if block else 0
        data = zlib.decompress(self._zipped[start : self._zip_ends[block]])
        with self._lock:
            self._kept[block] = data
            if len(self._kept) > KEPT_BLOCKS:
                self._kept.popitem(last=False)
        return data

    def _slice(self, index: slice) -> ZippedColumn:
        start, stop, step = index.indices(len(self))
        if step != 1:
            return ZippedColumn.of(self[i] for i in range(start, stop, step))
        return self.spliced([range(start, max(start, stop))])

    def spliced(self, pieces: Iterable[range | Sequence[str | None]]) -> ZippedColumn:
        """Ranges of this column's positions and new values, one after the other.

        What a live update makes of the catalog: the old rows cut where new ones go in. Whole
        blocks inside a range are copied packed; the values around each cut are packed anew
        with their neighbours, into blocks of about :data:`BLOCK`: never a block per cut, or
        thousands of files copied in over every date would leave a column of tiny blocks.
        """
        built = _Builder(self)
        for piece in pieces:
            if not isinstance(piece, range):
                built.add_values(piece)
                continue
            position = piece.start
            while position < piece.stop:
                block = bisect_right(self._stops, position)
                first, past = self._stops[block - 1] if block else 0, self._stops[block]
                if position == first and past <= piece.stop:
                    built.add_block(block)
                else:
                    built.add_values(self._values(block, position, min(past, piece.stop)))
                position = min(past, piece.stop)
        return built.column()

    def block_values(self, block: int) -> list[str | None]:
        """Every value of ``block``."""
        return self._values(block, self._stops[block - 1] if block else 0, self._stops[block])

    def _values(self, block: int, start: int, stop: int) -> list[str | None]:
        """The values at positions ``start`` to ``stop - 1``, all in ``block``."""
        data, base, ends, missing = (
            self._unpacked(block),
            self._start_of(block),
            self._ends,
            self._missing,
        )
        found: list[str | None] = []
        for index in range(start, stop):
            if missing and missing[index]:
                found.append(None)
                continue
            begin = ends[index - 1] if index else 0
            found.append(data[begin - base : ends[index] - base].decode("utf-8", "surrogatepass"))
        return found

    def blocks(self, first: int, past: int) -> ZippedColumn:
        """Blocks ``first`` to ``past - 1`` as a column, their bytes copied, not unpacked."""
        zip_start = self._zip_ends[first - 1] if first else 0
        first_value = self._stops[first - 1] if first else 0
        last_value = self._stops[past - 1]
        base = self._start_of(first)
        return ZippedColumn(
            self._zipped[zip_start : self._zip_ends[past - 1]],
            shifted(self._zip_ends[first:past], -zip_start),
            shifted(self._stops[first:past], -first_value),
            shifted(self._ends[first_value:last_value], -base),
            _marks(self._missing[first_value:last_value]),
        )

    @classmethod
    def concat(cls, parts: Sequence[ZippedColumn]) -> ZippedColumn:
        """The parts one after the other: their blocks copied, none unpacked."""
        parts = [part for part in parts if len(part)]
        return cls(
            b"".join(part._zipped for part in parts),
            chained_offsets([(part._zip_ends, len(part._zipped)) for part in parts]),
            chained_offsets([(part._stops, len(part)) for part in parts]),
            chained_offsets([(part._ends, part._ends[-1]) for part in parts]),
            joined_marks([(part._missing, len(part)) for part in parts]),
        )


class _Builder:
    """A column made of whole blocks of ``source`` (kept packed, in runs) and values, packed
    into new blocks of half to twice :data:`BLOCK` (fewer at the very end)."""

    def __init__(self, source: ZippedColumn) -> None:
        self._source = source
        self._pieces: list[ZippedColumn] = []
        self._run: tuple[int, int] | None = None  # source blocks first .. past - 1, in a row
        self._waiting: list[str | None] = []

    def add_block(self, block: int) -> None:
        if self._waiting:
            if len(self._waiting) < BLOCK // 2:  # too few for a block: take this one in
                self.add_values(self._source.block_values(block))
                self._pack(len(self._waiting))
                return
            self._pack(len(self._waiting))
        if self._run is not None and self._run[1] == block:
            self._run = (self._run[0], block + 1)
            return
        self._end_run()
        self._run = (block, block + 1)

    def add_values(self, values: Iterable[str | None]) -> None:
        self._end_run()
        self._waiting.extend(values)
        while len(self._waiting) >= 2 * BLOCK:
            self._pack(BLOCK)

    def column(self) -> ZippedColumn:
        self._pack(len(self._waiting))
        self._end_run()
        return ZippedColumn.concat(self._pieces)

    def _pack(self, count: int) -> None:
        if count:
            self._pieces.append(ZippedColumn.of_texts(TextColumn.of(self._waiting[:count]), count))
            del self._waiting[:count]

    def _end_run(self) -> None:
        if self._run is not None:
            self._pieces.append(self._source.blocks(*self._run))
            self._run = None


def _marks(missing: bytes) -> bytes:
    """None marks, or nothing when they mark none."""
    return missing if 1 in missing else b""
