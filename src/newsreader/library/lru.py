"""A small thread-safe cache that forgets the least recently used entries first.

Search keeps what the next keystroke will likely ask again (a word's articles, a term's, an
article's lead); each cache is bounded by entries and, where entries differ much in size (a
common word holds half the library), by their total weight.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Lru(Generic[K, V]):
    """At most ``entries`` values, weighing at most ``weight`` in all (by ``weigh``)."""

    def __init__(
        self, entries: int, weight: int = 0, weigh: Callable[[V], int] | None = None
    ) -> None:
        self._entries = entries
        self._weight = weight
        self._weigh = weigh
        self._held = 0
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        """Keep ``value``; the oldest others go while the bounds are passed (never the newest)."""
        weigh = self._weigh
        with self._lock:
            old = self._values.pop(key, None)
            if weigh is not None:
                self._held += weigh(value) - (weigh(old) if old is not None else 0)
            self._values[key] = value
            while len(self._values) > 1 and (
                len(self._values) > self._entries
                or (weigh is not None and self._held > self._weight)
            ):
                _, gone = self._values.popitem(last=False)
                if weigh is not None:
                    self._held -= weigh(gone)

    def _over(self) -> bool:
        heavy = self._weigh is not None and self._held > self._weight
        return heavy or len(self._values) > self._entries

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._held = 0

    def fetch(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for ``key``, else ``make()``'s, kept (made outside the lock: two
        threads asking at once may both make it, and either is kept)."""
        value = self.get(key)
        if value is None:
            value = make()
            self.put(key, value)
        return value
