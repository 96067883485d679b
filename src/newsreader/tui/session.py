"""What the app remembers for the user, kept apart from the screen that shows it.

The screen asks "is this bookmarked?" for every visible row, so the bookmark and read sets live in
memory here and the :class:`StateStore` is only written when something changes. Places (the
selected article, the sort, each article's reading position) are keyed by the library, so two
library folders keep their own. No Textual here: this is plain bookkeeping, tested as such.
"""

from __future__ import annotations

from ..library import SORTS, Entry, Sort, StateStore

_SELECTED = "selected"
_SORT = "sort"
_LINE = "line:"


class Session:
    """The bookmark and read sets, and this library's saved places."""

    def __init__(self, state: StateStore, library_key: str) -> None:
        self.state = state
        self.library_key = library_key
        self.bookmarked: set[str] = state.bookmarked_ids()
        self.read: set[str] = state.read_ids()

    @property
    def warnings(self) -> list[str]:
        return self.state.warnings

    # -- bookmarks and read marks (raise StateError when the change cannot be saved) ------------

    def toggle_bookmark(self, entry: Entry) -> bool:
        on = self.state.toggle_bookmark(entry)
        (self.bookmarked.add if on else self.bookmarked.discard)(entry.id)
        return on

    def set_read(self, article_id: str, on: bool) -> None:
        if (article_id in self.read) == on:
            return
        self.state.set_read(article_id, on)
        (self.read.add if on else self.read.discard)(article_id)

    # -- places --------------------------------------------------------------------------------

    def selected(self) -> str | None:
        return self.state.place(self.library_key, _SELECTED)

    def sort(self) -> Sort:
        saved = self.state.place(self.library_key, _SORT)
        for sort in SORTS:
            if sort == saved:
                return sort
        return "newest"

    def line(self, article_id: str) -> int:
        saved = self.state.place(self.library_key, _LINE + article_id)
        try:
            return max(0, int(saved or 0))
        except ValueError:
            return 0

    def remember(self, *, selected: str | None = None, sort: Sort | None = None) -> None:
        if selected is not None and selected != self.selected():
            self.state.set_place(self.library_key, _SELECTED, selected)
        if sort is not None:
            self.state.set_place(self.library_key, _SORT, sort)

    def remember_line(self, article_id: str, line: int) -> None:
        """Save a reading position; not writing zeros keeps the store small for skimmed articles."""
        if line > 0 or self.state.place(self.library_key, _LINE + article_id) is not None:
            self.state.set_place(self.library_key, _LINE + article_id, str(line))


def next_sort(sort: Sort) -> Sort:
    return SORTS[(SORTS.index(sort) + 1) % len(SORTS)]
