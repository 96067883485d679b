"""What an article says, boiled down for telling whether two articles report the same event.

Computed in the scan's worker processes, beside the search index's words, and stored with the
article: a handful of weighted terms. Three things separate one event from another of the same
kind (two earthquakes, two summits of one alliance), and the weights follow them:

- the headline and the lead say what happened; the tail drifts into background that a story
  shares with every earlier one like it. Title words weigh 3, the lead's 2, the rest 1;
- names of people, places and organisations are what differs between two earthquakes: a word
  written with a capital inside a sentence, or an acronym, weighs three times as much (a cheap
  stand-in for named-entity recognition, with no model to download); so do figures (a magnitude
  of 7.2, a rate of 1.25 percent, 138 dead), but not years, which every story of a year shares;
- time, which is the article's date and is kept apart (see :mod:`grouping`).

The document frequency that turns these into TF-IDF weights is the library's, known only when
grouping; here each article is on its own, so this runs in parallel.
"""

from __future__ import annotations

import math
import re
import struct
from collections import Counter
from dataclasses import dataclass
from operator import itemgetter

from .tokens import words

KEPT_TERMS = 48
"""Terms kept per article: enough for the lead and the names, few enough that grouping 100,000
articles handles 5 million weights, not 50."""

_NAME_WEIGHT = 3
_LEAD_WORDS = 60
_TAIL_WORDS = 200
"""Words read past the lead: an article says what it is about long before its end."""

_FIGURE = re.compile(r"\d+(?:[.,]\d+)+")
"""A figure with its decimals (7.2, 1.25, 1,000): figures tell events apart, and the search's
words split them."""
_SENTENCE_END = frozenset('.!?:;"”')
"""A token ending in one of these ends a sentence: the next capital starts one, not a name."""

_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself said says say told tell new one two three year
years time people mr mrs ms monday tuesday wednesday thursday friday saturday sunday week last
first next may might must us many much well even still back like get got made make since yet
ago per via according however
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
"""Words every story shares: function words, reporting verbs, weekdays."""


@dataclass(frozen=True, slots=True)
class StoryText:
    """The paragraphs that the story terms are read from, split once: the lead (the first
    paragraphs, to :data:`_LEAD_WORDS` folded words or just past) and the tail (the next ones,
    to :data:`_TAIL_WORDS`). Each as whitespace tokens, where names and figures are looked for,
    and as folded words, as the search index takes them: the scan reuses both, for the index
    and the word count, and splits only the paragraphs after them again."""

    lead_tokens: list[str]
    lead_words: list[str]
    tail_tokens: list[str]
    tail_words: list[str]
    paragraphs: int
    """How many of the body's paragraphs the lead and the tail are."""


def story_text(body: tuple[str, ...]) -> StoryText:
    """The lead and the tail of ``body``, split; the paragraphs after them are not read."""
    lead_words: list[str] = []
    tail_words: list[str] = []
    lead: list[str] = []
    tail: list[str] = []
    read = 0
    for paragraph in body:
        if len(lead_words) < _LEAD_WORDS:
            lead_words += words(paragraph)
            lead += paragraph.split()
        elif len(tail_words) < _TAIL_WORDS:
            tail_words += words(paragraph)
            tail += paragraph.split()
        else:
            break
        read += 1
    return StoryText(lead, lead_words, tail, tail_words, read)


def story_terms(title: str, text: StoryText) -> tuple[str, bytes]:
    """The article's terms, heaviest first, space-separated, and their weights (float16,
    packed by :mod:`struct`: the scan's processes never load NumPy for it).

    Names are found in the lead and the tail only, figures in the lead. A string and a buffer
    come out: they travel from the worker process and into SQLite as they are, and grouping
    100,000 articles reads them back with one split and one ``frombuffer``.
    """
    lead, tail = text.lead_tokens, text.tail_tokens
    terms = words(title) * 3 + text.lead_words * 2 + text.tail_words
    terms += _names(lead) * (2 * (_NAME_WEIGHT - 1)) + _names(tail) * (_NAME_WEIGHT - 1)
    # the lead's figures are the news' figures; a figure never spans whitespace
    terms += _FIGURE.findall(" ".join(lead)) * (2 * _NAME_WEIGHT)
    kept: list[tuple[str, int]] = []
    for term, n in sorted(Counter(terms).items(), key=itemgetter(1), reverse=True):
        if _useful(term):
            kept.append((term, n))
            if len(kept) == KEPT_TERMS:
                break
    # repeats count less and less: a name said ten times is not ten times the evidence
    damped = [1.0 + math.log(n) for _, n in kept]
    return " ".join(term for term, _ in kept), struct.pack(f"<{len(damped)}e", *damped)


def _useful(term: str) -> bool:
    """Not a stopword nor a letter alone, nor a year, which every story of that year shares."""
    if len(term) < 2 or term in _STOPWORDS:
        return False
    return not (len(term) == 4 and term[:2] in ("19", "20") and term.isdigit())


def _names(tokens: list[str]) -> list[str]:
    """The words of the names among ``tokens`` (a text split at whitespace): capitalised
    inside a sentence, or acronyms.

    One comprehension passes over a lower-case token (most of them) with one test: a third
    faster than a regular expression that looks behind each capital for the end of a sentence,
    and a fifth faster than a loop.
    """
    found = [
        token
        for at, token in enumerate(tokens)
        if not token.islower()
        and (
            (len(token) > 1 and token.isupper())
            or (token[0].isupper() and at > 0 and tokens[at - 1][-1] not in _SENTENCE_END)
        )
    ]
    return words(" ".join(found))
