"""Sentences the app shows, built in one place so the screen's logic stays readable.

Everything returned here is plain text: callers put it in ``Text``/``markup=False`` widgets, so
a folder or article name with square brackets is shown as it is. A path is cleaned like any
file name: a folder may be named with escape sequences too.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from ..library.formats import SUFFIXES
from ..library.locations import config_file
from ..library.sanitize import clean_line

SAFE_SCHEMES = ("http", "https")

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


def no_match(query: str) -> str:
    return f'No articles match "{query.strip()}"'


def count_articles(shown: int, total: int, searching: bool) -> str:
    if searching:
        return f"{shown:,} of {total:,} articles"
    return f"{total:,} article" + ("" if total == 1 else "s")


def problems_notice(count: int) -> str:
    files = "1 file" if count == 1 else f"{count:,} files"
    return f"{files} could not be read: press ! to see them"


def scan_summary(new: int, changed: int, removed: int) -> str:
    if not (new or changed or removed):
        return "Library is up to date"
    return f"Rescanned: {new:,} new, {changed:,} changed, {removed:,} removed"


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
