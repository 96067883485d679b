"""Help and problems screens, urls, hostile text, the empty library, warnings."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens import reading_actions
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.screens.problems import ProblemsScreen
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.search_bar import SearchBar

from .conftest import count, reader_text, rows, settle, wait_for

HOSTILE_TITLE = "[bold red]ALERT[/] [link=https://evil.example]click[/link]"


def write_feed(root: Path, title: str, body: str = "Body text.") -> None:
    """A JSON Feed item: the one format that keeps any title exactly as written."""
    item = {"id": "1", "title": title, "content_text": body, "date_published": "2011-01-03"}
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Evil Wire", "items": [item]}
    (root / "evil.json").write_text(json.dumps(feed), encoding="utf-8")


async def test_question_mark_lists_every_binding(make_app: Callable[..., NewsReaderApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(static.content) for static in app.screen.query("Static"))
        for bindings in (
            MainScreen.BINDINGS,
            ArticleList.BINDINGS,
            Reader.BINDINGS,
            SearchBar.BINDINGS,
            NewsReaderApp.BINDINGS,
        ):
            for binding in bindings:
                assert binding.description in text  # type: ignore[union-attr]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_every_action_has_a_description(make_app: Callable[..., NewsReaderApp]) -> None:
    """The Footer, the help screen and the command palette all need one."""
    for bindings in (
        MainScreen.BINDINGS,
        ArticleList.BINDINGS,
        Reader.BINDINGS,
        SearchBar.BINDINGS,
        NewsReaderApp.BINDINGS,
    ):
        assert all(binding.description for binding in bindings)  # type: ignore[union-attr]


async def test_problems_screen_lists_broken_files(
    make_app: Callable[..., NewsReaderApp], library: Path
) -> None:
    (library / "broken [red]x[red].txt").write_bytes(b"\x00\x01\x02\x03binary")
    (library / "empty.txt").write_text("")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any(
            n.message == "2 files could not be read: press ! to see them"
            for n in app._notifications
        )
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        paths = {str(table.get_row_at(i)[0]) for i in range(2)}
        assert paths == {"broken [red]x[red].txt", "empty.txt"}
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_problems_screen_counts_files_of_types_not_read(
    make_app: Callable[..., NewsReaderApp], library: Path
) -> None:
    for number in range(12):
        (library / f"doc{number}.sgml").write_text("<doc>x</doc>")
    (library / "scan.pdf").write_bytes(b"%PDF-1.4")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: bool(app.screen.library.skipped))  # type: ignore[attr-defined]
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        shown = app.screen.query_one("#skipped", Static).render()
        assert (
            str(shown) == "Not read, of types newsreader does not open: 12 .sgml files, 1 .pdf file"
        )
        assert app.screen.query_one(DataTable).row_count == 1  # "No problems: ..."


async def test_problems_key_does_nothing_without_problems(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd"])
async def test_o_refuses_urls_that_are_not_http(
    make_app: Callable[..., NewsReaderApp],
    library: Path,
    monkeypatch: pytest.MonkeyPatch,
    url: str,
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(NewsReaderApp, "open_url", lambda self, url, **kw: opened.append(url))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # the library already drops such urls; the app must refuse them on its own as well
        catalog = app.screen.catalog  # type: ignore[attr-defined]
        catalog.entries = [replace(catalog.entries[0], url=url), *catalog.entries[1:]]
        await pilot.press("o")
        await settle(pilot)
        assert opened == []
        assert any("only http and https" in n.message for n in app._notifications)


async def test_o_opens_http_urls_and_says_when_there_is_none(
    make_app: Callable[..., NewsReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(NewsReaderApp, "open_url", lambda self, url, **kw: opened.append(url))
    monkeypatch.setattr(reading_actions, "browser_available", lambda: True)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert opened == ["https://example.com/2010/11/20/lisbon-summit"]
        await pilot.press("G", "o")  # the last article has no url
        await settle(pilot)
        assert opened == ["https://example.com/2010/11/20/lisbon-summit"]
        assert any(n.message == "This article has no url" for n in app._notifications)


async def test_markup_in_articles_is_shown_literally(
    make_app: Callable[..., NewsReaderApp], library: Path
) -> None:
    write_feed(library, HOSTILE_TITLE, body="Body with [b]tags[/b] and [@click=app.quit]x[/].")
    (library / "alert.md").write_text(
        "# Markdown [bold]alert[/bold]\n\n[a link](javascript:alert(1)) and <script>x</script>\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"alert", "enter")
        await settle(pilot)
        shown = "\n".join(rows(app))
        assert HOSTILE_TITLE[:40] in shown  # the row cuts the rest with an ellipsis
        assert "Markdown [bold]alert[/bold]" in shown
        articles = app.screen.query_one(ArticleList)
        for y in range(2):
            assert all(
                segment.style is None or segment.style.link is None
                for segment in articles.render_line(y)
            )
        target = next(i for i, row in enumerate(rows(app)) if HOSTILE_TITLE[:40] in row)
        articles.cursor = target
        await settle(pilot)
        text = reader_text(app)
        assert text.startswith(HOSTILE_TITLE)
        assert "[@click=app.quit]x[/]" in text
        articles.cursor = 1 - target
        await settle(pilot)
        pane = app.screen.query_one(Reader)
        assert "javascript:alert(1)" in reader_text(app)  # shown as text, never a live link
        assert all(
            segment.style is None or not segment.style.link
            for strip in pane._lines
            for segment in strip
        )
        assert app.is_running


async def test_empty_library_explains_how_to_open_another(
    make_app: Callable[..., NewsReaderApp], tmp_path: Path
) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    app = make_app(empty)
    async with app.run_test(size=(300, 40)) as pilot:
        await settle(pilot)
        text = " ".join(rows(app))
        assert str(empty) in text
        assert "newsreader --library DIR" in text
        assert "NEWSREADER_LIBRARY" in text
        assert count(app) == "0 articles"


async def test_r_rescans_and_picks_up_new_files(
    make_app: Callable[..., NewsReaderApp], library: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        write_feed(library, "A Brand New Article")
        await pilot.press("r")
        await settle(pilot)
        assert count(app) == "9 articles"
        assert any(n.message.startswith("Rescanned: 1 new") for n in app._notifications)


async def test_check_action_hides_letter_keys_while_typing(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.check_action("toggle_bookmark", ())
        await pilot.press("slash")
        assert not screen.check_action("toggle_bookmark", ())
        assert not screen.check_action("next_article", ())


async def test_command_palette_offers_the_app_actions(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Bookmark", "Bookmarks only", "Sort", "Rescan", "Help", "Theme"} <= titles
        await pilot.press("ctrl+p", *"sort", "enter")
        await settle(pilot)
        assert app.screen.articles.border_subtitle == "by oldest"  # type: ignore[attr-defined]


async def test_a_vanished_library_folder_keeps_the_list_and_says_so(
    make_app: Callable[..., NewsReaderApp], library: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.feed.stories is not None)
        await settle(pilot)
        shown = rows(app)
        library.rename(library.with_name("unmounted"))  # the disk goes away under the app
        await pilot.press("r")
        await settle(pilot)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors == [f"library folder {library} is missing or unreadable; the cache is kept"]
        assert rows(app) == shown
        assert count(app) == "8 articles"

    # the next start, with the folder still gone, opens on the cached list too
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.feed.stories is not None)
        await settle(pilot)
        assert rows(app) == shown
