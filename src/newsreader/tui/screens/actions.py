"""The main screen's commands: what its keys, the Footer and the command palette run.

They live apart from :mod:`main`, which owns the panes, the workers and the data flow; a command
only reads the screen's state, changes it through the screen's own methods, and says what it
did. ``MainScreen`` extends this class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from ...library import Catalog, Library, SearchResults, Sort, StateError
from .. import texts
from ..session import Session, next_sort
from ..widgets.article_list import ArticleList
from ..widgets.reader import Reader
from ..widgets.search_bar import SearchBar
from .problems import ProblemsScreen

_NEEDS_ARTICLE = {"next_article", "previous_article", "toggle_bookmark", "toggle_read", "open_url"}


class ArticleActions(Screen[None]):
    """Commands on the highlighted article and the list, and when each is available."""

    library: Library
    session: Session
    catalog: Catalog | None
    results: SearchResults | None
    sort: Sort
    by_relevance: bool
    scanning: bool
    problem_count: int

    if TYPE_CHECKING:  # provided by MainScreen

        def _highlighted_id(self) -> str | None: ...
        def _open_highlighted(self) -> None: ...
        def _set_read(self, article_id: str, on: bool) -> None: ...
        def _marks_changed(self) -> None: ...
        def _remember(self, **places: str | None) -> None: ...
        def _fill_list(self, keep: str | None = None) -> None: ...
        def _start_scan(self, manual: bool) -> None: ...

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.focused, Input) and action in self._letter_actions():
            return False
        if action in _NEEDS_ARTICLE and self._highlighted_id() is None:
            return False
        if action == "problems":
            return self.problem_count > 0
        if action == "rescan":
            return not self.scanning
        return True

    def _letter_actions(self) -> set[str]:
        return {binding.action for binding in self.BINDINGS if isinstance(binding, Binding)}

    def action_focus_search(self) -> None:
        self.remove_class("-reading")
        self.set_focus(self.search_bar)

    def action_next_article(self) -> None:
        self.articles.cursor += 1
        if self.reader.has_focus or self.has_class("-reading"):
            self._open_highlighted()

    def action_previous_article(self) -> None:
        self.articles.cursor -= 1
        if self.reader.has_focus or self.has_class("-reading"):
            self._open_highlighted()

    def action_toggle_bookmark(self) -> None:
        position = self.articles.highlighted
        if position is None or self.catalog is None:
            return
        try:
            on = self.session.toggle_bookmark(self.catalog.entries[position])
        except StateError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.articles.refresh_marks()
        self._marks_changed()
        self.notify("Bookmarked" if on else "Bookmark removed", timeout=1.5)

    def action_bookmarks_only(self) -> None:
        self.search_bar.value = texts.toggle_filter(self.search_bar.value, "is:bookmarked")

    def action_toggle_read(self) -> None:
        article_id = self._highlighted_id()
        if article_id is not None:
            self._set_read(article_id, article_id not in self.session.read)

    def action_open_url(self) -> None:
        position = self.articles.highlighted
        if position is None or self.catalog is None:
            return
        url = self.catalog.entries[position].url
        refusal = texts.url_refusal(url)
        if refusal is not None:
            self.notify(refusal, severity="warning", markup=False)
        elif url is not None:
            self.app.open_url(url)

    def action_cycle_sort(self) -> None:
        searching = self.results is not None and self.results.query.words
        if searching and self.by_relevance:
            self.by_relevance = False  # first press while searching: sort the results instead
        else:
            self.sort = next_sort(self.sort)
            self._remember(sort=self.sort)
        self._fill_list()
        self.notify(f"Sorted by {self.sort}", timeout=1.5)

    def action_rescan(self) -> None:
        self._start_scan(manual=True)

    def action_problems(self) -> None:
        self.app.push_screen(ProblemsScreen(self.library.problems()))
