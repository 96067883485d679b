"""Stories as the app and the command line read them: reports of one event, over a catalog.

Read from the cache on first use, not at start (a start that never looks at stories never pays
for them), and only the stories with at least two articles: an article alone is no story. After
that every question is a lookup, cheap enough to ask for each visible row of the list.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .catalog import Catalog, LookupProblem

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


@dataclass(frozen=True, slots=True)
class Story:
    """The reports of one event: catalog positions, in time order (undated ones last)."""

    id: str
    """The id of its first report: stable while that report stays, and short to type."""
    positions: tuple[int, ...]
    ids: tuple[str, ...]
    title: str
    """Its first report's title."""
    sources: tuple[str, ...]
    """Its outlets, each once, in the order they reported."""
    first: dt.date | None
    last: dt.date | None

    def __len__(self) -> int:
        return len(self.positions)

    def others(self, position: int) -> tuple[int, ...]:
        """The other reports of the story, in time order: `Also covered by`."""
        return tuple(p for p in self.positions if p != position)


class Stories:
    """Every story of two or more articles in one catalog, found by position or by id."""

    def __init__(self, catalog: Catalog, members: Iterable[tuple[int, int]]) -> None:
        """``members`` are (rowid, story) pairs from the cache; a rowid the catalog lists as a
        copy of another article counts as that article, once."""
        columns = catalog.columns
        pairs = list(members)
        positions_found = catalog.positions_of_rowids(rowid for rowid, _ in pairs)
        grouped: dict[int, set[int]] = {}
        for (_, story), position in zip(pairs, positions_found, strict=True):
            if position >= 0:
                grouped.setdefault(story, set()).add(position)
        built: list[Story] = []
        for positions in grouped.values():
            if len(positions) < 2:
                continue
            ordered = sorted(
                positions,
                key=lambda p: (columns.dates[p] is None, columns.dates[p] or "", -p),
            )
            dates = [date for p in ordered if (date := columns.dates[p]) is not None]
            sources = [columns.sources[p] for p in ordered if columns.sources[p]]
            built.append(
                Story(
                    id=columns.ids[ordered[0]],
                    positions=tuple(ordered),
                    ids=tuple(columns.ids[p] for p in ordered),
                    title=columns.titles[ordered[0]],
                    sources=tuple(dict.fromkeys(s for s in sources if s is not None)),
                    first=dt.date.fromisoformat(dates[0]) if dates else None,
                    last=dt.date.fromisoformat(dates[-1]) if dates else None,
                )
            )
        # newest first, like the list: by the latest report, then the most reports
        built.sort(key=lambda s: (s.last is None, -(s.last or dt.date.min).toordinal(), -len(s)))
        self._stories = tuple(built)
        self._of_position = {p: story for story in built for p in story.positions}
        self._by_id = {story.id: story for story in built}
        self._code_array: npt.NDArray[np.int64] | None = None

    def __len__(self) -> int:
        return len(self._stories)

    def __iter__(self) -> Iterator[Story]:
        """Newest first: the story whose latest report is newest leads."""
        return iter(self._stories)

    def of(self, position: int) -> Story | None:
        """The story of the article at ``position``, or None when no other outlet reported it."""
        return self._of_position.get(position)

    def one_per_story(self, positions: Sequence[int]) -> array[int]:
        """``positions`` with each story's first report in them only (its best, in a ranked
        list; its newest or oldest in a sorted one): the list collapsed to one row per story.

        NumPy over a story code per position, so 100,000 rows cost milliseconds, not a loop.
        """
        import numpy as np

        picked = np.fromiter(positions, dtype=np.int64, count=len(positions))
        codes = self._codes(int(picked.max(initial=-1)) + 1)[picked] if len(picked) else picked
        keep = codes < 0
        found, first = np.unique(codes, return_index=True)
        keep[first[found >= 0]] = True
        return array("i", picked[keep].astype(np.int32).tobytes())

    def _codes(self, size: int) -> npt.NDArray[np.int64]:
        import numpy as np

        if self._code_array is None or len(self._code_array) < size:
            codes = np.full(max(size, max(self._of_position, default=-1) + 1), -1, dtype=np.int64)
            for index, story in enumerate(self._stories):
                codes[list(story.positions)] = index
            self._code_array = codes
        return self._code_array

    def get(self, key: str) -> Story:
        """The story with this id or unique id prefix; raises :class:`LookupProblem`."""
        key = key.strip().lower()
        if key in self._by_id:
            return self._by_id[key]
        found = [story for story_id, story in self._by_id.items() if story_id.startswith(key)]
        if key and len(found) == 1:
            return found[0]
        if key and found:
            raise LookupProblem(f"{key!r} matches {len(found)} stories; give more of the id")
        raise LookupProblem(f"no story with id {key!r}")
