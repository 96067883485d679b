"""The in-memory list of articles: what the app's list and every search result index into.

It holds one small :class:`Entry` per article (no bodies) in the library's default order,
newest first and undated last, so "position in the catalog" doubles as a date rank and sorting
results by date is sorting integers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from .models import Entry
from .tokens import fold

Sort = Literal["newest", "oldest", "title", "source"]
SORTS: tuple[Sort, ...] = ("newest", "oldest", "title", "source")


class LookupProblem(LookupError):
    """An id or path that names no article, or more than one."""


class Catalog:
    """Articles in newest-first order, with lookups by id, id prefix and path."""

    def __init__(self, rows: Sequence[tuple[int, Entry]]) -> None:
        self.rowids = [rowid for rowid, _ in rows]
        self.entries = [entry for _, entry in rows]
        self._position_of_rowid = [-1] * (max(self.rowids, default=0) + 1)
        for index, rowid in enumerate(self.rowids):
            self._position_of_rowid[rowid] = index
        self._by_id = {entry.id: index for index, entry in enumerate(self.entries)}
        self._orders: dict[Sort, list[int]] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def positions_of_rowids(self, rowids: Iterable[int]) -> list[int]:
        """Catalog positions for cache rowids; -1 for a rowid added since this catalog was read."""
        lookup = self._position_of_rowid
        rowids = list(rowids)
        try:
            return list(map(lookup.__getitem__, rowids))  # C speed: this runs per keystroke
        except IndexError:
            return [lookup[r] if r < len(lookup) else -1 for r in rowids]

    def index_of(self, article_id: str) -> int | None:
        return self._by_id.get(article_id)

    def resolve(self, key: str) -> int:
        """The position of the article named by an id, a unique id prefix, or its path."""
        key = key.strip()
        if key in self._by_id:
            return self._by_id[key]
        normalised = key.replace("\\", "/").removeprefix("./")
        by_path = [i for i, entry in enumerate(self.entries) if entry.path == normalised]
        if len(by_path) == 1:
            return by_path[0]
        lowered = key.lower()
        found = (
            [index for id_, index in self._by_id.items() if id_.startswith(lowered)]
            if (lowered)
            else []
        )
        if len(found) == 1:
            return found[0]
        if found:
            raise LookupProblem(f"{key!r} matches {len(found)} articles; give more of the id")
        raise LookupProblem(f"no article with id or path {key!r}")

    def order(self, sort: Sort) -> list[int]:
        """All positions in ``sort`` order, computed once per sort."""
        if sort not in self._orders:
            self._orders[sort] = self.sorted_positions(range(len(self.entries)), sort)
        return self._orders[sort]

    def sorted_positions(self, positions: Sequence[int] | range, sort: Sort) -> list[int]:
        """``positions`` reordered: by date either way (undated last), by title, or by source."""
        entries = self.entries
        if sort == "newest":
            return sorted(positions)
        if sort == "oldest":
            dated = [p for p in positions if entries[p].date is not None]
            undated = [p for p in positions if entries[p].date is None]
            return sorted(dated, reverse=True) + sorted(undated)
        if sort == "title":
            return sorted(positions, key=lambda p: (fold(entries[p].title), p))
        return sorted(positions, key=lambda p: (fold(entries[p].source or "\uffff"), p))
