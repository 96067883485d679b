"""The main screen: search bar, article list and reader, and what the user's keys do to them.

The screen composes the panes and routes messages; the work is done by collaborators it owns:
:class:`Loader` (catalog and scans), :class:`ListFeed` (what the list shows, answered off the
event loop), :class:`Follower` (the reader follows the cursor; reading marks read),
:class:`Saver` (saved-state writes, off the event loop, in order) and :class:`Live` (what other
programs change meanwhile: files, saved state, the cache). Widgets only post messages.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Label, ProgressBar
from textual.worker import Worker, WorkerState

from ...library import CacheRebuilt, Catalog, Library, SearchResults, Sort, StateError
from .. import texts
from ..paint_hold import PaintHold
from ..saving import Saver
from ..session import Session, next_sort
from ..widgets.article_list import ArticleList
from ..widgets.reader import Reader
from ..widgets.search_bar import SearchBar
from .following import Follower
from .keeping_up import KeepingUp
from .layout import STEP, Layout
from .list_feed import ListFeed
from .live import Live
from .loading import Loader
from .main_keys import MAIN_KEYS
from .marking import Marking
from .reading_actions import ReadingActions
from .views import Views

ECHO_HOLD = 0.05
"""A typed character is painted together with the list it filters, but never later than this
(seconds) after the key, however long the search takes."""

QUERY_PROBLEM_DELAY = 0.6
"""How long a query must stay unchanged before what is wrong with its filters is shown."""

_NEEDS_ARTICLE = {
    "next_article", "previous_article", "next_unread", "toggle_bookmark", "toggle_read",
    "open_url", "copy_url", "edit", "mark_all_read", "story", "next_report",
}  # fmt: skip

_FAILED = {
    "scan": "Scanning the library",
    "list": "Searching",
    "article": "Opening the article",
    "catalog": "Loading the library",
}


class MainScreen(Screen[None]):
    """Browse, search and read one library."""

    AUTO_FOCUS = "#articles"

    BINDINGS: ClassVar[list[BindingType]] = MAIN_KEYS

    def __init__(self, library: Library, session: Session, *, reader_width: int = 80) -> None:
        super().__init__()
        self.library = library
        self.session = session
        self.reader_width = reader_width
        self.sort: Sort = "newest"
        self.by_relevance = True
        self.one_per_story = False
        """The list collapsed to one row per story (`v`)."""
        self.scanning = False
        self.folder_missing = False
        self.index_progress: tuple[int, int] | None = None
        """Files read and to read while a long scan goes on; None otherwise."""
        self.problem_count = 0
        self.feed = ListFeed(self)
        self.loader = Loader(self)
        self.follower = Follower(self)
        self.saver = Saver(self)
        self.reading_actions = ReadingActions(self)
        self.panes = Layout(self)
        self.keeping_up = KeepingUp(self)
        self.marking = Marking(self)
        self.views = Views(self)
        self.live = Live(self)
        self._paint_hold: PaintHold | None = None
        self._shown_warnings: set[str] = set()
        self._query_problem = ""
        self._problem_timer: Timer | None = None
        self._nothing_highlighted = True

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchBar(id="search")
        with Horizontal(id="panes"):
            with Vertical(id="list-pane"):
                yield ArticleList(id="articles")
                with Horizontal(id="progress"):
                    yield Label("Indexing", id="progress-label", markup=False)
                    yield ProgressBar(id="progress-bar", show_eta=False)
            yield Reader(id="reader", column=self.reader_width)
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.library.name
        self.sub_title = "loading…"
        self.articles.border_title = "Articles"
        self.articles.message = "Loading…"
        self.reader.show_message("")
        self.feed.update_sort_label()
        self.show_warnings([*self.library.warnings, *self.session.warnings])
        self.loader.start()  # and, once the rows are painted, the live watch

    def on_unmount(self) -> None:
        self.live.stop()  # before the app closes the library the watch thread uses

    def on_resize(self, event: Resize) -> None:
        self.panes.resized(event.size.width)

    # -- what the collaborators and the app read -----------------------------------------------

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def catalog(self) -> Catalog | None:
        return self.feed.catalog

    @property
    def results(self) -> SearchResults | None:
        return self.feed.results

    @property
    def paint_hold(self) -> PaintHold:
        if self._paint_hold is None:
            self._paint_hold = PaintHold(self.app, ECHO_HOLD)
        return self._paint_hold

    def list_is_current(self) -> bool:
        """Whether the list shows what was last asked for (the benchmark waits for it)."""
        return self.feed.is_current()

    def highlighted_id(self) -> str | None:
        position = self.articles.highlighted
        catalog = self.catalog
        if position is None or catalog is None or position >= len(catalog):
            return None
        return catalog.entries[position].id

    def show_warnings(self, warnings: list[str]) -> None:
        for warning in warnings:
            if warning not in self._shown_warnings:
                self._shown_warnings.add(warning)
                self.notify(warning, severity="warning", timeout=10, markup=False)

    def query_problems(self, problems: str) -> None:
        """What the query's filters could not understand, shown in the search bar's border.

        Never as a toast: `is:`, `is:u`, `is:un` are each a bad filter while it is being typed.
        A problem waits for the user to pause (or press Enter); a fixed query clears it at once.
        """
        self._query_problem = problems
        if self._problem_timer is not None:
            self._problem_timer.stop()
        if not problems:
            self.search_bar.border_subtitle = ""
        else:
            self._problem_timer = self.set_timer(QUERY_PROBLEM_DELAY, self._show_query_problem)

    def _show_query_problem(self) -> None:
        self.search_bar.border_subtitle = self._query_problem

    # -- routing -------------------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed says so, rather than leaving a list that never fills."""
        if event.state != WorkerState.ERROR:
            return
        error, group = event.worker.error, event.worker.group
        if isinstance(error, CacheRebuilt) and group != "scan":
            self.show_warnings([str(error)])  # found damaged, now empty: refill it
            if not self.scanning:
                self.loader.scan(manual=False)
            return
        if group == "scan":
            self.loader.failed()
        what = _FAILED.get(group, "A background task")
        self.notify(f"{what} failed: {error}", severity="error", markup=False)

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        if not event.value.strip():
            self.by_relevance = True
        elif self.catalog is not None:
            self.paint_hold.hold()  # released when this query's rows are in the list
        self.feed.request(top=True)  # a new query starts from its best result

    @on(SearchBar.Done)
    def _done_typing(self, event: SearchBar.Done) -> None:
        self._show_query_problem()
        self.set_focus(self.articles)

    @on(ArticleList.Highlighted)
    def _highlighted(self, event: ArticleList.Highlighted) -> None:
        if (event.position is None) != self._nothing_highlighted:
            # the article keys come and go with a highlighted row; refreshing the bindings
            # recomposes the Footer, far too slow to do on every cursor move
            self._nothing_highlighted = event.position is None
            self.refresh_bindings()
        if event.position is not None and not self._reader_hidden():
            self.follower.highlighted()

    def _reader_hidden(self) -> bool:
        return self.panes.single and not self.has_class("-reading")

    @on(ArticleList.Selected)
    def _selected(self, event: ArticleList.Selected) -> None:
        self.open_for_reading()

    def open_for_reading(self) -> None:
        """Show the highlighted article in the reader, focused, and mark it read."""
        self.add_class("-reading")
        self.set_focus(self.reader)
        self.follower.open_for_reading()
        article_id = self.highlighted_id()
        if article_id is not None:
            session = self.session
            self.saver.save(lambda: session.remember(selected=article_id), lambda _: None)

    @on(Reader.LinksWanted)
    def _links_wanted(self, event: Reader.LinksWanted) -> None:
        self.reading_actions.pick_link(event.number)

    @on(Reader.Back)
    def _back(self) -> None:
        self.remove_class("-reading")
        self.set_focus(self.articles)

    def on_descendant_focus(self) -> None:
        if self.focused is not self.reader:
            if self.focused is self.articles and self.panes.single:
                self.remove_class("-reading")
            self.follower.left_reader()
        self.refresh_bindings()

    def save_places(self) -> None:
        """Called on quit: where the user was, so the next start opens there."""
        try:
            self.session.remember(selected=self.highlighted_id(), sort=self.sort)
            if self.reader.article_id is not None and self.reader.reading:
                self.session.remember_line(self.reader.article_id, int(self.reader.scroll_y))
        except StateError:
            pass  # quitting: the error was already shown when the store first failed

    # -- the keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.focused, Input) and action in self._letter_actions():
            return False
        if action in _NEEDS_ARTICLE and self.highlighted_id() is None:
            return False
        if action == "rescan":
            return not self.scanning
        if action == "clear_query":
            return bool(self.search_bar.value)
        if action == "undo_mark_all":
            return self.keeping_up.can_undo()
        if action in ("widen_list", "toggle_reader"):
            return self.panes.can_change()
        return True

    def _letter_actions(self) -> set[str]:
        return {binding.action for binding in self.BINDINGS if isinstance(binding, Binding)}

    def action_focus_search(self) -> None:
        """Focus the search bar with its query selected: typing replaces it, an arrow keeps it."""
        self.remove_class("-reading")
        self.set_focus(self.search_bar)
        self.search_bar.select_all()

    def action_clear_query(self) -> None:
        self.search_bar.value = ""

    def action_next_article(self) -> None:
        self._step(1)

    def action_previous_article(self) -> None:
        self._step(-1)

    def _step(self, by: int) -> None:
        self.articles.cursor += by
        if self.follower.reading():
            self.follower.open_for_reading()

    def action_next_unread(self, by: int) -> None:
        self.keeping_up.next_unread(by)

    def action_mark_all_read(self) -> None:
        self.keeping_up.mark_all_read()

    def action_undo_mark_all(self) -> None:
        self.keeping_up.undo()
        self.refresh_bindings()

    def action_toggle_bookmark(self) -> None:
        self.marking.toggle_bookmark()

    def action_bookmarks_only(self) -> None:
        self.search_bar.value = texts.toggle_filter(self.search_bar.value, "is:bookmarked")

    def action_toggle_read(self) -> None:
        self.marking.toggle_read()

    def action_open_url(self) -> None:
        self.reading_actions.open_url()

    def action_copy_url(self) -> None:
        self.reading_actions.copy_url()

    def action_edit(self) -> None:
        self.reading_actions.edit()

    def action_cycle_sort(self) -> None:
        results = self.results
        if results is not None and results.query.words and self.by_relevance:
            self.by_relevance = False  # first press while searching: sort the results instead
        else:
            self.sort = next_sort(self.sort)
            session, sort = self.session, self.sort
            self.saver.save(lambda: session.remember(sort=sort), lambda _: None)
        self.feed.request()
        self.notify(f"Sorted by {self.sort}", timeout=1.5)

    def action_widen_list(self, steps: int) -> None:
        self.panes.widen_list(steps * STEP)

    def action_toggle_reader(self) -> None:
        self.panes.toggle_reader()

    def action_rescan(self) -> None:
        self.loader.scan(manual=True)

    def action_problems(self) -> None:
        self.views.problems()

    def action_sources(self) -> None:
        self.views.sources()

    def action_story(self) -> None:
        self.views.story()

    def action_next_report(self) -> None:
        self.views.next_report(1)

    def action_one_per_story(self) -> None:
        if self.feed.stories is None:
            self.notify("Stories are still being read", timeout=2)
            return
        self.one_per_story = not self.one_per_story
        self.feed.request()
        shown = "one row per story" if self.one_per_story else "every article"
        self.notify(f"The list shows {shown}", timeout=1.5)
