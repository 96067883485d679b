"""Bookmarking and read-marking the highlighted article, or its whole story.

Each toggle acts on the state as saved now (one transaction, in a worker), never on a copy read
earlier. When the list is one row per story (`v`), the row stands for the story: the mark the
toggle gives its article goes to every other report of the story too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...library import Entry

if TYPE_CHECKING:
    from .main import MainScreen


class Marking:
    """`b` and `u` for one screen."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen

    def toggle_bookmark(self) -> None:
        screen = self._screen
        position = screen.articles.highlighted
        if position is None or screen.catalog is None:
            return
        entry, others = screen.catalog.entries[position], self.story_members(position)
        session = screen.session

        def toggle() -> bool:
            on = session.toggle_bookmark(entry)
            for other in others:
                session.set_bookmark(other, on)
            return on

        def saved(on: bool) -> None:
            for article_id in [entry.id, *(other.id for other in others)]:
                session.note_bookmark(article_id, on)
            screen.articles.refresh_marks()
            screen.notify("Bookmarked" if on else "Bookmark removed", timeout=1.5)
            if screen.reader.article_id == entry.id:
                screen.reader.set_bookmarked(on)
            screen.follower.marks_changed()

        screen.saver.save(toggle, saved)

    def toggle_read(self) -> None:
        screen = self._screen
        article_id, position = screen.highlighted_id(), screen.articles.highlighted
        if article_id is None or position is None:
            return
        session = screen.session
        ids = [article_id, *(other.id for other in self.story_members(position))]

        def toggle() -> bool:
            on = session.toggle_read(article_id)
            session.set_read(ids[1:], on)
            return on

        screen.saver.save(toggle, lambda on: screen.follower.read_saved(ids, on))

    def story_members(self, position: int) -> list[Entry]:
        """The other reports of the story at ``position`` when the list is one row per story;
        none otherwise."""
        screen = self._screen
        stories, catalog = screen.feed.stories, screen.catalog
        story = stories.of(position) if screen.one_per_story and stories is not None else None
        if story is None or catalog is None:
            return []
        return [catalog.entries[p] for p in story.others(position)]
