"""The keys a user presses to move around: list, reader, panes, layout."""

from __future__ import annotations

from collections.abc import Callable

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.search_bar import SearchBar

from .conftest import count, cursor_title, reader, reader_words, rows, settle

NEWEST = "NATO and Russia Agree to Cooperate on Missile Defense"
SECOND = "Medvedev Accepts Invitation to Lisbon"
THIRD = "NATO Ministers Back Missile Shield Plan Ahead of Lisbon"
LAST = "NATO Encouraged By Talk Of Cooperation With Russia, Russia Less So"


async def test_starts_with_the_list_focused_and_the_newest_article_shown(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, ArticleList)
        assert app.screen.title == "news"
        assert count(app) == "8 articles"
        assert len(rows(app)) == 8
        assert cursor_title(app) == NEWEST
        assert reader_words(app).startswith(NEWEST)
        assert "Sample Wire · 2010-11-20 · 1 min read" in reader_words(app)


async def test_j_k_g_G_move_the_cursor_and_the_reader_follows(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        assert cursor_title(app) == THIRD
        assert reader(app).article_id is not None
        assert reader_words(app).startswith(THIRD)
        await pilot.press("k")
        await settle(pilot)
        assert cursor_title(app) == SECOND
        await pilot.press("G")
        await settle(pilot)
        assert cursor_title(app) == LAST
        assert reader_words(app).startswith(LAST)
        await pilot.press("g")
        await settle(pilot)
        assert cursor_title(app) == NEWEST
        await pilot.press("pagedown")
        await settle(pilot)
        assert cursor_title(app) == LAST  # fewer rows than a page
        await pilot.press("up", "home", "down", "end")
        await settle(pilot)
        assert cursor_title(app) == LAST


async def test_held_key_settles_on_the_last_article(make_app: Callable[..., NewsReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"jjjjj")
        await pilot.pause(0.2)
        await settle(pilot)
        assert reader_words(app).startswith(cursor_title(app))


async def test_enter_focuses_the_reader_and_escape_goes_back(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("G", "enter")
        await settle(pilot)
        assert isinstance(app.focused, Reader)
        await pilot.press("j")
        assert reader(app).scroll_y == 1
        await pilot.press("space")
        assert reader(app).scroll_y > 1
        await pilot.press("g")
        assert reader(app).scroll_y == 0
        await pilot.press("G")
        assert reader(app).scroll_y == reader(app).max_scroll_y
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.focused, ArticleList)
        for key in ("l", "right"):
            await pilot.press(key)
            assert isinstance(app.focused, Reader)
            await pilot.press("h" if key == "l" else "left")
            assert isinstance(app.focused, ArticleList)


async def test_shift_j_and_k_open_the_next_and_previous_article_read_or_not(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "J")
        await settle(pilot)
        assert isinstance(app.focused, Reader)
        assert reader_words(app).startswith(SECOND)
        await pilot.press("J", "K", "K")
        await settle(pilot)
        assert reader_words(app).startswith(NEWEST)


async def test_tab_cycles_focus(make_app: Callable[..., NewsReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        assert isinstance(app.focused, Reader)
        await pilot.press("tab")
        assert isinstance(app.focused, SearchBar)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, Reader)


async def test_click_selects_a_row(make_app: Callable[..., NewsReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        third = 1 + 2 * articles.row_height  # the border, then two rows
        await pilot.click(ArticleList, offset=(10, third))
        await settle(pilot)
        assert cursor_title(app) == THIRD
        assert reader_words(app).startswith(THIRD)


async def test_narrow_layout_shows_one_pane_at_a_time(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        articles, pane = app.screen.query_one(ArticleList), reader(app)
        assert articles.region.width > 70
        assert pane.region.width == 0
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.focused, Reader)
        assert pane.region.width > 70
        assert articles.region.width == 0
        assert reader_words(app).startswith(SECOND)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.focused, ArticleList)
        assert articles.region.width > 70
        assert pane.region.width == 0


async def test_wide_characters_keep_rows_aligned(make_app: Callable[..., NewsReaderApp]) -> None:
    app = make_app()
    root = app.root
    (root / "wide.txt").write_text(
        "日本語のニュース 🎉 emoji e\u0301\u0301 combining and a long tail of words to cut\n\n"
        "January 5, 2010\n\nBody.\n",
        encoding="utf-8",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        width = articles.scrollable_content_region.width
        lines = [articles.render_line(y) for y in range(18)]
        assert all(line.cell_length == width for line in lines)
        at = next(y for y, line in enumerate(lines) if "日本語" in line.text)
        row = "".join(line.text for line in lines[at : at + articles.row_height])
        assert row.rstrip().endswith("2010-01-05")
        assert "to cut" in row, "a two-line row shows the whole headline"
