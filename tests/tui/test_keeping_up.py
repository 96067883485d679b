"""Keeping up: the unread count, next unread, marking a list read (and undoing it), and read
marks that stay as the user left them."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable

from newsreader.library import StateStore
from newsreader.library.locations import state_file
from newsreader.tui import texts
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.confirm import ConfirmScreen
from newsreader.tui.screens.sources import SourcesScreen
from newsreader.tui.widgets.reader import Reader

from .conftest import cursor_title, reader, settle, type_query, wait_for

FIRST = "NATO and Russia Agree to Cooperate on Missile Defense"
SECOND = "Medvedev Accepts Invitation to Lisbon"
THIRD = "NATO Ministers Back Missile Shield Plan Ahead of Lisbon"


def _read_ids(app: NewsReaderApp) -> set[str]:
    """What is saved, read through a store of the test's own, as another process would."""
    store = StateStore(state_file())
    try:
        return store.read_ids()
    finally:
        store.close()


async def test_the_header_counts_the_unread_among_what_is_listed(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.sub_title == "8 articles · 8 unread"
        await pilot.press("enter")  # reading the first marks it read
        await wait_for(pilot, lambda: app.screen.sub_title == "8 articles · 7 unread")
        await pilot.press("escape")
        await type_query(pilot, "lisbon")
        await wait_for(pilot, lambda: str(app.screen.sub_title).endswith("unread"))
        shown, unread = app.screen.sub_title.split(" of ")[0], app.screen.sub_title
        assert unread == f"{shown} of 8 articles · {int(shown) - 1} unread"


async def test_n_opens_the_next_unread_and_marks_it_and_p_goes_back_to_an_unread(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "u")  # SECOND marked read from the list
        await wait_for(pilot, lambda: len(_read_ids(app)) == 1)
        await pilot.press("k", "n")  # from FIRST (unread), the next unread skips SECOND
        await settle(pilot)
        assert isinstance(app.focused, Reader)
        assert cursor_title(app) == THIRD
        assert reader(app).article is not None and reader(app).article.title == THIRD
        await wait_for(pilot, lambda: len(_read_ids(app)) == 2)
        await pilot.press("p")  # FIRST: the previous unread, over the read SECOND
        await settle(pilot)
        assert cursor_title(app) == FIRST
        await wait_for(pilot, lambda: len(_read_ids(app)) == 3)
        await pilot.press("p")
        await settle(pilot)
        assert cursor_title(app) == FIRST, "nothing unread above: the cursor stays"


async def test_A_marks_the_list_read_after_asking_and_U_restores_exactly_the_marks(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "u")  # one article was read before
        await wait_for(pilot, lambda: len(_read_ids(app)) == 1)
        before = _read_ids(app)
        await type_query(pilot, "medvedev")
        await pilot.press("enter")  # to the list, the query kept
        await settle(pilot)
        listed = len(app.screen.articles.order)
        assert 1 < listed < 8
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = app.screen.question  # type: ignore[attr-defined]
        assert f"Mark {listed - 1} articles in this list read?" == question
        await pilot.press("n")  # no: nothing changes
        await settle(pilot)
        assert _read_ids(app) == before
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: len(_read_ids(app)) == listed)
        await wait_for(pilot, lambda: str(app.screen.sub_title).endswith(" 0 unread"))
        assert len(_read_ids(app)) < 8, "only the listed articles"
        await pilot.press("U")
        await wait_for(pilot, lambda: _read_ids(app) == before)


async def test_a_read_mark_taken_off_stays_off_through_a_sort_and_a_rescan(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(_read_ids(app)) == 1)
        await pilot.press("u")  # unread again, still reading it
        await wait_for(pilot, lambda: not _read_ids(app))
        assert isinstance(app.focused, Reader)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("s", "s", "s")  # back to newest
        await settle(pilot)
        assert not _read_ids(app), "sorting and rescanning never mark an article read"


async def test_S_lists_sources_with_counts_and_choosing_one_filters_the_list(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))
        view = app.screen
        assert isinstance(view, SourcesScreen)
        assert view.counts.total == 8 and view.counts.unread == 8
        table = view.query_one(DataTable)
        row = view._filters.index('source:"The Moscow Times"')
        assert [cell.plain for cell in table.get_row_at(row)] == ["The Moscow Times", "1", "1"]
        table.move_cursor(row=row)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.sub_title == "1 of 8 articles · 1 unread")
        assert app.screen.search_bar.value == 'source:"The Moscow Times"'
        assert cursor_title(app) == "NATO Seeks Strategic Partnership With Russia"


async def test_exclamation_mark_with_no_problems_says_so(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: any(
            n.message == texts.NO_PROBLEMS for n in app._notifications
        ))  # fmt: skip
