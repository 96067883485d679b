"""The in-memory list of articles: what the app's list and every search result index into.

It holds the list rows' fields as columns (no bodies), in the library's default order, newest
first and undated last, so "position in the catalog" doubles as a date rank and sorting results
by date is sorting integers. Columns, not one object per article, because a start with 100,000
articles must not spend its time building 100,000 objects of which one screenful is shown:
:attr:`Catalog.entries` makes an :class:`Entry` when one is asked for.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # imported where used: a start that lists newest first never loads NumPy
    import numpy as np
    import numpy.typing as npt

    from .position_sets import PositionSet

from .catalog_columns import Columns, LazyEntries, folder_of
from .column_types import int64s
from .id_sets import IdSet
from .models import Entry
from .name_orders import source_order, title_order

Sort = Literal["newest", "oldest", "title", "source"]
SORTS: tuple[Sort, ...] = ("newest", "oldest", "title", "source")


class LookupProblem(LookupError):
    """An id or path that names no article, or more than one."""


class Catalog:
    """Articles in newest-first order, with lookups by id, id prefix and path."""

    def __init__(self, columns: Columns) -> None:
        self.columns = columns
        self.entries: Sequence[Entry] = LazyEntries(columns)
        self._orders: dict[Sort, npt.NDArray[np.int32]] = {}
        self._ranks: dict[Sort, npt.NDArray[np.int32]] = {}
        self._lock = threading.Lock()
        self._read_mask: tuple[Collection[str], npt.NDArray[np.bool_]] | None = None

    def __len__(self) -> int:
        return len(self.columns)

    @property
    def rowids(self) -> Sequence[int]:
        return self.columns.rowids

    @cached_property
    def longest_source(self) -> int:
        """Characters in the longest source name or folder (0 when no article has either): a
        list gives the source column, where an article without a source shows its folder, no
        more width than that."""
        return max(map(len, self.sources | self.folders), default=0)

    @cached_property
    def _newest(self) -> array[int]:
        import numpy as np

        return _positions(np.arange(len(self), dtype=np.int32))

    @cached_property
    def has_dates(self) -> bool:
        return any(self.columns.dates)

    @cached_property
    def _position_of_rowid(self) -> npt.NDArray[np.int32]:
        """The catalog position of each cache rowid (-1: not listed), a search's lookup table."""
        import numpy as np

        aliases = self.columns.aliases
        top = max(max(self.columns.rowids, default=0), max((a[0] for a in aliases), default=0))
        lookup = np.full(top + 1, -1, dtype=np.int32)
        lookup[int64s(self.columns.rowids)] = np.arange(len(self), dtype=np.int32)
        for rowid, _, index in aliases:  # a search that finds a copy lands on its listed row
            lookup[rowid] = index
        return lookup

    def positions_of_rowids(self, rowids: Iterable[int]) -> list[int]:
        """Catalog positions for cache rowids; -1 for a rowid added since this catalog was read."""
        import numpy as np

        keys = np.fromiter(rowids, dtype=np.int64)
        lookup = self._position_of_rowid
        found = np.full(len(keys), -1, dtype=np.int32)
        known = keys < len(lookup)
        found[known] = lookup[keys[known]]
        return found.tolist()

    def positions_of_matches(self, rowids: str | None) -> PositionSet:
        """The positions of comma-separated cache rowids (what a full-text match returns), as a
        set; rowids added since this catalog was read are left out."""
        from .position_sets import from_lookup, parse_ids

        return from_lookup(self._position_of_rowid, parse_ids(rowids), len(self))

    def index_of(self, article_id: str) -> int | None:
        from .column_lookup import position_of_id

        return position_of_id(self.columns.ids, article_id)

    def changes_since(self, before: Catalog | None) -> tuple[int, int]:
        """Articles (by id) in this catalog and not in ``before``, and the other way round."""
        from .column_lookup import count_changes

        if before is None:
            return len(self), 0
        numbers = (before._id_numbers, self._id_numbers)
        return count_changes(before.columns.ids, self.columns.ids, numbers)

    def resolve(self, key: str) -> int:
        """The position of the article named by an id, a unique id prefix, or its path."""
        key = key.strip()
        found_id = self.index_of(key)
        if found_id is not None:
            return found_id
        normalised = key.replace("\\", "/").removeprefix("./")
        by_path = [i for i, path in enumerate(self.columns.paths) if path == normalised]
        by_path += [i for _, path, i in self.columns.aliases if path == normalised]
        if len(by_path) == 1:
            return by_path[0]
        lowered = key.lower()
        found = [i for i, id_ in enumerate(self.columns.ids) if id_.startswith(lowered)]
        if lowered and len(found) == 1:
            return found[0]
        if lowered and found:
            raise LookupProblem(f"{key!r} matches {len(found)} articles; give more of the id")
        raise LookupProblem(f"no article with id or path {key!r}")

    def order(self, sort: Sort) -> Positions:
        """All positions in ``sort`` order, computed once per sort.

        The first title or source order folds and compares every article (a third of a second
        at 100,000): callers on the event loop ask for it from a worker.
        """
        if sort == "newest":  # the catalog's own order: no NumPy needed for the first rows
            return self._newest
        with self._lock:
            found = self._orders.get(sort)
        if found is None:
            found = self._full_order(sort)
            with self._lock:
                self._orders[sort] = found
        return _positions(found)

    def sorted_positions(self, positions: Sequence[int], sort: Sort) -> Positions:
        """``positions`` reordered: by date either way (undated last), by title, or by source.

        Many positions are picked out of the full order (a mask: linear, in C); a few are
        sorted by their rank in it.
        """
        import numpy as np

        chosen = _picked(positions).astype(np.int32)  # a copy: sorted in place below
        if sort == "newest":
            chosen.sort()
            return _positions(chosen)
        with self._lock:
            order = self._orders.get(sort)
        if order is None:
            self.order(sort)
            order = self._orders[sort]
        if len(chosen) * 16 >= len(self):
            mask = np.zeros(len(self), dtype=bool)
            mask[chosen] = True
            return _positions(order[mask[order]])
        return _positions(chosen[np.argsort(self._rank(sort)[chosen], kind="stable")])

    def _full_order(self, sort: Sort) -> npt.NDArray[np.int32]:
        import numpy as np

        count = len(self)
        if sort == "newest":
            return np.arange(count, dtype=np.int32)
        if sort == "oldest":  # dated articles come first in the catalog, newest first
            dated = self.dated_count
            return np.concatenate(
                (
                    np.arange(dated - 1, -1, -1, dtype=np.int32),
                    np.arange(dated, count, dtype=np.int32),
                )
            )
        if sort == "source":
            return source_order(self.columns.sources)
        stored = self.columns.title_order
        if len(stored) == count:
            return np.asarray(stored, dtype=np.int32)
        return title_order(self.columns.titles)

    def known_title_order(self) -> Sequence[int]:
        """The title order if it is stored or was computed already, else empty: what a patch of
        this catalog carries on (see :mod:`name_orders`)."""
        with self._lock:
            computed = self._orders.get("title")
        return self.columns.title_order if computed is None else _positions(computed)

    def _rank(self, sort: Sort) -> npt.NDArray[np.int32]:
        import numpy as np

        with self._lock:
            rank = self._ranks.get(sort)
        if rank is None:
            order = self._orders[sort]
            rank = np.empty(len(order), dtype=np.int32)
            rank[order] = np.arange(len(order), dtype=np.int32)
            with self._lock:
                self._ranks[sort] = rank
        return rank

    # -- what filters need: each answered with array operations, not a test per article -------

    @cached_property
    def dated_count(self) -> int:
        """Dated articles come first (newest first), undated last: how many are dated."""
        try:
            return self.columns.dates.index(None)
        except ValueError:
            return len(self)

    def date_range(self, after: str | None, before: str | None) -> range:
        """Positions of the articles dated from ``after`` to ``before`` (ISO days, inclusive):
        a run of the catalog, which is in date order."""
        dates, dated = self.columns.dates, self.dated_count
        start = _first(dated, lambda p: before is None or dates[p] <= before)  # type: ignore[operator]
        stop = _first(dated, lambda p: after is not None and dates[p] < after)  # type: ignore[operator]
        return range(start, max(start, stop))

    def mask_of_ids(self, ids: Collection[str]) -> npt.NDArray[np.bool_]:
        """True at the positions of the articles with these ids."""
        from .column_lookup import mask_of_ids

        return mask_of_ids(self.columns.ids, ids, self._id_numbers)

    @cached_property
    def _id_numbers(self) -> npt.NDArray[np.int64] | None:
        from .column_lookup import id_numbers

        return id_numbers(self.columns.ids)

    def unread_among(self, positions: Sequence[int], read: Collection[str]) -> int:
        """How many of the articles at ``positions`` are not in ``read``: the header's count.

        The read mask is kept while ``read`` stays the same object (the session's snapshot),
        so a keystroke pays for one fancy-indexed sum, not 100,000 id lookups.
        """
        mask = self._read_mask_of(read)
        if len(positions) == len(self):  # every article, in some order
            return len(self) - int(mask.sum())
        return len(positions) - int(mask[_picked(positions)].sum())

    def unread_ids(self, positions: Sequence[int], read: Collection[str]) -> IdSet:
        """The ids of the articles at ``positions`` that are not in ``read`` (what marking a
        list read marks): from the ids' numbers, not a million strings."""
        picked = _picked(positions)
        picked = picked[~self._read_mask_of(read)[picked]]
        numbers = self._id_numbers
        if numbers is not None:
            return IdSet.of_numbers(numbers[picked], owned=True)
        return IdSet(self.columns.ids[position] for position in picked.tolist())

    def _read_mask_of(self, read: Collection[str]) -> npt.NDArray[np.bool_]:
        with self._lock:
            kept = self._read_mask
        if kept is None or kept[0] is not read:
            kept = (read, self.mask_of_ids(read))
            with self._lock:
                self._read_mask = kept
        return kept[1]

    def mask_of_sources(self, names: Iterable[str]) -> npt.NDArray[np.bool_]:
        """True at the positions of the articles from these sources."""
        import numpy as np

        codes, known = self._source_codes
        wanted = [known[name] for name in names if name in known]
        return np.isin(codes, wanted)

    @cached_property
    def _source_codes(self) -> tuple[npt.NDArray[np.int32], dict[str, int]]:
        from .column_lookup import codes_of

        return codes_of(self.columns.sources)

    @property
    def sources(self) -> set[str]:
        return set(self._source_codes[1])

    def mask_of_folders(self, names: Iterable[str]) -> npt.NDArray[np.bool_]:
        """True at the positions of the articles filed in these folders (not their subfolders)."""
        import numpy as np

        codes, known = self._folder_codes
        wanted = [known[name] for name in names if name in known]
        return np.isin(codes, wanted)

    @cached_property
    def _folder_codes(self) -> tuple[npt.NDArray[np.int32], dict[str, int]]:
        from .column_lookup import codes_of

        folders = self.columns.folders
        if len(folders) != len(self):  # a catalog made by hand
            folders = tuple(map(folder_of, self.columns.paths))
        return codes_of(folders)

    def count_by(
        self, kind: Literal["source", "folder"], mask: npt.NDArray[np.bool_] | None = None
    ) -> dict[str, int]:
        """Articles per source or per folder (of those where ``mask`` is true)."""
        import numpy as np

        codes, known = self._source_codes if kind == "source" else self._folder_codes
        picked = codes if mask is None else codes[mask]
        counts = np.bincount(picked[picked >= 0], minlength=len(known))
        return {name: int(counts[code]) for name, code in known.items()}

    @property
    def folders(self) -> set[str]:
        """Every folder that holds an article, as a path in the library (`bbc/sport`)."""
        return set(self._folder_codes[1])


Positions = Sequence[int]
"""Catalog positions in display order: an ``array('i')``, compact and zero-copy to NumPy."""


def _positions(values: npt.NDArray[np.int32]) -> array[int]:
    from .position_sets import as_array

    return as_array(values)


def _picked(positions: Sequence[int]) -> npt.NDArray[np.integer]:
    """Positions as a NumPy array (an ``array('i')`` is shared, not copied)."""
    import numpy as np

    if isinstance(positions, array):
        return np.frombuffer(positions, dtype=np.int32)
    return np.fromiter(positions, dtype=np.int64, count=len(positions))


def _first(count: int, holds: Callable[[int], bool]) -> int:
    """The first of ``range(count)`` where ``holds`` turns true (it stays true after)."""
    low, high = 0, count
    while low < high:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle + 1
    return low
