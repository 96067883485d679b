"""The cache's story table: each article's story, day and weighted terms, and grouping the new.

Articles come in with no story; at the end of a scan :func:`group_pending` gives them one. On a
cold index, or when many arrive at once, every article is grouped together in memory; when a
rescan brings a few, only the stored articles that could be their fellows are read back (those
dated near them, and those sharing one of their rare words, found by the full-text index), so
100 new files cost the same in a library of 100,000 as in one of 1,000.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: NumPy comes with them, and a start needs neither
    from .grouping import Item

SCHEMA = """
CREATE TABLE story_articles (
    rowid INTEGER PRIMARY KEY,
    story INTEGER,
    day INTEGER,
    terms TEXT NOT NULL,
    weights BLOB NOT NULL
);
CREATE INDEX story_articles_story ON story_articles(story);
CREATE INDEX story_articles_day ON story_articles(day)
"""
"""``story`` is NULL until grouped; ``day`` is the date's ordinal (NULL when undated)."""

_FEW = 2000
"""Up to this many new articles, only their likely fellows are read back; more, and reading
every stored article is the cheaper way (a cold index, a big folder copied in)."""

_RARE = 30
"""A word in at most this many articles is specific enough to find an undated report's or a
copy's fellows by (a name, a place): commoner words would bring back thousands of candidates."""

_RARE_PER_ARTICLE = 4

_SELECT = "SELECT rowid, day, terms, weights, story FROM story_articles"


def add(db: sqlite3.Connection, rows: Iterable[tuple[int, dt.date | None, str, bytes]]) -> None:
    """Store new articles' (rowid, date, terms, weights), for :func:`group_pending` to group."""
    db.executemany(
        "INSERT INTO story_articles (rowid, day, terms, weights) VALUES (?, ?, ?, ?)",
        [
            (rowid, date.toordinal() if date else None, terms, weights)
            for rowid, date, terms, weights in rows
        ],
    )


def forget(db: sqlite3.Connection, rowids: Iterable[int]) -> None:
    """A deleted article leaves its story; the others stay together."""
    db.executemany("DELETE FROM story_articles WHERE rowid = ?", [(rowid,) for rowid in rowids])


def count_pending(db: sqlite3.Connection) -> int:
    """How many articles wait for a story (counted in the story index)."""
    return int(db.execute("SELECT count(*) FROM story_articles WHERE story IS NULL").fetchone()[0])


@dataclass(frozen=True, slots=True)
class Waiting:
    """The articles waiting for a story, and the grouped ones read with them."""

    pending: list[Item]
    others: list[Item] | None
    """Every grouped article when more than :data:`_FEW` wait: that needs no word counts, so a
    big grouping reads it while they are stored (see :func:`cache_snapshots.refresh_at`).
    None when few wait: their likely fellows are found through the counts."""


def read_waiting(db: sqlite3.Connection) -> Waiting:
    """What :func:`group_pending` reads before the words' counts."""
    pending = _items(db, f"{_SELECT} WHERE story IS NULL")
    many = len(pending) > _FEW
    return Waiting(pending, _items(db, f"{_SELECT} WHERE story IS NOT NULL") if many else None)


def group_pending(db: sqlite3.Connection, waiting: Waiting | None = None) -> int:
    """Give every article without a story one; returns how many were grouped.

    Needs the ``terms`` table current (the words' article counts, for the IDF). ``waiting``
    is :func:`read_waiting`'s answer when it was read already, on another connection.
    """
    if waiting is None:
        waiting = read_waiting(db)
    pending = waiting.pending
    if not pending:
        return 0
    from .grouping import group

    total = db.execute("SELECT count(*) FROM story_articles").fetchone()[0]
    if waiting.others is not None:
        others = waiting.others
        doc_freq = dict(db.execute("SELECT term, docs FROM terms"))
    else:
        others = _fellows(db, pending, _doc_freq(db, pending), total)
        doc_freq = _doc_freq(db, pending + others)
    items = pending + others
    spans = _spans(db, {item.story for item in others if item.story is not None})
    grouped = group(items, doc_freq, total, spans)
    db.executemany(
        "UPDATE story_articles SET story = ? WHERE rowid = ?",
        [(story, rowid) for rowid, story in grouped.assigned.items()],
    )
    db.executemany(
        "UPDATE story_articles SET story = ? WHERE story = ?",
        [(new, old) for old, new in grouped.merged.items()],
    )
    return len(pending)


