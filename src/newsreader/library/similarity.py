"""Cosine similarity between the articles that could be one story, in NumPy, at 100,000 articles.

Each article is a TF-IDF vector over its weighted terms (:mod:`story_features`), normalised, so
the dot product of two is their cosine. Comparing every pair is out of the question (5 billion
at 100,000), and so is summing a pair's shared terms from every term's posting list: common
words make tens of millions of contributions. So it is done in two steps:

1. candidates: pairs sharing two *distinctive* terms (each held by at most
   :func:`distinctive_limit` articles of the library), dated within the time window of each
   other, or one of them undated.
   Each term's articles are sorted by day and each meets the next ones until a day is too far (a
   sorted-neighbourhood join): a term costs its articles per week, not its articles squared;
2. the exact cosine of each candidate, all its terms counted: every article's (term, weight)
   entries sorted by a (article, term) key, and a pair's shared terms found by binary search.

NumPy was chosen over scikit-learn's TfidfVectorizer and datasketch's MinHash: it is already a
dependency, the weights are our own (title, lead, names), and the candidate step, which neither
library does, is where the time goes.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

UNDATED = -(10**9)
"""The day of an undated article in the arrays here."""

_POSTING_CAP = 300
"""An undated article is compared with those sharing a term held by at most this many in the
set grouped: a commoner word would bring thousands of candidates."""

SHARED_TERMS = 2
"""Distinctive terms a candidate pair must share: one name in common is a coincidence as often
as not; the reports of one event share several (the place, the people, the figures)."""

_SPLIT = 5000
"""Articles whose terms are split at a time."""

_CHUNK = 20_000
"""Candidate pairs scored at a time: the entries of 20,000 pairs take about 40 MB."""

_PAIRS_AT_ONCE = 4_000_000
"""Pairs proposed by undated articles that are counted at once (about 100 MB of scratch)."""

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Vectors:
    """Articles as a sparse matrix, a row's entries together and in its terms' stored order
    (heaviest first): entry ``i`` is (row[i], col[i], data[i]); a row's entries are
    ``indptr[row]:indptr[row + 1]``. Not sorted by term: a million articles' 48 million
    entries took 2.7 s to sort and reorder, and only the few rows of candidate pairs are
    compared (see :class:`_Sorted`)."""

    row: npt.NDArray[np.int32]
    col: npt.NDArray[np.int32]
    data: npt.NDArray[np.float32]
    distinctive: npt.NDArray[np.bool_]
    """Per entry: whether its term is rare enough to propose candidates."""
    indptr: Ints
    width: np.int64
    """How many distinct terms: ``col`` is below it."""


def vectors(
    terms: Sequence[str], weights: Sequence[bytes], doc_freq: Mapping[str, int], total: int
) -> Vectors:
    """The articles' TF-IDF vectors, from their terms (space-separated) and float16 weights.

    Parsed in bulk, the weights in one buffer: 100,000 articles hold 5 million of them, so
    every array is as narrow as it can be and each temporary goes as soon as it is used.
    """
    counts = np.array([len(packed) // 2 for packed in weights], dtype=np.int64)
    # a word's number is its rank of first appearance, given on its first lookup: all in C (a
    # Python loop over 5 million words took most of the time), and in one pass, where finding
    # each chunk's unseen words first took as long again
    vocabulary: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    parts = [np.empty(0, dtype=np.int32)]
    for at in range(0, len(terms), _SPLIT):  # 5 million words in one list would take 300 MB
        words = " ".join(terms[at : at + _SPLIT]).split()
        parts.append(np.fromiter(map(vocabulary.__getitem__, words), np.int32, len(words)))
    col = np.concatenate(parts)
    del parts
    freq = np.array([doc_freq.get(word, 1) for word in vocabulary], dtype=np.float64)
    idf = (1.0 + np.log((total + 1) / (freq + 1))).astype(np.float32)
    data = np.frombuffer(b"".join(weights), dtype=np.float16).astype(np.float32)
    data *= idf[col]
    indptr = np.concatenate([[0], np.cumsum(counts)])
    data /= np.repeat(_norms(data, indptr), counts)
    return Vectors(
        np.repeat(np.arange(len(counts), dtype=np.int32), counts),
        col,
        data,
        (freq <= distinctive_limit(total))[col],
        indptr,
        np.int64(max(len(vocabulary), 1)),
    )


def _norms(data: npt.NDArray[np.float32], indptr: Ints) -> npt.NDArray[np.float32]:
    """Each row's Euclidean norm (at least 1e-9: an empty row's is never used): sums over the
    rows' runs of entries, 0.2 s at a million articles where a bincount of each entry's row
    took 1.7 s."""
    sums = np.zeros(len(indptr) - 1)
    full = indptr[1:] > indptr[:-1]
    if full.any():  # without the empty rows, each run ends where the next one starts
        sums[full] = np.add.reduceat((data * data).astype(np.float64), indptr[:-1][full])
    return np.maximum(np.sqrt(sums), 1e-9).astype(np.float32)


def distinctive_limit(total: int) -> int:
    """How many articles of ``total`` a term may be in and still propose a pair: all of them in
    a small library (every word counts), 1 in 200 in a big one (a name, a place, a figure)."""
    return max(100, total // 200)


def similar_pairs(
    matrix: Vectors, days: Ints, new: npt.NDArray[np.bool_], window: int, floor: float
) -> tuple[Ints, Ints, npt.NDArray[np.float64]]:
    """Pairs (a, b) of articles that could be one story, at least one of them ``new``, with
    their cosine at least ``floor``, most similar first."""
    keys = _candidates(matrix, days, new, window)
    n = np.int64(len(days))
    left, right = keys // n, keys % n
    rows = _Sorted(matrix, np.concatenate([left, right]))
    sims = np.concatenate(
        [np.empty(0)]
        + [
            rows.cosines(left[at : at + _CHUNK], right[at : at + _CHUNK])
            for at in range(0, len(keys), _CHUNK)
        ]
    )
    keep = sims >= floor
    left, right, sims = left[keep], right[keep], sims[keep]
    best = np.argsort(-sims, kind="stable")
    return left[best], right[best], sims[best]


def cosines(matrix: Vectors, left: Ints, right: Ints) -> npt.NDArray[np.float64]:
    """The cosine of each pair of articles (left[k], right[k])."""
    return _Sorted(matrix, np.concatenate([left, right])).cosines(left, right)


class _Sorted:
    """Some rows of a :class:`Vectors`, each row's entries sorted by term, keyed ``(place of
    the row here) * width + term``: a pair's shared terms are found by binary search."""

    def __init__(self, matrix: Vectors, rows: Ints) -> None:
        self._rows = np.unique(rows)
        self._width = matrix.width
        starts = matrix.indptr[self._rows]
        sizes = matrix.indptr[self._rows + 1] - starts
        entries = _runs(starts, sizes)
        col = matrix.col[entries]
        keys = np.repeat(np.arange(len(self._rows), dtype=np.int64), sizes) * self._width
        keys += col
        order = np.argsort(keys)  # keys are distinct: a term is once in an article
        self._keys = keys[order]
        self._col = col[order]
        self._data = matrix.data[entries][order]
        self._indptr = np.concatenate([[0], np.cumsum(sizes)])

    def cosines(self, left: Ints, right: Ints) -> npt.NDArray[np.float64]:
        """The cosine of each pair (left[k], right[k]), rows of the matrix given: ``left``'s
        entries looked up in ``right``'s row."""
        left = np.searchsorted(self._rows, left)
        right = np.searchsorted(self._rows, right)
        keys = self._keys
        starts = self._indptr[left]
        sizes = self._indptr[left + 1] - starts
        pair = np.repeat(np.arange(len(left)), sizes)
        mine = _runs(starts, sizes)
        wanted = right[pair] * self._width + self._col[mine]
        theirs = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
        shared = keys[theirs] == wanted
        products = self._data[mine] * self._data[theirs] * shared
        return np.bincount(pair, weights=products, minlength=len(left)).astype(np.float64)


