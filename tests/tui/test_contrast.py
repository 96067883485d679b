"""Everything on the list's cursor row can be read, in every built-in theme: a contrast of at
least 4.5:1 (WCAG AA) between each piece of text and its background, computed from the theme's
own colours as they are drawn."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import App

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.contrast import WCAG_AA, contrast
from newsreader.tui.widgets.article_list import ArticleList

from .conftest import settle, type_query

THEMES = sorted(App().available_themes)


@pytest.mark.parametrize("theme", THEMES)
async def test_the_cursor_row_reads_in_every_theme(
    make_app: Callable[..., NewsReaderApp], theme: str
) -> None:
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        app.theme = theme
        await settle(pilot)
        await type_query(pilot, "nato russia")  # matched words on the row
        await pilot.press("enter", "b")  # the list focused, the row bookmarked and unread
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        worst: list[tuple[float, str]] = []
        for focused in (True, False):
            if not focused:
                app.screen.set_focus(app.screen.search_bar)
                await settle(pilot)
            y = articles.cursor - int(articles.scroll_y)
            for segment in articles.render_line(y):
                style = segment.style
                if not segment.text.strip() or style is None:
                    continue
                assert style.color is not None and style.bgcolor is not None, segment
                ratio = contrast(style.color, style.bgcolor)
                worst.append((round(ratio, 2), f"{segment.text!r} focused={focused}"))
        assert min(worst)[0] >= WCAG_AA, min(worst)
