"""The help screen: every key, grouped by where it works, straight from the bindings.

Reading the widgets' ``BINDINGS`` (rather than keeping a hand-written list) means a new key shows
up here the day it is added, with the same description as in the Footer and the command palette.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets.article_list import ArticleList
from ..widgets.reader import Reader
from ..widgets.search_bar import SearchBar
from .link_picker import LinkPicker

KEY_WIDTH = 22

SEARCH_TIPS = (
    "Typing filters as you go; small typos are forgiven. Every word must match;\n"
    '"a phrase" matches as written, -word leaves articles out.\n'
    "Filters: is:bookmarked  is:unread  is:read  source:NAME  folder:NAME  story:ID\n"
    "         after:2010-01-01  before:2010-12-31"
)


class HelpScreen(ModalScreen[None]):
    """Every binding with its description."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    def __init__(self, groups: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "Esc to close"
            for title, bindings in self.groups:
                yield Static(Text(title, style="bold"), classes="group-title")
                yield Static(self._table(bindings), classes="group")
            yield Static(Text("Search", style="bold"), classes="group-title")
            yield Static(Text(SEARCH_TIPS), classes="group")

    def _table(self, bindings: list[BindingType]) -> Text:
        """One line per binding: its keys, what it does and, dimmed, a longer hint."""
        lines = Text()
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            keys = ", ".join(
                self.app.get_key_display(Binding(key, "")) for key in binding.key.split(",")
            )
            lines.append(keys.ljust(KEY_WIDTH), style="bold")
            lines.append(binding.description)
            if binding.tooltip:
                lines.append(f"  {binding.tooltip}", style="dim")
            lines.append("\n")
        lines.rstrip()
        return lines

    def action_close(self) -> None:
        self.dismiss(None)


def binding_groups(
    screen_bindings: list[BindingType], app_bindings: list[BindingType]
) -> list[tuple[str, list[BindingType]]]:
    return [
        ("Anywhere (outside the search box)", [*screen_bindings, *app_bindings]),
        ("Article list", list(ArticleList.BINDINGS)),
        ("Reader", list(Reader.BINDINGS)),
        ("Links dialog (f in the reader)", list(LinkPicker.BINDINGS)),
        ("Search box", list(SearchBar.BINDINGS)),
    ]
