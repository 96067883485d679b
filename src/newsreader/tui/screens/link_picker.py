"""A small dialog listing an article's links: Enter opens one, ``y`` copies it.

Typing a link's number moves to it (``1`` ``2`` for link 12), so ``3`` Enter in the reader
opens link 3 without reading the list. The urls are shown as ``Text``: a url is data from the
article file, never markup.
"""

from __future__ import annotations

import time
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

NUMBER_WAIT = 1.0
"""Seconds within which a second digit continues a number (``1`` then ``2`` is link 12)."""


class LinkPicker(ModalScreen[tuple[str, str] | None]):
    """Dismissed with ``("open", url)``, ``("copy", url)`` or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close"),
        Binding("y", "choose('copy')", "Copy the link"),
        Binding("o", "choose('open')", "Open the link", tooltip="Enter or a click too"),
    ]

    def __init__(self, urls: list[str], number: int | None = None) -> None:
        super().__init__()
        self.urls = urls
        self._number = str(number) if number else ""
        self._typed_at = 0.0

    def compose(self) -> ComposeResult:
        options = OptionList(
            *(Option(Text(f"[{n}] {url}"), id=str(n)) for n, url in enumerate(self.urls, 1)),
            id="links",
        )
        options.border_title = "Links"
        options.border_subtitle = "Enter open · y copy · Esc close"
        yield options

    def on_mount(self) -> None:
        self._go_to(int(self._number) if self._number else 1)

    def _go_to(self, number: int) -> None:
        if 1 <= number <= len(self.urls):
            self.query_one(OptionList).highlighted = number - 1

    def on_key(self, event: Key) -> None:
        if event.character is None or not event.character.isdigit():
            return
        event.stop()
        now = time.monotonic()
        continued = self._number and now - self._typed_at < NUMBER_WAIT
        number = f"{self._number}{event.character}" if continued else event.character
        if int(number) > len(self.urls):
            number = event.character
        self._number, self._typed_at = number, now
        self._go_to(int(number))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter, or a click."""
        event.stop()
        self.dismiss(("open", self.urls[event.option_index]))

    def action_choose(self, what: str) -> None:
        index = self.query_one(OptionList).highlighted
        self.dismiss(None if index is None else (what, self.urls[index]))

    def action_close(self) -> None:
        self.dismiss(None)
