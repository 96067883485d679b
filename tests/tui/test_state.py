"""What the user saves: bookmarks, read marks, sort, selection, reading position, theme."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from newsreader.library import Article, StateStore, load_config
from newsreader.library.locations import state_file
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.list_rows import BOOKMARK_MARK, UNREAD_MARK
from newsreader.tui.widgets.search_bar import SearchBar

from .conftest import count, cursor_title, reader, rows, settle

FIRST = "NATO and Russia Agree to Cooperate on Missile Defense"
SECOND = "Medvedev Accepts Invitation to Lisbon"
THIRD = "NATO Ministers Back Missile Shield Plan Ahead of Lisbon"


async def test_b_stars_the_row_and_the_bookmark_survives_a_restart(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "b")
        await settle(pilot)
        assert rows(app)[1][2] == BOOKMARK_MARK
        assert rows(app)[0][2] == " "
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert rows(again)[1][2] == BOOKMARK_MARK
        await pilot.press("b")  # the selection was restored to the bookmarked article
        await settle(pilot)
        assert rows(again)[1][2] == " "
    store = StateStore(state_file())
    assert store.bookmarked_ids() == set()
    store.close()


async def test_B_shows_only_bookmarks_and_toggles_back(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "b", "j", "j", "b", "B")
        await settle(pilot)
        assert count(app) == "2 of 8 articles"
        assert len(rows(app)) == 2
        assert all(row[2] == BOOKMARK_MARK for row in rows(app))
        await pilot.press("B")
        await settle(pilot)
        assert len(rows(app)) == 8


async def test_u_toggles_read_and_opening_an_article_marks_it_read(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert all(row[1] == UNREAD_MARK for row in rows(app))
        await pilot.press("j")  # skimming past in the list does not mark read
        await settle(pilot)
        assert rows(app)[1][1] == UNREAD_MARK
        await pilot.press("enter")
        await settle(pilot)
        assert rows(app)[1][1] == " "
        await pilot.press("escape", "u")
        await settle(pilot)
        assert rows(app)[1][1] == UNREAD_MARK
        await pilot.press("u")
        await settle(pilot)
        assert rows(app)[1][1] == " "
    store = StateStore(state_file())
    assert len(store.read_ids()) == 1
    store.close()


async def test_s_cycles_the_sort_and_it_is_restored(make_app: Callable[..., NewsReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        newest = cursor_title(app)
        await pilot.press("s")
        await settle(pilot)
        assert app.screen.articles.border_subtitle == "by oldest"  # type: ignore[attr-defined]
        assert "2010-09-22" in rows(app)[0]
        assert cursor_title(app) == newest  # the cursor stays on the same article
        await pilot.press("s", "g")
        await settle(pilot)
        assert cursor_title(app).startswith("Lavrov")  # "by title": L < M < N < R
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.screen.articles.border_subtitle == "by title"  # type: ignore[attr-defined]
        await pilot.press("s", "s")
        await settle(pilot)
        assert again.screen.articles.border_subtitle == "by newest"  # type: ignore[attr-defined]


async def test_selection_and_reading_position_are_restored_per_library(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 12)) as pilot:
        await settle(pilot)
        await pilot.press("G", "enter", "j", "j", "j")
        await settle(pilot)
        assert reader(app).scroll_y == 3
        last = cursor_title(app)
        await pilot.press("q")  # back to the list
        assert app.is_running
        await pilot.press("q")  # and out
    again = make_app()
    async with again.run_test(size=(120, 12)) as pilot:
        await settle(pilot)
        assert cursor_title(again) == last
        assert reader(again).scroll_y == 0, "previewed: from the top"
        await pilot.press("enter")
        await settle(pilot)
        assert reader(again).scroll_y == 3, "read: where it was left"


async def test_theme_is_saved_and_restored(make_app: Callable[..., NewsReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    assert load_config().theme == "nord"
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_state_write_failure_is_an_error_notice_not_a_crash(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.state._unwritable = "disk full"  # what a failed open leaves behind
        await pilot.press("b")
        await settle(pilot)
        assert any(n.severity == "error" and "disk full" in n.message for n in app._notifications)
        assert rows(app)[0][2] == " "
        assert app.is_running


@pytest.mark.parametrize("size", [(120, 40), (80, 30)], ids=["wide", "narrow"])
async def test_n_and_p_in_the_reader_mark_the_article_they_open_read(
    make_app: Callable[..., NewsReaderApp], size: tuple[int, int]
) -> None:
    app = make_app()
    # Each n/p load is held until the screen has handled the cursor move, so the article
    # arrives after it and only the arrival itself can mark it read (not a lucky re-open).
    arrive = threading.Event()
    arrive.set()
    original = app.library.article

    def held_article(position: int) -> Article:
        assert arrive.wait(20), "the test never let the article load"
        return original(position)

    app.library.article = held_article  # type: ignore[method-assign]

    async def press_held(pilot: Pilot[None], key: str) -> None:
        arrive.clear()
        await pilot.press(key)
        await pilot.pause()
        arrive.set()
        await settle(pilot)

    opened = []
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")  # the second article, read by Enter
        await settle(pilot)
        opened.append(reader(app).article_id)
        await press_held(pilot, "n")  # the third, opened by n
        assert reader(app).article.title == THIRD
        opened.append(reader(app).article_id)
        await press_held(pilot, "p")
        await press_held(pilot, "p")  # back past the second to the first
        assert reader(app).article.title == FIRST
        opened.append(reader(app).article_id)
        await pilot.press("escape")
        await settle(pilot)
        marks = [row[1] for row in rows(app)]
        assert marks[:3] == [" ", " ", " "], "an article opened by n or p was left unread"
        assert set(marks[3:]) == {UNREAD_MARK}
    store = StateStore(state_file())
    assert store.read_ids() == set(opened), "the read marks of n and p were not saved"
    store.close()


async def test_b_with_is_bookmarked_shown_updates_the_list(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "b", "j", "b", "B")
        await settle(pilot)
        assert count(app) == "2 of 8 articles"
        await pilot.press("b")  # the query text stays "is:bookmarked"; what it matches changed
        await settle(pilot)
        assert count(app) == "1 of 8 articles"
        assert len(rows(app)) == 1
        assert rows(app)[0][2] == BOOKMARK_MARK


async def test_read_marks_with_is_unread_shown_update_the_list_but_not_while_reading(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one(SearchBar).value = "is:unread"
        await settle(pilot)
        assert count(app) == "8 of 8 articles"
        await pilot.press("u")  # marked read from the list: gone at once
        await settle(pilot)
        assert count(app) == "7 of 8 articles"
        await pilot.press("enter")  # read by opening: it stays while the user reads it
        await settle(pilot)
        reading = reader(app).article.title
        assert count(app) == "7 of 8 articles"
        assert cursor_title(app) == reading
        assert rows(app)[0][1] == " "
        await pilot.press("escape")  # back in the list, which catches up
        await settle(pilot)
        assert count(app) == "6 of 8 articles"
        articles = app.screen.query_one(ArticleList)
        assert reading not in [articles.entries[position].title for position in articles.order]
    store = StateStore(state_file())
    assert len(store.read_ids()) == 2, "reading one article marked only that one read"
    store.close()
