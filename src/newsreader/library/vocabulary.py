"""The indexed words, and the typo-tolerant lookup that turns a typed word into indexed ones.

Fuzzy-matching a word against a few hundred thousand distinct words costs milliseconds, while
fuzzy-matching it against 100,000 article bodies costs seconds; so a query word is first expanded
here (exact, completions, near misses) and the full-text index then finds articles by exact terms.
"""

from __future__ import annotations

import bisect
import heapq
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

EXACT, PREFIX, FUZZY = 3, 2, 1
"""How well an indexed word answers a typed one; the ranking prefers better answers."""

MAX_EXPANSIONS = 40
"""Completions kept for a prefix (the most frequent): `c` must not become 20,000 terms."""

_PREFIX_SCAN = 4000
"""Indexed words looked at for one prefix before settling on the most frequent ones."""


def max_typos(word: str) -> int:
    """Edits tolerated in a word: none in short words, where one edit makes another word."""
    if len(word) <= 3 or not word.isalpha():
        return 0
    return 1 if len(word) <= 6 else 2


@dataclass(frozen=True, slots=True)
class Expansion:
    """Indexed words that answer one typed word, each with how well it answers."""

    word: str
    terms: dict[str, int]

    @property
    def exact(self) -> bool:
        return self.terms.get(self.word) == EXACT


class Vocabulary:
    """Every distinct indexed word with its document frequency."""

    def __init__(self, terms: list[tuple[str, int]]) -> None:
        terms.sort()
        self._terms = [term for term, _ in terms]
        self._docs = [docs for _, docs in terms]
        self._by_length: dict[int, list[str]] = {}
        for term in self._terms:
            if term.isalpha():
                self._by_length.setdefault(len(term), []).append(term)

    def __len__(self) -> int:
        return len(self._terms)

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self._frequency(term) > 0

    def expand(self, word: str, *, prefix: bool) -> Expansion:
        """Indexed words for ``word``: itself, near misses and, if ``prefix``, its completions."""
        terms: dict[str, int] = {}
        if word in self:
            terms[word] = EXACT
        if prefix:
            for term in self._completions(word):
                terms.setdefault(term, PREFIX)
        typos = max_typos(word)
        if typos:
            for length in range(len(word) - typos, len(word) + typos + 1):
                bucket = self._by_length.get(length)
                if not bucket:
                    continue
                for term, _, _ in process.extract(
                    word, bucket, scorer=OSA.distance, score_cutoff=typos, limit=None
                ):
                    terms.setdefault(term, FUZZY)
        return Expansion(word, terms)

    def _completions(self, word: str) -> list[str]:
        start = bisect.bisect_right(self._terms, word)
        stop = min(start + _PREFIX_SCAN, len(self._terms))
        found: list[tuple[int, str]] = []
        for index in range(start, stop):
            term = self._terms[index]
            if not term.startswith(word):
                break
            found.append((self._docs[index], term))
        return [term for _, term in heapq.nlargest(MAX_EXPANSIONS, found)]

    def _frequency(self, term: str) -> int:
        index = bisect.bisect_left(self._terms, term)
        if index < len(self._terms) and self._terms[index] == term:
            return self._docs[index]
        return 0