def _runs(starts: Ints, sizes: Ints) -> Ints:
    """The positions ``starts[k] .. starts[k] + sizes[k] - 1``, run after run."""
    return np.repeat(starts - np.cumsum(sizes) + sizes, sizes) + np.arange(sizes.sum())


def _candidates(matrix: Vectors, days: Ints, new: npt.NDArray[np.bool_], window: int) -> Ints:
    """Pair keys (a * n + b, a < b, ascending) of articles sharing a distinctive term, in time."""
    row = matrix.row[matrix.distinctive].astype(np.int64)
    col = matrix.col[matrix.distinctive]
    day = days[row]
    # by term, then day: one key sorts in a third of lexsort's time, and the order of a term's
    # reports of one day is no matter (each meets all the others)
    order = np.argsort((col.astype(np.int64) << 32) | (day - UNDATED))
    row, col, day = row[order], col[order], day[order]
    del order
    n = np.int64(len(days))
    found: list[Ints] = []

    def add(i: Ints, j: Ints) -> None:
        a, b = row[i], row[j]
        wanted = (new[a] | new[b]) & (a != b)
        a, b = a[wanted], b[wanted]
        found.append(np.minimum(a, b) * n + np.maximum(a, b))

    # undated articles sort first among a term's; a dated one meets the next until out of time
    active = np.flatnonzero(day != UNDATED)[:-1]
    step = 1
    while active.size:
        active = active[active + step < len(row)]
        partner = active + step
        active = active[(col[partner] == col[active]) & (day[partner] - day[active] <= window)]
        add(active, active + step)
        step += 1
    kept = [_shared(found)]
    for chunk, starts, sizes in _undated_chunks(row, col, day):
        found = []
        own = np.repeat(chunk, sizes)
        other = _runs(starts, sizes)
        # a pair of undated articles is met from the first's terms only, so that each term
        # they share counts once toward the two a pair needs
        once = (day[other] != UNDATED) | (row[other] > row[own])
        add(own[once], other[once])
        kept.append(_shared(found))
    return np.sort(np.concatenate(kept))


