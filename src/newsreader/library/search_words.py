"""The index's words as a search engine gets them: loaded once, and handed on to the engine of
the next catalog.

Each file or batch that comes into an open library makes a new catalog and a new engine for it.
Loading the words again for each would cost every batch's next keystroke a read of them; so an
engine starts from the words its predecessor loaded, stale (a word new since is looked up
exactly), and loads its own once the cache's snapshot of them is current again. A load still
under way when the next engine needs the words is waited for, not repeated: at a start that
found changes, the first batch of a copy into the folder used to start a second load beside the
first, and the first keystroke waited 1-2 s for both.
"""

from __future__ import annotations

import threading

from .store import Cache
from .vocabulary import Vocabulary


class LoadedWords:
    """One load of the index's words, shared by the engines that start from it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        """Held while the words load: an engine that starts from them waits on it."""
        self.vocabulary: Vocabulary | None = None
        self.current = False
        """Whether they were the index as it was when loaded."""


class SearchWords:
    """The words one engine searches with: its own once loaded, until then those handed on."""

    def __init__(self, cache: Cache, given: LoadedWords | None = None) -> None:
        self._cache = cache
        self._own = LoadedWords()
        self._given = given

    def get(self) -> tuple[Vocabulary, bool]:
        """The words, and whether they are the index's as it is: when not, a word they lack
        may be new since, and is looked up exactly."""
        own = self._own
        with own.lock:
            if own.vocabulary is not None and (own.current or not self._cache.terms_current()):
                return own.vocabulary, own.current
            if own.vocabulary is None and self._given is not None:
                given = self._given_vocabulary()
                if given is not None and not self._cache.terms_current():
                    return given, False  # of an earlier catalog: stale for this one
            words, own.current = self._cache.vocabulary()
            own.vocabulary = Vocabulary(words)
            return own.vocabulary, own.current

    def _given_vocabulary(self) -> Vocabulary | None:
        assert self._given is not None
        with self._given.lock:  # a load under way for the engine before is waited for
            return self._given.vocabulary

    def loaded(self) -> LoadedWords | None:
        """What the next catalog's engine starts from: these words, loaded or being loaded,
        else the ones this engine was given."""
        own = self._own
        if own.vocabulary is not None or own.lock.locked() or self._given is None:
            return own
        return self._given
