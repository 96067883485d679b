"""A story's reports: listed by time with their sources, and any two side by side.

The story view lists every report of the open article's story; Enter reads one, `d` sets the
highlighted report beside the one the view was opened from. Article text is data: plain text is
shown as ``Text``, Markdown through Rich's Markdown (which reads no Rich markup).
"""

from __future__ import annotations

from typing import ClassVar

from rich.markdown import Markdown
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ...library import Article, Entry
from ...library.stories import Story
from .. import texts


class StoryScreen(ModalScreen[tuple[str, int] | None]):
    """Dismissed with ("read", position), ("compare", position), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,c", "close", "Close"),
        Binding("d", "compare", "Side by side", tooltip="With the article you came from"),
    ]

    def __init__(self, story: Story, entries: list[Entry], current: int) -> None:
        super().__init__()
        self.story = story
        self.entries = entries
        self.current = current

    def compose(self) -> ComposeResult:
        story = self.story
        with Vertical(id="dialog") as dialog:
            dialog.border_title = f"Story: {len(story)} reports · {', '.join(story.sources)}"
            dialog.border_subtitle = "Enter reads · d side by side · Esc closes"
            yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("", "Date", "Source", "Headline")
        for position, entry in zip(self.story.positions, self.entries, strict=True):
            when = (
                entry.published.isoformat(sep=" ", timespec="minutes")
                if entry.published
                else entry.date.isoformat()
                if entry.date
                else "—"
            )
            table.add_row(
                Text("▶" if position == self.current else ""),
                Text(when),
                Text(entry.source or "", no_wrap=True),
                Text(entry.title, no_wrap=True),
            )
        table.move_cursor(row=self.story.positions.index(self.current))
        table.focus()

    def _highlighted(self) -> int:
        return self.story.positions[self.query_one(DataTable).cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(("read", self.story.positions[event.cursor_row]))

    def action_compare(self) -> None:
        self.dismiss(("compare", self._highlighted()))

    def action_close(self) -> None:
        self.dismiss(None)


class CompareScreen(ModalScreen[None]):
    """Two reports of one story side by side, each scrolled on its own (Tab moves between)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close")]

    def __init__(self, left: Article, right: Article) -> None:
        super().__init__()
        self.articles = (left, right)

    def compose(self) -> ComposeResult:
        with Horizontal(id="dialog") as dialog:
            dialog.border_title = "Side by side"
            dialog.border_subtitle = "Tab switches · Esc closes"
            for article in self.articles:
                with VerticalScroll(classes="side"):
                    heading = Text(article.title, style="bold")
                    moment = texts.when(article.date, article.published)
                    meta = " · ".join(
                        part for part in (article.source, moment, article.author) if part
                    )
                    heading.append(f"\n{meta}\n", style="dim")
                    yield Static(heading)
                    body: Text | Markdown = (
                        Markdown("\n\n".join(article.body))
                        if article.markup == "markdown"
                        else Text("\n\n".join(article.body))
                    )
                    yield Static(body)

    def action_close(self) -> None:
        self.dismiss(None)
