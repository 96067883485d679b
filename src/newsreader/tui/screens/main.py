"""The main screen: search bar, article list and reader, and the workers that feed them.

Data flows one way. Workers call the library off the event loop (catalog load, scan, search,
article body) and hand results back with ``call_from_thread``; results that no longer match what
the user is looking at (a newer query, another article, a reloaded catalog) are dropped. Widgets
only post messages; this screen decides what they mean.
"""

from __future__ import annotations

import gc
import time
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Label, ProgressBar
from textual.worker import Worker, WorkerState, get_current_worker

from ...library import (
    CacheRebuilt,
    Catalog,
    Library,
    LibraryMissing,
    ScanReport,
    SearchResults,
    Sort,
    StateError,
    parse_query,
)
from .. import texts
from ..paint_hold import PaintHold
from ..session import Session
from ..widgets.article_list import ArticleList
from ..widgets.reader import Reader
from ..widgets.search_bar import SearchBar
from .actions import ArticleActions

NARROW_BELOW = 100
"""Narrower than this many columns, one pane is shown at a time."""

FOLLOW_DELAY = 0.08
"""When the cursor moves faster than this (a held key), the reader waits for it to settle."""

TYPING_FOLLOW_DELAY = 0.25
"""While the user types a query, the reader waits this long after the last result: redrawing a
whole article per keystroke would make typing lag, and no one reads between two keys."""

PROGRESS_FROM = 200
"""Scans with fewer files to read than this finish before a progress bar would mean anything."""

ECHO_HOLD = 0.05
"""A typed character is painted together with the list it filters, but never later than this
(seconds) after the key, however long the search takes."""

SHOW_INDEXED_EVERY = 5.0
"""During a long scan, the list shows what is indexed so far this often (seconds): a first
index of 100,000 files takes half a minute, and an empty list all that time says nothing."""


def _settle_heap() -> None:
    """Collect once, then exempt what survives from later collections.

    The catalog and the widgets live as long as the app; a full collection walking them took
    40-60 ms at 10,000 articles, a stall that landed on every few keystrokes. Frozen objects are
    still freed by reference counting when a new catalog replaces them.
    """
    gc.collect()
    gc.freeze()


