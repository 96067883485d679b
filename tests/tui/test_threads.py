"""The app writes saved state from two threads: read marks and bookmarks from the UI thread,
reading positions from the article worker. None of it may be lost or wrongly reported failed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsreader.library import StateStore
from newsreader.library.locations import state_file
from newsreader.tui.app import NewsReaderApp

from .conftest import settle, slow_state_writes


@pytest.fixture
def slow_worker_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow disk, as far as the workers are concerned: their transactions stay open a while,
    so that a key pressed meanwhile writes from the UI thread during one."""
    slow_state_writes(monkeypatch, 0.05, workers_only=True)


@pytest.mark.usefixtures("slow_worker_writes")
async def test_stepping_and_bookmarking_in_the_reader_lose_nothing(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    errors: list[str] = []
    async with app.run_test(size=(120, 12)) as pilot:  # short: the reader scrolls
        await settle(pilot)
        original = app.notify

        def notify(message: str, *args: object, **kwargs: object) -> None:
            if kwargs.get("severity") == "error":
                errors.append(message)
            original(message, *args, **kwargs)  # type: ignore[arg-type]

        app.notify = notify  # type: ignore[method-assign]
        await pilot.press("enter")
        await settle(pilot)
        for _ in range(6):  # each step saves the last article's reading position in a worker
            await pilot.press("j", "j", "n", "b")
            await pilot.pause(0.01)
            await pilot.press("j", "p", "u")
            await pilot.pause(0.01)
        await settle(pilot)
        believed = set(app.session.bookmarked)
        read = set(app.session.read)
        await pilot.press("q")
    assert errors == []
    store = StateStore(state_file())
    assert store.bookmarked_ids() == believed
    assert store.read_ids() == read
    store.close()
