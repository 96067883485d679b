"""The list's rows and the panes' split: headlines read in full, the split changes and is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import Reader
from support import write_article

from .conftest import rows, settle, wait_for

HEADLINE = (
    "Ministers from twenty-eight allied nations endorse missile shield plan before Lisbon talks"
)


@pytest.fixture
def long_headlines(tmp_path: Path) -> Path:
    root = tmp_path / "long"
    write_article(root, "a.txt", HEADLINE, "Body.", date="November 20, 2010",
                  url="https://www.example-outlet.com/2010/11/20/shield")  # fmt: skip
    for number in range(5):
        write_article(root, f"b{number}.txt", f"Shorter headline number {number}", "Body.",
                      date="November 19, 2010")  # fmt: skip
    return root


def _row_with(app: NewsReaderApp, words: str) -> str:
    return next(row for row in rows(app) if words in row)


@pytest.mark.parametrize("width", [120, 140])
async def test_a_90_character_headline_reads_in_full_beside_the_reader(
    long_headlines: Path, width: int
) -> None:
    assert len(HEADLINE) == 90
    app = NewsReaderApp(long_headlines)
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(Reader).region.width > 0, "both panes are shown"
        row = _row_with(app, "Ministers")
        assert " ".join(row.split()).find(HEADLINE) >= 0, row
        assert "…" not in row and "2010-11-20" in row


async def test_empty_source_and_date_columns_take_no_width(tmp_path: Path) -> None:
    root = tmp_path / "bare"
    headline = "An undated headline from nowhere in particular, long enough to need the room " * 2
    headline = headline[:110].strip()
    write_article(root, "a.txt", headline, "Body.")
    app = NewsReaderApp(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")  # the list alone: one line holds the headline when no column
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.row_height == 1
        assert headline in rows(app)[0]


async def test_keys_change_the_split_and_hide_the_reader_and_a_restart_keeps_it(
    long_headlines: Path,
) -> None:
    app = NewsReaderApp(long_headlines)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles, reader = app.screen.query_one(ArticleList), app.screen.query_one(Reader)
        before = articles.region.width
        await pilot.press("greater_than_sign", "greater_than_sign")
        await wait_for(pilot, lambda: articles.region.width > before)
        wider = articles.region.width
        assert wider >= before + 10
        await pilot.press("less_than_sign")
        await wait_for(pilot, lambda: articles.region.width < wider)
        await pilot.press("w")  # the list alone, the whole width
        await wait_for(pilot, lambda: reader.region.width == 0)
        assert articles.region.width == 120
        await pilot.press("enter")  # opening an article shows the reader in the list's place
        await wait_for(pilot, lambda: reader.region.width > 100)
        assert isinstance(app.focused, Reader)
        await pilot.press("escape")
        await wait_for(pilot, lambda: articles.region.width == 120)
    again = NewsReaderApp(long_headlines)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = again.screen.query_one(Reader)
        assert reader.region.width == 0, "the reader stays hidden after a restart"
        await pilot.press("w")
        await wait_for(pilot, lambda: reader.region.width > 0)
        assert again.screen.query_one(ArticleList).region.width == wider - 6, "the split kept"


async def test_the_split_keys_do_nothing_where_two_panes_never_fit(long_headlines: Path) -> None:
    app = NewsReaderApp(long_headlines)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        await pilot.press("w", "greater_than_sign")
        await settle(pilot)
        assert articles.region.width == 80
        assert app.screen.query_one(Reader).region.width == 0
