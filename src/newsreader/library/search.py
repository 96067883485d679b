"""Ranked, typo-tolerant search over the catalog.

A query word becomes a set of indexed words (:mod:`vocabulary`), the full-text index turns those
into the articles holding them (in the head, title and source, or anywhere), and the ranking is:
articles matching more query words first, then more of them in the head, then exact words over
near misses, then newer first. Each word's article sets are kept for a while, so typing the third
word of a query does not look the first two up again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .catalog import Catalog, Positions
from .closeness import LEAD_CHARACTERS, TOP, closer_first
from .filters import Filters
from .lru import Lru
from .query import Query
from .search_words import LoadedWords, SearchWords
from .store import Cache
from .stories import Stories
from .tokens import spans, terms_in_order
from .vocabulary import Vocabulary

if TYPE_CHECKING:  # loaded by the first search, not at start: NumPy takes 80 ms to import
    import numpy as np
    import numpy.typing as npt

    from .position_sets import Mask, PositionSet

Highlighter = Callable[[str], list[tuple[int, int]]]
"""Offsets of the matched words in a text: what :meth:`SearchResults.highlights` is."""

_LEADS_KEPT = 256
"""Articles whose lead's words are kept for closeness: the next keystroke's top is mostly alike."""
_WORD_CACHE_SIZE = 32
_CACHED_POSITIONS = 4_000_000
"""How many positions the word cache, and the term cache, may each hold (16 MB): a common word
at a million articles holds 500,000 three times over."""
_TERM_CACHE_SIZE = 2_000


@dataclass(frozen=True, slots=True)
class _WordHits:
    """Catalog positions of the articles answering one query word."""

    anywhere: PositionSet
    head: PositionSet
    exact: PositionSet
    terms: frozenset[str]

    def size(self) -> int:
        """Positions held (sets shared between fields are counted once)."""
        sets = {id(s): len(s) for s in (self.anywhere, self.head, self.exact)}
        return sum(sets.values())

    @staticmethod
    def none() -> _WordHits:
        from .position_sets import EMPTY

        return _WordHits(EMPTY, EMPTY, EMPTY, frozenset())


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Catalog positions, best first, and what is needed to score and highlight them."""

    query: Query
    positions: Positions
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

    def __init__(
        self,
        cache: Cache,
        catalog: Catalog,
        stories: Callable[[], Stories] | None = None,
        earlier: LoadedWords | None = None,
    ) -> None:
        self._cache = cache
        self._catalog = catalog
        self._index_words = SearchWords(cache, earlier)
        """``earlier``: the previous catalog's words, used while the cache's snapshot of them is
        stale (a file or a batch just came in); see :mod:`search_words`."""
        self._lock = threading.Lock()
        self._searched_with: Vocabulary | None = None
        self._words: Lru[tuple[str, bool], _WordHits] = Lru(
            _WORD_CACHE_SIZE, _CACHED_POSITIONS, _WordHits.size
        )
        self._terms: Lru[tuple[str, bool], PositionSet] = Lru(
            _TERM_CACHE_SIZE, _CACHED_POSITIONS, len
        )
        """Each indexed term's articles (anywhere, or in the head): the next keystroke's word
        mostly expands to the same terms, and only new ones are looked up."""
        self._phrases: Lru[str, _WordHits] = Lru(_WORD_CACHE_SIZE)
        self._filters = Filters(catalog, stories)
        self._leads: Lru[int, list[str]] = Lru(_LEADS_KEPT)

    @property
    def vocabulary(self) -> Vocabulary:
        """Loaded on first use, so a start that never searches never pays for it."""
        return self._vocabulary()[0]

    def _vocabulary(self) -> tuple[Vocabulary, bool]:
        """The words, and whether they are the index's as it is (else a word they lack is
        looked up exactly); words looked up with others before are looked up again."""
        words = self._index_words.get()
        with self._lock:
            if self._searched_with is not None and words[0] is not self._searched_with:
                self._words.clear()
                self._phrases.clear()
            self._searched_with = words[0]
        return words

    @property
    def loaded_words(self) -> LoadedWords | None:
        """The words as far as they are loaded (for the next catalog's engine to start from)."""
        return self._index_words.loaded()

    def search(
        self, query: Query, *, bookmarked: Collection[str] = (), read: Collection[str] = ()
    ) -> SearchResults:
        """Articles answering ``query``; ``bookmarked`` and ``read`` are ids, for `is:` filters."""
        from . import position_sets as sets

        size = len(self._catalog)
        allowed = self._filters.allowed(query, bookmarked, read)
        left_out = self._left_out(query)
        if len(left_out):
            allowed = allowed.copy() if allowed is not None else _all(size)
            allowed[left_out] = False
        needs = self._needs(query)
        if not needs:
            if allowed is None:
                return SearchResults(query, self._catalog.order("newest"))
            return SearchResults(query, sets.as_array(sets.flatnonzero(allowed)))
        return self._rank(query, needs, allowed)

    def _needs(self, query: Query) -> list[_WordHits]:
        """What an article must have, one entry per word or phrase of the query.

        A one-letter word says next to nothing and matches nearly every article: it is skipped,
        rather than make the list jump and the keystroke slow while a word is begun. Two words
        side by side also match as one (`wal mart` finds Walmart): hyphens are bridged at index
        time, spaces here.
        """
        words = [word for word in query.words if len(word) > 1]
        if not words and not query.phrases:
            return []  # and the words are not waited for: a first letter needs none
        vocabulary = self.vocabulary  # the words kept turn to the stored ones here, once current
        last = len(words) - 1
        needs = [self._hits(word, prefix=i == last) for i, word in enumerate(words)]
        for i in range(len(words) - 1, 0, -1):
            joined = words[i - 1] + words[i]
            if joined in vocabulary:
                needs[i - 1 : i + 1] = [
                    self._either(needs[i - 1], needs[i], self._hits(joined, prefix=False))
                ]
        needs += [self._phrase(phrase) for phrase in query.phrases]
        return needs

    def _phrase(self, phrase: tuple[str, ...]) -> _WordHits:
        """The articles holding ``phrase``: its words exactly, then checked for adjacency."""
        return self._phrases.fetch(" ".join(phrase), lambda: self._holding(phrase))

    def _holding(self, phrase: tuple[str, ...]) -> _WordHits:
        from . import position_sets as sets

        size = len(self._catalog)
        parts = [self._hits(word, prefix=False) for word in phrase]
        candidates = sets.intersection(size, *(part.exact for part in parts))
        rowids = self._catalog.rowids
        holding = sets.of(
            self._catalog.positions_of_rowids(
                self._cache.holding_phrase([rowids[p] for p in candidates.tolist()], phrase)
            )
        )
        holding = holding[holding >= 0]
        head = sets.intersection(size, holding, *(part.head for part in parts))
        return _WordHits(holding, head, holding, frozenset(phrase))

    def _left_out(self, query: Query) -> PositionSet:
        """The articles an exclusion (`-sport`, `-"world cup"`) removes: exact words only."""
        from . import position_sets as sets

        found = [
            self._hits(excluded[0], prefix=False).exact
            if len(excluded) == 1
            else self._phrase(excluded).anywhere
            for excluded in query.excluded
        ]
        return sets.union(len(self._catalog), found) if found else sets.EMPTY

    def _rank(self, query: Query, hits: list[_WordHits], allowed: Mask | None) -> SearchResults:
        """Order the matches: more in the head, then exact ones, then newest.

        Every need must be met. When no article meets them all, the best partial matches are
        given instead, marked ``partial``, ranked by how many needs they meet first. The rank
        value of :func:`_weigh` is added up for every article at once, and says which meet
        every need too; catalog positions are already newest first, so one stable sort of the
        found positions by it gives the whole order: a radix sort in C, with no Python code
        run per article.
        """
        from . import position_sets as sets

        weights = _weights(hits, len(self._catalog))
        if allowed is not None:
            weights[~allowed] = 0
        found = sets.flatnonzero(weights >= len(hits) * _any_weight(len(hits)))
        partial = not len(found)
        if partial:
            found = sets.flatnonzero(weights > 0)
        weight = weights[found]
        by_weight = sets.argsort_descending(weight)
        ordered = found[by_weight]
        if not partial:
            ordered = self._closer_first(ordered, weight[by_weight], hits)
        terms = frozenset().union(*(word.terms for word in hits))
        return SearchResults(query, sets.as_array(ordered), terms, tuple(hits), partial=partial)

    def _closer_first(
        self, ordered: PositionSet, weight: npt.NDArray[np.integer], hits: list[_WordHits]
    ) -> PositionSet:
        """The top reordered by how close together the words are (see :mod:`closeness`), within
        each rank value (``weight``, in ``ordered``'s order)."""
        top = ordered[:TOP].tolist()
        tiers = dict(zip(top, (-weight[: len(top)]).tolist(), strict=True))
        reordered = closer_first(
            top,
            [word.terms for word in hits],
            lambda p: (tiers[p],),
            lambda p: terms_in_order(self._catalog.columns.titles[p]),
            self._lead_words,
        )
        if reordered == top:
            return ordered
        ordered = ordered.copy()
        ordered[: len(top)] = reordered
        return ordered

    def _lead_words(self, position: int) -> list[str]:
        """The folded words of an article's title and the start of its body, for closeness."""
        return self._leads.fetch(position, lambda: self._read_lead(position))

    def _read_lead(self, position: int) -> list[str]:
        try:
            body = self._cache.body(self._catalog.rowids[position])[0]
        except KeyError:  # removed by a scan since this catalog was read
            body = ()
        lead = "\n".join(body)[:LEAD_CHARACTERS]
        return terms_in_order(f"{self._catalog.columns.titles[position]}\n{lead}")

    def _hits(self, word: str, *, prefix: bool) -> _WordHits:
        return self._words.fetch((word, prefix), lambda: self._look_up(word, prefix))

    def _look_up(self, word: str, prefix: bool) -> _WordHits:
        """The articles of each term ``word`` expands to, joined.

        Two letters being typed complete to the most common words in every article; looked for
        in titles and sources only, they narrow the list the way a reader expects.
        """
        from . import position_sets as sets

        vocabulary, current = self._vocabulary()
        expansion = vocabulary.expand(word, prefix=prefix)
        if not expansion.terms and not current:  # a word new since, perhaps
            found = self._term(word, head=False)
            if not len(found):
                return _WordHits.none()
            return _WordHits(found, self._term(word, head=True), found, frozenset({word}))
        if not expansion.terms:
            return _WordHits.none()
        size = len(self._catalog)
        head_only = prefix and len(word) < 3
        head = sets.union(size, (self._term(term, head=True) for term in expansion.terms))
        anywhere = head
        if not head_only:
            anywhere = sets.union(size, (self._term(term, head=False) for term in expansion.terms))
        exact = self._term(word, head=head_only) if expansion.exact else sets.EMPTY
        return _WordHits(anywhere, head, exact, frozenset(expansion.terms))

    def _term(self, term: str, *, head: bool) -> PositionSet:
        """The articles holding one indexed ``term``: in their head, or anywhere.

        A term at a time, not an OR of a word's terms: the next keystroke's expansion shares
        most of them, and each looked up alone costs no more (ENGINES.md). In the head it is
        read from an index of headlines and sources alone (see the cache's ``heads``).
        """
        return self._terms.fetch(
            (term, head),
            lambda: self._catalog.positions_of_matches(self._cache.match(term, head=head)),
        )

    def _either(self, first: _WordHits, second: _WordHits, joined: _WordHits) -> _WordHits:
        """Two words side by side, or the one word they make together."""
        from . import position_sets as sets

        size = len(self._catalog)

        def both_or_joined(a: PositionSet, b: PositionSet, c: PositionSet) -> PositionSet:
            return sets.union(size, (sets.intersection(size, a, b), c))

        return _WordHits(
            both_or_joined(first.anywhere, second.anywhere, joined.anywhere),
            both_or_joined(first.head, second.head, joined.head),
            both_or_joined(first.exact, second.exact, joined.exact),
            first.terms | second.terms | joined.terms,
        )


