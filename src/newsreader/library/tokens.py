"""Folding and splitting text into search tokens.

The index and the query must agree on what a word is, or a search misses: both go through
:func:`fold` (case and accents) and :func:`words`. Quotes of every style separate words, so
`don't` and `don’t` both become `don t`. Highlighting needs the
positions in the *original* text, so :func:`spans` folds token by token and keeps offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

_WORD = re.compile(r"[^\W_]+")
# The combining marks that NFKD splits off Latin, Greek and Cyrillic letters. Marks of other
# scripts (Indic vowel signs, say) are part of their letters and stay.
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lower-case, accent-free text: `Zürich` and `zurich` fold alike."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return _ACCENTS.sub("", decomposed).casefold()


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return _WORD.findall(fold(text))


def iter_words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded word) for each word of ``text``, offsets into ``text`` itself."""
    for match in _WORD.finditer(text):
        yield match.start(), match.end(), fold(match.group())


def spans(text: str, matches: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Offsets in ``text`` of the words for which ``matches(folded word)`` is true."""
    return [(start, end) for start, end, word in iter_words(text) if matches(word)]
