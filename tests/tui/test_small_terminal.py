"""At 80x24, the smallest terminal most people have: the Footer still offers help and quit,
whatever is focused, and the search bar takes two rows, not three."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.search_bar import SearchBar

from .conftest import settle, type_query


def _visible_footer_keys(app: NewsReaderApp) -> dict[str, str]:
    footer = app.screen.query_one(Footer)
    right = footer.region.right
    return {
        key.key: key.description
        for key in app.screen.query(FooterKey)
        if key.display and key.region.width and key.region.right <= right
    }


@pytest.mark.parametrize(
    ("keys", "q"), [((), "Quit"), (("enter",), "Back")], ids=["list", "reader"]
)
async def test_help_and_quit_stay_in_the_footer_at_80_columns(
    make_app: Callable[..., NewsReaderApp], keys: tuple[str, ...], q: str
) -> None:
    """In the reader, q goes back to the list (where q quits), as in newsboat."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "russia")  # hits in the reader: its keys too
        await pilot.press("enter", *keys)
        await settle(pilot)
        shown = _visible_footer_keys(app)
        assert "question_mark" in shown
        assert shown.get("q") == q


async def test_the_search_bar_takes_two_rows(make_app: Callable[..., NewsReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(SearchBar).outer_size.height == 2
