"""Saving what the user marks without making them wait for the disk.

A bookmark or read mark is a transaction with an fsync: milliseconds on a good disk, far more on
a busy or network one, and on the event loop every one of them was a frozen keystroke. Writes
run in thread workers instead, and their outcome comes back to the event loop in the order the
keys were pressed: two quick `b`s on one article must show on, then off, never the reverse.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from textual.screen import Screen

from ..library import StateError

T = TypeVar("T")

TURN_WAIT = 60.0
"""Seconds a write waits for the ones before it: longer than SQLite's own 30 s wait for a lock."""


class Saver:
    """Runs saved-state writes off the event loop, one at a time, in the order asked."""

    def __init__(self, screen: Screen[None]) -> None:
        self._screen = screen
        self._turns = threading.Condition()
        self._issued = 0
        self._serving = 0

    def save(self, write: Callable[[], T], done: Callable[[T], None]) -> None:
        """``write()`` in a worker; then ``done(result)`` on the event loop, or an error notice."""
        ticket, self._issued = self._issued, self._issued + 1
        app = self._screen.app

        def run() -> None:
            with self._turn(ticket):
                try:
                    result = write()
                except StateError as error:
                    app.call_from_thread(self._failed, error)
                    return
                app.call_from_thread(done, result)

        self._screen.run_worker(run, thread=True, group="save", exit_on_error=False)

    @contextmanager
    def _turn(self, ticket: int) -> Iterator[None]:
        """Wait for the writes asked for before this one. Bounded: a worker cancelled before it
        ran (the app quitting) never takes its turn, and the threads after it must not wait
        for ever, nor keep the process from exiting."""
        with self._turns:
            self._turns.wait_for(lambda: self._serving >= ticket, timeout=TURN_WAIT)
        try:
            yield
        finally:
            with self._turns:
                self._serving = max(self._serving, ticket + 1)
                self._turns.notify_all()

    def _failed(self, error: StateError) -> None:
        self._screen.notify(str(error), severity="error", markup=False)
