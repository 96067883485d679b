"""Sentences the app shows, built in one place so the screen's logic stays readable.

Everything returned here is plain text: callers put it in ``Text``/``markup=False`` widgets, so
a folder or article name with square brackets is shown as it is. A path is cleaned like any
file name: a folder may be named with escape sequences too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from ..library import Entry, ScanReport, folder_of
from ..library.formats import SUFFIXES
from ..library.locations import config_file
from ..library.query import NO_ARTICLE_HAS_EVERY_WORD
from ..library.sanitize import clean_line

SAFE_SCHEMES = ("http", "https")

CLOSEST = NO_ARTICLE_HAS_EVERY_WORD.removesuffix(":")
"""The list's title over partial results: none has every word, these are the closest."""

INDEXING = "Reading the library for the first time: the list fills in when it is done."


def empty_library(root: Path) -> str:
    suffixes = ", ".join(sorted(SUFFIXES))
    return (
        f"No articles in {clean_line(str(root))}\n\n"
        f"This folder holds no article files ({suffixes}). To open another library folder:\n\n"
        "  newsreader --library DIR\n"
        "  NEWSREADER_LIBRARY=DIR newsreader\n"
        f'  or put  library = "DIR"  in {config_file()}'
    )


def missing_library(root: Path) -> str:
    return (
        f"Library folder {root} is missing or unreadable\n\n"
        "Is it on a disk that is not mounted? Nothing cached was dropped: press r to rescan "
        "once the folder is back."
    )


def no_match(query: str) -> str:
    return f'No articles match "{query.strip()}"'


def none_yet(query: str, indexed: int, to_index: int) -> str:
    """An empty search during a first index: not "no match", as more articles are coming."""
    return (
        f'Nothing matches "{query.strip()}" in the {indexed:,} articles listed so far; '
        f"{to_index:,} files are being read, and results will appear as they are listed."
    )


def count_articles(
    shown: int,
    total: int,
    searching: bool,
    indexing: tuple[int, int] | None = None,
    unread: int | None = None,
) -> str:
    """The header's count, with how many of those shown are unread; during an index, how far it
    has got, so that a search with few results is not taken for the archive having nothing more."""
    if indexing is not None:
        done, to_do = indexing
        found = f"{shown:,} found, " if searching else ""
        return f"{found}searching {total:,} listed so far ({done:,} of {to_do:,} files read)"
    if searching:
        count = f"{shown:,} of {total:,} articles"
    else:
        count = f"{total:,} article" + ("" if total == 1 else "s")
    return count if unread is None else f"{count} · {unread:,} unread"


NO_STORY = "No other report of this article's event in the library"
NO_PROBLEMS = "No problems: every file in the library was read"


def when(date: dt.date | None, published: dt.datetime | None) -> str:
    """A date, with the time of day where the file gave one: in local time when its zone is
    known, as the file says it otherwise."""
    if published is not None:
        return f"{published.astimezone() if published.tzinfo else published:%Y-%m-%d %H:%M}"
    return date.isoformat() if date else ""


def also_covered(others: Sequence[Entry]) -> str:
    """The other reports of a story, for the reader: each outlet with its date and time."""
    names = []
    for entry in others:
        name = entry.source or folder_of(entry.path) or entry.title[:40]
        moment = when(entry.date, entry.published)
        names.append(f"{name} ({moment})" if moment else name)
    return f"Also covered by {', '.join(names)} (C: the next, c: all of them)"


def problems_notice(count: int) -> str:
    files = "1 file" if count == 1 else f"{count:,} files"
    return f"{files} could not be read: press ! to see them"


def scan_summary(new: int, changed: int, removed: int) -> str:
    if not (new or changed or removed):
        return "Library is up to date"
    return f"Rescanned: {new:,} new, {changed:,} changed, {removed:,} removed"


def live_summary(report: ScanReport, new: int, removed: int) -> str:
    """One short notice for a batch of files changed while the app is open (``3 new articles``).

    Articles are counted by id, before and after (``new`` and ``removed``): a feed file holds
    many. A file rewritten in place keeps its articles' ids, and counts as changed; "" when no
    article changed at all.
    """
    counts = [(new, "new"), (removed, "removed")]
    parts = [(count, word) for count, word in counts if count]
    if not parts and report.changed:
        parts = [(report.changed, "updated")]
    if not parts:
        return ""
    (count, word), rest = parts[0], parts[1:]
    noun = "article" if count == 1 else "articles"
    first = f"{count:,} new {noun}" if word == "new" else f"{count:,} {noun} {word}"
    return ", ".join([first, *(f"{count:,} {word}" for count, word in rest)])


def not_watching(reason: str) -> str:
    return f"Not watching the library folder for new files: {reason}"


def url_refusal(url: str | None) -> str | None:
    """Why ``url`` must not be opened, or None when it is a plain web address."""
    if not url:
        return "This article has no url"
    parts = urlsplit(url)
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return f"Not opening {url!r}: only http and https links are opened"
    return None


def toggle_filter(query: str, token: str) -> str:
    """``query`` with ``token`` (such as ``is:bookmarked``) added, or removed when present."""
    words = query.split()
    if any(word.lower() == token for word in words):
        return " ".join(word for word in words if word.lower() != token)
    return f"{query.rstrip()} {token}".strip()
