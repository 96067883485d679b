"""One outlet, one name: sources as files give them are tidied before they are listed or counted.

Scraped files and feeds name their outlet every which way: `The Guardian` and `the Guardian`,
`http://www.tmz.com`, `www.bbc.co.uk`. A URL becomes the outlet's name where it is a well-known
site, else its bare domain (at index time, so the search and the JSON see it too); spellings that
differ only in case, accents or spacing become the library's most common one (when the catalog is
read, since only the whole library knows which that is).
"""

from __future__ import annotations

import re
from collections import Counter

from .formats.meta import source_from_url
from .tokens import fold

_URL_LIKE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def outlet_name(source: str | None) -> str | None:
    """``source`` tidied: a URL as its outlet or domain, runs of spaces as one."""
    if not source:
        return source
    source = _SPACES.sub(" ", source).strip()
    if _URL_LIKE.match(source):
        url = source if "://" in source else f"http://{source}"
        return source_from_url(url) or source
    return source or None


def spellings(counts: Counter[str]) -> dict[str, str]:
    """How to spell each of the sources counted: its outlet's most common spelling in the
    library, ties going to the one with more capitals (`The Guardian` over `the guardian`).
    Costs a pass over the distinct names, a few hundred."""
    chosen: dict[str, str] = {}
    for name, count in counts.items():
        key = fold(name)
        best = chosen.get(key)
        if best is None or (count, _capitals(name)) > (counts[best], _capitals(best)):
            chosen[key] = name
    return {name: chosen[fold(name)] for name in counts}


def _capitals(name: str) -> int:
    return sum(character.isupper() for character in name)
