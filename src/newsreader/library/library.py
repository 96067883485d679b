"""One library folder: scanning it into the cache, and reading, listing and searching it.

This is the one object the command line and the app talk to. It never imports Textual; the app
runs its slow calls (:meth:`Library.scan`, :meth:`Library.search`) in worker threads and hands
them callbacks to report progress.
"""

from __future__ import annotations

import collections
import concurrent.futures
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from .catalog import Catalog
from .formats import DEFAULT_MAX_BYTES, SUFFIXES
from .locations import cache_file, library_key
from .models import Article, Entry, Problem, ScanReport
from .prepare import prepare_batch
from .query import Query, parse_query
from .rows import PreparedFile
from .sanitize import clean_line
from .scanner import FileStat, WalkProblem, display_path, walk
from .search import SearchEngine, SearchResults
from .sqlite_files import companions
from .store import Cache, CacheCorruptError
from .workers import die_with_parent

T = TypeVar("T")

Progress = Callable[[int, int], None]
"""Called as ``progress(files_done, files_to_do)`` while a scan parses files."""

_BATCH = 500
"""Files per worker round trip and per transaction: large enough to amortise, small enough that
progress moves and a cancelled scan keeps most of its work."""

_PARALLEL_FROM = 1000
"""Below this many files to parse, starting worker processes costs more than it saves."""


class CacheRebuilt(Exception):
    """The cache was found damaged while reading it and has been started anew, empty: scan to
    fill it. The message is the warning to show."""


