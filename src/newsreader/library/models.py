"""The library's value types.

They are frozen so that a parsed article can be shared between threads (the app's workers) and
cached without anyone mutating it behind another's back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Markup = Literal["text", "markdown"]


@dataclass(frozen=True, slots=True)
class Article:
    """One article as a format parser returns it: the file's meaning, without library bookkeeping.

    Every text field is already cleaned of control characters (see ``sanitize``), so whatever
    shows it, a terminal or a JSON document, can trust it not to carry escape sequences.
    """

    title: str
    body: tuple[str, ...]
    """Paragraphs; plain text, or Markdown blocks when ``markup`` is ``"markdown"``."""
    date: dt.date | None = None
    url: str | None = None
    source: str | None = None
    tags: tuple[str, ...] = ()
    markup: Markup = "text"
    author: str | None = None
    published: dt.datetime | None = None
    """The moment of publication, when the file gives a time of day: aware when it names a zone,
    naive when it does not; ``date`` is then this moment's date as the file states it."""

    @property
    def words(self) -> int:
        return sum(len(paragraph.split()) for paragraph in self.body)

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by blank lines."""
        return "\n\n".join(self.body)


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a file could not become an article: shown as one line, then the file is skipped."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Entry:
    """An article as the library lists it: what a list row or a search result needs, no body.

    ``path`` is relative to the library folder, with ``/`` separators; ``ordinal`` tells
    articles apart when one file (a feed) holds several.
    """

    id: str
    title: str
    date: dt.date | None
    source: str | None
    url: str | None
    path: str
    words: int
    markup: Markup = "text"
    ordinal: int = 0
    published: dt.datetime | None = None
    """As :attr:`Article.published`: set when the file gave a time of day."""


@dataclass(frozen=True, slots=True)
class ScanReport:
    """What a rescan did: the counts `newsreader index` prints and the app reports."""

    new: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    seconds: float = 0.0
    warnings: tuple[str, ...] = field(default_factory=tuple)
    """What went wrong during this scan (a cache rebuilt, say); warnings from opening the
    library are in ``Library.warnings``."""
    skipped: tuple[tuple[str, int], ...] = ()
    """Files of types that are not read, counted by suffix (``(".sgml", 12)``), most first:
    a folder of them is one line, not a problem per file."""


def skipped_summary(skipped: tuple[tuple[str, int], ...]) -> str:
    """What the command line and the app say of them, in one line."""
    counts = ", ".join(f"{count:,} {suffix} file{'s' * (count != 1)}" for suffix, count in skipped)
    return f"Not read, of types newsreader does not open: {counts}"
