"""Which articles report the same event: linking similar reports into stories.

The cosine of the pairs of articles that could be one story comes from :mod:`similarity`. Pairs
are linked, most similar first, under rules that separate events:

- time: two dated reports link only within :data:`WINDOW_DAYS` of each other, and a story never
  spans more than :data:`MAX_SPAN_DAYS` (the November Lisbon summit shares nearly every word
  with the September talks that prepared it; the calendar tells them apart);
- an undated report links on stronger text evidence (:data:`UNDATED_LINK`) and takes the story
  of whichever dated reports it most resembles, within the span;
- near-identical copies (:data:`COPY_LINK`, the same wire story in two files) always link, and
  so do reports with the same heaviest terms whatever their dates.

Existing stories come in as already-joined groups with their dates, so a rescan that brings 100
files links only pairs with a new article and never regroups the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .similarity import UNDATED, Ints, Vectors, cosines, similar_pairs, vectors

WINDOW_DAYS = 4
"""Two dated reports further apart than this are not one event."""
MAX_SPAN_DAYS = 10
"""Nor is a story whose first and last reports are further apart than this."""
DATED_LINK = 0.18
"""Cosine at which two dated reports within the window are one event."""
UNDATED_LINK = 0.24
"""Cosine at which an undated report joins a dated one's story (or another undated one)."""
COPY_LINK = 0.8
"""Cosine at which two reports are copies of one, whatever their dates."""


@dataclass(frozen=True, slots=True)
class Item:
    """One article to group: its cache rowid, day (a date's ordinal) and weighted terms."""

    rowid: int
    day: int | None
    terms: str
    """Space-separated, heaviest first, as :func:`story_features.story_terms` gives them."""
    weights: bytes
    """Their weights, float16."""
    story: int | None = None
    """The story it is already in; None for an article still to group."""


@dataclass(frozen=True, slots=True)
class Grouped:
    """What a grouping decided: the new articles' stories, and stories merged into others."""

    assigned: dict[int, int]
    merged: dict[int, int]


def group(
    items: Sequence[Item],
    doc_freq: Mapping[str, int],
    total: int,
    spans: Mapping[int, tuple[int | None, int | None]] | None = None,
) -> Grouped:
    """Assign every new item (``story is None``) to a story, linking it to the others.

    ``doc_freq`` and ``total`` are the library's (words' article counts and its size), for the
    IDF; ``spans`` gives each existing story's first and last day, which its items here may not
    all show. A story's id is the smallest rowid it was given when first formed.
    """
    if not items:
        return Grouped({}, {})
    new = np.array([item.story is None for item in items])
    days = np.array([UNDATED if item.day is None else item.day for item in items], np.int64)
    matrix = vectors([i.terms for i in items], [i.weights for i in items], doc_freq, total)
    links = _Links(items, spans or {})
    left, right = _copies(matrix, new)
    for a, b, sim in zip(left, right, cosines(matrix, left, right).tolist(), strict=True):
        if sim >= COPY_LINK:
            links.join(int(a), int(b))
    floor = min(DATED_LINK, UNDATED_LINK)
    left, right, sims = similar_pairs(matrix, days, new, WINDOW_DAYS, floor)
    dated = days != UNDATED
    for a, b, sim in zip(left.tolist(), right.tolist(), sims.tolist(), strict=True):
        if sim >= COPY_LINK:
            links.join(a, b)
        elif dated[a] and dated[b]:
            if sim >= DATED_LINK:  # pairs are only made within the window
                links.join(a, b, bounded=True)
        elif sim >= UNDATED_LINK:
            links.join(a, b, bounded=True, attach=True)
    return links.result()


_COPY_TERMS = 8