class Library:
    """A folder of article files, its cache, and a search engine over it."""

    def __init__(
        self, root: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, cache_path: Path | None = None
    ) -> None:
        self.root = root
        self.key = library_key(root)
        self.max_bytes = max_bytes
        self._cache_path = cache_path or cache_file(root)
        self.cache, self.warnings = Cache.open(self._cache_path)
        self._current: tuple[Cache, Catalog, SearchEngine] | None = None
        self._swapping = threading.Lock()
        self.skipped: tuple[tuple[str, int], ...] = ()
        """The last scan's count of files not read for their type (see ScanReport.skipped)."""

    @property
    def name(self) -> str:
        """The folder's name, for a title bar: cleaned like any file name, as it may be odd too."""
        return clean_line(self.root.resolve().name or str(self.root))

    def close(self) -> None:
        self.cache.close()

    # -- the catalog ---------------------------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        """Every article's list row, loaded from the cache on first use and after a change."""
        return self._loaded()[0]

    def reload_catalog(self) -> Catalog:
        """The catalog read again now: what a scan still under way has stored so far."""
        self._current = None
        return self.catalog

    def _loaded(self) -> tuple[Catalog, SearchEngine]:
        """The catalog with its search engine, as one pair: a scan in another thread may drop
        them at any moment, and a search must not pair a new catalog with an old engine."""
        return self._reading(lambda cache: self._pair(cache))

    def _pair(self, cache: Cache) -> tuple[Catalog, SearchEngine]:
        loaded = self._current
        if loaded is None or loaded[0] is not cache:  # none yet, or of a cache since replaced
            catalog = Catalog(cache.columns())
            loaded = (cache, catalog, SearchEngine(cache, catalog))
            if cache is self.cache:
                self._current = loaded
        return loaded[1], loaded[2]

    def _reading(self, read: Callable[[Cache], T]) -> T:
        """``read(cache)``, healing a damaged cache: it is rebuilt (empty) and CacheRebuilt
        says so. A cache that another thread replaced meanwhile is simply read again."""
        for _ in range(3):
            cache = self.cache
            try:
                return read(cache)
            except CacheCorruptError as error:
                if cache is self.cache:
                    self._rebuild_cache(cache, str(error))
                    raise CacheRebuilt(self.warnings[-1]) from error
        raise CacheRebuilt(f"cache {self._cache_path} keeps changing under this program")

    def article(self, position: int) -> Article:
        """The full article at ``position`` in the catalog, body read from the cache."""
        return self._reading(lambda cache: _article(self._pair(cache)[0], cache, position))

    def article_by_id(self, article_id: str) -> Article | None:
        """The full article with this id, or None if the library no longer holds it."""

        def read(cache: Cache) -> Article | None:
            catalog = self._pair(cache)[0]
            position = catalog.index_of(article_id)
            return None if position is None else _article(catalog, cache, position)

        return self._reading(read)

    def entry(self, position: int) -> Entry:
        return self.catalog.entries[position]

    def problems(self) -> list[Problem]:
        return self._reading(lambda cache: cache.problems())

    # -- searching -----------------------------------------------------------------------------

    def search(
        self,
        query: str | Query,
        *,
        bookmarked: set[str] | frozenset[str] = frozenset(),
        read: set[str] | frozenset[str] = frozenset(),
    ) -> SearchResults:
        """Ranked results for ``query`` (text in the search box's language, or parsed)."""
        parsed = parse_query(query) if isinstance(query, str) else query
        return self._reading(
            lambda cache: self._pair(cache)[1].search(parsed, bookmarked=bookmarked, read=read)
        )

    # -- scanning ------------------------------------------------------------------------------

    def scan(
        self, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None
    ) -> ScanReport:
        """Bring the cache up to date with the folder: read new and changed files, drop gone ones.

        Safe to run while another process scans the same library: the second waits, then finds
        the work done. ``cancelled`` is polled between batches; work already stored is kept.
        Raises :class:`LibraryMissing` when the folder can't be listed, the cache untouched.
        """
        started = time.perf_counter()
        warned = len(self.warnings)
        self._follow_cache_file()
        for attempt in range(3):
            cache = self.cache
            try:
                report = self._scan(cache, progress, cancelled or (lambda: False))
                break
            except CacheCorruptError as error:
                if cache is not self.cache:
                    continue  # replaced by another thread meanwhile: scan into the new one
                if attempt == 0 and cache.path is not None:
                    self._rebuild_cache(cache, str(error))
                else:  # rebuilt, and failing still (a full disk): this run goes on in memory
                    self._use_memory(cache, str(error))
        else:
            raise CacheRebuilt(f"cache {self._cache_path} keeps changing under this program")
        if report.new or report.changed or report.removed:
            self._current = None  # read again on next use; an unchanged one is kept
        self.skipped = report.skipped
        return ScanReport(
            new=report.new,
            changed=report.changed,
            removed=report.removed,
            unchanged=report.unchanged,
            problems=tuple(self.problems()),
            seconds=round(time.perf_counter() - started, 3),
            warnings=tuple(self.warnings[warned:]),
            skipped=report.skipped,
        )

    def _scan(
        self, cache: Cache, progress: Progress | None, cancelled: Callable[[], bool]
    ) -> ScanReport:
        with cache.scan_lock():
            known = cache.file_stats()
            todo: list[FileStat] = []
            changed: set[bytes] = set()
            unreachable: list[PreparedFile] = []
            unchanged = 0
            # compare as the walk goes, keeping only what must be read: at 100k files, holding
            # every file's stat as well cost 20 MB of the app's peak memory
            skipped: collections.Counter[str] = collections.Counter()
            for item in walk(self.root, SUFFIXES, skipped):
                if isinstance(item, WalkProblem):
                    shown = display_path(item.rel)
                    unreachable.append(PreparedFile(item.rel, shown, -1, -1, problem=item.reason))
                    continue
                stat = known.pop(item.rel, None)
                if stat == (item.size, item.mtime_ns):
                    unchanged += 1
                else:
                    todo.append(item)
                    if stat is not None:
                        changed.add(item.rel)
            # what the walk did not meet is gone (or was unreachable last time: walked anew)
            removed = [rel for rel, (size, _) in known.items() if size >= 0]
            stale = [rel for rel, (size, _) in known.items() if size < 0]
            cache.apply(removed + stale, unreachable)
            done = new = 0
            if progress:
                progress(0, len(todo))
            for prepared in self._prepare(todo):
                replaced = [item.rel for item in prepared if item.rel in changed]
                cache.apply(replaced, prepared)
                done += len(prepared)
                new += len(prepared) - len(replaced)
                if progress:
                    progress(done, len(todo))
                if cancelled():
                    break
            if todo or removed:
                cache.refresh_snapshots()
        return ScanReport(
            new=new,
            changed=done - new,
            removed=len(removed),
            unchanged=unchanged,
            skipped=tuple(skipped.most_common()),
        )

    def _prepare(self, todo: list[FileStat]) -> Iterator[list[PreparedFile]]:
        """Parse ``todo`` in batches; in worker processes when there is enough to share out."""
        batches = [todo[i : i + _BATCH] for i in range(0, len(todo), _BATCH)]
        workers = min(os.cpu_count() or 1, 8)
        done = 0
        if len(todo) >= _PARALLEL_FROM and workers >= 2:
            try:
                for prepared in self._prepare_in_workers(batches, workers):
                    yield prepared
                    done += 1
            except (concurrent.futures.process.BrokenProcessPool, OSError):
                pass  # no worker processes here (a sandbox, a frozen main): carry on in this one
        for batch in batches[done:]:
            yield prepare_batch(self.root, batch, self.max_bytes)

    def _prepare_in_workers(
        self, batches: list[list[FileStat]], workers: int
    ) -> Iterator[list[PreparedFile]]:
        # spawn, not fork: the app calls this from a thread, and forking a threaded process is
        # unsafe. Workers import only the library, never Textual. They die with this process,
        # even a SIGKILLed one (on Linux, when the thread that started them, this one, ends).
        context = multiprocessing.get_context("spawn")
        pending: collections.deque[concurrent.futures.Future[list[PreparedFile]]] = (
            collections.deque()
        )
        with concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
        ) as pool:
            try:
                for batch in batches:
                    # a few batches in flight keep the workers busy; more would only pile up
                    # parsed articles in memory while this process writes them
                    pending.append(pool.submit(prepare_batch, self.root, batch, self.max_bytes))
                    if len(pending) > 2 * workers:
                        yield pending.popleft().result()
                while pending:
                    yield pending.popleft().result()
            finally:
                for future in pending:
                    future.cancel()

    def _follow_cache_file(self) -> None:
        """Open the cache file anew if it is not the one opened: deleted (with its folder,
        say), it is created again with a warning; rebuilt by another process, it is read."""
        with self._swapping:
            if self.cache.is_current():
                return
            if self.cache.path is not None and not self.cache.path.exists():
                self.warnings.append(f"cache {self._cache_path} was deleted; rebuilding it")
            self._swap(Cache.open(self._cache_path))

    def _rebuild_cache(self, failed: Cache, reason: str) -> None:
        with self._swapping:
            if failed is not self.cache:
                return  # another thread got here first
            self.warnings.append(f"cannot use cache {self._cache_path} ({reason}); rebuilding it")
            failed.close()
            for file in companions(self._cache_path):
                file.unlink(missing_ok=True)
            self._swap(Cache.open(self._cache_path))

    def _use_memory(self, failed: Cache, reason: str) -> None:
        with self._swapping:
            if failed is not self.cache:
                return
            self.warnings.append(
                f"cannot write cache {self._cache_path} ({reason}); working without a cache"
            )
            self._swap((Cache.open_memory(), []))

    def _swap(self, opened: tuple[Cache, list[str]]) -> None:
        old, (self.cache, warnings) = self.cache, opened
        old.close()
        self.warnings.extend(warnings)
        self._current = None


def _article(catalog: Catalog, cache: Cache, position: int) -> Article:
    """An article from its row in ``catalog`` and its body in ``cache`` (the catalog's own)."""
    entry = catalog.entries[position]
    body, tags, author = cache.body(catalog.rowids[position])
    return Article(
        title=entry.title,
        body=body,
        date=entry.date,
        url=entry.url,
        source=entry.source,
        tags=tags,
        markup=entry.markup,
        author=author,
        published=entry.published,
    )
