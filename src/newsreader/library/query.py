"""The search box's little language: words plus filters, in one line of text.

``clintn lavrov is:unread source:moscow after:2010-01-01`` is two words to find and three
filters. A filter that cannot be understood is reported, not silently taken as a word to search.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from dataclasses import dataclass

from .tokens import words

_FILTER = re.compile(r"^(is|source|after|before):(.*)$", re.IGNORECASE)
_STATES = ("bookmarked", "unread", "read")


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. ``words`` are folded; everything else narrows the articles searched."""

    text: str
    words: tuple[str, ...] = ()
    bookmarked: bool = False
    unread: bool = False
    read: bool = False
    sources: tuple[str, ...] = ()
    after: dt.date | None = None
    before: dt.date | None = None
    errors: tuple[str, ...] = ()

    @property
    def has_filters(self) -> bool:
        return bool(
            self.bookmarked or self.unread or self.read or self.sources or self.after or self.before
        )

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.has_filters


def parse_query(text: str) -> Query:
    """Split ``text`` into words and filters; quotes group a value: `source:"bbc news"`."""
    try:
        parts = shlex.split(text, posix=True)
    except ValueError:  # an unclosed quote while typing: take the words as they stand
        parts = text.replace('"', " ").split()
    found: list[str] = []
    flags = {"bookmarked": False, "unread": False, "read": False}
    sources: list[str] = []
    dates: dict[str, dt.date] = {}
    errors: list[str] = []
    for part in parts:
        match = _FILTER.match(part)
        if not match:
            found.extend(words(part))
            continue
        name, value = match.group(1).lower(), match.group(2).strip()
        if name == "is":
            if value.lower() in _STATES:
                flags[value.lower()] = True
            else:
                errors.append(
                    f"is:{value} is not a filter: use is:bookmarked, is:unread or is:read"
                )
        elif name == "source":
            if value:
                sources.append(value)
        else:
            try:
                dates[name] = dt.date.fromisoformat(value)
            except ValueError:
                errors.append(f"{name}: needs a date such as 2010-09-22")
    return Query(
        text=text,
        words=tuple(found),
        sources=tuple(sources),
        after=dates.get("after"),
        before=dates.get("before"),
        errors=tuple(errors),
        **flags,
    )
