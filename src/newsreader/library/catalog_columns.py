"""The catalog's columns: each field of every article, in catalog order, and rows made of them.

Kept apart from :mod:`catalog`, which answers questions about the articles (lookups, orders,
what filters need): these are what the cache stores and reads back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from .models import Entry, Markup


@dataclass(frozen=True, slots=True)
class Columns:
    """The catalog's fields, one column per field, all in catalog order: what the cache stores.

    Read from the cache they are compact (:mod:`column_types`): a million articles must not be
    ten million Python objects. Tuples work as well, for a small catalog made by hand.
    """

    rowids: Sequence[int] = ()
    ids: Sequence[str] = ()
    titles: Sequence[str] = ()
    dates: Sequence[str | None] = ()
    """ISO dates: they compare and sort as dates do, and cost nothing to load."""
    sources: Sequence[str | None] = ()
    urls: Sequence[str | None] = ()
    paths: Sequence[str] = ()
    words: Sequence[int] = ()
    markups: Sequence[Markup] = ()
    ordinals: Sequence[int] = ()
    published: Sequence[str | None] = ()
    """ISO 8601 moments where the file gave a time of day (see :attr:`Entry.published`)."""
    folders: Sequence[str] = ()
    """Each article's folder in the library (``bbc/sport``; empty at the top): from its path."""
    aliases: tuple[tuple[int, str, int], ...] = ()
    """Other copies of listed articles: (rowid, path, the position of the row listed for it)."""
    title_order: Sequence[int] = ()
    """The positions by title, when known (stored with the snapshot, see :mod:`name_orders`);
    empty when not."""

    def __len__(self) -> int:
        return len(self.rowids)

    def is_consistent(self) -> bool:
        """Every column as long as the first: a snapshot read back whole."""
        n = len(self.rowids)
        return all(
            len(column) == n
            for column in (self.ids, self.titles, self.dates, self.sources, self.urls,
                           self.paths, self.words, self.markups, self.ordinals,
                           self.published, self.folders)
        ) and len(self.title_order) in (0, n)  # fmt: skip


class LazyEntries(Sequence[Entry]):
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
        date, published = c.dates[index], c.published[index]
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
            dt.datetime.fromisoformat(published) if published else None,
        )


def folder_of(path: str) -> str:
    """The folder of a library path (``/``-separated); empty for the library's top folder."""
    return path.rpartition("/")[0]
