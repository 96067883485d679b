"""Folding for search: the run-by-run folding equals the folding of the whole text, and ASCII
text splits into the words the word pattern finds."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.library.tokens import _ACCENTS, _WORD, fold, words


def whole_text_fold(text: str) -> str:
    """The definition: decompose, strip Latin, Greek and Cyrillic accents, fold the case."""
    return _ACCENTS.sub("", unicodedata.normalize("NFKD", text)).casefold()


_TRICKY = [
    "ΟΔΟΣ ΣΟΦΟΣ",  # final sigma: lower() and casefold() differ on it
    "İstanbul",  # lower() gives i and a combining dot
    "\u212a\u212b",  # Kelvin and Angstrom signs: NFKD to ASCII letters
    "Ꭰꭰ",  # Cherokee: casefold() upper-cases it
    "straße ﬁnal ½",
    "Zu\u0308rich e\u0301\u0327 x\u0327\u0301",  # marks after ASCII letters, in both orders
    "한국어 日本語 Ελληνικά Русский हिन्दी",
    "\U0001d400\U0001d41a",  # mathematical bold letters
]


def test_tricky_texts_fold_as_the_whole_text_does() -> None:
    for text in _TRICKY:
        assert fold(text) == whole_text_fold(text), text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.lists(st.sampled_from([*_TRICKY, "a", "B", " "])).map("".join))
def test_any_text_folds_as_the_whole_text_does(text: str) -> None:
    assert fold(text) == whole_text_fold(text)


def pattern_words(text: str) -> list[str]:
    """The definition: the word pattern's matches in the folded text."""
    return _WORD.findall(fold(text))


_ASCII = "".join(chr(c) for c in range(128))


def test_every_ascii_character_splits_words_as_the_pattern_does() -> None:
    text = " ".join(f"a{c}b" for c in _ASCII) + _ASCII
    assert text.isascii() and words(text) == pattern_words(text)
    assert words("Don't  re-elect\tMr_Smith, 7.2%!") == [
        "don",
        "t",
        "re",
        "elect",
        "mr",
        "smith",
        "7",
        "2",
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ASCII, max_size=60) | st.text(max_size=40))
def test_any_text_splits_as_the_pattern_does(text: str) -> None:
    assert words(text) == pattern_words(text)
