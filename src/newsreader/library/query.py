"""The search box's little language: words, phrases, exclusions and filters, in one line of text.

``clintn lavrov "foreign minister" -sport is:unread source:"moscow times" after:2010-01-01`` is
two words and a phrase to find, a word to leave out, and three filters. Every word must match (with
its typo tolerance); a phrase matches its words next to each other, in order; ``-word`` and
``-"a phrase"`` leave out the articles that have them. A hyphenated word is one word either way:
``wal-mart`` and ``walmart`` are the same search. A filter that cannot be understood is reported,
not silently taken as a word to search.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .tokens import words

_FILTER = re.compile(r"^(is|source|folder|after|before):(.*)$", re.IGNORECASE | re.DOTALL)
_STATES = ("bookmarked", "unread", "read")

# A token: an optional "-", then a quoted part (closed or still being typed) or a run of
# non-space characters that may itself hold a quoted part (`source:"bbc news"`).
_TOKEN = re.compile(r'(-?)((?:[^\s"]*"[^"]*(?:"|$))+[^\s"]*|[^\s"]+)')

_FILTER_NAMES = ("is:", "source:", "folder:", "after:", "before:")

NO_ARTICLE_HAS_EVERY_WORD = "No article has every word; closest matches:"
"""Said above partial results, in the command line and the app alike."""


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. Words are folded; everything else narrows the articles searched."""

    text: str
    words: tuple[str, ...] = ()
    """Words that must each match, typos forgiven; the last one may be a prefix being typed."""
    phrases: tuple[tuple[str, ...], ...] = ()
    """Runs of words that must stand next to each other, in order, exactly."""
    excluded: tuple[tuple[str, ...], ...] = ()
    """Words (one-word runs) and phrases whose articles are left out."""
    bookmarked: bool = False
    unread: bool = False
    read: bool = False
    sources: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()
    after: dt.date | None = None
    before: dt.date | None = None
    errors: tuple[str, ...] = ()
    unfinished: bool = False
    """The text ends in a filter that may still be being typed (`is:un`): its error, if any,
    is better shown once the user pauses."""

    @property
    def has_filters(self) -> bool:
        return bool(
            self.bookmarked
            or self.unread
            or self.read
            or self.sources
            or self.folders
            or self.after
            or self.before
        )

    @property
    def searches_text(self) -> bool:
        """Whether there is anything to look for in the articles' words."""
        return bool(self.words or self.phrases)

    @property
    def is_empty(self) -> bool:
        return not self.searches_text and not self.excluded and not self.has_filters


def parse_query(text: str) -> Query:
    """Split ``text`` into words, phrases, exclusions and filters."""
    found: list[str] = []
    phrases: list[tuple[str, ...]] = []
    excluded: list[tuple[str, ...]] = []
    flags = {"bookmarked": False, "unread": False, "read": False}
    named: dict[str, list[str]] = {"source": [], "folder": []}
    dates: dict[str, dt.date] = {}
    errors: list[str] = []
    last_was_filter = False
    for match in _TOKEN.finditer(text):
        minus, token = match.group(1) == "-", match.group(2)
        last_was_filter = False
        if _FILTER.match(token):
            last_was_filter = True
            name, value = _FILTER.match(token).group(1, 2)  # type: ignore[union-attr]
            error = _apply_filter(name.lower(), _unquote(value), flags, named, dates)
            if error:
                errors.append(error)
            continue
        quoted = token.startswith('"')
        folded = tuple(words(_unquote(token)))
        if not folded:
            continue
        if minus:
            excluded.append(folded if quoted else (_joined(token, folded),))
        elif quoted and len(folded) > 1:
            phrases.append(folded)
        else:
            found.append(_joined(token, folded) if not quoted else folded[0])
    ends_in_filter = bool(text) and not text[-1].isspace() and last_was_filter
    return Query(
        text=text,
        words=tuple(found),
        phrases=tuple(phrases),
        excluded=tuple(excluded),
        sources=tuple(named["source"]),
        folders=tuple(named["folder"]),
        after=dates.get("after"),
        before=dates.get("before"),
        errors=tuple(errors),
        unfinished=ends_in_filter or _begins_a_filter(text),
        **flags,
    )


def _joined(token: str, folded: tuple[str, ...]) -> str:
    """One word for a token: `Wal-Mart` and `e-mail` are searched as `walmart` and `email`
    (the index holds hyphenated compounds joined too); `don't` stays two words' first part
    joined the same way, `dont`, which the typo tolerance also finds as `don t`."""
    return "".join(folded) if len(folded) > 1 else folded[0]


def _unquote(value: str) -> str:
    return value.replace('"', " ").strip()


def _begins_a_filter(text: str) -> bool:
    """`is`, `sourc`: the start of a filter name at the end of the text."""
    last = text.rsplit(maxsplit=1)[-1].lstrip("-").lower() if text.strip() else ""
    return (
        bool(last)
        and not text[-1].isspace()
        and any(name.startswith(last) for name in _FILTER_NAMES)
    )


def _apply_filter(
    name: str,
    value: str,
    flags: dict[str, bool],
    named: dict[str, list[str]],
    dates: dict[str, dt.date],
) -> str | None:
    """Record one filter; the problem with it, if any, as a sentence."""
    if name == "is":
        if value.lower() in _STATES:
            flags[value.lower()] = True
            return None
        return f"is:{value} is not a filter: use is:bookmarked, is:unread or is:read"
    if name in named:  # source: and folder:, forgiving names
        if value:
            named[name].append(value)
        return None
    try:
        dates[name] = dt.date.fromisoformat(value)
    except ValueError:
        return f"{name}: needs a date such as 2010-09-22"
    return None
