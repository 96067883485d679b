"""Articles made ready for the cache: what the scan's worker processes hand the one writer.

Everything costly (parsing, folding words for the index, compressing bodies) is done here, in the
workers, so that the process writing SQLite only inserts rows.
"""

from __future__ import annotations

import datetime as dt
import threading
import zlib
from typing import NamedTuple

import zstandard

from .models import Markup
from .tokens import compounds, words

_PARAGRAPH_SEPARATOR = "\x1e"
"""Paragraphs never hold control characters (the parsers clean them), so this one is free."""


class PreparedArticle(NamedTuple):
    """An article made ready to store: everything computed outside the database transaction.

    Named tuples, not dataclasses: a cold index pickles a million of these from the workers to
    the writer, and a dataclass pickles field by field in Python (19 us an article both ways,
    against 6 for a tuple)."""

    id: str
    ordinal: int
    title: str
    date: dt.date | None
    source: str | None
    url: str | None
    words: int
    markup: Markup
    tags: tuple[str, ...]
    author: str | None
    published: dt.datetime | None
    packed_body: bytes
    """The paragraphs as :func:`pack_body` stores them: compressed in the worker, not the writer."""
    folded_head: str
    folded_body: str
    story_terms: str
    story_weights: bytes
    """What grouping into stories compares (see :mod:`story_features`)."""


class PreparedFile(NamedTuple):
    """One scanned file: its articles, or the problem that kept it out."""

    rel: bytes
    display_path: str
    size: int
    mtime_ns: int
    articles: tuple[PreparedArticle, ...] = ()
    problem: str | None = None


class _Zstd(threading.local):
    """One compressor and decompressor per thread (they are not thread-safe): made anew for
    each body they cost three times as much as the compression itself."""

    def __init__(self) -> None:
        self.compressor = zstandard.ZstdCompressor(level=1)
        self.decompressor = zstandard.ZstdDecompressor()


_ZSTD = _Zstd()
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def pack_body(body: tuple[str, ...]) -> bytes:
    """The paragraphs compressed with zstd: as small as zlib's fastest level makes them, in a
    quarter of the time (11 against 38 us a body), which was a tenth of a cold index's parsing.
    """
    text = _PARAGRAPH_SEPARATOR.join(body).encode("utf-8", "surrogatepass")
    return _ZSTD.compressor.compress(text)


def unpack_body(blob: bytes) -> tuple[str, ...]:
    """The paragraphs :func:`pack_body` packed, or zlib packed in caches made before it."""
    zstd = blob[:4] == _ZSTD_MAGIC
    data = _ZSTD.decompressor.decompress(blob) if zstd else zlib.decompress(blob)
    text = data.decode("utf-8", "surrogatepass")
    return tuple(text.split(_PARAGRAPH_SEPARATOR)) if text else ()


def fts_columns(
    title: str,
    source: str | None,
    body: tuple[str, ...],
    body_words: list[str] | None = None,
) -> tuple[str, str]:
    """The two indexed columns: the head (title and source, which outrank the body) and body.

    Each distinct word appears once: the index keeps no positions (``detail='none'``), so
    repeats would only cost tokenizing time; so does each compound, joined (`walmart` for
    `Wal-Mart`). Deleting a row recomputes these same strings. ``body_words``, when given, are
    ``words(" ".join(body))`` already split (by paragraph, for the story terms).
    """
    head_text, body_text = f"{title} {source or ''}", " ".join(body)
    head = dict.fromkeys([*words(head_text), *compounds(head_text)])
    folded = words(body_text) if body_words is None else body_words
    return " ".join(head), " ".join(dict.fromkeys([*folded, *compounds(body_text)]))
