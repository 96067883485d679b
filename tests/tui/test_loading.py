"""A big first index, and the mouse: the progress bar with its count, wheel and Footer clicks."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Label, ProgressBar
from textual.widgets._footer import FooterKey

import newsreader.library.parallel as parallel
import newsreader.tui.screens.loading as loading_module
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.widgets.article_list import ArticleList

from .conftest import count, rows, settle, wait_for


def add_articles(root: Path, count: int) -> None:
    for i in range(count):
        (root / f"extra-{i:04}.txt").write_text(
            f"Extra Article Number {i} About Things\n\n2009-01-{i % 28 + 1:02}\n\n"
            f"Body of extra article {i}, long enough to be a paragraph.\n",
            encoding="utf-8",
        )


async def test_a_first_index_shows_a_progress_bar_with_a_count(
    make_app: Callable[..., NewsReaderApp], library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_articles(library, 300)
    release = threading.Event()
    prepare = parallel.prepare_batch

    def held(*args: object) -> object:
        release.wait(20)  # hold the scan mid-way, so the test can look at it
        return prepare(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "prepare_batch", held)
    files = sum(1 for path in library.iterdir() if path.is_file())
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            # the bar shows while the library is indexed
            await wait_for(pilot, lambda: any(bar.display for bar in app.screen.query("#progress")))
            progress = app.screen.query_one("#progress")
            label = str(app.screen.query_one("#progress-label", Label).render())
            assert label == f"Indexing 0/{files}"
            assert app.screen.query_one(ProgressBar).total == files
            await pilot.press("question_mark")  # the app answers keys meanwhile
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
        finally:
            release.set()
        await settle(pilot)
        assert not progress.display
        articles = app.screen.query_one(ArticleList)
        assert len(rows(app)) == articles.size.height // articles.row_height  # a full list


async def test_the_mouse_wheel_scrolls_the_list_and_a_footer_key_runs_its_action(
    make_app: Callable[..., NewsReaderApp], library: Path
) -> None:
    add_articles(library, 80)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.scroll_y == 0
        for _ in range(3):
            articles.post_message(
                events.MouseScrollDown(
                    articles, 5, 5, 0, 0, 0, False, False, False, screen_x=5, screen_y=5
                )
            )
        await settle(pilot)
        assert articles.scroll_y > 0
        help_key = next(key for key in app.screen.query(FooterKey) if key.key == "question_mark")
        await pilot.click(help_key)
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


@pytest.fixture
def second_batch_held(library: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """A first index of 707 articles held after its first batch of 500 until the test sets the
    event, the catalog shown as it grows: a long first index, stopped where a test can look."""
    add_articles(library, 700)
    release = threading.Event()
    prepare = parallel.prepare_batch
    batches = 0

    def second_held(*args: object) -> object:
        nonlocal batches
        batches += 1
        if batches > 1:
            release.wait(20)  # the first batch is stored; the second waits
        return prepare(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "prepare_batch", second_held)
    monkeypatch.setattr(loading_module, "SHOW_INDEXED_EVERY", 0.0)
    monkeypatch.setattr(loading_module, "READ_SHARE", 0)  # however long the start's read took
    yield release
    release.set()


async def test_a_long_first_index_shows_articles_as_they_are_indexed(
    make_app: Callable[..., NewsReaderApp], second_batch_held: threading.Event
) -> None:
    release = second_batch_held
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        articles = app.screen.query_one(ArticleList)
        try:
            # a first index starts empty; rows appear once the first batch is stored
            await wait_for(pilot, lambda: len(articles.order) > 0)
            assert app.screen.query_one("#progress").display, "still indexing"
            shown = len(articles.order)
            assert 0 < shown < 707, "the first batch's articles are listed before the end"
        finally:
            release.set()
        await settle(pilot)
        assert len(articles.order) > shown


async def test_a_search_during_a_first_index_says_how_far_it_has_got_and_grows(
    make_app: Callable[..., NewsReaderApp], second_batch_held: threading.Event
) -> None:
    release = second_batch_held
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        articles = app.screen.query_one(ArticleList)
        try:
            await wait_for(pilot, lambda: len(articles.order) > 0)
            await pilot.press("slash", *"zeppelin")
            await wait_for(pilot, lambda: "listed so far" in articles.message)
            assert "No articles match" not in articles.message
            assert "500 of 707 files read" in app.screen.sub_title
            await pilot.press(*["backspace"] * 8, *"extra")
            await wait_for(pilot, lambda: len(articles.order) > 0)
            found = len(articles.order)
            assert "found, searching" in app.screen.sub_title
        finally:
            release.set()
        await wait_for(pilot, lambda: not app.screen.scanning, seconds=60)
        await settle(pilot)
        assert len(articles.order) > found  # the results grew as indexing went on
        assert count(app) == f"{len(articles.order)} of 708 articles"


def test_what_is_indexed_is_read_again_no_sooner_than_ten_times_its_last_read() -> None:
    """Read every 5 s at a million articles (10 s a read), a first index in the app spent most
    of its time reading again what it had stored so far."""

    class Read:
        catalog_read_seconds = 2.0

    now = time.monotonic()
    assert not loading_module.reload_due(now - 19, Read())  # type: ignore[arg-type]
    assert loading_module.reload_due(now - 21, Read())  # type: ignore[arg-type]
    Read.catalog_read_seconds = 0.1
    assert not loading_module.reload_due(now - 4, Read())  # type: ignore[arg-type]
    assert loading_module.reload_due(now - 5.5, Read())  # type: ignore[arg-type]


def test_a_long_first_index_stops_listing_as_it_goes_past_a_size() -> None:
    """Past it each read of the catalog costs seconds and hundreds of MB (at a million, the
    app peaked at 1 GB): the rest is listed when the index ends."""

    class Read:
        catalog_read_seconds = 0.1
        loaded_catalog = range(loading_module.SHOW_INDEXED_UP_TO - 1)

    long_ago = time.monotonic() - 60
    assert loading_module.indexed_due(long_ago, Read())  # type: ignore[arg-type]
    Read.loaded_catalog = range(loading_module.SHOW_INDEXED_UP_TO)
    assert not loading_module.indexed_due(long_ago, Read())  # type: ignore[arg-type]
