"""Ranked, typo-tolerant search over the catalog.

A query word becomes a set of indexed words (:mod:`vocabulary`), the full-text index turns those
into the articles holding them (in the head, title and source, or anywhere), and the ranking is:
articles matching more query words first, then more of them in the head, then exact words over
near misses, then newer first. Each word's article sets are kept for a while, so typing the third
word of a query does not look the first two up again.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .catalog import Catalog
from .query import Query
from .store import Cache
from .tokens import fold, spans
from .vocabulary import Vocabulary

_WORD_CACHE_SIZE = 64


@dataclass(frozen=True, slots=True)
class _WordHits:
    """Catalog positions of the articles answering one query word."""

    anywhere: frozenset[int]
    head: frozenset[int]
    exact: frozenset[int]
    terms: frozenset[str]


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Catalog positions, best first, and what is needed to score and highlight them."""

    query: Query
    positions: list[int]
    terms: frozenset[str] = frozenset()
    scores: dict[int, float] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.positions)

    def score(self, position: int) -> float:
        """How well the article at ``position`` answers the query, from 0 to 1."""
        return self.scores.get(position, 1.0)

    def highlights(self, text: str) -> list[tuple[int, int]]:
        """Offsets of the words in ``text`` that the query matched."""
        return spans(text, self.terms.__contains__) if self.terms else []


class SearchEngine:
    """Answers queries for one catalog, from the cache's full-text index."""

    def __init__(self, cache: Cache, catalog: Catalog) -> None:
        self._cache = cache
        self._catalog = catalog
        self._vocabulary: Vocabulary | None = None
        self._lock = threading.Lock()
        self._words: OrderedDict[tuple[str, bool], _WordHits] = OrderedDict()

    @property
    def vocabulary(self) -> Vocabulary:
        """Loaded on first use, so a start that never searches never pays for it."""
        with self._lock:
            if self._vocabulary is None:
                self._vocabulary = Vocabulary(self._cache.vocabulary())
            return self._vocabulary

    def search(
        self, query: Query, *, bookmarked: Collection[str] = (), read: Collection[str] = ()
    ) -> SearchResults:
        """Articles answering ``query``; ``bookmarked`` and ``read`` are ids, for `is:` filters."""
        allowed = self._allowed(query, bookmarked, read)
        if not query.words:
            positions = range(len(self._catalog))
            chosen = list(positions) if allowed is None else sorted(allowed)
            return SearchResults(query, chosen)
        last = len(query.words) - 1
        hits = [self._hits(word, prefix=i == last) for i, word in enumerate(query.words)]
        return self._rank(query, hits, allowed)

    def _rank(
        self, query: Query, hits: list[_WordHits], allowed: frozenset[int] | None
    ) -> SearchResults:
        n = len(hits)
        any_weight, head_weight = (n + 1) ** 2, n + 1
        best = n * (any_weight + head_weight + 1)
        score: dict[int, int] = {}
        get = score.get
        for word in hits:
            for position in word.anywhere:
                score[position] = get(position, 0) + any_weight
            for position in word.head:
                score[position] += head_weight
            for position in word.exact:
                score[position] += 1
        if allowed is not None:
            score = {position: value for position, value in score.items() if position in allowed}
        tiers: dict[int, list[int]] = {}
        for position, value in score.items():
            tiers.setdefault(value, []).append(position)
        ordered: list[int] = []
        for value in sorted(tiers, reverse=True):
            ordered.extend(sorted(tiers[value]))
        terms = frozenset().union(*(word.terms for word in hits))
        return SearchResults(
            query, ordered, terms, {p: round(v / best, 4) for p, v in score.items()}
        )

    def _hits(self, word: str, *, prefix: bool) -> _WordHits:
        key = (word, prefix)
        with self._lock:
            cached = self._words.get(key)
            if cached is not None:
                self._words.move_to_end(key)
                return cached
        expansion = self.vocabulary.expand(word, prefix=prefix)
        if not expansion.terms:
            hits = _WordHits(frozenset(), frozenset(), frozenset(), frozenset())
        else:
            terms = " OR ".join(f'"{term}"' for term in expansion.terms)
            anywhere = self._positions(terms)
            head = self._positions(f"head : ({terms})")
            if len(expansion.terms) == 1 and expansion.exact:
                exact = anywhere
            elif expansion.exact:
                exact = self._positions(f'"{word}"')
            else:
                exact = frozenset()
            hits = _WordHits(anywhere, head, exact, frozenset(expansion.terms))
        with self._lock:
            self._words[key] = hits
            if len(self._words) > _WORD_CACHE_SIZE:
                self._words.popitem(last=False)
        return hits

    def _positions(self, expression: str) -> frozenset[int]:
        position = self._catalog.position_of_rowid
        return frozenset(
            position[rowid] for rowid in self._cache.match(expression) if rowid in position
        )

    def _allowed(
        self, query: Query, bookmarked: Collection[str], read: Collection[str]
    ) -> frozenset[int] | None:
        """Positions the filters let through, or None when nothing is filtered."""
        if not query.has_filters:
            return None
        tests: list[Callable[[int], bool]] = []
        entries = self._catalog.entries
        if query.bookmarked:
            tests.append(lambda p: entries[p].id in bookmarked)
        if query.unread:
            tests.append(lambda p: entries[p].id not in read)
        if query.read:
            tests.append(lambda p: entries[p].id in read)
        if query.sources:
            names = matching_sources(query.sources, {e.source for e in entries if e.source})
            tests.append(lambda p: entries[p].source in names)
        if query.after or query.before:
            after, before = query.after or dt.date.min, query.before or dt.date.max
            tests.append(lambda p: (d := entries[p].date) is not None and after <= d <= before)
        if query.bookmarked:  # few articles are bookmarked: start from them
            candidates: Collection[int] = [
                i for i in map(self._catalog.index_of, bookmarked) if i is not None
            ]
        else:
            candidates = range(len(entries))
        return frozenset(p for p in candidates if all(test(p) for test in tests))


def matching_sources(wanted: tuple[str, ...], sources: set[str]) -> set[str]:
    """The sources a forgiving ``source:`` filter means: `moscow`, `mocsow times`, `bbc`."""
    folded = {fold(name): name for name in sources}
    names: set[str] = set()
    for want in wanted:
        key = fold(want)
        names.update(name for f, name in folded.items() if key in f)
        for match, _, _ in process.extract(
            key, list(folded), scorer=fuzz.partial_ratio, score_cutoff=80, limit=None
        ):
            names.add(folded[match])
    return names
