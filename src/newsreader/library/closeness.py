"""Words close together rank higher: `van gogh film` puts a film about Van Gogh above a page
that mentions a van, Gogh and a film in three different paragraphs.

The index keeps no word positions (``detail='none'``, see ENGINES.md), so closeness is measured
on the text itself, and only where the user looks: the top results, whose titles are in memory and
whose leads are read on demand. It only reorders results that rank alike otherwise (as many
words in the headline, as many exact), so a headline match still beats a body-only one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

TOP = 30
"""Results reordered: a screenful and a half, the ones a user reads."""
BODY_LOOKS = 15
"""Of those, how many may have their text read when the headline does not hold every word."""
LEAD_CHARACTERS = 20_000
"""How much of a body is looked at: the lead matters, and a 5 MB text must not cost a keystroke."""
_NEAR = 3
"""Words within this many others of each other are close (`van gogh's new film`)."""
_PASSAGE = 30


def window(words: Sequence[str], needs: Sequence[frozenset[str]]) -> int | None:
    """How few consecutive ``words`` hold a match of every need (None: some need is missing).

    The classic smallest covering window: the right end walks the text, the left end follows as
    far as every need stays covered.
    """
    wanted = len(needs)
    held = [0] * wanted
    covered = 0
    best: int | None = None
    answers = [[i for i, terms in enumerate(needs) if word in terms] for word in words]
    left = 0
    for right, meets in enumerate(answers):
        for need in meets:
            if held[need] == 0:
                covered += 1
            held[need] += 1
        while covered == wanted:
            size = right - left + 1
            if best is None or size < best:
                best = size
            for need in answers[left]:
                held[need] -= 1
                if held[need] == 0:
                    covered -= 1
            left += 1
    return best


def closeness(span: int | None, needs: int) -> int:
    """0 for the words side by side, 1 near each other, 2 in one passage, 3 apart, 4 not all."""
    if span is None:
        return 4
    if span <= needs:
        return 0
    if span <= needs + _NEAR:
        return 1
    return 2 if span <= _PASSAGE else 3


def closer_first(
    ordered: list[int],
    needs: Sequence[frozenset[str]],
    tier: Callable[[int], tuple[int, ...]],
    title_words: Callable[[int], list[str]],
    text_words: Callable[[int], list[str]],
) -> list[int]:
    """``ordered`` with its top reordered by closeness within each ``tier`` (lower first), the
    earlier order kept between equals. ``text_words`` is the title and the lead, read on demand."""
    if len(needs) < 2 or len(ordered) < 2:
        return ordered

    def key(item: tuple[int, int]) -> tuple[object, ...]:
        rank, position = item
        span = window(title_words(position), needs)
        if span is None and rank < BODY_LOOKS:
            span = window(text_words(position), needs)
        return (tier(position), closeness(span, len(needs)), rank)

    top = sorted(enumerate(ordered[:TOP]), key=key)
    return [position for _, position in top] + ordered[TOP:]
