"""Feeding the article list: what to show for the current query, sort and marks.

Every change (a keystroke, a sort, a new catalog, a mark a filter looks at) is a new request with
a serial number. A worker answers it (the search, and the order: a first title sort of 100,000
articles takes a third of a second, never on the event loop) and only the answer to the newest
request is shown; older ones are dropped, as are answers about a catalog the list no longer shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...library import Catalog, IdSet, Library, SearchResults, Sort
from ...library.stories import Stories
from .. import texts
from ..letting_go import letting_go
from ..widgets.list_rows import DATE_CELLS, MetaColumns

if TYPE_CHECKING:
    from .main import MainScreen


@dataclass(frozen=True, slots=True)
class ListRequest:
    """Everything an answer depends on, fixed when the request is made."""

    serial: int
    text: str
    sort: Sort
    by_relevance: bool
    catalog: Catalog
    bookmarked: frozenset[str]
    read: IdSet
    stories: Stories | None
    """When set, the list is collapsed to one row per story (see ``Stories.one_per_story``)."""
    keep: str | None
    """The article to keep the cursor on, if it is still listed; else the top."""
    live: bool = False
    """A change the user did not ask for: the cursor's row stays put on the screen, and if its
    article went, the cursor stays at its index (on the next one) instead of going to the top."""


@dataclass(frozen=True, slots=True)
class ListAnswer:
    request: ListRequest
    results: SearchResults | None
    order: Sequence[int]
    columns: MetaColumns
    unread: int


def answer(library: Library, request: ListRequest) -> ListAnswer | None:
    """The rows for ``request``, or None if the library's catalog changed meanwhile."""
    results = None
    catalog = request.catalog
    if not request.text.strip():
        order = catalog.order(request.sort)
    else:
        results = library.search(request.text, bookmarked=request.bookmarked, read=request.read)
        if results.query.words and request.by_relevance:
            order = results.positions
        else:
            order = catalog.sorted_positions(results.positions, request.sort)
    if request.stories is not None:
        order = request.stories.one_per_story(order)
    if library.catalog is not catalog:
        return None  # positions of another catalog: the screen asks again when it has it
    # the whole catalog's columns, not the results': typing must not make the columns jump
    columns = MetaColumns(catalog.longest_source, DATE_CELLS if catalog.has_dates else 0)
    unread = catalog.unread_among(order, request.read)
    return ListAnswer(request, results, order, columns, unread)