def _all(size: int) -> Mask:
    import numpy as np

    return np.ones(size, dtype=bool)


def _any_weight(n: int) -> int:
    """What matching one of ``n`` needs weighs: more than every head and exact match together."""
    return (n + 1) ** 2


def _weights(hits: tuple[_WordHits, ...] | list[_WordHits], size: int) -> npt.NDArray[np.integer]:
    """:func:`_weigh` of every catalog position, computed for all of them at once (0 for the
    articles that match no word): a few scattered additions over one small array."""
    from . import position_sets as sets

    n = len(hits)
    any_weight, head_weight = _any_weight(n), n + 1
    weight = sets.weights(size, _best(n))
    for word in hits:
        weight[word.anywhere] += any_weight
        weight[word.head] += head_weight
        weight[word.exact] += 1
    return weight


def _weigh(hits: tuple[_WordHits, ...] | list[_WordHits], position: int) -> int:
    """An article's rank value: any word outweighs every head match, which outweigh exactness."""
    from . import position_sets as sets

    n = len(hits)
    any_weight, head_weight = _any_weight(n), n + 1
    return sum(
        any_weight * sets.holds(word.anywhere, position)
        + head_weight * sets.holds(word.head, position)
        + sets.holds(word.exact, position)
        for word in hits
    )


def _best(n: int) -> int:
    return n * ((n + 1) ** 2 + n + 1 + 1)
