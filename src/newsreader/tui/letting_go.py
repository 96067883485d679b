"""A thread worker's callable that lets go of what it was given once it has run."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def letting_go(work: Callable[[T], R], value: T) -> Callable[[], R]:
    """``work(value)``, holding ``value`` only until it is called.

    A finished thread worker outlives its run: the thread that ran it keeps it as its current
    worker (Textual's ``active_worker``) until it runs another, and whatever the worker's
    callable held stays with it. During a first index these were the catalogs replaced since,
    one kept per thread: 15-60 MB each at 100,000 articles.
    """
    held = [value]
    return lambda: work(held.pop())
