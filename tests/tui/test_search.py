"""Typing in the search bar: filtering, highlights, hits in the reader, leaving the bar."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from newsreader.library import SearchResults
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens import following
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.search_bar import SearchBar

from .conftest import count, cursor_title, reader, rows, settle, type_query, wait_for


def match_style_cells(app: NewsReaderApp, row: int) -> str:
    """The characters of a list row drawn in the match style."""
    articles = app.screen.query_one(ArticleList)
    match = articles.get_component_rich_style("article-list--match")
    return "".join(
        segment.text
        for segment in articles.render_line(row)
        if segment.style and segment.style.underline and segment.style.color == match.color
    )


async def test_typing_a_typo_filters_the_list_and_highlights_the_words(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "lisbn")
        assert isinstance(app.focused, SearchBar)
        titles = rows(app)
        assert 0 < len(titles) < 8
        assert count(app) == f"{len(titles)} of 8 articles"
        assert "Lisbon" in titles[0]
        marked = [match_style_cells(app, y) for y in range(len(titles))]
        assert "Lisbon" in marked


async def test_a_row_shown_again_for_another_query_highlights_the_new_words(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "medvedev")
        assert "Medvedev Accepts Invitation to Lisbon" in rows(app)[0]
        assert match_style_cells(app, 0) == "Medvedev"
        await pilot.press(*["backspace"] * len("medvedev"), *"invitation")
        await pilot.pause(0.5)
        await settle(pilot)
        assert "Medvedev Accepts Invitation to Lisbon" in rows(app)[0]
        assert match_style_cells(app, 0) == "Invitation", "the row kept the last query's marks"


async def test_reader_opens_at_the_first_hit_and_brackets_move_between_hits(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        await type_query(pilot, "rusia")
        await pilot.press("enter")  # to the list
        await pilot.press("enter")  # to the reader
        await settle(pilot)
        pane = reader(app)
        assert isinstance(app.focused, Reader)
        assert pane.hit_count >= 2
        assert str(pane.border_subtitle).split(" · ")[0] == f"hit 1/{pane.hit_count}"
        await pilot.press("right_square_bracket")
        assert str(pane.border_subtitle).split(" · ")[0] == f"hit 2/{pane.hit_count}"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert str(pane.border_subtitle).split(" · ")[0] == f"hit {pane.hit_count}/{pane.hit_count}"
        line = pane._hits[pane.hit_index][0]
        assert pane.scroll_y <= line < pane.scroll_y + pane.scrollable_content_region.height


async def test_long_article_opens_scrolled_to_its_first_hit(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    filler = "\n\n".join(f"Paragraph {n} about nothing in particular." for n in range(60))
    (app.root / "long.txt").write_text(
        f"A Long Read\n\nJanuary 2, 2010\n\n{filler}\n\nThe zanzibar line is here.\n",
        encoding="utf-8",
    )
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await type_query(pilot, "zanzibar")
        assert cursor_title(app) == "A Long Read"
        pane = reader(app)
        assert pane.hit_count == 1
        assert pane.scroll_y > 50
        assert "zanzibar" in pane._lines[pane._hits[0][0]].text


async def test_no_results_says_so(make_app: Callable[..., NewsReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "xyzzyq")
        assert [line.strip() for line in rows(app)] == ['No articles match "xyzzyq"']
        assert count(app) == "0 of 8 articles"


async def test_escape_clears_the_query_and_returns_to_the_list(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "medvedev")
        assert len(rows(app)) < 8
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(SearchBar).value == ""
        assert isinstance(app.focused, ArticleList)
        assert len(rows(app)) == 8
        assert count(app) == "8 articles"


async def test_down_moves_to_the_list_keeping_the_query(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "medvedev")
        await pilot.press("down")
        assert isinstance(app.focused, ArticleList)
        assert app.screen.query_one(SearchBar).value == "medvedev"


async def test_letters_typed_right_after_slash_land_in_the_search_bar(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("slash", "n", "a", "t", "o"):  # all at once, as a fast typist sends them
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await settle(pilot)
        assert app.screen.query_one(SearchBar).value == "nato"


async def test_a_bad_filter_is_shown_in_the_search_bar_once_typing_pauses(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(SearchBar)
        await pilot.press("slash", *"is:nonsense")
        await wait_for(pilot, lambda: "is:nonsense is not a filter" in str(bar.border_subtitle))
        assert not app._notifications  # inline, never a toast
        await pilot.press(*["backspace"] * 8, *"unread")
        await wait_for(pilot, lambda: count(app) == "8 of 8 articles")
        assert not bar.border_subtitle


async def test_typing_a_filter_one_key_at_a_time_raises_no_toast(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        for key in "is:unread":
            await pilot.press(key)
            await pilot.pause(0.05)  # a typist's pace: well under the pause that shows problems
        await wait_for(pilot, lambda: count(app) == "8 of 8 articles")
        await settle(pilot)
        assert not app._notifications
        assert not app.screen.query_one(SearchBar).border_subtitle


async def test_after_G_a_search_then_enter_enter_opens_the_top_hit(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("G")
        articles = app.screen.query_one(ArticleList)
        last = articles.highlighted
        await pilot.press("slash", *"nato", "enter", "enter")
        await settle(pilot)
        assert last in articles.order[1:]  # still listed, but not the best result
        top = articles.entries[articles.order[0]]
        assert articles.cursor == 0 and articles.scroll_y == 0
        assert reader(app).article_id == top.id
        assert reader(app).has_focus


async def test_slash_selects_the_query_so_typing_replaces_it(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "lavrov")
        await pilot.press("enter", "slash", *"transit")
        await settle(pilot)
        assert app.screen.query_one(SearchBar).value == "transit"
        await pilot.press("enter", "slash", "right", *" nato")
        await settle(pilot)
        assert app.screen.query_one(SearchBar).value == "transit nato"  # an arrow keeps it


async def test_escape_in_the_list_clears_an_active_query(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "lavrov")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(ArticleList).has_focus
        await pilot.press("escape")
        await wait_for(pilot, lambda: count(app) == "8 articles")
        assert app.screen.query_one(SearchBar).value == ""


async def test_partial_results_are_titled_as_the_closest_matches(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "lavrov zeppelins")
        articles = app.screen.query_one(ArticleList)
        assert articles.border_title == "No article has every word; closest matches"
        assert articles.order
        await pilot.press(*["backspace"] * 10)
        await settle(pilot)
        assert articles.border_title == "Articles"


class HeldSearch:
    """Library.search, held for one query until the test lets it finish: so an older request's
    results can be made to arrive after a newer one's, the order a slow search gives."""

    def __init__(self, app: NewsReaderApp, query: str) -> None:
        self.query = query
        self.started = threading.Event()
        self.release = threading.Event()
        self.original = app.library.search
        app.library.search = self  # type: ignore[method-assign]

    def __call__(self, text: str, **sets: Any) -> SearchResults:
        if text == self.query and not self.started.is_set():
            self.started.set()
            assert self.release.wait(20), "the test never released the held search"
        return self.original(text, **sets)