def _copies(matrix: Vectors, new: npt.NDArray[np.bool_]) -> tuple[Ints, Ints]:
    """Pairs of items whose heaviest terms are the same, one of them new: perhaps copies of one
    report saved on different days, too far apart to be compared otherwise. Each is paired
    with the first item of its heaviest terms."""
    rows = np.flatnonzero(np.diff(matrix.indptr) >= _COPY_TERMS)  # shorter: a coincidence
    top = matrix.col[matrix.indptr[rows, None] + np.arange(_COPY_TERMS)]  # in stored order
    top.sort(axis=1)
    order = np.lexsort(top.T[::-1])  # stable: an equal run's first row is the first item
    top, rows = top[order], rows[order]
    starts = np.flatnonzero(np.r_[True, (top[1:] != top[:-1]).any(axis=1)])
    first = rows[np.repeat(starts, np.diff(np.r_[starts, len(rows)]))]
    wanted = (first != rows) & (new[first] | new[rows])
    first, rows = first[wanted], rows[wanted]
    by_item = np.argsort(rows, kind="stable")
    return first[by_item], rows[by_item]


class _Links:
    """Union-find over the items, each group knowing its first and last day and its name."""

    def __init__(
        self, items: Sequence[Item], spans: Mapping[int, tuple[int | None, int | None]]
    ) -> None:
        self._items = items
        self._parent = list(range(len(items)))
        self._first: list[int | None] = [item.day for item in items]
        self._last: list[int | None] = [item.day for item in items]
        self._story: list[int | None] = [item.story for item in items]
        self._low = [item.rowid for item in items]
        by_story: dict[int, int] = {}
        for index, item in enumerate(items):
            if item.story is None:
                continue
            root = by_story.setdefault(item.story, index)
            first, last = spans.get(item.story, (item.day, item.day))
            self._widen(root, first, last)
            if root != index:
                self._parent[index] = root
                self._widen(root, item.day, item.day)

    def join(self, a: int, b: int, *, bounded: bool = False, attach: bool = False) -> None:
        """Put ``a`` and ``b`` in one group, unless ``bounded`` and it would span too long.

        ``attach`` (a link through an undated report) only brings a group with no dated report
        into another: an undated report can say which story it belongs to, but not that two
        dated stories are one (two strikes in one week, each resembling it a little).
        """
        ra, rb = self._find(a), self._find(b)
        if ra == rb or (attach and None not in (self._first[ra], self._first[rb])):
            return
        first = _either(min, self._first[ra], self._first[rb])
        last = _either(max, self._last[ra], self._last[rb])
        if bounded and first is not None and last is not None and last - first > MAX_SPAN_DAYS:
            return
        keep, gone = (ra, rb) if self._rank(ra) <= self._rank(rb) else (rb, ra)
        self._parent[gone] = keep
        self._first[keep], self._last[keep] = first, last
        self._low[keep] = min(self._low[keep], self._low[gone])

    def result(self) -> Grouped:
        assigned: dict[int, int] = {}
        merged: dict[int, int] = {}
        for index, item in enumerate(self._items):
            root = self._find(index)
            name = self._story[root]
            if name is None:
                name = self._low[root]
            if item.story is None:
                assigned[item.rowid] = name
            elif item.story != name:
                merged[item.story] = name
        return Grouped(assigned, merged)

    def _rank(self, root: int) -> tuple[int, int]:
        """Which of two groups gives the merged one its name: an existing story (the older one
        when two merge) over a new group, whose id is then its smallest rowid."""
        story = self._story[root]
        return (0, story) if story is not None else (1, self._low[root])

    def _widen(self, root: int, first: int | None, last: int | None) -> None:
        self._first[root] = _either(min, self._first[root], first)
        self._last[root] = _either(max, self._last[root], last)

    def _find(self, index: int) -> int:
        parent = self._parent
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index


def _either(pick: Callable[[int, int], int], a: int | None, b: int | None) -> int | None:
    """``pick`` of two days, either of which may be unknown."""
    if a is None:
        return b
    if b is None:
        return a
    return pick(a, b)
