"""Folding and splitting text into search tokens.

The index and the query must agree on what a word is, or a search misses: both go through
:func:`fold` (case, accents, typographic quotes) and :func:`words`. Highlighting needs the
positions in the *original* text, so :func:`spans` folds token by token and keeps offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

_WORD = re.compile(r"[^\W_]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "“": '"', "”": '"'})
_FOLD_CACHE: dict[str, str] = {}


def fold(text: str) -> str:
    """Lower-case, accent-free, straight-quoted text: `Zürich` and `zurich` fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def fold_word(word: str) -> str:
    """:func:`fold` for one word, memoised: indexing folds the same few words millions of times."""
    folded = _FOLD_CACHE.get(word)
    if folded is None:
        folded = word.lower() if word.isascii() else fold(word)
        if len(_FOLD_CACHE) < 500_000:
            _FOLD_CACHE[word] = folded
    return folded


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return [fold_word(match) for match in _WORD.findall(text)]


def folded_text(text: str) -> str:
    """``text`` reduced to its folded words separated by spaces: what the full-text index stores."""
    return " ".join(words(text))


def iter_words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded word) for each word of ``text``, offsets into ``text`` itself."""
    for match in _WORD.finditer(text):
        yield match.start(), match.end(), fold_word(match.group())


def spans(text: str, matches: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Offsets in ``text`` of the words for which ``matches(folded word)`` is true."""
    return [(start, end) for start, end, word in iter_words(text) if matches(word)]
