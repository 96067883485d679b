"""Ranked, typo-tolerant search over the catalog.

A query word becomes a set of indexed words (:mod:`vocabulary`), the full-text index turns those
into the articles holding them (in the head, title and source, or anywhere), and the ranking is:
articles matching more query words first, then more of them in the head, then exact words over
near misses, then newer first. Each word's article sets are kept for a while, so typing the third
word of a query does not look the first two up again.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from itertools import chain

from .catalog import Catalog
from .closeness import LEAD_CHARACTERS, closer_first
from .filters import Filters
from .query import Query
from .store import Cache
from .tokens import spans, terms_in_order
from .vocabulary import Vocabulary

Highlighter = Callable[[str], list[tuple[int, int]]]
"""Offsets of the matched words in a text: what :meth:`SearchResults.highlights` is."""

_LEADS_KEPT = 256
"""Articles whose lead's words are kept for closeness: the next keystroke's top is mostly alike."""
_WORD_CACHE_SIZE = 32
_WORD_CACHE_POSITIONS = 600_000
"""How many positions the word cache may hold in all: a common word's set of 100,000 positions
takes 4 MB, and a cache bounded only by entries grew the app's RSS past 240 MB at 100k."""


@dataclass(frozen=True, slots=True)
class _WordHits:
    """Catalog positions of the articles answering one query word."""

    anywhere: frozenset[int]
    head: frozenset[int]
    exact: frozenset[int]
    terms: frozenset[str]

    def size(self) -> int:
        """Positions held (sets shared between fields are counted once)."""
        sets = {id(s): len(s) for s in (self.anywhere, self.head, self.exact)}
        return sum(sets.values())


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Catalog positions, best first, and what is needed to score and highlight them."""

    query: Query
    positions: list[int]
    terms: frozenset[str] = frozenset()
    _hits: tuple[_WordHits, ...] = field(default=(), repr=False)
    partial: bool = False
    """No article met every word: these are the closest, ranked by how many they meet."""

    def __len__(self) -> int:
        return len(self.positions)

    def score(self, position: int) -> float:
        """How well the article at ``position`` answers the query, from 0 (not) to 1 (best).

        Computed on demand: a query can match 100,000 articles, of which one screenful is shown.
        """
        if not self._hits:
            return 1.0
        return round(_weigh(self._hits, position) / _best(len(self._hits)), 4)

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
        self._phrases: OrderedDict[tuple[str, bool], _WordHits] = OrderedDict()
        self._filters = Filters(catalog)
        self._leads: OrderedDict[int, list[str]] = OrderedDict()

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
        allowed = self._filters.allowed(query, bookmarked, read)
        left_out = self._left_out(query)
        if left_out:
            everything = frozenset(range(len(self._catalog)))
            allowed = (everything if allowed is None else allowed) - left_out
        needs = self._needs(query)
        if not needs:
            positions = range(len(self._catalog))
            chosen = list(positions) if allowed is None else sorted(allowed)
            return SearchResults(query, chosen)
        return self._rank(query, needs, allowed)

    def _needs(self, query: Query) -> list[_WordHits]:
        """What an article must have, one entry per word or phrase of the query.

        A one-letter word says next to nothing and matches nearly every article: it is skipped,
        rather than make the list jump and the keystroke slow while a word is begun. Two words
        side by side also match as one (`wal mart` finds Walmart): hyphens are bridged at index
        time, spaces here.
        """
        words = [word for word in query.words if len(word) > 1]
        last = len(words) - 1
        needs = [self._hits(word, prefix=i == last) for i, word in enumerate(words)]
        for i in range(len(words) - 1, 0, -1):
            joined = words[i - 1] + words[i]
            if joined in self.vocabulary:
                needs[i - 1 : i + 1] = [
                    _either(needs[i - 1], needs[i], self._hits(joined, prefix=False))
                ]
        needs += [self._phrase(phrase) for phrase in query.phrases]
        return needs

    def _phrase(self, phrase: tuple[str, ...]) -> _WordHits:
        """The articles holding ``phrase``: its words exactly, then checked for adjacency."""
        key = (" ".join(phrase), False)
        with self._lock:
            cached = self._phrases.get(key)
        if cached is not None:
            return cached
        parts = [self._hits(word, prefix=False) for word in phrase]
        candidates = frozenset.intersection(*(part.exact for part in parts))
        rowids = self._catalog.rowids
        holding = frozenset(
            self._catalog.positions_of_rowids(
                self._cache.holding_phrase([rowids[p] for p in candidates], phrase)
            )
        ) - {-1}
        head = frozenset.intersection(*(part.head for part in parts)) & holding
        hits = _WordHits(holding, head, holding, frozenset(phrase))
        with self._lock:
            self._phrases[key] = hits
            while len(self._phrases) > _WORD_CACHE_SIZE:
                self._phrases.popitem(last=False)
        return hits

    def _left_out(self, query: Query) -> frozenset[int]:
        """The articles an exclusion (`-sport`, `-"world cup"`) removes: exact words only."""
        found: set[int] = set()
        for excluded in query.excluded:
            if len(excluded) == 1:
                found |= self._hits(excluded[0], prefix=False).exact
            else:
                found |= self._phrase(excluded).anywhere
        return frozenset(found)

    def _rank(
        self, query: Query, hits: list[_WordHits], allowed: frozenset[int] | None
    ) -> SearchResults:
        """Order the matches: more in the head, then exact ones, then newest.

        Every need must be met. When no article meets them all, the best partial matches are
        given instead, marked ``partial``, ranked by how many needs they meet first. Catalog
        positions are already newest first, so within a tier sorting the integers is the date
        order. One word (every keystroke of the first word typed) ranks with set operations
        alone; several count per article.
        """
        if len(hits) == 1:
            word = hits[0]
            found = word.anywhere if allowed is None else word.anywhere & allowed
            head, exact = found & word.head, found & word.exact
            tiers = [head & exact, head - exact, exact - head, found - head - exact]
            ordered = [p for tier in tiers for p in sorted(tier)]
            terms = frozenset(word.terms)
            return SearchResults(query, ordered, terms, tuple(hits))
        found = frozenset.intersection(*(word.anywhere for word in hits))
        if allowed is not None:
            found &= allowed
        partial = not found
        if partial:
            found = frozenset().union(*(word.anywhere for word in hits))
            if allowed is not None:
                found &= allowed
        ordered = sorted(found)
        # Stable sorts from the least to the most significant key, each keyed by a dict's
        # C-level lookup: no Python code runs per article.
        keys = [[word.exact for word in hits], [word.head for word in hits]]
        if partial:
            keys.append([word.anywhere for word in hits])
        for sets in keys:
            counts = dict.fromkeys(found, 0)
            counts.update(Counter(chain.from_iterable(s & found for s in sets)))
            ordered.sort(key=counts.__getitem__, reverse=True)
        if not partial:
            ordered = closer_first(
                ordered,
                [word.terms for word in hits],
                lambda p: (-sum(p in w.head for w in hits), -sum(p in w.exact for w in hits)),
                lambda p: terms_in_order(self._catalog.columns.titles[p]),
                self._lead_words,
            )
        terms = frozenset().union(*(word.terms for word in hits))
        return SearchResults(query, ordered, terms, tuple(hits), partial=partial)

    def _lead_words(self, position: int) -> list[str]:
        """The folded words of an article's title and the start of its body, for closeness."""
        with self._lock:
            kept = self._leads.get(position)
        if kept is not None:
            return kept
        try:
            body = self._cache.body(self._catalog.rowids[position])[0]
        except KeyError:  # removed by a scan since this catalog was read
            body = ()
        lead = "\n".join(body)[:LEAD_CHARACTERS]
        found = terms_in_order(f"{self._catalog.columns.titles[position]}\n{lead}")
        with self._lock:
            self._leads[position] = found
            while len(self._leads) > _LEADS_KEPT:
                self._leads.popitem(last=False)
        return found

    def _hits(self, word: str, *, prefix: bool) -> _WordHits:
        key = (word, prefix)
        with self._lock:
            cached = self._words.get(key)
            if cached is not None:
                self._words.move_to_end(key)
                return cached
        expansion = self.vocabulary.expand(word, prefix=prefix)
        # Two letters being typed complete to the most common words in every article; looked
        # for in titles and sources only, they narrow the list the way a reader expects.
        scope = "head : " if prefix and len(word) < 3 else ""
        if not expansion.terms:
            hits = _WordHits(frozenset(), frozenset(), frozenset(), frozenset())
        else:
            terms = " OR ".join(f'"{term}"' for term in expansion.terms)
            anywhere = self._positions(f"{scope}({terms})")
            head = anywhere if scope else self._positions(f"head : ({terms})")
            if len(expansion.terms) == 1 and expansion.exact:
                exact = anywhere
            elif expansion.exact:
                exact = self._positions(f'{scope}"{word}"')
            else:
                exact = frozenset()
            hits = _WordHits(anywhere, head, exact, frozenset(expansion.terms))
        with self._lock:
            self._words[key] = hits
            while len(self._words) > 1 and (
                len(self._words) > _WORD_CACHE_SIZE
                or sum(map(_WordHits.size, self._words.values())) > _WORD_CACHE_POSITIONS
            ):
                self._words.popitem(last=False)
        return hits

    def _positions(self, expression: str) -> frozenset[int]:
        """Catalog positions of the articles matching ``expression`` (C-speed all the way)."""
        positions = frozenset(self._catalog.positions_of_rowids(self._cache.match(expression)))
        return positions - {-1}


def _either(first: _WordHits, second: _WordHits, joined: _WordHits) -> _WordHits:
    """Two words side by side, or the one word they make together."""
    return _WordHits(
        (first.anywhere & second.anywhere) | joined.anywhere,
        (first.head & second.head) | joined.head,
        (first.exact & second.exact) | joined.exact,
        first.terms | second.terms | joined.terms,
    )


def _weigh(hits: tuple[_WordHits, ...] | list[_WordHits], position: int) -> int:
    """An article's rank value: any word outweighs every head match, which outweigh exactness."""
    n = len(hits)
    any_weight, head_weight = (n + 1) ** 2, n + 1
    return sum(
        any_weight * (position in word.anywhere)
        + head_weight * (position in word.head)
        + (position in word.exact)
        for word in hits
    )


def _best(n: int) -> int:
    return n * ((n + 1) ** 2 + n + 1 + 1)
