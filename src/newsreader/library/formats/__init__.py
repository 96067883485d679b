"""Reading article files: one module per format, one entry point for the rest of the library.

:func:`parse_file` is the only door through which file contents enter the program, so it is
where the guarantees live: it never raises, whatever the file holds or whatever the operating
system says; it never reads more than the size limit; and every string it returns has been
cleaned (see ``sanitize``).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from ..encoding import DecodeError, decode
from ..models import Article, Problem

__all__ = ["DEFAULT_MAX_BYTES", "MAX_TITLE", "SUFFIXES", "parse_file", "short_title"]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

MAX_TITLE = 500
"""Characters in a title. A real headline has under 200; a title made of a whole scraped page, or
of one letter under 64,000 accents, would otherwise fill every list row and slow every redraw."""

# A parser turns decoded text and the file's name into articles, or a short problem reason.
Parser = Callable[[str, str], tuple[Article, ...] | str]
# A feed parser gets the file's bytes: an XML feed declares its own encoding (see feed_bytes).
BytesParser = Callable[[bytes, str], tuple[Article, ...] | str]

_PARSERS: dict[str, tuple[str, str]] = {
    ".txt": ("text", "parse_text"),
    ".md": ("markdown", "parse_markdown"),
    ".markdown": ("markdown", "parse_markdown"),
    ".html": ("html", "parse_html"),
    ".htm": ("html", "parse_html"),
    ".json": ("jsonfeed", "parse_json_feed"),
}
"""Each suffix's parser, by module and name: imported when a file of its kind is first parsed.
The app imports this package at start, and most of it never parses a file there (a big scan
parses in worker processes): feedparser, lxml and the HTML readers took 75 ms of a loaded
start."""
_BYTES_PARSERS: dict[str, tuple[str, str]] = {
    ".rss": ("feeds", "parse_feed"),
    ".atom": ("feeds", "parse_feed"),
    ".xml": ("feeds", "parse_feed"),
    ".rdf": ("feeds", "parse_feed"),
}

SUFFIXES: frozenset[str] = frozenset(_PARSERS) | frozenset(_BYTES_PARSERS)

# Opening a FIFO named like an article would otherwise block the scan until someone writes to it.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_MB = 1024 * 1024
_CHUNK = 1024 * 1024


class _Refused(Exception):
    """A file that is not read at all; the message is the problem's reason."""


def parse_file(
    path: Path, *, display_path: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Article, ...] | Problem:
    """The articles in ``path``, or the one-line reason it holds none.

    ``display_path`` is how the problem names the file (relative to the library folder).
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        return Problem(display_path, f"unsupported file type ({path.suffix or 'no suffix'})")
    try:
        data = _read(path, max_bytes)
    except _Refused as refusal:
        return Problem(display_path, str(refusal))
    except IsADirectoryError:  # Windows says so when opening, POSIX systems only on fstat
        return Problem(display_path, "is a directory")
    except OSError as error:
        return Problem(display_path, f"cannot read: {_os_reason(error)}")
    if not data:
        return Problem(display_path, "empty file")
    try:
        result = _parse(data, suffix, path.name)
    except DecodeError as error:
        return Problem(display_path, str(error))
    except Exception as error:  # a parser bug must cost one file, never the whole scan
        return Problem(display_path, f"internal error while parsing ({type(error).__name__})")
    if isinstance(result, str):
        return Problem(display_path, result)
    return tuple(
        dataclasses.replace(article, title=short_title(article.title))
        if len(article.title) > MAX_TITLE
        else article
        for article in result
    )


def _parse(data: bytes, suffix: str, name: str) -> tuple[Article, ...] | str:
    if suffix in _BYTES_PARSERS:
        bytes_parser: BytesParser = _imported(*_BYTES_PARSERS[suffix])
        return bytes_parser(data, name) if data.strip() else "no text"
    text = decode(data)
    if not text.strip():
        return "no text"
    parser: Parser = _imported(*_PARSERS[suffix])
    return parser(text, name)


@functools.cache
def _imported(module: str, name: str) -> Callable[..., tuple[Article, ...] | str]:
    parser: Callable[..., tuple[Article, ...] | str] = getattr(
        importlib.import_module(f".{module}", __name__), name
    )
    return parser


def short_title(title: str) -> str:
    """``title`` cut to MAX_TITLE characters, at the last word boundary, with an ellipsis."""
    if len(title) <= MAX_TITLE:
        return title
    cut = title[: MAX_TITLE - 1]
    space = cut.rfind(" ")
    if space > MAX_TITLE // 2:  # else one huge word: cut it where it is
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def _read(path: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a regular file; the size is checked before anything is read."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _Refused("is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise _Refused("not a regular file")
        if info.st_size > max_bytes:
            raise _Refused(_too_large(info.st_size, max_bytes))
        chunks: list[bytes] = []
        wanted = max_bytes + 1  # one byte more tells a file that grew since fstat
        while wanted > 0:
            chunk = os.read(fd, min(wanted, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise _Refused(_too_large(len(data), max_bytes))
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return f"too large ({size / _MB:.1f} MB > {max_bytes / _MB:.1f} MB limit)"


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "file not found"
    if error.strerror:
        return error.strerror.lower()
    return type(error).__name__
