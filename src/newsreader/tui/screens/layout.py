"""How the panes share the screen: the list's share of the width, and the reader beside it or not.

The user changes the split with keys and can give the list the whole width; the choice is saved
(for every library) and restored at the next start. With the reader hidden, or in a terminal too
narrow for two panes, one pane shows at a time: opening an article shows the reader in the list's
place, and going back shows the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .main import MainScreen

NARROW_BELOW = 100
"""Narrower than this many columns, one pane is shown at a time."""

DEFAULT_PERCENT = 50
"""The list's share: at 120 and 140 columns a row of two lines holds a 90-character headline."""
STEP = 5
SMALLEST, LARGEST = 25, 75


class Layout:
    """The split and the reader's visibility, applied to one screen."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen
        self.percent = DEFAULT_PERCENT
        self.reader_shown = True
        self._narrow = False

    @property
    def single(self) -> bool:
        """Whether one pane shows at a time (the reader hidden, or a narrow terminal)."""
        return self._narrow or not self.reader_shown

    def restore(self, saved: tuple[int, bool] | None) -> None:
        if saved is not None:
            percent, self.reader_shown = saved
            self.percent = max(SMALLEST, min(LARGEST, percent))
        self.apply()

    def resized(self, width: int) -> None:
        self._narrow = width < NARROW_BELOW
        self.apply()

    def can_change(self) -> bool:
        """The keys do nothing where two panes never fit."""
        return not self._narrow

    def widen_list(self, by: int) -> None:
        percent = max(SMALLEST, min(LARGEST, self.percent + by))
        if percent != self.percent or not self.reader_shown:
            self.percent, self.reader_shown = percent, True
            self._changed()

    def toggle_reader(self) -> None:
        self.reader_shown = not self.reader_shown
        self._changed()

    def apply(self) -> None:
        screen = self._screen
        screen.set_class(self.single, "-single")
        if not self.single:
            screen.remove_class("-reading")
        pane = screen.query_one("#list-pane")
        pane.styles.width = "1fr" if self.single else f"{self.percent}%"

    def _changed(self) -> None:
        self.apply()
        screen, percent, shown = self._screen, self.percent, self.reader_shown
        if screen.reader.has_focus and not shown:
            screen.set_focus(screen.articles)
        screen.saver.save(lambda: screen.session.remember_layout(percent, shown), lambda _: None)
        screen.notify(
            f"List {percent}% · reader beside it" if shown else "List only: Enter opens the reader",
            timeout=1.5,
        )
