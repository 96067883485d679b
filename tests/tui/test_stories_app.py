"""Stories in the app: the row's `+N`, the story view, the next report, side by side."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable, Static

from newsreader.library import StateStore
from newsreader.library.locations import state_file
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.story_view import CompareScreen, StoryScreen

from .conftest import cursor_title, reader, reader_words, rows, settle, wait_for

SEED_002 = "NATO Seeks Strategic Partnership With Russia"
SEED_000 = "NATO Encouraged By Talk Of Cooperation With Russia, Russia Less So"


def _saved_reads() -> int:
    store = StateStore(state_file())
    try:
        return len(store.read_ids())
    finally:
        store.close()


def _story_titles(app: NewsReaderApp, title: str) -> list[str]:
    """The titles of the reports of ``title``'s story, by time, as the library grouped them."""
    catalog, stories = app.screen.catalog, app.screen.feed.stories
    position = next(p for p in range(len(catalog)) if catalog.entries[p].title == title)
    story = stories.of(position)
    assert story is not None
    return [catalog.entries[p].title for p in story.positions]


async def _on(pilot: object, app: NewsReaderApp, title: str) -> None:
    articles = app.screen.articles
    articles.cursor = next(i for i, p in enumerate(articles.order)
                           if articles.entries[p].title == title)  # fmt: skip
    await settle(pilot)  # type: ignore[arg-type]


async def test_a_row_with_other_reports_says_how_many(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.feed.stories is not None)
        await settle(pilot)
        row = next(row for row in rows(app) if SEED_002 in row)
        reports = _story_titles(app, SEED_002)
        assert SEED_000 in reports, "the undated seed joins the dated one"
        assert f" +{len(reports) - 1}" in row
        lonely = next(row for row in rows(app) if "Medvedev Accepts" in row)
        assert "+" not in lonely.replace("\n", " ").split("Lisbon")[0]


async def test_the_story_view_lists_the_reports_and_reads_one(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.feed.stories is not None)
        await _on(pilot, app, SEED_002)
        expected = _story_titles(app, SEED_002)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, StoryScreen))
        table = app.screen.query_one(DataTable)
        titles = [table.get_row_at(row)[3].plain for row in range(table.row_count)]
        assert titles == expected
        assert titles[0] == SEED_002 and titles[-1] == SEED_000  # by time, the undated last
        await pilot.press(*["down"] * (len(expected) - 1), "enter")  # the last, the undated
        await wait_for(pilot, lambda: reader(app).article is not None
                       and reader(app).article.title == SEED_000)  # fmt: skip
        assert cursor_title(app) == SEED_000
        await pilot.press("C")  # no later report: it says so, and stays
        await settle(pilot)
        assert cursor_title(app) == SEED_000


async def test_a_report_outside_the_current_search_is_shown_through_its_story(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.feed.stories is not None)
        await pilot.press("slash", *"strategic", "enter")
        await settle(pilot)
        assert cursor_title(app) == SEED_002
        following = _story_titles(app, SEED_002)[1]
        await pilot.press("C")  # the next report is not in this search's list
        await wait_for(pilot, lambda: cursor_title(app) == following)
        assert app.screen.search_bar.value.startswith("story:")


async def test_two_reports_side_by_side(make_app: Callable[..., NewsReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.feed.stories is not None)
        await _on(pilot, app, SEED_002)
        reports = _story_titles(app, SEED_002)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, StoryScreen))
        await pilot.press(*["down"] * (len(reports) - 1), "d")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        shown = " ".join(str(static.render()) for static in app.screen.query(Static))
        assert SEED_002 in shown and SEED_000 in shown


async def test_the_reader_names_the_other_reports_of_the_story(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.feed.stories is not None)
        await _on(pilot, app, SEED_002)
        await wait_for(pilot, lambda: "Also covered by" in reader_words(app))
        others = _story_titles(app, SEED_002)[1:]
        assert len(others) >= 1
        line = reader_words(app).split("Also covered by", 1)[1].split("·")[0]
        assert "2010-09-24" in line, "each other report with its date"
        await _on(pilot, app, "Medvedev Accepts Invitation to Lisbon")
        await wait_for(pilot, lambda: "Medvedev Accepts" in reader_words(app))
        assert "Also covered by" not in reader_words(app)


async def test_v_collapses_the_list_to_one_row_per_story_and_marks_then_take_the_story(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.feed.stories is not None)
        reports = _story_titles(app, SEED_002)
        everything = len(app.screen.articles.order)
        await pilot.press("v")
        await wait_for(pilot, lambda: len(app.screen.articles.order) < everything)
        assert len(app.screen.articles.order) == everything - (len(reports) - 1)
        listed = [app.screen.articles.entries[p].title for p in app.screen.articles.order]
        assert sum(title in reports for title in listed) == 1, "the story is one row"
        assert app.screen.articles.border_title == "Articles, one per story"
        await pilot.press("slash", *"russia", "enter")  # search works collapsed too
        await settle(pilot)
        found = [app.screen.articles.entries[p].title for p in app.screen.articles.order]
        assert sum(title in reports for title in found) == 1
        await _on(pilot, app, next(title for title in found if title in reports))
        await pilot.press("u")  # the row is the story: every report is marked read
        await wait_for(pilot, lambda: _saved_reads() == len(reports))
        await pilot.press("escape", "v")
        await wait_for(pilot, lambda: len(app.screen.articles.order) == everything)
