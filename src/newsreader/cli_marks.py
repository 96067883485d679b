"""The commands about what the user marked: bookmark, unbookmark, bookmarks, read, unread, stats.

Apart from :mod:`cli` (the parser and the reading commands). Bookmarks remember the library they
were made in: `bookmarks` lists this library's own (`--all` every library's, naming each), and
whatever it lists, `unbookmark` removes, even when the article's file is gone.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any, TextIO

from .cli_output import entry_record, orphan_record, print_line
from .library import Library, LookupProblem, StateStore, tally
from .library.export import markdown_bookmarks

Command = Callable[[Library, StateStore, Any, TextIO, TextIO], None]
AddParser = Callable[..., argparse.ArgumentParser]


def add_parsers(add: AddParser, as_json: argparse.ArgumentParser) -> None:
    """The marking commands' arguments, on the command line's subparsers."""
    for name, verb in (("bookmark", "Bookmark"), ("unbookmark", "Remove the bookmark from")):
        marker = add(name, f"{verb} an article.")
        marker.add_argument("article", metavar="ID", help="an id or a unique id prefix")
    for name, state in (("read", "read"), ("unread", "unread")):
        marker = add(name, f"Mark articles {state}.")
        marker.add_argument("articles", nargs="+", metavar="ID|PATH", help="ids, prefixes, paths")
    bookmarks = add("bookmarks", "List this library's bookmarked articles.", as_json)
    bookmarks.add_argument("--all", action="store_true", help="every library's bookmarks")
    bookmarks.add_argument(
        "--export", choices=["markdown", "json"], help="print the bookmarks as Markdown or JSON"
    )
    add("stats", "Count articles, unread and bookmarks, per source and per folder.", as_json)


def _bookmark(library: Library, state: StateStore, args: Any, out: TextIO, _: TextIO) -> None:
    entry = library.entry(library.catalog.resolve(args.article))
    state.set_bookmark(entry, True, library.folder)
    print(f"Bookmarked: {entry.title} ({entry.id})", file=out)


def _unbookmark(library: Library, state: StateStore, args: Any, out: TextIO, _: TextIO) -> None:
    """By the bookmark's id, so one whose file is gone can be removed too."""
    mine = state.bookmarks(library.folder)
    found = [b for b in mine if b.id == args.article] or [
        b for b in mine if b.id.startswith(args.article)
    ]
    if len(found) > 1:
        raise LookupProblem(f"{args.article!r} names several bookmarks: give more of the id")
    if found:
        article_id, title = found[0].id, found[0].title
    else:  # not bookmarked here: an article of the library, which then stays unbookmarked
        entry = library.entry(library.catalog.resolve(args.article))
        article_id, title = entry.id, entry.title
    state.remove_bookmark(article_id)
    print(f"Removed the bookmark from: {title} ({article_id})", file=out)


def _mark_read(on: bool) -> Command:
    def mark(library: Library, state: StateStore, args: Any, out: TextIO, _: TextIO) -> None:
        catalog = library.catalog
        entries = [library.entry(catalog.resolve(key)) for key in args.articles]
        state.set_read_many([entry.id for entry in entries], on)
        for entry in entries:
            print(f"Marked {'read' if on else 'unread'}: {entry.title} ({entry.id})", file=out)

    return mark


def _bookmarks(library: Library, state: StateStore, args: Any, out: TextIO, _: TextIO) -> None:
    catalog, read = library.catalog, state.read_ids()
    records = []
    for bookmark in state.bookmarks(None if args.all else library.folder):
        position = catalog.index_of(bookmark.id)
        if bookmark.library is None and position is None and not args.all:
            continue  # an old bookmark of unknown library, not of this one's articles
        if position is None or (bookmark.library not in (None, library.folder)):
            record = orphan_record(bookmark, read)
        else:
            record = entry_record(catalog.entries[position], {bookmark.id}, read)
        if args.all:
            record["library"] = bookmark.library
        records.append(record)
    if args.export == "markdown":
        out.write(markdown_bookmarks(records))
    elif args.json or args.export == "json":
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif not records:
        print("No bookmarks yet: `newsreader bookmark ID` adds one.", file=out)
    else:
        _print_bookmarks(records, out, by_library=args.all)


def _print_bookmarks(records: list[dict[str, Any]], out: TextIO, *, by_library: bool) -> None:
    shown_library: object = object()
    for record in sorted(records, key=lambda r: r.get("library") or "") if by_library else records:
        if by_library and record["library"] != shown_library:
            shown_library = record["library"]
            print(f"{shown_library or '(library not recorded)'}:", file=out)
        print_line(record, out)


def _stats(library: Library, state: StateStore, args: Any, out: TextIO, _: TextIO) -> None:
    counts = tally(library.catalog, state.read_ids(), state.bookmarked_ids())
    groups = {
        kind: [{"name": g.name, "total": g.total, "unread": g.unread} for g in counts.of(kind)]
        for kind in ("source", "folder")
    }
    if args.json:
        record = {
            "total": counts.total,
            "unread": counts.unread,
            "bookmarked": counts.bookmarked,
            "sources": groups["source"],
            "folders": groups["folder"],
        }
        json.dump(record, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    print(
        f"{counts.total:,} articles, {counts.unread:,} unread, {counts.bookmarked:,} bookmarked",
        file=out,
    )
    for kind, title in (("source", "Sources"), ("folder", "Folders")):
        if groups[kind]:
            print(f"\n{title} (unread/total):", file=out)
            for group in groups[kind]:
                print(f"  {group['unread']:>7,}/{group['total']:<7,} {group['name']}", file=out)


COMMANDS: dict[str, Command] = {
    "bookmark": _bookmark,
    "unbookmark": _unbookmark,
    "bookmarks": _bookmarks,
    "read": _mark_read(True),
    "unread": _mark_read(False),
    "stats": _stats,
}

__all__ = ["COMMANDS", "add_parsers"]
