"""The views the main screen opens over itself: the problems, the sources and a story.

What each lists is read or counted in a worker (the problems from the cache, the counts over
every article), then the view is pushed; choosing a source filters the list through the search
bar, so the filter shows and can be edited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...library import tally
from .. import texts
from .problems import ProblemsScreen
from .sources import SourcesScreen
from .story_view import CompareScreen, StoryScreen

if TYPE_CHECKING:
    from .main import MainScreen


class Views:
    """Opens the problems and sources views for one screen."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen

    def problems(self) -> None:
        screen = self._screen
        library = screen.library
        if not screen.problem_count and not library.skipped:
            screen.notify(texts.NO_PROBLEMS, timeout=2)
            return

        def read() -> None:
            view = ProblemsScreen(library.problems(), library.skipped)
            screen.app.call_from_thread(screen.app.push_screen, view)

        screen.run_worker(read, thread=True, group="problems", exit_on_error=False)

    def sources(self) -> None:
        screen = self._screen
        catalog, (bookmarked, read) = screen.catalog, screen.session.marks()
        if catalog is None:
            return

        def count() -> None:
            view = SourcesScreen(tally(catalog, read, bookmarked))
            screen.app.call_from_thread(screen.app.push_screen, view, self._chosen)

        screen.run_worker(count, thread=True, group="sources", exit_on_error=False)

    def _chosen(self, chosen: str | None) -> None:
        if chosen is not None:
            screen = self._screen
            screen.search_bar.value = chosen
            screen.set_focus(screen.articles)

    def story(self) -> None:
        """The open article's story: its reports by time (needs the stories loaded)."""
        screen = self._screen
        stories, position, catalog = (
            screen.feed.stories,
            screen.articles.highlighted,
            screen.catalog,
        )
        if position is None or catalog is None:
            return
        story = stories.of(position) if stories is not None else None
        if story is None:
            screen.notify(texts.NO_STORY, timeout=2)
            return
        entries = [catalog.entries[p] for p in story.positions]

        def chosen(answer: tuple[str, int] | None) -> None:
            if answer is None:
                return
            what, other = answer
            if what == "read":
                self.read(other, story.id)
            elif other != position:
                self._compare(position, other)

        screen.app.push_screen(StoryScreen(story, entries, position), chosen)

    def next_report(self, by: int) -> None:
        """Read the next (or previous) report of the open article's story, by time."""
        screen = self._screen
        stories, position = screen.feed.stories, screen.articles.highlighted
        story = stories.of(position) if stories is not None and position is not None else None
        if story is None or position is None:
            screen.notify(texts.NO_STORY, timeout=2)
            return
        at = story.positions.index(position) + by
        if 0 <= at < len(story):
            self.read(story.positions[at], story.id)
        else:
            screen.notify(f"No {'later' if by > 0 else 'earlier'} report of this story", timeout=2)

    def read(self, position: int, story_id: str) -> None:
        """Open the article at ``position``: in the list when it is listed, else with the list
        showing its story (``story:ID``), the cursor on it."""
        screen = self._screen
        order = screen.articles.order
        try:
            screen.articles.cursor = order.index(position)
        except ValueError:
            catalog = screen.catalog
            if catalog is None:
                return
            screen.feed.keep_next(catalog.entries[position].id, screen.open_for_reading)
            screen.search_bar.value = f"story:{story_id}"
            return
        screen.open_for_reading()

    def _compare(self, left: int, right: int) -> None:
        screen = self._screen
        library = screen.library

        def load() -> None:
            articles = library.article(left), library.article(right)
            screen.app.call_from_thread(screen.app.push_screen, CompareScreen(*articles))

        screen.run_worker(load, thread=True, group="compare", exit_on_error=False)
