"""The library's loaded catalog with its search engine: read from the cache once, however many
threads ask for it, and replaced as the cache changes.

At a million articles a read of the catalog from the cache's tables takes about 10 s and a few
hundred megabytes. During a first index in the app each keystroke's search found the catalog
dropped (the index had moved on) and started its own read beside the others: the app grew past
10 GB. So one thread reads while the others wait for its catalog, and a read made again (to show
what an index has stored so far) leaves the loaded catalog in use meanwhile.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from .catalog import Catalog
from .search import SearchEngine
from .search_words import LoadedWords
from .store import Cache

Loaded = tuple[Cache, Catalog, SearchEngine]
EngineMaker = Callable[[Cache, Catalog, LoadedWords | None], SearchEngine]


class CatalogSlot:
    """The catalog loaded now (None: to be read on next use), and how long reading it took."""

    def __init__(self, engine: EngineMaker) -> None:
        self._engine = engine
        self.current: Loaded | None = None
        self.generation = -1
        """The cache's generation the loaded catalog is of."""
        self.read_seconds = 0.0
        """How long the last read of the whole catalog took: what reading it again costs."""
        self._reading = threading.Lock()
        self._changes = 0
        """Counts drops and patches: a read that began before one is not installed after it."""
        self._reads = 0
        self._dropped_words: tuple[Cache, LoadedWords | None] | None = None
        """The words of the catalog last dropped, for the next one's engine to start from."""

    def pair(self, cache: Cache, *, again: bool = False) -> tuple[Catalog, SearchEngine]:
        """The catalog of ``cache`` with its engine; ``again``: read anew, unless another
        thread's read ended while this one waited for its turn."""
        loaded = self.current
        if not again and loaded is not None and loaded[0] is cache:
            return loaded[1], loaded[2]
        reads = self._reads
        with self._reading:
            loaded = self.current
            if loaded is not None and loaded[0] is cache and (not again or self._reads != reads):
                return loaded[1], loaded[2]
            changes, started = self._changes, time.perf_counter()
            generation = cache.generation()  # before the columns: a write between is seen later
            catalog = Catalog(cache.columns())
            loaded = (cache, catalog, self._engine(cache, catalog, self._words_of(cache)))
            self.read_seconds = time.perf_counter() - started
            self._reads += 1
            if changes == self._changes:
                self.current, self.generation = loaded, generation
                self._dropped_words = None  # the new engine holds them now, if it needs them
            return catalog, loaded[2]

    def _words_of(self, cache: Cache) -> LoadedWords | None:
        """The words the engine of a catalog of ``cache`` read now starts from: during a first
        index each read made an engine that read the index's words again on the next
        keystroke (7 s at a million)."""
        loaded = self.current
        if loaded is not None and loaded[0] is cache:
            return loaded[2].loaded_words
        dropped = self._dropped_words
        return dropped[1] if dropped is not None and dropped[0] is cache else None

    def drop(self) -> None:
        """The cache changed: the catalog is read again on next use."""
        self._changes += 1
        loaded = self.current
        if loaded is not None:
            self._dropped_words = (loaded[0], loaded[2].loaded_words)
        self.current = None

    def patched(self, cache: Cache, catalog: Catalog, generation: int) -> None:
        """Put ``catalog``, the loaded one patched with a change, in its place."""
        old = self.current
        words = old[2].loaded_words if old is not None else None
        self._changes += 1
        self.current, self.generation = (
            (cache, catalog, self._engine(cache, catalog, words)),
            generation,
        )
