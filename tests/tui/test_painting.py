"""What reaches the screen, and when: one paint per keystroke, and a list that needs no layout."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.paint_hold import PaintHold
from newsreader.tui.screens import main as main_screen
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.search_bar import SearchBar
from support import write_article

from .conftest import settle, type_query


class _Painted:
    """Calls ``look()`` each time the app's screen paints, and keeps what it returned."""

    def __init__(self, app: App[object], look: Callable[[], object]) -> None:
        self.seen: list[object] = []
        screen = app.screen
        paint = screen._compositor_refresh

        def watched() -> None:
            self.seen.append(look())
            paint()

        screen._compositor_refresh = watched  # type: ignore[method-assign]


class _OneLabel(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("before")


def _label(app: App[object]) -> str:
    return str(app.query_one(Static).render())


@pytest.mark.parametrize("released", [True, False], ids=["released", "deadline"])
async def test_a_held_paint_goes_out_on_release_or_at_the_deadline(released: bool) -> None:
    app = _OneLabel()
    async with app.run_test() as pilot:
        await pilot.pause()
        painted = _Painted(app, lambda: _label(app))
        hold = PaintHold(app, limit=60.0 if released else 0.2)
        hold.hold()
        app.query_one(Static).update("after")
        if released:
            await pilot.pause(0.1)
            assert painted.seen == [], "nothing is painted while the hold lasts"
            hold.release()
            await pilot.pause()
        else:
            await pilot.pause(0.5)  # nothing released it: the deadline did
        assert painted.seen and painted.seen[-1] == "after"
        assert not hold.holding


async def test_each_typed_letter_is_painted_with_the_list_it_filters(
    make_app: Callable[..., NewsReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    # no deadline within the test: a slow machine must not let a paint out early
    monkeypatch.setattr(main_screen, "ECHO_HOLD", 60.0)
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, main_screen.MainScreen)
        expected = {
            prefix: list(screen.library.search(prefix).positions)
            for prefix in ("l", "li", "lis", "lisb", "lisbn")
        }
        bar, articles = screen.query_one(SearchBar), screen.query_one(ArticleList)
        painted = _Painted(app, lambda: (bar.value, list(articles.order)))
        await pilot.press("slash")
        await settle(pilot)
        for letter in "lisbn":
            await pilot.press(letter)
            await settle(pilot)
        typed = [(query, order) for query, order in painted.seen if query]  # type: ignore[misc]
        assert {query for query, _ in typed} == set(expected)
        for query, order in typed:
            assert order == expected[query], f"{query!r} was painted over another query's list"


async def test_the_scrollbar_follows_the_result_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "many"
    for number in range(60):
        topic = "Lisbon summit" if number < 3 else "Budget talks"
        write_article(root, f"{number:03}.txt", f"{topic} report number {number}", "Body text.")
    app = NewsReaderApp(root)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.show_vertical_scrollbar
        assert articles.vertical_scrollbar.window_virtual_size == 60 * articles.row_height
        await type_query(pilot, "lisbon")
        assert len(articles.order) == 3
        assert not articles.show_vertical_scrollbar, "three rows fit: no scrollbar"
        await pilot.press("escape")
        await type_query(pilot, "budget")
        assert len(articles.order) == 57
        assert articles.show_vertical_scrollbar
        assert articles.vertical_scrollbar.window_virtual_size == 57 * articles.row_height


async def test_the_loaded_library_is_kept_out_of_garbage_collections(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    """Full collections walking the catalog stalled keystrokes; the app exempts it, while open."""
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0, "after the app, its objects can be collected again"
