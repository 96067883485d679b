"""Which articles report the same event: the clustering behind stories, on plain NumPy.

Each article is a TF-IDF vector over its weighted terms (:mod:`story_features`), normalised, so
the dot product of two is their cosine. Candidate pairs are those that share a term, found from
the terms' posting lists; a term held by more than :data:`_POSTING_CAP` articles of the set is
left out of the pairing (its IDF is too low to make or break a pair, and its pairs would be
millions). Pairs are then linked, most similar first, under rules that separate events:

- time: two dated reports link only within :data:`WINDOW_DAYS` of each other, and a story never
  spans more than :data:`MAX_SPAN_DAYS` (the November Lisbon summit shares nearly every word
  with the September talks that prepared it; the calendar tells them apart);
- an undated report links on stronger text evidence (:data:`UNDATED_LINK`) and takes the story
  of whichever dated reports it most resembles, within the span;
- near-identical copies (:data:`COPY_LINK`, the same wire story in two files) always link.

Existing stories come in as already-joined groups with their dates, so a rescan that brings 100
files links only pairs with a new article and never regroups the rest. NumPy was measured
against scikit-learn's TfidfVectorizer and datasketch's MinHash LSH (see BENCHMARKS.md): it is
already a dependency, and the vectors need our own weights anyway.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

WINDOW_DAYS = 4
"""Two dated reports further apart than this are not one event."""
MAX_SPAN_DAYS = 10
"""Nor is a story whose first and last reports are further apart than this."""
DATED_LINK = 0.18
"""Cosine at which two dated reports within the window are one event."""
UNDATED_LINK = 0.24
COPY_LINK = 0.8
_POSTING_CAP = 300


@dataclass(frozen=True, slots=True)
class Item:
    """One article to group: its cache rowid, day (a date's ordinal) and weighted terms."""

    rowid: int
    day: int | None
    terms: Mapping[str, float]
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
    weights = _vectors(items, doc_freq, total)
    new = np.array([item.story is None for item in items])
    left, right, sims = _similar_pairs(weights, new)
    days = [item.day for item in items]
    links = _Links(items, spans or {})
    for a, b, sim in zip(left.tolist(), right.tolist(), sims.tolist(), strict=True):
        if sim >= COPY_LINK:
            links.join(a, b)
        elif days[a] is None or days[b] is None:
            if sim >= UNDATED_LINK:
                links.join(a, b, bounded=True)
        elif abs(days[a] - days[b]) <= WINDOW_DAYS and sim >= DATED_LINK:
            links.join(a, b, bounded=True)
    return links.result()


def _vectors(
    items: Sequence[Item], doc_freq: Mapping[str, int], total: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The items as a sparse matrix: (item index, term index, weight) triples, rows normalised."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for index, item in enumerate(items):
        for term, weight in item.terms.items():
            rows.append(index)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(weight)
    idf = np.empty(len(vocabulary), dtype=np.float32)
    for term, at in vocabulary.items():
        idf[at] = 1.0 + math.log((total + 1) / (doc_freq.get(term, 1) + 1))
    row = np.array(rows, dtype=np.int32)
    col = np.array(cols, dtype=np.int32)
    data = np.array(values, dtype=np.float32) * np.maximum(idf[col], 0.0)
    norms = np.sqrt(np.bincount(row, weights=data * data, minlength=len(items)))
    return row, col, (data / np.maximum(norms[row], 1e-9)).astype(np.float32)


def _similar_pairs(
    matrix: tuple[np.ndarray, np.ndarray, np.ndarray], new: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (a < b) of items sharing a term, at least one of them new, with their cosine,
    most similar first, those below every link threshold left out."""
    row, col, data = matrix
    order = np.argsort(col, kind="stable")
    row, col, data = row[order], col[order], data[order]
    starts = np.flatnonzero(np.r_[True, col[1:] != col[:-1]])
    lengths = np.diff(np.r_[starts, len(col)])
    keys: list[np.ndarray] = []
    contributions: list[np.ndarray] = []
    n = np.int64(len(new))
    for m in np.unique(lengths):
        if m < 2 or m > _POSTING_CAP:
            continue
        at = starts[lengths == m][:, None] + np.arange(m)[None, :]  # (terms, m) positions
        members, weights = row[at], data[at]
        i, j = np.triu_indices(int(m), 1)
        a, b = members[:, i].ravel(), members[:, j].ravel()
        product = (weights[:, i] * weights[:, j]).ravel()
        wanted = new[a] | new[b]
        a, b, product = a[wanted], b[wanted], product[wanted]
        low, high = np.minimum(a, b).astype(np.int64), np.maximum(a, b).astype(np.int64)
        keys.append(low * n + high)
        contributions.append(product)
    if not keys:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0, dtype=np.float32)
    pair_keys, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    sims = np.bincount(inverse, weights=np.concatenate(contributions))
    keep = sims >= min(DATED_LINK, UNDATED_LINK, COPY_LINK)
    pair_keys, sims = pair_keys[keep], sims[keep]
    best = np.argsort(-sims, kind="stable")
    pair_keys, sims = pair_keys[best], sims[best]
    return pair_keys // n, pair_keys % n, sims


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

    def join(self, a: int, b: int, *, bounded: bool = False) -> None:
        """Put ``a`` and ``b`` in one group, unless ``bounded`` and it would span too long."""
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
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
