"""What the command line prints: the JSON records the README documents, and plain lines.

Apart from :mod:`cli`, which parses the command line and runs the commands, so that the format
of the output (a documented interface for scripts) is in one place.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from .library import Bookmark, Library, ScanReport, StateStore
from .library.models import Entry


def entry_record(entry: Entry, bookmarked: Iterable[str], read: Iterable[str]) -> dict[str, Any]:
    """The JSON object for one article (the schema the README documents)."""
    return {
        "id": entry.id,
        "title": entry.title,
        "date": when(entry),
        "source": entry.source,
        "url": entry.url,
        "path": entry.path,
        "words": entry.words,
        "bookmarked": entry.id in bookmarked,
        "read": entry.id in read,
    }


def when(entry: Entry) -> str | None:
    """ISO 8601: the full moment (with its zone when the file named one) when the file gave a time
    of day, else the date alone; so a script can tell "at 14:05" from "some time that day"."""
    if entry.published:
        return entry.published.isoformat()
    return entry.date.isoformat() if entry.date else None


def orphan_record(bookmark: Bookmark, read: set[str]) -> dict[str, Any]:
    """A bookmark whose article is no longer in the folder: shown from what the bookmark kept."""
    return {
        "id": bookmark.id,
        "title": bookmark.title,
        "date": None,
        "source": None,
        "url": bookmark.url,
        "path": bookmark.path,
        "words": None,
        "bookmarked": True,
        "read": bookmark.id in read,
    }


def report_record(report: ScanReport) -> dict[str, Any]:
    return {
        "new": report.new,
        "changed": report.changed,
        "removed": report.removed,
        "unchanged": report.unchanged,
        "problems": [{"path": p.path, "reason": p.reason} for p in report.problems],
        "skipped": dict(report.skipped),
        "seconds": report.seconds,
    }


def print_entries(
    library: Library,
    state: StateStore,
    positions: Sequence[int],
    as_json: bool,
    out: TextIO,
    score: Callable[[int], float] | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    bookmarked, read = state.bookmarked_ids(), state.read_ids()
    records = []
    for position in positions:
        record = entry_record(library.entry(position), bookmarked, read)
        if score is not None:
            record["score"] = score(position)
        records.append({**record, **(extra or {})})
    if as_json:
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for record in records:
        print_line(record, out)


def print_line(record: dict[str, Any], out: TextIO) -> None:
    marks = ("*" if record["bookmarked"] else " ") + (" " if record["read"] else "•")
    date = record["date"] or "----------"
    source = f"  ({record['source']})" if record["source"] else ""
    out.write(f"{record['id']}  {marks} {date}  {record['title']}{source}\n")


class ProgressLine:
    """A one-line progress count on a terminal's stderr while `newsreader index` parses."""

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self._stream = stream
        self._enabled = enabled

    def __enter__(self) -> Callable[[int, int], None] | None:
        return self._update if self._enabled else None

    def __exit__(self, *_: object) -> None:
        if self._enabled:
            self._stream.write("\r\x1b[K")
            self._stream.flush()

    def _update(self, done: int, total: int) -> None:
        if not total:
            return
        width = 30
        filled = width * done // total
        self._stream.write(f"\rIndexing [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        self._stream.flush()
