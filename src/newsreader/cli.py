"""The non-interactive commands: list, search, show, bookmark, bookmarks, index.

Every command prints either plain lines for a person or, with ``--json``, one JSON document for a
program. Failures are one line on stderr (``newsreader: error: ...``) and exit status 1; argparse
reports usage errors with status 2. No command prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .cli_output import (
    ProgressLine,
    entry_record,
    orphan_record,
    print_entries,
    print_line,
    report_record,
    when,
)
from .library import (
    CacheRebuilt,
    Config,
    Library,
    LibraryMissing,
    LookupProblem,
    StateError,
    StateStore,
    load_config,
    skipped_summary,
)
from .library.catalog import Sort
from .library.export import markdown_bookmarks
from .library.locations import cache_file, sample_feed, state_file
from .library.query import NO_ARTICLE_HAS_EVERY_WORD
from .library.sanitize import clean_line
from .library.scanner import system_folder

_SORTS: dict[str, Sort] = {"date": "newest", "title": "title", "source": "source"}
_LIBRARY_HELP = (
    "the folder of articles (default: $NEWSREADER_LIBRARY, the config file's `library`, "
    "else the bundled sample feed)"
)


class CommandError(Exception):
    """A failure to report as one line, exit status 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="A terminal reader for a local library of news articles. "
        "With no command, opens the reader.",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    library = argparse.ArgumentParser(add_help=False)
    library.add_argument(
        "--library",
        metavar="DIR",
        type=Path,
        default=argparse.SUPPRESS,  # don't overwrite `newsreader --library DIR COMMAND`
        help=_LIBRARY_HELP,
    )
    library.add_argument(
        "--no-scan",
        action="store_true",
        default=argparse.SUPPRESS,  # nor `newsreader --no-scan COMMAND`
        help="use the cache as it is; don't look for changes",
    )
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print one JSON document")
    limit = argparse.ArgumentParser(add_help=False)
    limit.add_argument("--limit", type=_positive, metavar="N", help="print at most N articles")
    parser.add_argument("--library", metavar="DIR", type=Path, help=_LIBRARY_HELP)
    parser.add_argument(
        "--no-scan", action="store_true", help="use the cache as it is; don't look for changes"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_: str, *parents: argparse.ArgumentParser) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_, description=help_, parents=[library, *parents])

    listing = add("list", "List the articles, newest first.", as_json, limit)
    listing.add_argument("--sort", choices=list(_SORTS), default="date", help="the order")
    search = add("search", "Search titles, sources and bodies, typos forgiven.", as_json, limit)
    search.add_argument(
        "query",
        metavar="QUERY",
        help="words and filters: is:bookmarked is:unread source:NAME "
        "after:YYYY-MM-DD before:YYYY-MM-DD",
    )
    show = add("show", "Print one article.", as_json)
    show.add_argument("article", metavar="ID|PATH", help="an id, a unique id prefix, or a path")
    for name, verb in (("bookmark", "Bookmark"), ("unbookmark", "Remove the bookmark from")):
        marker = add(name, f"{verb} an article.")
        marker.add_argument("article", metavar="ID", help="an id or a unique id prefix")
    bookmarks = add("bookmarks", "List the bookmarked articles.", as_json)
    bookmarks.add_argument(
        "--export", choices=["markdown", "json"], help="print the bookmarks as Markdown or JSON"
    )
    add("index", "Rescan the library folder; print counts, problems and time.", as_json)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number above 0, not {text!r}")
    return value


