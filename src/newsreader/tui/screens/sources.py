"""The sources view: every source and folder with its article and unread counts; choosing one
filters the list to it (`source:"NAME"` or `folder:"PATH"` in the search bar, so the filter is
visible, editable and combines with words)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable

from ...library import Tally


class SourcesScreen(ModalScreen[str | None]):
    """Dismissed with the filter for the chosen row, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,S", "close", "Close"),
    ]

    def __init__(self, counts: Tally) -> None:
        super().__init__()
        self.counts = counts
        self._filters: list[str] = []

    def compose(self) -> ComposeResult:
        counts = self.counts
        with Vertical(id="dialog") as dialog:
            dialog.border_title = (
                f"Sources and folders · {counts.total:,} articles · {counts.unread:,} unread"
            )
            dialog.border_subtitle = "Enter shows one · Esc to close"
            yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Source or folder", "Unread", "Articles")
        for kind in ("source", "folder"):
            for group in self.counts.of(kind):
                name = group.name if kind == "source" else f"{group.name}/"
                table.add_row(
                    Text(name, no_wrap=True, style="" if group.unread else "dim"),
                    Text(f"{group.unread:,}", justify="right"),
                    Text(f"{group.total:,}", justify="right"),
                )
                self._filters.append(f'{kind}:"{group.name}"')
        if not self._filters:
            table.add_row(Text("No article names a source, and every file is at the top."), "", "")
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        row = event.cursor_row
        self.dismiss(self._filters[row] if 0 <= row < len(self._filters) else None)

    def action_close(self) -> None:
        self.dismiss(None)
