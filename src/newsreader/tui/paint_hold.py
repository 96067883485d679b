"""Holding the screen's repaints while a keystroke's results are on their way.

Textual paints at most once per frame (60 a second). A key typed in the search bar changes the
input at once and the list a few milliseconds later, when the search worker returns: painted
separately, the list waits for the next frame slot after the input's, some 17 ms. Held until the
results arrive, both go out in one paint, as soon as they are ready. A deadline bounds the hold,
so a slow search never delays the typed character by more than ``limit``.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from textual.app import App
from textual.timer import Timer


class PaintHold:
    """Suspends the app's repaints until :meth:`release`, or until ``limit`` seconds pass."""

    def __init__(self, app: App[object], limit: float) -> None:
        self._app = app
        self._limit = limit
        self._batch: AbstractContextManager[None] | None = None
        self._deadline: Timer | None = None

    @property
    def holding(self) -> bool:
        return self._batch is not None

    def hold(self) -> None:
        """Start holding; holding already, keep the first deadline (the oldest unshown key)."""
        if self._batch is not None:
            return
        self._batch = self._app.batch_update()
        self._batch.__enter__()
        self._deadline = self._app.set_timer(self._limit, self.release, name="paint-hold")

    def release(self) -> None:
        """Paint what changed meanwhile, in one frame. Harmless when not holding."""
        if self._deadline is not None:
            self._deadline.stop()
            self._deadline = None
        if self._batch is None:
            return
        batch, self._batch = self._batch, None
        batch.__exit__(None, None, None)
        # the screen skipped its idle-time paint while the batch was open: ask it again
        self._app.screen.check_idle()
