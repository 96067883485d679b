"""Keeping the open screen current while others change what it shows.

Three sources, as a mail client shows new mail as it arrives:

- **files**: a :class:`FolderWatch` in a thread worker feeds changed paths to the library's
  incremental scan (a warm rescan every few seconds where the folder can't be watched, said
  once); each batch that changed something becomes a new catalog and one short notice;
- **saved state**: another process (`newsreader bookmark`, a second app) bumps the state's
  revision; the marks are read again and the rows and reader repainted;
- **the cache**: another process indexing the library bumps its generation; the catalog is read
  again.

The last two are polled by a timer, each look one cheap read in a thread worker. The watch
thread never waits for the event loop: it hands results over with ``call_later`` (a message,
safe from any thread), so that the screen, unmounting, can stop it and wait for it to end
before the library is closed.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from ...library import (
    Article,
    Catalog,
    FolderWatch,
    IdSet,
    LibraryMissing,
    ScanReport,
    StateError,
    follow,
)
from .. import texts
from .loading import PROGRESS_FROM, reload_due

if TYPE_CHECKING:
    from .main import MainScreen

POLL_EVERY = 0.5
"""Seconds between two looks at the saved state's revision and the cache's generation."""

STOP_WAIT = 10.0
"""Seconds the screen waits, unmounting, for the watch thread to finish its batch."""


class Live:
    """The screen's watch on its folder, saved state and cache."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen
        self._watch = FolderWatch(screen.library.root)
        self._ended = threading.Event()
        self._ended.set()  # no thread yet
        self._looking = False
        self._updating = False
        self._revision: int | None = None
        self._last_reload = 0.0
        self._search_to_prepare = True
        """A catalog's first search would read the index's words: a look loads them first, once
        the list is shown. At start that costs 25 ms at 100k (their snapshot is current); put
        off until the first keystroke, it cost 1.1 s there when a folder being copied in had
        made the snapshot stale meanwhile. After an update, 0.4 s (stale, read from the index)."""

    def start(self) -> None:
        screen = self._screen
        if self._watch.mode != "off":
            self._ended.clear()
            screen.run_worker(
                self._follow, thread=True, group="watch", exit_on_error=False, name="watch"
            )
        screen.set_interval(POLL_EVERY, self._look)

    @property
    def watching(self) -> bool:
        """Whether the watch thread is running."""
        return not self._ended.is_set()

    @property
    def armed(self) -> bool:
        """Whether a file written now will be seen (the watch is set up, or rescans started)."""
        return self._watch.armed.is_set()

    def stop(self) -> None:
        """Stop watching and wait for the thread: the library is closed after this."""
        self._watch.stop()
        self._ended.wait(STOP_WAIT)

    # -- files (the watch thread) -------------------------------------------------------------

    def _follow(self) -> None:
        screen, library = self._screen, self._screen.library
        try:
            for update in follow(library, self._watch, self._progress):
                if self._watch.stopped:
                    return
                if update.fallback is not None:
                    screen.call_later(screen.show_warnings, [texts.not_watching(update.fallback)])
                if update.missing is not None:
                    screen.call_later(self._missing, update.missing)
                if update.report is not None:
                    self._updating = True
                    shown = screen.feed.catalog
                    catalog = library.catalog  # read here, off the event loop
                    new, removed = catalog.changes_since(shown)
                    summary = texts.live_summary(update.report, new, removed)
                    screen.call_later(self._changed, update.report, catalog, summary)
        finally:
            self._ended.set()

    def _progress(self, done: int, total: int) -> None:
        if total >= PROGRESS_FROM and not self._watch.stopped:  # a bulk copy: show how far
            self._screen.call_later(self._screen.loader.show_progress, done, total)

    def _missing(self, error: LibraryMissing) -> None:
        if not self._screen.folder_missing:
            self._screen.loader.missing(error)

    def _changed(self, report: ScanReport, catalog: Catalog, summary: str) -> None:
        screen = self._screen
        self._updating = False
        screen.folder_missing = False
        screen.loader.show_progress(1, 1)  # done: the progress bar goes
        screen.loader.catalog_ready(catalog, None, live=True)
        self._search_to_prepare = True
        if summary:
            screen.notify(summary, timeout=3, markup=False)
        screen.loader.note_problems(report)
        self._refresh_reader()

    def _refresh_reader(self) -> None:
        """The article being read was rewritten: show the new text at the same place."""
        screen = self._screen
        article_id = screen.reader.article_id
        if article_id is None:
            return

        def read() -> None:
            article = screen.library.article_by_id(article_id)
            if article is not None and not self._watch.stopped:
                screen.call_later(self._show_again, article_id, article)

        screen.run_worker(read, thread=True, group="live-article", exit_on_error=False)

    def _show_again(self, article_id: str, article: Article) -> None:
        reader = self._screen.reader
        if reader.article_id == article_id and reader.article != article:
            reader.show_article(
                article,
                article_id,
                highlighter=reader.highlighter,
                line=int(reader.scroll_y),
            )

    # -- saved state and the cache (polled) --------------------------------------------------

    def _look(self) -> None:
        if self._looking or self._watch.stopped:
            return
        self._looking = True
        self._screen.run_worker(self._check, thread=True, group="live-look", exit_on_error=False)

    def _check(self) -> None:
        screen = self._screen
        try:
            noted = screen.session.noted
            revision = screen.session.state.revision()
            if revision != self._revision:
                # read after the revision: a change meanwhile is seen again at the next look
                bookmarked = screen.session.state.bookmarked_ids()
                read = screen.session.state.read_marks()
                screen.call_later(self._marks_read, noted, revision, bookmarked, read)
            if self._catalog_to_reload():
                self._last_reload = time.monotonic()
                catalog = screen.library.reload_catalog()
                screen.call_later(screen.loader.catalog_ready, catalog, None, live=True)
                self._search_to_prepare = True
            if self._search_to_prepare and screen.list_is_current():
                # once the new rows are shown (loading the words meanwhile slowed them 2.5x)
                self._search_to_prepare = False
                screen.library.prepare_search()
        except StateError:
            pass  # shown when a save fails; a poll has nothing to add
        finally:
            self._looking = False

    def _catalog_to_reload(self) -> bool:
        """Another process changed the cache: reload now, and every few seconds while it goes
        on; never during this app's own scan or update, which reload after."""
        screen = self._screen
        if screen.scanning or self._updating or not screen.library.catalog_is_stale():
            return False
        return reload_due(self._last_reload, screen.library)  # not at every look: costly

    def _marks_read(self, noted: int, revision: int, bookmarked: set[str], read: IdSet) -> None:
        screen = self._screen
        if noted != screen.session.noted:
            return  # this app saved a change since they were read: read them again next time
        self._revision = revision
        if screen.session.replace_marks(bookmarked, read):
            screen.articles.refresh_marks()
            screen.follower.marks_changed()