def _items(db: sqlite3.Connection, sql: str, args: Sequence[object] = ()) -> list[Item]:
    from .grouping import Item

    return [Item(*row) for row in db.execute(sql, args)]


def _fellows(
    db: sqlite3.Connection, pending: list[Item], counts: dict[str, int], total: int
) -> list[Item]:
    """Grouped articles that could share a story with ``pending``: dated within the window of
    one, or holding one of a pending article's rare words (an undated report, a copy); and of
    those, only the ones sharing two distinctive terms with them (a week of a big library holds
    thousands of articles, of which a handful are about the same things). Their terms are read
    first, and the rest of the rows only for those that pass."""
    from .grouping import WINDOW_DAYS
    from .similarity import SHARED_TERMS, distinctive_limit

    limit = distinctive_limit(total)
    distinctive = {
        term for item in pending for term in item.terms.split() if counts.get(term, 1) <= limit
    }
    seen: set[int] = set()
    kept: list[int] = []

    def consider(rows: Iterable[tuple[int, str]]) -> None:
        for rowid, terms in rows:
            if rowid not in seen:
                seen.add(rowid)
                if len(distinctive.intersection(terms.split())) >= SHARED_TERMS:
                    kept.append(rowid)

    days = sorted({item.day for item in pending if item.day is not None})
    for low, high in _merged_ranges(days, WINDOW_DAYS):
        consider(
            db.execute(
                "SELECT rowid, terms FROM story_articles"
                " WHERE day BETWEEN ? AND ? AND story IS NOT NULL",
                (low, high),
            )
        )
    rare = _rare_words(pending, counts)
    if rare:
        expression = " OR ".join(f'"{word}"' for word in rare)
        hits = db.execute(
            "SELECT group_concat(rowid) FROM fts WHERE fts MATCH ?", (expression,)
        ).fetchone()[0]
        wanted = [int(r) for r in hits.split(",")] if hits else []
        for chunk in _chunks(wanted, 500):
            consider(
                db.execute(
                    "SELECT rowid, terms FROM story_articles"
                    f" WHERE rowid IN ({','.join('?' * len(chunk))}) AND story IS NOT NULL",
                    chunk,
                )
            )
    found: list[Item] = []
    for chunk in _chunks(kept, 500):
        found += _items(db, f"{_SELECT} WHERE rowid IN ({','.join('?' * len(chunk))})", chunk)
    return found


def _chunks(values: list[int], size: int) -> Iterator[list[int]]:
    """``values`` a few at a time: SQLite takes at most 999 parameters."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _rare_words(pending: list[Item], counts: dict[str, int]) -> list[str]:
    """Each pending article's rarest heavy words (in at most :data:`_RARE` articles)."""
    chosen: set[str] = set()
    for item in pending:
        terms = item.terms.split()  # heaviest first: a stable sort keeps that order among equals
        rare = sorted(
            (t for t in terms if counts.get(t, 1) <= _RARE), key=lambda t: counts.get(t, 1)
        )
        chosen.update(rare[:_RARE_PER_ARTICLE])
    return sorted(term for term in chosen if term.isalnum())


def _doc_freq(db: sqlite3.Connection, items: list[Item]) -> dict[str, int]:
    """How many articles hold each of the words these items have (primary-key lookups)."""
    wanted = sorted({term for item in items for term in item.terms.split()})
    counts: dict[str, int] = {}
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        counts.update(
            db.execute(
                f"SELECT term, docs FROM terms WHERE term IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        )
    return counts


def _spans(db: sqlite3.Connection, stories: set[int]) -> dict[int, tuple[int | None, int | None]]:
    """Each story's first and last day, from all its articles (not only those read back)."""
    spans: dict[int, tuple[int | None, int | None]] = {}
    wanted = sorted(stories)
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        for story, first, last in db.execute(
            "SELECT story, min(day), max(day) FROM story_articles"
            f" WHERE story IN ({','.join('?' * len(chunk))}) GROUP BY story",
            chunk,
        ):
            spans[story] = (first, last)
    return spans


def _merged_ranges(days: list[int], window: int) -> list[tuple[int, int]]:
    """The days within ``window`` of any of ``days`` (sorted), as few ranges as possible."""
    ranges: list[tuple[int, int]] = []
    for day in days:
        low, high = day - window, day + window
        if ranges and low <= ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], high)
        else:
            ranges.append((low, high))
    return ranges


__all__ = ["SCHEMA", "Waiting", "add", "count_pending", "forget", "group_pending", "read_waiting"]
