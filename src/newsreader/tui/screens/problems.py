"""The problems screen: every file that could not be read, and why.

Paths and reasons come from the files themselves (a file name can hold anything), so cells are
``Text`` objects: a DataTable would read a plain string as markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ...library import Problem, skipped_summary

SHOWN_AT_MOST = 5000
"""A DataTable lays out every row; past a few thousand the rest are counted, not listed."""


class ProblemsScreen(ModalScreen[None]):
    """A table of the library's unreadable files; under it, how many files of which types were
    not read at all (counted, not listed: a folder may hold thousands)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,exclamation_mark", "dismiss", "Close"),
    ]

    def __init__(self, problems: list[Problem], skipped: tuple[tuple[str, int], ...] = ()) -> None:
        super().__init__()
        self.problems = problems
        self.skipped = skipped

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        with Vertical(id="dialog") as dialog:
            dialog.border_title = f"Problems: {count:,} file{'s' * (count != 1)} could not be read"
            dialog.border_subtitle = "Esc to close"
            yield DataTable(cursor_type="row", zebra_stripes=True)
            if count > SHOWN_AT_MOST:
                more = f"… and {count - SHOWN_AT_MOST:,} more (newsreader index lists them all)"
                yield Static(more, markup=False, classes="more")
            if self.skipped:
                summary = skipped_summary(self.skipped)
                yield Static(summary, markup=False, classes="more", id="skipped")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("File", "Reason")
        table.add_rows(
            (Text(problem.path, no_wrap=True), Text(problem.reason))
            for problem in self.problems[:SHOWN_AT_MOST]
        )
        if not self.problems:
            table.add_row(Text("No problems: every article file was read."), Text(""))
        table.focus()

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
