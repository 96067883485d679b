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

import numpy as np

from .tokens import fold

KEPT_TERMS = 48
"""Terms kept per article: enough for the lead and the names, few enough that grouping 100,000
articles handles 5 million weights, not 50."""

_NAME_WEIGHT = 3.0
_LEAD_WORDS = 60
_TAIL_WORDS = 600
"""Words read past the lead: a 20,000-word article says what it is about long before the end."""

_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:['’][^\W_]+)?|[.!?:;\"“”]")
_YEAR = re.compile(r"(19|20)\d\d")
_SENTENCE_END = frozenset('.!?:;"“”')

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


def story_terms(title: str, body: tuple[str, ...]) -> tuple[str, bytes]:
    """The article's terms, heaviest first, space-separated, and their weights (float16).

    A string and a buffer: they travel from the worker process and into SQLite as they are, and
    grouping 100,000 articles reads them back with one split and one ``frombuffer``.
    """
    weights: dict[str, float] = {}
    _add(title, 3.0, weights, 10**6, names=False)
    lead_left = _LEAD_WORDS
    tail_left = _TAIL_WORDS
    for paragraph in body:
        if lead_left > 0:
            lead_left = _add(paragraph, 2.0, weights, lead_left)
        elif tail_left > 0:
            tail_left = _add(paragraph, 1.0, weights, tail_left)
        else:
            break
    # repeats count less and less: a name said ten times is not ten times the evidence
    damped = {term: 1.0 + math.log(weight) for term, weight in weights.items()}
    kept = sorted(damped.items(), key=lambda item: (-item[1], item[0]))[:KEPT_TERMS]
    packed = np.array([weight for _, weight in kept], dtype=np.float16).tobytes()
    return " ".join(term for term, _ in kept), packed


def _add(
    text: str, weight: float, weights: dict[str, float], budget: int, *, names: bool = True
) -> int:
    """Add ``text``'s words to ``weights``; returns how many of ``budget`` words are left.

    A headline in Title Case capitalises every word, so names are told only in paragraphs.
    """
    starts_sentence = True
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in _SENTENCE_END:
            starts_sentence = True
            continue
        budget -= 1
        folded = fold(token).replace("’", "'")
        named = (
            names
            and len(token) > 1
            and (token.isupper() or (token[0].isupper() and not starts_sentence))
        )
        starts_sentence = False
        if folded in _STOPWORDS or len(folded) < 2 or _YEAR.fullmatch(folded):
            if budget <= 0:
                break
            continue
        folded = folded.split("'")[0]  # Russia's and Russia are one name
        weights[folded] = weights.get(folded, 0.0) + (_NAME_WEIGHT * weight if named else weight)
        if budget <= 0:
            break
    return budget
