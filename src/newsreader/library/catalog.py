"""The in-memory list of articles: what the app's list and every search result index into.

It holds the list rows' fields as columns (no bodies), in the library's default order, newest
first and undated last, so "position in the catalog" doubles as a date rank and sorting results
by date is sorting integers. Columns, not one object per article, because a start with 100,000
articles must not spend its time building 100,000 objects of which one screenful is shown:
:attr:`Catalog.entries` makes an :class:`Entry` when one is asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, overload

from .models import Entry, Markup
from .tokens import fold

Sort = Literal["newest", "oldest", "title", "source"]
SORTS: tuple[Sort, ...] = ("newest", "oldest", "title", "source")


class LookupProblem(LookupError):
    """An id or path that names no article, or more than one."""


@dataclass(frozen=True, slots=True)
class Columns:
    """The catalog's fields, one tuple per field, all in catalog order: what the cache stores."""

    rowids: tuple[int, ...] = ()
    ids: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    dates: tuple[str | None, ...] = ()
    """ISO dates: they compare and sort as dates do, and cost nothing to load."""
    sources: tuple[str | None, ...] = ()
    urls: tuple[str | None, ...] = ()
    paths: tuple[str, ...] = ()
    words: tuple[int, ...] = ()
    markups: tuple[Markup, ...] = ()
    ordinals: tuple[int, ...] = ()
    aliases: tuple[tuple[int, str, int], ...] = ()
    """Other copies of listed articles: (rowid, path, the position of the row listed for it)."""

    def __len__(self) -> int:
        return len(self.rowids)

    def is_consistent(self) -> bool:
        """Every column as long as the first: a snapshot read back whole."""
        n = len(self.rowids)
        return all(
            len(column) == n
            for column in (self.ids, self.titles, self.dates, self.sources, self.urls,
                           self.paths, self.words, self.markups, self.ordinals)
        )  # fmt: skip


class _Entries(Sequence[Entry]):
    """The catalog's rows as :class:`Entry` objects, each made when it is asked for."""

    def __init__(self, columns: Columns) -> None:
        self._c = columns

    def __len__(self) -> int:
        return len(self._c)

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | Sequence[Entry]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        c = self._c
        date = c.dates[index]
        return Entry(
            c.ids[index],
            c.titles[index],
            dt.date.fromisoformat(date) if date else None,
            c.sources[index],
            c.urls[index],
            c.paths[index],
            c.words[index],
            c.markups[index],
            c.ordinals[index],
        )


class Catalog:
    """Articles in newest-first order, with lookups by id, id prefix and path."""

    def __init__(self, columns: Columns) -> None:
        self.columns = columns
        self.entries: Sequence[Entry] = _Entries(columns)
        self._orders: dict[Sort, list[int]] = {}

    def __len__(self) -> int:
        return len(self.columns)

    @property
    def rowids(self) -> tuple[int, ...]:
        return self.columns.rowids

    @cached_property
    def _by_id(self) -> dict[str, int]:
        return {article_id: index for index, article_id in enumerate(self.columns.ids)}

    @cached_property
    def _position_of_rowid(self) -> list[int]:
        aliases = self.columns.aliases
        top = max(max(self.columns.rowids, default=0), max((a[0] for a in aliases), default=0))
        lookup = [-1] * (top + 1)
        for index, rowid in enumerate(self.columns.rowids):
            lookup[rowid] = index
        for rowid, _, index in aliases:  # a search that finds a copy lands on its listed row
            lookup[rowid] = index
        return lookup

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

    def order(self, sort: Sort) -> list[int]:
        """All positions in ``sort`` order, computed once per sort."""
        if sort not in self._orders:
            self._orders[sort] = self.sorted_positions(range(len(self)), sort)
        return self._orders[sort]

    def sorted_positions(self, positions: Sequence[int] | range, sort: Sort) -> list[int]:
        """``positions`` reordered: by date either way (undated last), by title, or by source."""
        if sort == "newest":
            return sorted(positions)
        if sort == "oldest":
            dates = self.columns.dates
            dated = [p for p in positions if dates[p] is not None]
            undated = [p for p in positions if dates[p] is None]
            return sorted(dated, reverse=True) + sorted(undated)
        column = self.columns.titles if sort == "title" else self.columns.sources
        return sorted(positions, key=lambda p: (fold(column[p] or "\uffff"), p))