def resolve_library(option: Path | None, config: Config | None = None) -> Path:
    """--library, else $NEWSREADER_LIBRARY, else the config file's library, else the sample feed.

    ``config`` is the loaded config file (loaded here when not given; its warnings are the
    caller's to show). A folder that is not there is a CommandError naming where it came from,
    unless it has a cache (an unmounted disk): commands read the cache, and a scan says the
    folder is missing instead of emptying it.
    """
    if option is not None:
        chosen, source = option, "--library"
    elif os.environ.get("NEWSREADER_LIBRARY"):
        chosen, source = Path(os.environ["NEWSREADER_LIBRARY"]), "$NEWSREADER_LIBRARY"
    else:
        config = config or load_config()
        chosen, source = config.library or sample_feed(), f"config {config.path}"
        if config.library is None:
            source = "the sample feed"
    shown = f"library folder {str(chosen)!r} (from {source})"
    try:
        chosen = chosen.expanduser()
    except RuntimeError:  # `~nosuchuser/news`: pathlib cannot find that home folder
        user = str(chosen).split(os.sep, 1)[0].removeprefix("~")
        raise CommandError(f"{shown} does not exist: there is no user {user!r}") from None
    try:
        found = chosen.is_dir()
    except (OSError, ValueError) as error:  # a name too long, a folder we may not enter, a NUL
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise CommandError(f"{shown} cannot be opened: {reason}") from None
    if not found and not _has_cache(chosen):
        raise CommandError(f"{shown} does not exist or is not a folder")
    refused = system_folder(chosen)
    if refused == "/":
        raise CommandError(f"{shown} is the whole disk (/): choose the folder of articles")
    if refused is not None:
        raise CommandError(f"{shown} is in the system folder {refused}, not a folder of articles")
    return chosen


def _has_cache(folder: Path) -> bool:
    """Whether ``folder`` was indexed before (then a missing folder may be an unmounted disk)."""
    try:
        return cache_file(folder).exists()
    except (OSError, ValueError):  # a path the system refuses was never indexed
        return False


