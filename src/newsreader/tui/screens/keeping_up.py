"""Working through what is new: the next unread article, and marking a whole list read.

`n`/`p` open the next or previous unread article below or above the cursor and mark it read, as
in newsboat; `J`/`K` step to the next or previous article whatever its mark. `A` marks every
article the list shows (the current query and filters) read, after a confirmation that says how
many; `U` undoes that, making unread again exactly the articles it marked, no others.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...library import IdSet
from ...library.stories import Stories
from .confirm import ConfirmScreen

if TYPE_CHECKING:
    from .main import MainScreen


def _reports(stories: Stories, position: int) -> tuple[int, ...]:
    story = stories.of(position)
    return story.positions if story is not None else (position,)


class KeepingUp:
    """Next unread, and mark-all-read with its undo, for one screen."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen
        self._undo = IdSet()
        """The ids the last mark-all-read marked: what U makes unread again."""

    def next_unread(self, by: int) -> None:
        """Open the nearest unread article after (``by`` 1) or before (-1) the cursor."""
        screen = self._screen
        catalog, articles = screen.catalog, screen.articles
        if catalog is None:
            return
        read, ids, order = screen.session.read, catalog.columns.ids, articles.order
        index = articles.cursor + by
        while 0 <= index < len(order):
            if ids[order[index]] not in read:
                articles.cursor = index
                screen.open_for_reading()
                return
            index += by
        where = "below" if by > 0 else "above"
        screen.notify(f"No unread articles {where} this one", timeout=2)

    def mark_all_read(self) -> None:
        """Ask, then mark every article in the list read (the ids are gathered in a worker)."""
        screen = self._screen
        catalog, order, read = screen.catalog, screen.articles.order, screen.session.marks()[1]
        stories = screen.feed.stories if screen.one_per_story else None
        if catalog is None:
            return

        def gather() -> None:
            listed: Sequence[int] = order
            if stories is not None:  # one row per story: every report of each listed story
                listed = list(
                    dict.fromkeys(
                        member for position in order for member in _reports(stories, position)
                    )
                )
            screen.app.call_from_thread(self._confirm, catalog.unread_ids(listed, read))

        screen.run_worker(gather, thread=True, group="mark-all", exit_on_error=False)

    def _confirm(self, unread: IdSet) -> None:
        screen = self._screen
        if not unread:
            screen.notify("Every article in the list is read already", timeout=2)
            return
        count = f"{len(unread):,} article" + ("" if len(unread) == 1 else "s")

        def answered(yes: bool | None) -> None:
            if yes:
                screen.saver.save(
                    lambda: screen.session.set_read(unread, True),
                    lambda _: self._marked(unread, count),
                )

        screen.app.push_screen(ConfirmScreen(f"Mark {count} in this list read?"), answered)

    def _marked(self, ids: IdSet, count: str) -> None:
        self._undo = ids
        self._screen.follower.read_saved(ids, True)
        self._screen.notify(f"Marked {count} read · U to undo", timeout=5)

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> None:
        screen, ids = self._screen, self._undo
        if not ids:
            return
        self._undo = IdSet()

        def undone(_: None) -> None:
            screen.follower.read_saved(ids, False)
            screen.notify(f"{len(ids):,} marked unread again", timeout=2)

        screen.saver.save(lambda: screen.session.set_read(ids, False), undone)