def _undated_chunks(
    row: Ints, col: npt.NDArray[np.int32], day: Ints
) -> list[tuple[Ints, Ints, Ints]]:
    """The undated articles' entries, an article's all in one chunk, each with where its term's
    entries start and how many of them it meets (none past :data:`_POSTING_CAP`), in chunks
    that meet at most about :data:`_PAIRS_AT_ONCE`: the pairs they propose are counted a chunk
    at a time (a million articles' undated ones proposed 43 million, 4.8 GB at once). A pair
    with an undated article is only met from that article's entries (or the first's, both
    undated), so each chunk's counts are whole."""
    undated = np.flatnonzero(day == UNDATED)
    if not undated.size:
        return []
    undated = undated[np.argsort(row[undated], kind="stable")]
    starts = np.searchsorted(col, col[undated], side="left")
    sizes = np.searchsorted(col, col[undated], side="right") - starts
    sizes[sizes > _POSTING_CAP] = 0
    ends = np.cumsum(sizes)
    firsts = np.flatnonzero(np.diff(row[undated])) + 1  # where each next article's entries start
    if ends[-1] <= _PAIRS_AT_ONCE or not firsts.size:
        return [(undated, starts, sizes)]
    # cut at the first article to start after each multiple of the budget
    wanted = np.arange(1, ends[-1] // _PAIRS_AT_ONCE + 1) * _PAIRS_AT_ONCE
    at = np.minimum(np.searchsorted(ends[firsts - 1], wanted), len(firsts) - 1)
    cuts = np.unique(firsts[at])
    parts = (np.split(undated, cuts), np.split(starts, cuts), np.split(sizes, cuts))
    return list(zip(*parts, strict=True))


def _shared(found: list[Ints]) -> Ints:
    """The pair keys met through at least :data:`SHARED_TERMS` terms."""
    keys, shared = np.unique(
        np.concatenate([np.empty(0, dtype=np.int64), *found]), return_counts=True
    )
    return keys[shared >= SHARED_TERMS]


__all__ = [
    "SHARED_TERMS",
    "UNDATED",
    "Vectors",
    "cosines",
    "distinctive_limit",
    "similar_pairs",
    "vectors",
]