class MainScreen(ArticleActions):
    """Browse, search and read one library."""

    AUTO_FOCUS = "#articles"

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: the keys typed right after "/" must reach the search bar, not the list
        Binding(
            "slash", "focus_search", "Search", tooltip="Type to filter the list", priority=True
        ),
        Binding("n", "next_article", "Next", tooltip="Open the next article"),
        Binding("p", "previous_article", "Prev", tooltip="Open the previous article"),
        Binding("b", "toggle_bookmark", "Bookmark", tooltip="Bookmark or unbookmark"),
        Binding("B", "bookmarks_only", "Bookmarks only", tooltip="Show only bookmarks (toggle)"),
        Binding("u", "toggle_read", "Read/unread", show=False),
        Binding("o", "open_url", "Open in browser", show=False),
        Binding("s", "cycle_sort", "Sort", tooltip="Newest, oldest, title, source"),
        Binding("r", "rescan", "Rescan", show=False, tooltip="Look for new and changed files"),
        Binding("exclamation_mark", "problems", "Problems", show=False),
    ]

    def __init__(self, library: Library, session: Session) -> None:
        super().__init__()
        self.library = library
        self.session = session
        self.catalog: Catalog | None = None
        self.results: SearchResults | None = None
        self.sort: Sort = session.sort()
        self.by_relevance = True
        self.scanning = False
        self.folder_missing = False
        self.problem_count = 0
        self._shown_warnings: set[str] = set()
        self._last_query_error = ""
        self._last_follow = 0.0
        self._follow_timer: Timer | None = None
        self._manual_rescan = False
        self._nothing_highlighted = True
        self._paint_hold: PaintHold | None = None
        self._search_serial = 0
        self._research_on_leaving_reader = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchBar(id="search")
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield ArticleList(id="articles")
                with Horizontal(id="progress"):
                    yield Label("Indexing", id="progress-label", markup=False)
                    yield ProgressBar(id="progress-bar", show_eta=False)
            yield Reader(id="reader")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.library.name
        self.sub_title = "loading…"
        self.articles.border_title = "Articles"
        self.articles.message = "Loading…"
        self.reader.show_message("")
        self._update_sort_label()
        self._show_warnings([*self.library.warnings, *self.session.warnings])
        self.scanning = True  # a scan follows the catalog load; until then nothing is "empty"
        self.load_catalog()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "-narrow")

    # -- loading and scanning ------------------------------------------------------------------

    @work(thread=True, group="catalog", exit_on_error=False)
    def load_catalog(self) -> None:
        """Show what the cache already knows at once, then bring it up to date."""
        catalog = self.library.catalog
        self.app.call_from_thread(self._catalog_ready, catalog)
        # after the rows are painted: the rescan's walk holds the GIL for most of a second at
        # 100k files, and started at once it pushed the first paint from 0.45 s to 0.9 s
        self.app.call_from_thread(self.call_after_refresh, self._start_scan, False)

    @work(thread=True, exclusive=True, group="scan", exit_on_error=False)
    def scan(self) -> None:
        worker = get_current_worker()
        last, shown = 0.0, time.monotonic()

        def progress(done: int, total: int) -> None:
            nonlocal last, shown
            now = time.monotonic()
            if total >= PROGRESS_FROM and (now - last > 0.1 or done == total):
                last = now
                self.app.call_from_thread(self._scan_progress, done, total)
            if total >= PROGRESS_FROM and done < total and now - shown > SHOW_INDEXED_EVERY:
                shown = now
                self.app.call_from_thread(self._catalog_ready, self.library.reload_catalog())

        try:
            report = self.library.scan(progress=progress, cancelled=lambda: worker.is_cancelled)
        except LibraryMissing as error:
            self.app.call_from_thread(self._scan_missing, error)
            return
        catalog = self.library.catalog
        if not worker.is_cancelled:
            self.app.call_from_thread(self._scan_done, report, catalog)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed says so, rather than leaving a list that never fills."""
        if event.state != WorkerState.ERROR:
            return
        if isinstance(event.worker.error, CacheRebuilt) and event.worker.group != "scan":
            self._show_warnings([str(event.worker.error)])  # found damaged, now empty: refill it
            if not self.scanning:
                self._start_scan(manual=False)
            return
        if event.worker.group == "scan":
            self.scanning = False
            self.query_one("#progress").display = False
            self.refresh_bindings()
        what = {
            "scan": "Scanning the library",
            "search": "Searching",
            "article": "Opening the article",
            "catalog": "Loading the library",
        }.get(event.worker.group, "A background task")
        self.notify(f"{what} failed: {event.worker.error}", severity="error", markup=False)

    def _start_scan(self, manual: bool) -> None:
        self._manual_rescan = manual
        self.scanning = True
        self.refresh_bindings()
        self.scan()

    def _scan_progress(self, done: int, total: int) -> None:
        self.query_one("#progress").display = done < total
        self.query_one("#progress-label", Label).update(f"Indexing {done:,}/{total:,}")
        self.query_one(ProgressBar).update(total=total, progress=done)

    def _scan_missing(self, error: LibraryMissing) -> None:
        """The folder is gone (an unmounted disk, say): keep the list the cache gave, and say so."""
        self.scanning = False
        self.folder_missing = True
        self.query_one("#progress").display = False
        self.notify(str(error), severity="error", timeout=10, markup=False)
        self._fill_list()  # an empty list now says the folder is missing, not empty
        self.refresh_bindings()

    def _scan_done(self, report: ScanReport, catalog: Catalog) -> None:
        self.scanning = False
        self.folder_missing = False
        self.query_one("#progress").display = False
        self._catalog_ready(catalog)  # a scan reloads the catalog: positions may have moved
        if self._manual_rescan:
            self.notify(texts.scan_summary(report.new, report.changed, report.removed), timeout=3)
        if len(report.problems) != self.problem_count and report.problems:
            self.notify(texts.problems_notice(len(report.problems)), severity="warning")
        self.problem_count = len(report.problems)
        self._show_warnings(list(report.warnings))
        self.refresh_bindings()

    def _catalog_ready(self, catalog: Catalog) -> None:
        self.catalog = catalog
        if self.search_bar.value.strip():
            self.run_search(self.search_bar.value)
        else:
            self.results = None
            self._fill_list(keep=self.session.selected())
        self.call_after_refresh(_settle_heap)

    def _show_warnings(self, warnings: list[str]) -> None:
        for warning in warnings:
            if warning not in self._shown_warnings:
                self._shown_warnings.add(warning)
                self.notify(warning, severity="warning", timeout=10, markup=False)

    # -- searching -----------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        if self.catalog is not None and event.value.strip():
            self.paint_hold.hold()  # released when this query's results are in the list
        self.run_search(event.value)

    @property
    def paint_hold(self) -> PaintHold:
        if self._paint_hold is None:
            self._paint_hold = PaintHold(self.app, ECHO_HOLD)
        return self._paint_hold

    def run_search(self, text: str) -> None:
        """Search again: every call is a new request, and only the newest one's results count.

        Called when the query changes, when a new catalog arrives, and when what a filter looks
        at (bookmarks, read marks) changes under the same query text.
        """
        self._search_serial += 1
        self._research_on_leaving_reader = False
        if self.catalog is None:
            return
        if not text.strip():
            self.results, self.by_relevance = None, True
            self._fill_list()
            self.paint_hold.release()
            return
        self.search(text, self._search_serial)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search(self, text: str, serial: int) -> None:
        results = self.library.search(
            text, bookmarked=set(self.session.bookmarked), read=set(self.session.read)
        )
        # the catalog the positions point into: the engine's, unless a scan replaced it during
        # the search, and then the screen drops these and searches again when the new one comes
        self.app.call_from_thread(self._search_done, serial, self.library.catalog, results)

    def _search_done(self, serial: int, catalog: Catalog, results: SearchResults) -> None:
        if serial != self._search_serial or catalog is not self.catalog:
            return  # an older request, or positions in a catalog the list does not show
        self.results = results
        error = "; ".join(results.query.errors)
        if error and error != self._last_query_error:
            self.notify(error, title="Search", severity="warning", timeout=4, markup=False)
        self._last_query_error = error
        self._fill_list()
        self.paint_hold.release()

    @on(SearchBar.Done)
    def _search_done_typing(self, event: SearchBar.Done) -> None:
        self.set_focus(self.articles)

    # -- the list ------------------------------------------------------------------------------

    def _fill_list(self, keep: str | None = None) -> None:
        """Show the catalog or the results in the current order, keeping the same article."""
        catalog = self.catalog
        if catalog is None:
            return
        keep = keep or self._highlighted_id()
        results = self.results
        if results is None:
            order = catalog.order(self.sort)
        elif results.query.words and self.by_relevance:
            order = results.positions
        else:
            order = catalog.sorted_positions(results.positions, self.sort)
        if len(catalog):
            message = texts.no_match(self.search_bar.value)
        elif self.scanning:
            message = texts.INDEXING
        elif self.folder_missing:
            message = texts.missing_library(self.library.root)
        else:
            message = texts.empty_library(self.library.root)
        highlighter = results.highlights if results is not None and results.terms else None
        position = catalog.index_of(keep) if keep else None
        self.articles.bookmarked, self.articles.read = self.session.bookmarked, self.session.read
        self.articles.show(
            catalog.entries,
            order,
            highlighter=highlighter,
            cursor_position=position,
            message=message,
        )
        self.sub_title = texts.count_articles(len(order), len(catalog), results is not None)
        if self.scanning and not len(catalog):
            self.sub_title = "indexing…"
        self._update_sort_label()
        if not order:
            self.reader.show_message("")

    def _highlighted_id(self) -> str | None:
        position = self.articles.highlighted
        if position is None or self.catalog is None or position >= len(self.catalog):
            return None
        return self.catalog.entries[position].id

    def _update_sort_label(self) -> None:
        searching = self.results is not None and self.results.query.words
        label = "relevance" if searching and self.by_relevance else self.sort
        self.articles.border_subtitle = f"by {label}"

    # -- the reader follows the list -----------------------------------------------------------

    @on(ArticleList.Highlighted)
    def _highlighted(self, event: ArticleList.Highlighted) -> None:
        if (event.position is None) != self._nothing_highlighted:
            # the article keys come and go with a highlighted row; refreshing the bindings
            # recomposes the Footer, far too slow to do on every cursor move
            self._nothing_highlighted = event.position is None
            self.refresh_bindings()
        if event.position is None or self._reader_hidden():
            return
        now = time.monotonic()
        held = now - self._last_follow < FOLLOW_DELAY
        self._last_follow = now
        if self._follow_timer is not None:
            self._follow_timer.stop()
            self._follow_timer = None
        if self.focused is self.search_bar:
            self._follow_timer = self.set_timer(TYPING_FOLLOW_DELAY, self._open_highlighted)
        elif held:
            self._follow_timer = self.set_timer(FOLLOW_DELAY, self._open_highlighted)
        else:
            self._open_highlighted()

    def _reader_hidden(self) -> bool:
        return self.has_class("-narrow") and not self.has_class("-reading")

    def _open_highlighted(self) -> None:
        article_id = self._highlighted_id()
        if article_id is None:
            return
        highlighter = self.results.highlights if self.results and self.results.terms else None
        # == not `is`: each `results.highlights` is a new bound method, equal if of one result
        if article_id == self.reader.article_id and highlighter == self.reader.highlighter:
            self._mark_read_if_reading()
            return
        previous = (self.reader.article_id, int(self.reader.scroll_y))
        self.load_article(article_id, previous)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load_article(self, article_id: str, previous: tuple[str | None, int]) -> None:
        error = None
        if previous[0] is not None:
            try:
                self.session.remember_line(previous[0], previous[1])
            except StateError as failure:
                error = str(failure)
        article = self.library.article_by_id(article_id)
        line = self.session.line(article_id)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._article_loaded, article_id, article, line, error)

    def _article_loaded(
        self, article_id: str, article: object, line: int, error: str | None
    ) -> None:
        if error:
            self.notify(error, severity="error", markup=False)
        if article_id != self._highlighted_id() or article is None:
            return
        results = self.results
        highlighter = results.highlights if results is not None and results.terms else None
        self.reader.show_article(article, article_id, highlighter=highlighter, line=line)  # type: ignore[arg-type]
        self.reader.border_title = "Reader"
        self._mark_read_if_reading()

    def _mark_read_if_reading(self) -> None:
        """Reading is focusing the reader on an article (Enter, n/p), not skimming past it."""
        article_id = self.reader.article_id
        if article_id is None or article_id in self.session.read:
            return
        if self.reader.has_focus or self.has_class("-reading"):
            self._set_read(article_id, True)

    def _set_read(self, article_id: str, on: bool) -> None:
        try:
            self.session.set_read(article_id, on)
        except StateError as error:
            self.notify(str(error), severity="error", markup=False)
        self.articles.refresh_marks()
        self._marks_changed()

    def _marks_changed(self) -> None:
        """A bookmark or read mark changed: a query filtering on them (`is:unread`) is stale.

        While the user reads, the search waits until they leave the reader: the article must
        not vanish from under them, nor the reader follow the cursor to the next one, mark that
        read, and so on down the list.
        """
        query = parse_query(self.search_bar.value)
        if not (query.bookmarked or query.unread or query.read):
            return
        if self.reader.has_focus or self.has_class("-reading"):
            self._research_on_leaving_reader = True
        else:
            self.run_search(self.search_bar.value)

    @on(ArticleList.Selected)
    def _selected(self, event: ArticleList.Selected) -> None:
        self.add_class("-reading")
        self.set_focus(self.reader)
        self._open_highlighted()
        article_id = self._highlighted_id()
        if article_id is not None:
            self._remember(selected=article_id)

    @on(Reader.Back)
    def _back(self) -> None:
        self.remove_class("-reading")
        self.set_focus(self.articles)

    def on_descendant_focus(self) -> None:
        if self.focused is self.reader:
            self._mark_read_if_reading()
        else:
            if self.focused is self.articles and self.has_class("-narrow"):
                self.remove_class("-reading")
            if self._research_on_leaving_reader:
                self.run_search(self.search_bar.value)
        self.refresh_bindings()

    def _remember(self, **places: str | None) -> None:
        try:
            self.session.remember(**places)  # type: ignore[arg-type]
        except StateError as error:
            self.notify(str(error), severity="error", markup=False)

    def save_places(self) -> None:
        """Called on quit: where the user was, so the next start opens there."""
        try:
            self.session.remember(selected=self._highlighted_id(), sort=self.sort)
            if self.reader.article_id is not None:
                self.session.remember_line(self.reader.article_id, int(self.reader.scroll_y))
        except StateError:
            pass  # quitting: the error was already shown when the store first failed