async def test_results_of_an_older_search_arriving_late_are_dropped(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    """A search that finishes after the user typed on must not replace the newer list."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        held = HeldSearch(app, "medvedev")
        bar = app.screen.query_one(SearchBar)
        bar.value = "medvedev"
        await wait_for(pilot, held.started.is_set)
        bar.value = "lavrov"
        await wait_for(pilot, lambda: count(app) == "3 of 8 articles")
        shown = rows(app)
        assert "Lavrov" in shown[0]
        held.release.set()  # the "medvedev" results come in now, after the "lavrov" ones
        await settle(pilot)
        assert rows(app) == shown
        assert count(app) == "3 of 8 articles"


async def test_a_late_search_for_the_same_text_with_older_bookmarks_is_dropped(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    """Same query text, but a bookmark changed since: only the newer request's list counts."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "b")
        await settle(pilot)
        held = HeldSearch(app, "is:bookmarked")
        await pilot.press("B")  # searched with one bookmark, held
        await wait_for(pilot, held.started.is_set)
        await pilot.press("k", "b")  # a second bookmark: searched again, at once
        await wait_for(pilot, lambda: count(app) == "2 of 8 articles")
        held.release.set()  # the one-bookmark list arrives last
        await settle(pilot)
        assert count(app) == "2 of 8 articles"
        assert len(rows(app)) == 2


async def test_results_for_a_catalog_the_list_does_not_show_yet_are_dropped(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    """A scan replaced the library's catalog during the search: the positions point into the
    new one, so they are not shown against the old one; the list takes the new catalog (as a
    watched folder's change hands it over) and answers the query again in it."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        old = app.screen.catalog  # type: ignore[attr-defined]
        held = HeldSearch(app, "lavrov")
        app.screen.query_one(SearchBar).value = "lavrov"
        await wait_for(pilot, held.started.is_set)
        new = app.library.reload_catalog()  # as a scan does, before the screen hears of it
        held.release.set()
        await settle(pilot)
        assert app.screen.catalog is new is not old  # type: ignore[attr-defined]
        assert app.screen.results is not None  # type: ignore[attr-defined]
        assert app.screen.results.query.text == "lavrov"  # type: ignore[attr-defined]
        assert rows(app) and len(rows(app)) < 8


async def _open_bookmarks(pilot: Pilot[None]) -> None:
    await pilot.press("B")
    await settle(pilot)


async def test_a_slash_can_be_typed_in_the_query(make_app: Callable[..., NewsReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "a/b")
        assert app.screen.query_one(SearchBar).value == "a/b"


async def test_the_reader_waits_for_typing_to_pause_before_following(
    make_app: Callable[..., NewsReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A pause far longer than the test takes, so a slow machine cannot let it run out between
    # the last key and the checks; then a short one, to see the reader follow once it has.
    monkeypatch.setattr(following, "TYPING_FOLLOW_DELAY", 60.0)
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        shown = reader(app).article_id
        await pilot.press("slash", *"lisbn")
        await settle(pilot)
        assert "Lisbon" in cursor_title(app), "the list follows every key at once"
        assert reader(app).article.title != cursor_title(app)
        assert reader(app).article_id == shown, "the reader has not redrawn mid-typing"
        monkeypatch.setattr(following, "TYPING_FOLLOW_DELAY", 0.01)
        await pilot.press("backspace", "n")  # the same query again, now followed at once
        await pilot.pause(0.1)
        await settle(pilot)
        assert reader(app).article.title == cursor_title(app)


async def test_enter_on_the_article_shown_keeps_its_place_among_the_hits(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "missle defence")
        pane = reader(app)
        assert pane.hit_count > 2
        await pilot.press("enter", "enter", "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert pane.has_focus and pane.hit_index == 2
        await pilot.press("escape", "enter")  # back to the list, and into the same article
        await settle(pilot)
        assert pane.has_focus
        assert pane.hit_index == 2, "the article was not loaded again, losing the place"


async def test_a_query_longer_than_the_bar_scrolls_to_the_cursor(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        long_query = "missile defense " * 6 + "lisbon"
        await type_query(pilot, long_query)
        bar = app.screen.query_one(SearchBar)
        assert bar.value == long_query
        assert bar.scroll_x > 0, "the text scrolled so the cursor stays in view"
        assert "lisbon" in "".join(s.text for s in bar.render_line(0))
