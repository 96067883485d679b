"""One library folder: scanning it into the cache, and reading, listing and searching it.

This is the one object the command line and the app talk to. It never imports Textual; the app
runs its slow calls (:meth:`Library.scan`, :meth:`Library.search`) in worker threads and hands
them callbacks to report progress.
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from . import changes
from .catalog import Catalog
from .catalog_slot import CatalogSlot
from .formats import DEFAULT_MAX_BYTES
from .locations import cache_file, library_key
from .models import Article, Entry, Problem, ScanReport
from .query import Query, parse_query
from .sanitize import clean_line
from .scan_run import Progress, scan_cache
from .search import SearchEngine, SearchResults
from .search_words import LoadedWords
from .sqlite_files import companions
from .store import Cache, CacheCorruptError
from .stories import Stories, Story
from .walk_split import full_delta

T = TypeVar("T")


class CacheRebuilt(Exception):
    """The cache was found damaged while reading it and has been started anew, empty: scan to
    fill it. The message is the warning to show."""


class LibraryClosed(Exception):
    """The library was closed while a call was under way (the app quit during its start's
    rescan): the call stops, and the cache is left as it is, never taken for damaged."""


class Library:
    """A folder of article files, its cache, and a search engine over it."""

    def __init__(
        self, root: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, cache_path: Path | None = None
    ) -> None:
        self.root = root
        self.key = library_key(root)
        self.folder = str(root.resolve())
        """The folder as bookmarks name it: resolved, so two spellings of one path agree."""
        self.max_bytes = max_bytes
        self._cache_path = cache_path or cache_file(root)
        self.cache, self.warnings = Cache.open(self._cache_path)
        self._catalogs = CatalogSlot(self._engine)
        self._writing = 0
        """Scans and updates under way in this process: their own changes to the cache are
        not another process's, and the catalog they leave is patched or read again after."""
        self._stories: tuple[Catalog, Stories] | None = None
        self._swapping = threading.Lock()
        self._closed = False
        self.skipped: tuple[tuple[str, int], ...] = ()
        """The last scan's count of files not read for their type (see ScanReport.skipped)."""

    @property
    def name(self) -> str:
        """The folder's name, for a title bar: cleaned like any file name, as it may be odd too."""
        return clean_line(self.root.resolve().name or str(self.root))

    def close(self) -> None:
        """Close the cache. A scan still running in another thread then stops with
        :class:`LibraryClosed`: its cache's connections failing is not damage to heal (which
        deleted a million articles' cache when the app quit a second after it started)."""
        with self._swapping:
            self._closed = True
        self.cache.close()

    # -- the catalog ---------------------------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        """Every article's list row, loaded from the cache on first use and after a change."""
        return self._loaded()[0]

    @property
    def loaded_catalog(self) -> Catalog | None:
        """The catalog as loaded now, without loading one: None while it is to be read again."""
        loaded = self._catalogs.current
        return loaded[1] if loaded is not None else None

    def reload_catalog(self) -> Catalog:
        """The catalog read again now: what a scan still under way has stored so far. The one
        loaded is still searched until then."""
        return self._reading(lambda cache: self._catalogs.pair(cache, again=True))[0]

    @property
    def catalog_read_seconds(self) -> float:
        """How long the last read of the whole catalog took: what :meth:`reload_catalog` costs."""
        return self._catalogs.read_seconds

    def _loaded(self) -> tuple[Catalog, SearchEngine]:
        """The catalog with its search engine, as one pair: a scan in another thread may drop
        them at any moment, and a search must not pair a new catalog with an old engine."""
        return self._reading(lambda cache: self._catalogs.pair(cache))

    def _engine(self, cache: Cache, catalog: Catalog, words: LoadedWords | None) -> SearchEngine:
        return SearchEngine(cache, catalog, lambda: self._stories_of(cache, catalog), words)

    def _reading(self, read: Callable[[Cache], T]) -> T:
        """``read(cache)``, healing a damaged cache: it is rebuilt (empty) and CacheRebuilt
        says so. A cache that another thread replaced meanwhile is simply read again."""
        for _ in range(3):
            cache = self.cache
            try:
                return read(cache)
            except CacheCorruptError as error:
                self._unless_closed(error)
                if cache is self.cache:
                    self._rebuild_cache(cache, str(error))
                    raise CacheRebuilt(self.warnings[-1]) from error
        raise CacheRebuilt(f"cache {self._cache_path} keeps changing under this program")

    def article(self, position: int) -> Article:
        """The full article at ``position`` in the catalog, body read from the cache."""
        return self._reading(lambda cache: _article(self._catalogs.pair(cache)[0], cache, position))

    def article_by_id(self, article_id: str) -> Article | None:
        """The full article with this id, or None if the library no longer holds it."""

        def read(cache: Cache) -> Article | None:
            catalog = self._catalogs.pair(cache)[0]
            position = catalog.index_of(article_id)
            return None if position is None else _article(catalog, cache, position)

        return self._reading(read)

    @property
    def stories(self) -> Stories:
        """The stories of the current catalog (positions index into it), read on first use."""
        return self._reading(lambda cache: self._stories_of(cache, self._catalogs.pair(cache)[0]))

    def story_of(self, article_id: str) -> Story | None:
        """The story of the article with this id; None when no other report joins it."""

        def read(cache: Cache) -> Story | None:
            catalog = self._catalogs.pair(cache)[0]
            position = catalog.index_of(article_id)
            return None if position is None else self._stories_of(cache, catalog).of(position)

        return self._reading(read)

    def _stories_of(self, cache: Cache, catalog: Catalog) -> Stories:
        loaded = self._stories
        if loaded is None or loaded[0] is not catalog:
            loaded = (catalog, Stories(catalog, cache.story_members()))
            self._stories = loaded
        return loaded[1]

    def entry(self, position: int) -> Entry:
        return self.catalog.entries[position]

    def problems(self) -> list[Problem]:
        return self._reading(lambda cache: cache.problems())

    # -- searching -----------------------------------------------------------------------------

    def search(
        self,
        query: str | Query,
        *,
        bookmarked: Collection[str] = frozenset(),
        read: Collection[str] = frozenset(),
    ) -> SearchResults:
        """Ranked results for ``query`` (text in the search box's language, or parsed)."""
        parsed = parse_query(query) if isinstance(query, str) else query
        return self._reading(
            lambda cache: self._catalogs.pair(cache)[1].search(
                parsed, bookmarked=bookmarked, read=read
            )
        )

    def prepare_search(self) -> None:
        """Load what the first search of the current catalog needs (the index's words, read from
        their snapshot: tens of milliseconds at 100k, more with a richer vocabulary), so that
        no keystroke pays for it."""
        self._reading(lambda cache: self._catalogs.pair(cache)[1].vocabulary)

    # -- scanning ------------------------------------------------------------------------------

    def scan(
        self, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None
    ) -> ScanReport:
        """Bring the cache up to date with the folder: read new and changed files, drop gone ones.

        Safe to run while another process scans the same library: the second waits, then finds
        the work done. ``cancelled`` is polled between batches; work already stored is kept.
        Raises :class:`LibraryMissing` when the folder can't be listed, the cache untouched.
        """
        return self._scan_with(
            lambda cache: full_delta(self.root, cache),
            progress,
            cancelled,
            snapshots=True,
        )

    def update(
        self,
        paths: Iterable[str | Path],
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ScanReport:
        """:meth:`scan`, but of ``paths`` only: what a file watcher saw change.

        Each path (absolute, or relative to the library) may be a file or a folder, there or
        gone; paths outside the library are ignored. One changed file at 100,000 articles costs
        milliseconds, not a walk. The library folder itself among them means a full scan.

        The loaded catalog is patched with the changed rows (reading all 100k again costs
        0.3 s). The snapshots a start reads (the catalog's columns, the index's words) are left
        stale: storing them costs most of a second at 100k, every time; :meth:`refresh_snapshots`
        or the next full scan stores them once the changes stop.
        """
        rels = changes.relative_paths(self.root, paths)

        def find(cache: Cache) -> changes.Delta:
            delta = changes.from_paths(self.root, rels, cache.file_stats_under)
            return delta if delta is not None else changes.from_walk(self.root, cache.file_stats())

        return self._scan_with(find, progress, cancelled, snapshots=False)

    def refresh_snapshots(self, cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Store the snapshots a quick start reads, if changes made them stale; whether it did
        (``cancelled`` stops it: they stay stale)."""

        def refresh(cache: Cache) -> bool:
            with cache.scan_lock():
                if cache.snapshots_current():
                    return False
                cache.refresh_snapshots(cancelled)
                return cache.snapshots_current()

        return self._reading(refresh)

    def generation(self) -> int:
        """Bumped by every change to the cached articles, by this process or another one."""
        return self._reading(lambda cache: cache.generation())

    def catalog_is_stale(self) -> bool:
        """Whether the cache changed since the catalog was read (another process indexed, say):
        one cheap read, for a program to poll. A cache that can't be read is left to the next
        scan or read to heal, not rebuilt from a poll."""
        try:
            if self._writing or self._catalogs.current is None:
                return False
            return self.cache.generation() != self._catalogs.generation
        except CacheCorruptError:
            return False

    def _scan_with(
        self,
        find: Callable[[Cache], changes.Delta],
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        *,
        snapshots: bool,
    ) -> ScanReport:
        with self._own_write():
            started = time.perf_counter()
            warned = len(self.warnings)
            self._follow_cache_file()
            for attempt in range(3):
                cache = self.cache
                try:
                    stop = cancelled or (lambda: False)
                    report, grouped = scan_cache(
                        self.root, cache, find, progress, stop, snapshots, self.max_bytes
                    )
                    break
                except CacheCorruptError as error:
                    self._unless_closed(error)
                    if cache is not self.cache:
                        continue  # replaced by another thread meanwhile: scan into the new one
                    if attempt == 0 and cache.path is not None:
                        self._rebuild_cache(cache, str(error))
                    else:  # rebuilt, and failing still (a full disk): this run goes on in memory
                        self._use_memory(cache, str(error))
            else:
                raise CacheRebuilt(f"cache {self._cache_path} keeps changing under this program")
            if grouped:
                self._stories = None
            changed = report.new or report.changed or report.removed
            if changed and (snapshots or not self._patch()):
                self._catalogs.drop()  # read again on next use; an unchanged one is kept
            if report.skipped is not None:
                self.skipped = report.skipped
            return ScanReport(
                new=report.new,
                changed=report.changed,
                removed=report.removed,
                unchanged=report.unchanged,
                problems=tuple(self.problems()),
                seconds=round(time.perf_counter() - started, 3),
                warnings=tuple(self.warnings[warned:]),
                skipped=self.skipped,  # an update of a few paths keeps the last walk's count
            )

    @contextlib.contextmanager
    def _own_write(self) -> Iterator[None]:
        """Count a scan of this process's own while it runs (see ``catalog_is_stale``)."""
        with self._swapping:
            self._writing += 1
        try:
            yield
        finally:
            with self._swapping:
                self._writing -= 1

    def _patch(self) -> bool:
        """After an update: patch the loaded catalog with the rows it changed (milliseconds)
        instead of reading all of them again on next use (0.3 s at 100k); whether it could."""
        cache, loaded = self.cache, self._catalogs.current
        if loaded is None or loaded[0] is not cache:
            return False
        try:
            generation = cache.generation()
            old = loaded[1]  # with its title order, if known: the patch carries it on
            known = dataclasses.replace(old.columns, title_order=old.known_title_order())
            columns = cache.patched_columns(known)
        except CacheCorruptError:
            return False  # the next read finds it and heals it
        if columns is None:
            return False
        self._catalogs.patched(cache, Catalog(columns), generation)
        return True

    def _unless_closed(self, error: CacheCorruptError) -> None:
        """A cache that failed because this library was closed meanwhile is not damaged."""
        if self._closed:
            raise LibraryClosed(f"{self.root} was closed") from error

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
            if failed is not self.cache or self._closed:
                return  # another thread got here first, or nothing is to be rebuilt
            self.warnings.append(f"cannot use cache {self._cache_path} ({reason}); rebuilding it")
            failed.close()
            for file in companions(self._cache_path):
                file.unlink(missing_ok=True)
            self._swap(Cache.open(self._cache_path))

    def _use_memory(self, failed: Cache, reason: str) -> None:
        with self._swapping:
            if failed is not self.cache or self._closed:
                return
            self.warnings.append(
                f"cannot write cache {self._cache_path} ({reason}); working without a cache"
            )
            self._swap((Cache.open_memory(), []))

    def _swap(self, opened: tuple[Cache, list[str]]) -> None:
        old, (self.cache, warnings) = self.cache, opened
        old.close()
        self.warnings.extend(warnings)
        self._catalogs.drop()


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
