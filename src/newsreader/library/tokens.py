"""Folding and splitting text into search tokens.

The index and the query must agree on what a word is, or a search misses: both go through
:func:`fold` (case and accents) and :func:`words`. Quotes of every style separate words, so
`don't` and `don’t` both become `don t`; and a compound joined by hyphens or apostrophes is also
one word, its parts run together (:func:`compounds`): `Wal-Mart` is `wal`, `mart` and `walmart`,
so a search for `walmart` or `wal-mart` finds both spellings. Highlighting needs the positions in
the *original* text, so :func:`spans` folds token by token and keeps offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

_WORD = re.compile(r"[^\W_]+")
_COMPOUND = re.compile(r"[^\W_]+(?:[-\u2010\u2011'\u2019][^\W_]+)+")
_JOINER = re.compile(r"[-\u2010\u2011'\u2019]")
# The combining marks that NFKD splits off Latin, Greek and Cyrillic letters. Marks of other
# scripts (Indic vowel signs, say) are part of their letters and stay.
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_FOLDED_RUNS: dict[str, str] = {}
_MAX_FOLDED_RUNS = 4096


def fold(text: str) -> str:
    """Lower-case, accent-free text: `Zürich` and `zurich` fold alike.

    News text is ASCII but for a few runs (a curly quote, an accented name): only those runs are
    decomposed and stripped, each once per process, and the rest is lower-cased. That is the
    folding of the whole text (decomposition and case folding act on each character alone, and
    no mark reorders across an ASCII letter; checked for every character) in three quarters of
    the time, and the folding is a fifth of a cold index's parsing."""
    if text.isascii():
        return text.lower()
    return _NON_ASCII.sub(_fold_run, text.lower())


def _fold_run(match: re.Match[str]) -> str:
    run = match.group()
    folded = _FOLDED_RUNS.get(run)
    if folded is None:
        folded = _ACCENTS.sub("", unicodedata.normalize("NFKD", run)).casefold()
        if len(_FOLDED_RUNS) >= _MAX_FOLDED_RUNS:  # a text in another script: runs don't repeat
            _FOLDED_RUNS.clear()
        _FOLDED_RUNS[run] = folded
    return folded


_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})
"""Every ASCII character that is not in a word (``_WORD``'s ``[^\\W_]`` is ``isalnum``), as a
space: ASCII text is split into its words by ``str.split`` after it."""


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order.

    Folded text that is ASCII (56 % of a news corpus's paragraphs) is split by a translation
    table and ``str.split``: 9 % quicker over the paragraphs than the pattern, which the rest
    (curly quotes, other scripts) still takes."""
    folded = fold(text)
    if folded.isascii():
        return folded.translate(_ASCII_SEPARATORS).split()
    return _WORD.findall(folded)


def iter_words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded word) for each word of ``text``, offsets into ``text`` itself."""
    for match in _WORD.finditer(text):
        yield match.start(), match.end(), fold(match.group())


def spans(text: str, matches: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Offsets in ``text`` of the words (and compounds) for which ``matches(folded)`` is true,
    in order and not overlapping: a matched compound covers its parts."""
    found = sorted(
        ((start, end) for start, end, word in iter_terms(text) if matches(word)),
        key=lambda span: (span[0], -span[1]),
    )
    kept: list[tuple[int, int]] = []
    for start, end in found:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def compounds(text: str) -> list[str]:
    """The folded, joined form of each hyphenated or apostrophised compound in ``text``."""
    return ["".join(words(text[a:b])) for a, b in _compound_spans(text)]


def iter_terms(text: str) -> Iterator[tuple[int, int, str]]:
    """Like :func:`iter_words`, plus each compound as a whole (its joined form)."""
    yield from iter_words(text)
    for start, end in _compound_spans(text):
        yield start, end, "".join(words(text[start:end]))


def terms_in_order(text: str) -> list[str]:
    """The folded words of ``text`` in reading order, each compound's joined form just before
    its parts: what a search word can match, where it stands."""
    found = sorted(iter_terms(text), key=lambda term: (term[0], -term[1]))
    return [term for _, _, term in found]


def _compound_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where the compounds are: found from their joiners, not by trying a compound at every word,
    which made indexing 65% slower; a body has few joiners and many words."""
    end = -1
    for joiner in _JOINER.finditer(text):
        at = joiner.start()
        if at < end:
            continue  # inside the compound just found (`mother-in-law`)
        start = at
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        if start < at and (match := _COMPOUND.match(text, start)):
            end = match.end()
            yield start, end


def holds_run(text: str, run: tuple[str, ...]) -> bool:
    """Whether the folded words of ``text`` hold ``run`` next to each other, in order."""
    found = words(text)
    first, size = run[0], len(run)
    return any(found[i : i + size] == list(run) for i, word in enumerate(found) if word == first)
