"""The reader follows the list's cursor, and reading an article marks it read.

Moving the cursor previews the highlighted article from its top (after a short pause while keys
repeat or the user types); opening it for reading (Enter, next/previous, a double click) marks
it read and returns to where the user left it, and nothing else marks it: a sort, a rescan or a
refresh that shows the same article again must not undo the user's `u`. The article's body is
read in a worker, which also saves where the user was in the previous article, if it was being
read: a preview's top is no place to keep.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.worker import get_current_worker

from ...library import Article, StateError, parse_query
from .. import texts

if TYPE_CHECKING:
    from .main import MainScreen

FOLLOW_DELAY = 0.08
"""When the cursor moves faster than this (a held key), the reader waits for it to settle."""

TYPING_FOLLOW_DELAY = 0.25
"""While the user types a query, the reader waits this long after the last result: redrawing a
whole article per keystroke would make typing lag, and no one reads between two keys."""


class Follower:
    """Keeps the reader on the highlighted article and marks what is read."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen
        self._last_move = 0.0
        self._timer: Timer | None = None
        self._to_mark: str | None = None
        """The article the user opened for reading, marked read once it is shown."""
        self.search_on_leaving_reader = False
        self._saved_line: tuple[str | None, int] = (None, 0)
        """The article shown and where it was left, read with it: where reading it resumes."""

    def highlighted(self) -> None:
        """The cursor moved: follow it now, or once keys stop repeating or typing pauses."""
        screen = self._screen
        now = time.monotonic()
        held = now - self._last_move < FOLLOW_DELAY
        self._last_move = now
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if screen.focused is screen.search_bar:
            self._timer = screen.set_timer(TYPING_FOLLOW_DELAY, self.open_highlighted)
        elif held:
            self._timer = screen.set_timer(FOLLOW_DELAY, self.open_highlighted)
        else:
            self.open_highlighted()

    def open_for_reading(self) -> None:
        """Show the highlighted article and mark it read: the user asked to read it."""
        self._to_mark = self._screen.highlighted_id()
        self.open_highlighted()

    def open_highlighted(self) -> None:
        """Show the highlighted article: previewed from its top, or, when the user is reading,
        where they left it. An article shown already is not read again: a preview is resumed."""
        screen = self._screen
        article_id = screen.highlighted_id()
        if article_id is None:
            return
        results = screen.feed.results
        highlighter = results.highlights if results and results.terms else None
        reader = screen.reader
        # == not `is`: each `results.highlights` is a new bound method, equal if of one result
        if article_id == reader.article_id and highlighter == reader.highlighter:
            resumed = self._opened(article_id) and not reader.reading
            if resumed and self._saved_line[0] == article_id:
                reader.resume(self._saved_line[1])
            self._mark_if_opened(article_id)
            return
        previous = (reader.article_id if reader.reading else None, int(reader.scroll_y))
        reading = self._opened(article_id)
        screen.run_worker(
            lambda: self._load(article_id, previous, reading),
            thread=True,
            exclusive=True,
            group="article",
            exit_on_error=False,
        )

    def _load(self, article_id: str, previous: tuple[str | None, int], reading: bool) -> None:
        screen = self._screen
        error = None
        if previous[0] is not None:
            try:
                screen.session.remember_line(previous[0], previous[1])
            except StateError as failure:
                error = str(failure)
        article = screen.library.article_by_id(article_id)
        line = screen.session.line(article_id)
        if not get_current_worker().is_cancelled:
            screen.app.call_from_thread(self._loaded, article_id, article, line, reading, error)

    def _loaded(
        self,
        article_id: str,
        article: Article | None,
        line: int,
        reading: bool,
        error: str | None,
    ) -> None:
        screen = self._screen
        if error:
            screen.notify(error, severity="error", markup=False)
        if article_id != screen.highlighted_id() or article is None:
            return
        results = screen.feed.results
        highlighter = results.highlights if results is not None and results.terms else None
        self._saved_line = (article_id, line)
        screen.reader.show_article(
            article,
            article_id,
            highlighter=highlighter,
            line=line if reading else 0,
            reading=reading,
            bookmarked=article_id in screen.session.bookmarked,
            also=self._also(article_id),
        )
        screen.reader.border_title = "Reader"
        self._mark_if_opened(article_id)

    def stories_loaded(self) -> None:
        """Stories arrived after the article was shown: name its other reports now."""
        article_id = self._screen.reader.article_id
        if article_id is not None:
            self._screen.reader.set_also(self._also(article_id))

    def _also(self, article_id: str) -> str:
        """`Also covered by ...`: the other reports of the article's story, once loaded."""
        screen = self._screen
        catalog, stories = screen.catalog, screen.feed.stories
        position = catalog.index_of(article_id) if catalog is not None else None
        story = stories.of(position) if stories is not None and position is not None else None
        if catalog is None or story is None or position is None:
            return ""
        return texts.also_covered([catalog.entries[p] for p in story.others(position)])

    def _opened(self, article_id: str) -> bool:
        """Whether ``article_id`` is to be read, not previewed: opened for reading, or shown
        while the user reads (a refresh of the list under the reader)."""
        return self._to_mark == article_id or self.reading()

    def reading(self) -> bool:
        screen = self._screen
        return screen.reader.has_focus or screen.has_class("-reading")

    def _mark_if_opened(self, article_id: str) -> None:
        if self._to_mark != article_id:
            return
        self._to_mark = None
        if article_id not in self._screen.session.read:
            self.set_read(article_id, True)

    def set_read(self, article_id: str, on: bool) -> None:
        session = self._screen.session
        self._screen.saver.save(
            lambda: session.set_read([article_id], on),
            lambda _: self.read_saved([article_id], on),
        )

    def read_saved(self, article_ids: Iterable[str], on: bool) -> None:
        self._screen.session.note_read(article_ids, on)
        self._screen.articles.refresh_marks()
        self._screen.feed.recount()
        self.marks_changed()

    def marks_changed(self) -> None:
        """A bookmark or read mark changed: a query filtering on them (`is:unread`) is stale.

        While the user reads, the search waits until they leave the reader: the article must
        not vanish from under them, nor the reader follow the cursor to the next one, mark that
        read, and so on down the list.
        """
        screen = self._screen
        query = parse_query(screen.search_bar.value)
        if not (query.bookmarked or query.unread or query.read):
            return
        if self.reading():
            self.search_on_leaving_reader = True
        else:
            screen.feed.request()

    def left_reader(self) -> None:
        if self.search_on_leaving_reader:
            self.search_on_leaving_reader = False
            self._screen.feed.request()