class ListFeed:
    """The list's requests and answers, for one screen."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen
        self._serial = 0
        self._shown = 0
        self.catalog: Catalog | None = None
        self.results: SearchResults | None = None
        self._next_keep: tuple[str, Callable[[], None]] | None = None
        self.stories: Stories | None = None
        """The catalog's stories, once loaded (see ``Loader``)."""
        self.unread: int | None = None
        """Unread articles among those listed, as of the last answer or recount."""

    def request(self, keep: str | None = None, *, top: bool = False, live: bool = False) -> None:
        """Ask for the rows again, the cursor kept on ``keep`` (by default the highlighted
        article) or, with ``top``, on the first row: where a new query's best result is."""
        screen = self._screen
        self._serial += 1
        if self.catalog is None:
            return
        bookmarked, read = screen.session.marks()
        request = ListRequest(
            serial=self._serial,
            text=screen.search_bar.value,
            sort=screen.sort,
            by_relevance=screen.by_relevance,
            catalog=self.catalog,
            bookmarked=bookmarked,
            read=read,
            stories=self.stories if screen.one_per_story else None,
            keep=self._next_keep[0]
            if self._next_keep
            else None
            if top
            else keep or screen.highlighted_id(),
            live=live,
        )
        screen.run_worker(
            letting_go(self._answer, request),
            thread=True,
            exclusive=True,
            group="list",
            exit_on_error=False,
        )

    def keep_next(self, article_id: str, then: Callable[[], None]) -> None:
        """Put the cursor on ``article_id`` in the next answer, whatever the query, and then
        run ``then``: a view that changes the query to show an article uses it."""
        self._next_keep = (article_id, then)

    def is_current(self) -> bool:
        """Whether the list shows the answer to the newest request."""
        return self._shown == self._serial

    def _answer(self, request: ListRequest) -> None:
        screen = self._screen
        found = answer(screen.library, request)
        if found is not None:
            screen.app.call_from_thread(self._show, found)
            return
        newer = screen.library.loaded_catalog
        if newer is not None:  # files changed meanwhile: show the newer catalog now, answered
            screen.app.call_from_thread(screen.loader.catalog_ready, newer, None, live=True)

    def _show(self, answer: ListAnswer) -> None:
        request, screen = answer.request, self._screen
        if request.serial != self._serial or request.catalog is not self.catalog:
            return  # an older request, or positions in a catalog the list does not show
        self._shown = request.serial
        self.results = results = answer.results
        self.unread = answer.unread
        catalog, order = request.catalog, answer.order
        if results is not None:
            screen.query_problems("; ".join(results.query.errors))
        highlighter = results.highlights if results is not None and results.terms else None
        screen.articles.bookmarked, screen.articles.read = (
            screen.session.bookmarked,
            screen.session.read,
        )
        articles = screen.articles
        cursor, row = articles.cursor, articles.cursor - int(articles.scroll_y)
        kept = catalog.index_of(request.keep) if request.keep else None
        articles.show(
            catalog.entries,
            order,
            highlighter=highlighter,
            cursor_position=kept,
            message=self._empty_message(catalog),
            columns=answer.columns,
        )
        if request.live and order:
            if kept is None or kept not in order:
                articles.cursor = min(cursor, len(order) - 1)
            articles.scroll_to(y=max(0, articles.cursor - row), animate=False, immediate=True)
        partial = results is not None and results.partial
        self.update_count()
        screen.articles.border_title = (
            texts.CLOSEST
            if partial and order
            else "Articles, one per story"
            if request.stories is not None
            else "Articles"
        )
        if self._next_keep is not None and self._next_keep[0] == request.keep:
            then, self._next_keep = self._next_keep[1], None
            then()
        self.update_sort_label()
        if not order:
            screen.reader.show_message("")
        screen.paint_hold.release()
        screen.loader.rows_shown()

    def update_count(self) -> None:
        """The header's count, also while an index goes on (progress calls this)."""
        screen, catalog = self._screen, self.catalog
        if catalog is None:
            return
        shown, total = len(screen.articles.order), len(catalog)
        indexing = screen.index_progress if screen.scanning else None
        if indexing is None and screen.scanning and not total:
            screen.sub_title = "indexing…"
            return
        screen.sub_title = texts.count_articles(
            shown, total, self.results is not None or screen.one_per_story, indexing, self.unread
        )

    def recount(self) -> None:
        """Count the unread again after marks changed (in a worker: 100,000 ids to look up)."""
        screen, catalog = self._screen, self.catalog
        if catalog is None:
            return
        order, serial, read = screen.articles.order, self._shown, screen.session.marks()[1]

        def count() -> None:
            unread = catalog.unread_among(order, read)
            screen.app.call_from_thread(counted, unread)

        def counted(unread: int) -> None:
            if self._shown == serial and self.catalog is catalog:
                self.unread = unread
                self.update_count()

        screen.run_worker(count, thread=True, group="recount", exit_on_error=False)

    def _empty_message(self, catalog: Catalog) -> str:
        screen = self._screen
        if screen.scanning and screen.index_progress is not None and self.results is not None:
            _, to_do = screen.index_progress
            return texts.none_yet(screen.search_bar.value, len(catalog), to_do)
        if len(catalog):
            return texts.no_match(screen.search_bar.value)
        if screen.scanning:
            return texts.INDEXING
        if screen.folder_missing:
            return texts.missing_library(screen.library.root)
        return texts.empty_library(screen.library.root)

    def update_sort_label(self) -> None:
        screen = self._screen
        searching = self.results is not None and self.results.query.words
        label = "relevance" if searching and screen.by_relevance else screen.sort
        screen.articles.border_subtitle = f"by {label}"
