"""Fixtures for the app's tests: a small library, a quiet app, and a way to let workers finish.

The library is a frozen copy of the sample feed (``data/feed``), so adding a sample article to
the repository does not change every snapshot. The root conftest already points XDG_* at
temporary folders, so saved state and config never touch the user's.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from newsreader.library import StateStore
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.following import TYPING_FOLLOW_DELAY
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.search_bar import SearchBar

FEED = Path(__file__).parent / "data" / "feed"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A writable copy of the test feed, named ``news`` (the name shows in the Header)."""
    root = tmp_path / "news"
    shutil.copytree(FEED, root)
    for path in root.iterdir():
        path.chmod(0o644)
    return root


@pytest.fixture(autouse=True)
def no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes snapshots depend on timing."""
    original = SearchBar.__init__

    def init(self: SearchBar, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        self.cursor_blink = False

    monkeypatch.setattr(SearchBar, "__init__", init)


@pytest.fixture
def make_app(library: Path) -> Callable[..., NewsReaderApp]:
    def make(root: Path | None = None) -> NewsReaderApp:
        app = NewsReaderApp(root or library)
        app.animation_level = "none"
        return app

    return make


async def settle(pilot: Pilot[None], rounds: int = 3) -> None:
    """Let messages and workers (load, scan, search, article) run to the end."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 20) -> None:
    """Pause until ``condition()`` holds: for what a slow machine reaches later than a fast one."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"not reached in {seconds} s")


async def type_query(pilot: Pilot[None], text: str) -> None:
    """Type a query, then wait as long as the reader does before it follows the results."""
    await pilot.press("slash", *text)
    await pilot.pause(TYPING_FOLLOW_DELAY + 0.05)
    await settle(pilot)


def rows(app: NewsReaderApp) -> list[str]:
    """The list's visible rows, as the user reads them: a two-line row's lines joined by a
    newline (its marks are then at the start of the first, as in a one-line row)."""
    articles = app.screen.query_one(ArticleList)
    lines = [articles.render_line(y).text.rstrip() for y in range(articles.size.height)]
    height = articles.row_height
    rows = ["\n".join(lines[y : y + height]) for y in range(0, len(lines), height)]
    return [row for row in rows if row.strip()]


def count(app: NewsReaderApp) -> str:
    """The header's article count, without the unread count after it."""
    return str(app.screen.sub_title).partition(" · ")[0]


def cursor_title(app: NewsReaderApp) -> str:
    articles = app.screen.query_one(ArticleList)
    position = articles.highlighted
    assert position is not None
    return articles.entries[position].title


def reader(app: NewsReaderApp) -> Reader:
    return app.screen.query_one(Reader)


def reader_text(app: NewsReaderApp) -> str:
    widget = reader(app)
    return "\n".join(strip.text.rstrip() for strip in widget._lines)


def reader_words(app: NewsReaderApp) -> str:
    """The reader's text with every run of whitespace one space: what it says, however the pane's
    width wraps it."""
    return " ".join(reader_text(app).split())


def slow_state_writes(
    monkeypatch: pytest.MonkeyPatch, seconds: float, *, workers_only: bool = False
) -> None:
    """Make every saved-state transaction stay open ``seconds`` before it commits: a slow disk.
    ``workers_only``: only writes from threads other than the event loop's."""
    write = StateStore._write

    @contextlib.contextmanager
    def slow(self: StateStore) -> Iterator[object]:
        with write(self) as db:
            yield db
            if not workers_only or threading.current_thread() is not threading.main_thread():
                time.sleep(seconds)

    monkeypatch.setattr(StateStore, "_write", slow)
