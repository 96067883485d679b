"""The views the main screen opens over itself: the problems and the sources.

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
