"""Slow work never holds up a key: saving to a slow disk, a first title sort, reading problems.

Each test makes one of them take half a second and checks that a key pressed meanwhile is
handled in a fraction of that: on the event loop, the key would wait for the whole of it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from textual import events
from textual.pilot import Pilot

from newsreader.library import Catalog, Library
from newsreader.tui import saving
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.article_list import ArticleList

from .conftest import settle, slow_state_writes, wait_for

SLOW = 0.6
PROMPT = 0.25


async def _next_key_is_prompt(pilot: Pilot[None], slow_key: str) -> None:
    """Send ``slow_key`` and a cursor move at once, as a quick typist does: the move must land
    promptly. ``pilot.press`` would wait for the slow key to be handled before the clock starts.
    """
    articles = pilot.app.screen.query_one(ArticleList)
    before = articles.cursor
    started = time.perf_counter()
    pilot.app.post_message(events.Key(slow_key, slow_key if len(slow_key) == 1 else None))
    pilot.app.post_message(events.Key("j" if before == 0 else "k", "j" if before == 0 else "k"))
    await wait_for(pilot, lambda: articles.cursor != before, seconds=10)
    assert time.perf_counter() - started < PROMPT


@pytest.fixture
def slow_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    slow_state_writes(monkeypatch, SLOW)


@pytest.mark.usefixtures("slow_disk")
async def test_bookmarking_on_a_slow_disk_does_not_hold_up_the_next_key(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _next_key_is_prompt(pilot, "b")
        await settle(pilot)
        assert len(app.session.bookmarked) == 1  # and it was saved


async def test_a_first_title_sort_does_not_hold_up_the_next_key(
    make_app: Callable[..., NewsReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    full_order = Catalog._full_order

    def slow(self: Catalog, sort: str) -> object:
        if sort != "newest":
            time.sleep(SLOW)
        return full_order(self, sort)  # type: ignore[arg-type]

    monkeypatch.setattr(Catalog, "_full_order", slow)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _next_key_is_prompt(pilot, "s")  # oldest: the first of the sorts computed
        await settle(pilot)
        assert app.screen.articles.border_subtitle == "by oldest"


async def test_reading_problems_does_not_hold_up_the_next_key(
    make_app: Callable[..., NewsReaderApp], monkeypatch: pytest.MonkeyPatch, library
) -> None:
    (library / "empty.txt").write_bytes(b"")
    problems = Library.problems

    def slow(self: Library) -> object:
        time.sleep(SLOW)
        return problems(self)

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Library, "problems", slow)
        await _next_key_is_prompt(pilot, "exclamation_mark")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "ProblemsScreen")


async def test_a_save_whose_turn_never_comes_does_not_wait_for_ever(
    make_app: Callable[..., NewsReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save worker cancelled before it ran never takes its turn; the next save still goes."""
    monkeypatch.setattr(saving, "TURN_WAIT", 0.2)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        saver = app.screen.saver  # type: ignore[attr-defined]
        saver._issued += 1  # a ticket taken by a worker that never ran
        await pilot.press("b")
        await wait_for(pilot, lambda: len(app.session.bookmarked) == 1, seconds=10)