def run(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the command in ``args``; return the exit status."""
    config = load_config()
    _warn(config.warnings, err)
    try:
        library = Library(resolve_library(args.library, config), max_bytes=config.max_bytes)
        try:
            if args.command == "index":  # a cron job's index never opens the saved state
                _warn(library.warnings, err)
                _index(library, args, out, err)
            else:
                _run_with_state(library, args, out, err)
        finally:
            library.close()
    except (CommandError, LibraryMissing, LookupProblem, StateError) as error:
        message = error.args[0] if isinstance(error, LookupProblem) else str(error)
        print(f"newsreader: error: {message}", file=err)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `newsreader list | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return 0


def _run_with_state(library: Library, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
    state = StateStore(state_file())
    try:
        command = _COMMANDS[args.command]
        report = None if args.no_scan else library.scan()
        _warn([*library.warnings, *state.warnings], err)
        if report and report.problems and not getattr(args, "json", False):
            count = len(report.problems)
            print(
                f"newsreader: {count} file{'s' * (count != 1)} could not be read "
                "(newsreader index lists them)",
                file=err,
            )
        try:
            command(library, state, args, out, err)
        except CacheRebuilt as rebuilt:  # damage found while reading: rescan, then answer
            _warn([str(rebuilt)], err)
            library.scan()
            command(library, state, args, out, err)
    finally:
        state.close()


def _warn(warnings: Iterable[str], err: TextIO) -> None:
    for warning in warnings:
        print(f"newsreader: warning: {warning}", file=err)


# -- the commands ---------------------------------------------------------------------------------


def _list(library: Library, state: StateStore, args: Any, out: TextIO, _: TextIO) -> None:
    positions = library.catalog.order(_SORTS[args.sort])[: args.limit]
    print_entries(library, state, positions, args.json, out)


def _search(library: Library, state: StateStore, args: Any, out: TextIO, err: TextIO) -> None:
    results = library.search(args.query, bookmarked=state.bookmarked_ids(), read=state.read_ids())
    for problem in results.query.errors:
        print(f"newsreader: warning: {problem}", file=err)
    positions = results.positions[: args.limit]
    if results.partial and positions and not args.json:
        print(NO_ARTICLE_HAS_EVERY_WORD, file=out)
    extra = {"partial": True} if results.partial else {}
    print_entries(library, state, positions, args.json, out, score=results.score, extra=extra)
    if not positions and not args.json:
        print(f"No articles match {args.query!r}", file=err)


def _show(library: Library, state: StateStore, args: Any, out: TextIO, _: TextIO) -> None:
    position = library.catalog.resolve(_relative(library, args.article))
    entry = library.entry(position)
    article = library.article(position)
    if args.json:
        record = entry_record(entry, state.bookmarked_ids(), state.read_ids())
        record["author"] = article.author
        record["body"] = article.text
        json.dump(record, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    width = min(shutil.get_terminal_size((100, 24)).columns, 100) if out.isatty() else 0
    out.write(f"{entry.title}\n")
    meta = [entry.source, when(entry), article.author, entry.url]
    out.write(" · ".join(part for part in meta if part) + f"\nid {entry.id} · {entry.path}\n\n")
    for paragraph in article.body:
        out.write((textwrap.fill(paragraph, width) if width else paragraph) + "\n\n")


def _mark(on: bool) -> Callable[[Library, StateStore, Any, TextIO, TextIO], None]:
    def mark(library: Library, state: StateStore, args: Any, out: TextIO, _: TextIO) -> None:
        entry = library.entry(library.catalog.resolve(args.article))
        state.set_bookmark(entry, on)
        print(
            f"{'Bookmarked' if on else 'Removed the bookmark from'}: {entry.title} ({entry.id})",
            file=out,
        )

    return mark


def _bookmarks(library: Library, state: StateStore, args: Any, out: TextIO, _: TextIO) -> None:
    catalog, read = library.catalog, state.read_ids()
    records = []
    for bookmark in state.bookmarks():
        position = catalog.index_of(bookmark.id)
        if position is None:
            records.append(orphan_record(bookmark, read))
        else:
            records.append(entry_record(catalog.entries[position], {bookmark.id}, read))
    if args.export == "markdown":
        out.write(markdown_bookmarks(records))
    elif args.json or args.export == "json":
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif not records:
        print("No bookmarks yet: `newsreader bookmark ID` adds one.", file=out)
    else:
        for record in records:
            print_line(record, out)


def _index(library: Library, args: Any, out: TextIO, err: TextIO) -> None:
    with ProgressLine(err, enabled=not args.json and err.isatty()) as progress:
        report = library.scan(progress=progress)
    _warn(report.warnings, err)
    if args.json:
        json.dump(report_record(report), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    out.write(
        f"{report.new} new, {report.changed} changed, {report.removed} removed, "
        f"{report.unchanged} unchanged in {report.seconds:.2f} s "
        f"({len(library.catalog)} articles in {_shown(library.root)})\n"
    )
    if report.problems:
        out.write(
            f"{len(report.problems)} file{'s' * (len(report.problems) != 1)} could not be read:\n"
        )
        for problem in report.problems:
            out.write(f"  {problem}\n")
    if report.skipped:
        out.write(f"{skipped_summary(report.skipped)}\n")


_COMMANDS: dict[str, Callable[[Library, StateStore, Any, TextIO, TextIO], None]] = {
    "list": _list,
    "search": _search,
    "show": _show,
    "bookmark": _mark(True),
    "unbookmark": _mark(False),
    "bookmarks": _bookmarks,
}


def _shown(path: Path | str) -> str:
    """A path as printed: a folder's name may hold escape sequences, like any file name."""
    return clean_line(str(path))


def _relative(library: Library, key: str) -> str:
    """A path given on the command line, made relative to the library when it points inside."""
    candidate = Path(key).expanduser()
    if candidate.exists():
        try:
            return candidate.resolve().relative_to(library.root.resolve()).as_posix()
        except ValueError as error:
            raise CommandError(
                f"{_shown(key)} is not inside the library folder {_shown(library.root)}"
            ) from error
    return key
