"""SearchWords: the index's words handed from one catalog's engine to the next."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsreader.library.search_words import LoadedWords, SearchWords


class SlowCache:
    """A cache whose snapshot of the words is stale and whose words take until ``go`` to read."""

    def __init__(self) -> None:
        self.reads = 0
        self.reading = threading.Event()
        self.go = threading.Event()

    def terms_current(self) -> bool:
        return False

    def vocabulary(self) -> tuple[list[tuple[str, int]], bool]:
        self.reads += 1
        self.reading.set()
        assert self.go.wait(10)
        return [("lavrov", 2), ("nato", 5)], False


@pytest.mark.parametrize("given", [None, LoadedWords()], ids=["first engine", "words not loaded"])
def test_the_next_engine_waits_for_a_load_under_way_rather_than_load_again(
    given: LoadedWords | None,
) -> None:
    """At a start that found changes, a copy's first batch made a second engine load the
    words beside the first's load, and the first keystroke waited 1-2 s for both."""
    cache = SlowCache()
    first = SearchWords(cache, given)  # type: ignore[arg-type]
    with ThreadPoolExecutor(2) as pool:
        loading = pool.submit(first.get)
        assert cache.reading.wait(10)
        second = SearchWords(cache, first.loaded())  # type: ignore[arg-type]
        waiting = pool.submit(second.get)
        cache.go.set()
        assert waiting.result(10)[0] is loading.result(10)[0]
    assert cache.reads == 1
    assert waiting.result()[1] is False  # an earlier catalog's words: a new word is looked up


def test_words_never_loaded_are_loaded_by_the_engine_that_needs_them() -> None:
    cache = SlowCache()
    cache.go.set()
    first = SearchWords(cache)  # type: ignore[arg-type]
    second = SearchWords(cache, first.loaded())  # type: ignore[arg-type]
    vocabulary, current = second.get()
    assert "nato" in vocabulary and not current
    assert cache.reads == 1
    third = SearchWords(cache, second.loaded())  # type: ignore[arg-type]
    assert third.get()[0] is vocabulary and cache.reads == 1
