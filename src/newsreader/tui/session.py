"""What the app remembers for the user, kept apart from the screen that shows it.

The screen asks "is this bookmarked?" for every visible row, so the bookmark and read sets live in
memory here. They are read from the :class:`StateStore` off the event loop (:meth:`load`), and
every change goes to the store first, from a worker, and reaches these sets only once it is saved
(:meth:`note_bookmark`, :meth:`note_read`): what the list shows is what is on disk. Places (the
selected article, the sort, each article's reading position) are keyed by the library, so two
library folders keep their own. No Textual here: this is plain bookkeeping, tested as such.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..library import SORTS, Entry, IdSet, Sort, StateStore

_SELECTED = "selected"
_SORT = "sort"
_LINE = "line:"
_LAYOUT = "layout"
_EVERY_LIBRARY = "*"
"""The places key of what is the user's, not one library's: how the panes are laid out."""


class Session:
    """The bookmark and read sets, and this library's saved places."""

    def __init__(self, state: StateStore, library_key: str, library_folder: str = "") -> None:
        self.state = state
        self.library_key = library_key
        self.library_folder = library_folder or None
        """The folder, as bookmarks record it (see ``Library.folder``)."""
        self.bookmarked: set[str] = set()
        self.read = IdSet()
        """Held as numbers: a million read marks in 8 MB (see :class:`IdSet`)."""
        self._marks: tuple[frozenset[str], IdSet] | None = None
        self.noted = 0
        """Counts this app's own saved changes: marks read before one of them are stale."""

    @property
    def warnings(self) -> list[str]:
        return self.state.warnings

    def load(self) -> None:
        """Read the saved marks: from a worker, as 100,000 read marks take a while."""
        bookmarked, read = self.state.bookmarked_ids(), self.state.read_marks()
        self.bookmarked, self.read, self._marks = bookmarked, read, None

    def replace_marks(self, bookmarked: set[str], read: IdSet) -> bool:
        """The marks as another process left them (read in a worker); whether they differ."""
        if bookmarked == self.bookmarked and read == self.read:
            return False
        self.bookmarked.clear()  # the list widget holds these very sets: change them in place
        self.bookmarked.update(bookmarked)
        self.read.clear()
        self.read.update(read)
        self._marks = None
        return True

    def marks(self) -> tuple[frozenset[str], IdSet]:
        """The bookmarked and read ids as they are now, for a search in another thread.

        The same objects until a mark changes, so a search can keep what it computed from them
        (the articles `is:unread` lets through) while the user types on.
        """
        if self._marks is None:
            self._marks = (frozenset(self.bookmarked), self.read.frozen())
        return self._marks

    # -- writes (from a worker: each raises StateError when it cannot be saved) ----------------

    def toggle_bookmark(self, entry: Entry) -> bool:
        return self.state.toggle_bookmark(entry, self.library_folder)

    def set_bookmark(self, entry: Entry, on: bool) -> None:
        self.state.set_bookmark(entry, on, self.library_folder)

    def toggle_read(self, article_id: str) -> bool:
        return self.state.toggle_read(article_id)

    def set_read(self, article_ids: Iterable[str], on: bool) -> None:
        self.state.set_read_many(article_ids, on)

    # -- what was saved, noted on the event loop -------------------------------------------------

    def note_bookmark(self, article_id: str, on: bool) -> None:
        (self.bookmarked.add if on else self.bookmarked.discard)(article_id)
        self._marks = None
        self.noted += 1

    def note_read(self, article_ids: Iterable[str], on: bool) -> None:
        if on:
            self.read.update(article_ids)
        else:
            self.read.difference_update(article_ids)
        self._marks = None
        self.noted += 1

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

    def layout(self) -> tuple[int, bool] | None:
        """The saved split (the list's share of the width, in percent) and whether the reader is
        shown beside the list; None when never changed."""
        saved = self.state.place(_EVERY_LIBRARY, _LAYOUT) or ""
        percent, _, shown = saved.partition(",")
        try:
            return int(percent), shown != "0"
        except ValueError:
            return None

    def remember_layout(self, percent: int, reader_shown: bool) -> None:
        self.state.set_place(_EVERY_LIBRARY, _LAYOUT, f"{percent},{int(reader_shown)}")

    def remember_line(self, article_id: str, line: int) -> None:
        """Save a reading position; not writing zeros keeps the store small for skimmed articles."""
        if line > 0 or self.state.place(self.library_key, _LINE + article_id) is not None:
            self.state.set_place(self.library_key, _LINE + article_id, str(line))


def next_sort(sort: Sort) -> Sort:
    return SORTS[(SORTS.index(sort) + 1) % len(SORTS)]
