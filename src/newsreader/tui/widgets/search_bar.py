"""The search box: an Input that hands focus back to the list on Enter, Down and Esc.

It only reports what the user typed (Textual's ``Input.Changed``) and when they are done
(:class:`SearchBar.Done`); the screen runs the search.

What is pasted is data from anywhere (a web page, a terminal), and Textual's paste handling
passes escape sequences through: a bracketed paste holding ``ESC ] 0 ; TITLE BEL`` would be
shown raw, and so retitle the window or write the clipboard. Everything that enters the bar is
cleaned with ``clean_line`` on the way in.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input

from ...library.sanitize import clean_line

PLACEHOLDER = "Search  (words, is:bookmarked, is:unread, source:NAME, after:2010-01-01)"


class SearchBar(Input):
    """One line of query text; typing filters the list as you go."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """Input sets this on every character, and Widget's reflows the whole screen when it
    changes. The bar's own size never follows its text, so a repaint is all it needs: one
    full-screen layout less per keystroke."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,down", "done", "To list", tooltip="Keep the query and move to the list"),
        Binding("escape", "clear", "Clear", tooltip="Clear the query and go back to the list"),
    ]

    class Done(Message):
        """The user left the search box; ``cleared`` when they threw the query away."""

        def __init__(self, cleared: bool) -> None:
            super().__init__()
            self.cleared = cleared

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)

    def replace(self, text: str, start: int, end: int) -> None:
        """Every insertion (a key, a paste, the clipboard) comes through here: cleaned first."""
        super().replace(_clean_inserted(text), start, end)

    def validate_value(self, value: str) -> str:
        """A value set directly (a filter toggled, a query restored) is cleaned too. A clean one
        is left alone, since clean_line would also take the space just typed at its end."""
        return value if value.isprintable() else clean_line(value)

    def action_done(self) -> None:
        self.post_message(self.Done(cleared=False))

    def action_clear(self) -> None:
        self.value = ""
        self.post_message(self.Done(cleared=True))


def _clean_inserted(text: str) -> str:
    """``text`` as clean_line makes it, but a typed space stays a space (clean_line strips)."""
    if text == " ":
        return text
    return clean_line(text)
