"""Loading the library into the screen: the cached catalog first, then a scan for changes.

Both run in thread workers. The catalog load also reads the saved marks and the selected article,
so that nothing the start needs is read on the event loop; the scan reports its progress and,
during a long first index, hands over what is indexed so far every few seconds.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.widgets import Label, ProgressBar
from textual.worker import get_current_worker

from ...library import Catalog, Library, LibraryMissing, ScanReport
from ...library.stories import Stories
from .. import texts
from ..letting_go import letting_go

if TYPE_CHECKING:
    from .main import MainScreen

PROGRESS_FROM = 200
"""Scans with fewer files to read than this finish before a progress bar would mean anything."""

SHOW_INDEXED_EVERY = 5.0
"""During a long scan, the list shows what is indexed so far this often (seconds): a first
index of 100,000 files takes half a minute, and an empty list all that time says nothing."""

READ_SHARE = 10
"""...but never sooner than this many times as long as the last read of the catalog took:
at a million articles a read takes 10 s, and read every 5 s a first index spent most of its
time reading again what it had stored so far."""

SHOW_INDEXED_UP_TO = 200_000
"""...and only while the list holds fewer articles than this. Past it a read costs seconds
and hundreds of megabytes: at a million, seven reads took 50 s of a first index's 400 and the
app peaked at 1 GB. The rest is listed when the index ends (the header says how far it got)."""


def indexed_due(since: float, library: Library) -> bool:
    """Whether a first index's articles so far may be read again (see :func:`reload_due`),
    the list holding fewer than :data:`SHOW_INDEXED_UP_TO`."""
    listed = len(library.loaded_catalog or ())
    return listed < SHOW_INDEXED_UP_TO and reload_due(since, library)


def reload_due(since: float, library: Library) -> bool:
    """Whether the catalog may be read again, the last time having been at ``since``."""
    wait = max(SHOW_INDEXED_EVERY, READ_SHARE * library.catalog_read_seconds)
    return time.monotonic() - since >= wait


def settle_heap() -> None:
    """Collect once, then exempt what survives from later collections.

    The catalog and the widgets live as long as the app; a full collection walking them took
    40-60 ms at 10,000 articles, a stall that landed on every few keystrokes. Frozen objects are
    still freed by reference counting when a new catalog replaces them.
    """
    gc.collect()
    gc.freeze()


class Loader:
    """The screen's catalog load and scans."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen
        self._manual = False
        self._waiting_for_rows = False
        self._then: list[Callable[[], None]] = []
        self._indexed_shown = 0.0
        self._showing_indexed = False

    def start(self) -> None:
        self._screen.scanning = True  # a scan follows the load; until then nothing is "empty"
        self._waiting_for_rows = True  # then rows_shown() starts the rescan and the watch
        self._screen.run_worker(
            self._load, thread=True, group="catalog", exit_on_error=False, name="load"
        )

    def _load(self) -> None:
        """Show what the cache already knows at once, then bring it up to date."""
        screen = self._screen
        session = screen.session
        session.load()
        selected, sort, layout = session.selected(), session.sort(), session.layout()
        catalog = screen.library.catalog
        screen.app.call_from_thread(setattr, screen, "sort", sort)
        screen.app.call_from_thread(screen.panes.restore, layout)
        screen.app.call_from_thread(self.catalog_ready, catalog, selected)

    def rows_shown(self) -> None:
        """The list shows its first answer: once it is painted, the rescan and the folder watch
        can start. The rescan's walk holds the GIL for most of a second at 100k files, and
        arming the watch over a big tree 0.2 s: neither may delay the first rows. Started after
        the first refresh instead, the rescan often came before the list's first answer: starts
        at 100k took 0.53-0.79 s, and 0.47-0.57 s now; at a million 0.74-0.77 s, now 0.64-0.77."""
        if self._waiting_for_rows:
            self._waiting_for_rows = False
            self._screen.call_after_refresh(self._after_first_rows)

    def _after_first_rows(self) -> None:
        self.scan(manual=False)
        self._screen.live.start()

    def scan(self, manual: bool, then: Callable[[], None] | None = None) -> None:
        """Rescan in a worker; ``then`` runs once a scan has finished (and the list has the
        new catalog), even if this one is cancelled by a later one."""
        screen = self._screen
        self._manual = manual
        if then is not None:
            self._then.append(then)
        screen.scanning = True
        screen.refresh_bindings()
        screen.run_worker(
            self._scan, thread=True, exclusive=True, group="scan", exit_on_error=False
        )

    def _scan(self) -> None:
        screen = self._screen
        worker = get_current_worker()
        self._indexed_shown = time.monotonic()

        def progress(done: int, total: int) -> None:
            if total < PROGRESS_FROM:
                return
            screen.app.call_from_thread(self.show_progress, done, total)  # once per batch
            due = not self._showing_indexed and indexed_due(self._indexed_shown, screen.library)
            if done < total and due:
                self._showing_indexed = True
                screen.app.call_from_thread(self._show_indexed)

        try:
            report = screen.library.scan(progress=progress, cancelled=lambda: worker.is_cancelled)
        except LibraryMissing as error:
            screen.app.call_from_thread(self.missing, error)
            return
        catalog = screen.library.catalog
        if not worker.is_cancelled:
            screen.app.call_from_thread(self._done, report, catalog)

    def _show_indexed(self) -> None:
        """Read what the index has stored so far, in a worker of its own: the scan goes on
        meanwhile (read in the scan's thread, it stopped the index for 10 s at a million)."""
        self._screen.run_worker(
            self._read_indexed, thread=True, group="indexed", exit_on_error=False
        )

    def _read_indexed(self) -> None:
        screen = self._screen
        try:
            catalog = screen.library.reload_catalog()
            screen.app.call_from_thread(self._indexed_read, catalog)
        finally:
            self._indexed_shown = time.monotonic()
            self._showing_indexed = False

    def _indexed_read(self, catalog: Catalog) -> None:
        if self._screen.scanning:  # else the scan's own catalog, newer, is shown or coming
            self.catalog_ready(catalog, None)

    def failed(self) -> None:
        """The scan worker failed: the screen says how; nothing is being scanned any more."""
        self._screen.scanning = False
        self._screen.index_progress = None
        self._screen.query_one("#progress").display = False
        self._screen.refresh_bindings()

    def show_progress(self, done: int, total: int) -> None:
        """How far an index has got; the bar goes when it is done."""
        screen = self._screen
        screen.index_progress = (done, total) if done < total else None
        screen.feed.update_count()
        screen.query_one("#progress").display = done < total
        screen.query_one("#progress-label", Label).update(f"Indexing {done:,}/{total:,}")
        screen.query_one(ProgressBar).update(total=total, progress=done)

    def missing(self, error: LibraryMissing) -> None:
        """The folder is gone (an unmounted disk, say): keep the list the cache gave, and say so."""
        screen = self._screen
        screen.folder_missing = True
        self.failed()
        screen.notify(str(error), severity="error", timeout=10, markup=False)
        screen.feed.request()  # an empty list now says the folder is missing, not empty
        self.load_stories()  # the cache is kept, and its stories with it

    def _done(self, report: ScanReport, catalog: Catalog) -> None:
        screen = self._screen
        screen.scanning = False
        screen.folder_missing = False
        screen.index_progress = None
        screen.query_one("#progress").display = False
        self.catalog_ready(catalog, None)  # a scan reloads the catalog: positions may have moved
        if self._manual:
            screen.notify(texts.scan_summary(report.new, report.changed, report.removed), timeout=3)
        self.note_problems(report)
        screen.refresh_bindings()
        waiting, self._then = self._then, []
        for then in waiting:
            then()

    def note_problems(self, report: ScanReport) -> None:
        """Say when the files that could not be read are more or fewer than before."""
        screen = self._screen
        if len(report.problems) != screen.problem_count and report.problems:
            screen.notify(texts.problems_notice(len(report.problems)), severity="warning")
        if bool(report.problems) != bool(screen.problem_count):
            screen.refresh_bindings()  # `!` comes or goes
        screen.problem_count = len(report.problems)
        screen.show_warnings(list(report.warnings))

    def catalog_ready(self, catalog: Catalog, selected: str | None, *, live: bool = False) -> None:
        """Show ``catalog``; ``live``: a change made while the user works, so the highlighted
        row stays where it is on the screen (or its neighbour does, if it went)."""
        screen = self._screen
        if live and catalog is not screen.library.loaded_catalog:
            return  # two threads read it in turn, and this one is older: the newer one follows
        keep = selected or screen.highlighted_id()  # a position in the catalog shown
        screen.feed.catalog, screen.feed.stories = catalog, None
        screen.articles.stories = None  # positions of the old catalog; the new ones follow
        screen.feed.request(keep=keep, live=live)
        screen.call_after_refresh(settle_heap)
        if not screen.scanning:  # mid-index, stories are not grouped yet
            self.load_stories()

    def load_stories(self) -> None:
        catalog = self._screen.feed.catalog
        if catalog is not None:
            self._screen.run_worker(
                letting_go(self._load_stories, catalog),
                thread=True,
                exclusive=True,
                group="stories",
                exit_on_error=False,
            )

    def _load_stories(self, catalog: Catalog) -> None:
        """After the rows: 0.15 s at 100,000 articles, which the first paint must not wait for."""
        screen = self._screen
        stories = screen.library.stories
        if screen.library.catalog is catalog:
            screen.app.call_from_thread(self._stories_ready, catalog, stories)

    def _stories_ready(self, catalog: Catalog, stories: Stories) -> None:
        if self._screen.feed.catalog is catalog:
            self._screen.feed.stories = stories
            self._screen.articles.show_stories(stories)
            self._screen.follower.stories_loaded()
            if self._screen.one_per_story:
                self._screen.feed.request()  # collapsed: now that the stories are known
