"""The ways out of an article (issue 12): links by number or from a picker, the url in the
browser or, where there is none, on the clipboard, and the file in the user's editor."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens import reading_actions
from newsreader.tui.screens.link_picker import LinkPicker
from newsreader.tui.screens.reading_actions import ReadingActions

from .conftest import reader, reader_text, settle, wait_for
from .test_reading import PROSE, STRUCTURED, _open

LISBON_URL = "https://example.com/2010/11/20/lisbon-summit"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The urls given to ``App.open_url``, where a browser can be started."""
    urls: list[str] = []
    monkeypatch.setattr(NewsReaderApp, "open_url", lambda self, url, **kw: urls.append(url))
    monkeypatch.setattr(reading_actions, "browser_available", lambda: True)
    return urls


@pytest.fixture
def copied(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    texts: list[str] = []
    monkeypatch.setattr(NewsReaderApp, "copy_to_clipboard", lambda self, text: texts.append(text))
    return texts


async def test_a_link_is_opened_by_its_number_or_from_the_picker(
    make_app: Callable[..., NewsReaderApp], opened: list[str], copied: list[str]
) -> None:
    app = make_app()
    (app.root / "structured.md").write_text(STRUCTURED, encoding="utf-8")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "Structured Story")
        await pilot.press("2")  # the picker, on link 2
        await wait_for(pilot, lambda: isinstance(app.screen, LinkPicker))
        await pilot.press("enter")
        await settle(pilot)
        assert opened == ["https://example.org/two/deep/path"]
        await pilot.press("f")  # the picker, on link 1; y copies it
        await wait_for(pilot, lambda: isinstance(app.screen, LinkPicker))
        await pilot.press("y")
        await settle(pilot)
        assert copied == ["https://example.org/one"]
        await pilot.press("f", "2", "escape")  # Esc: nothing
        await settle(pilot)
        assert not isinstance(app.screen, LinkPicker)
        assert opened == ["https://example.org/two/deep/path"]


async def test_the_link_keys_say_when_there_are_no_links(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("G", "enter", "3")  # a plain article: no links
        await settle(pilot)
        assert not isinstance(app.screen, LinkPicker)


async def test_o_opens_the_url_where_a_browser_can_be_started(
    make_app: Callable[..., NewsReaderApp], opened: list[str], copied: list[str]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert opened == [LISBON_URL]
        assert copied == []


async def test_with_no_browser_o_copies_the_url_and_shows_it(
    make_app: Callable[..., NewsReaderApp],
    monkeypatch: pytest.MonkeyPatch,
    opened: list[str],
    copied: list[str],
) -> None:
    monkeypatch.setattr(reading_actions, "browser_available", lambda: False)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "o")
        await settle(pilot)
        assert opened == []
        assert copied == [LISBON_URL]
        notice = list(app._notifications)[-1]
        assert "No browser" in notice.message and LISBON_URL in notice.message


def test_no_browser_is_found_without_one_and_a_text_browser_does_not_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import webbrowser

    def none() -> object:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", none)
    assert not reading_actions.browser_available()
    monkeypatch.setattr(webbrowser, "get", lambda: webbrowser.GenericBrowser("lynx"))
    assert not reading_actions.browser_available()
    monkeypatch.setattr(webbrowser, "get", lambda: webbrowser.BackgroundBrowser("firefox"))
    assert reading_actions.browser_available()


async def test_y_copies_the_url_from_the_list_or_the_reader(
    make_app: Callable[..., NewsReaderApp], copied: list[str]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y", "enter", "y")
        await settle(pilot)
        assert copied == [LISBON_URL, LISBON_URL]
        assert any(f"Copied {LISBON_URL}" == n.message for n in app._notifications)


@pytest.fixture
def stub_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """$EDITOR is a script that appends a paragraph to the file; suspending is faked (the
    headless test driver cannot hand the terminal over) and noted."""
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf "\\nAppended by the editor.\\n" >> "$1"\n')
    script.chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{script} ")
    suspended: list[bool] = []

    @contextlib.contextmanager
    def fake(self: ReadingActions) -> Iterator[None]:
        """As ``App.suspend``: the app comes back only if the block ends without an error."""
        suspended.append(False)
        yield
        suspended[-1] = True  # resumed

    monkeypatch.setattr(ReadingActions, "suspended", fake)
    return suspended


async def test_e_edits_the_file_and_comes_back_to_the_same_place(
    make_app: Callable[..., NewsReaderApp], stub_editor: list[bool]
) -> None:
    app = make_app()
    # with a url: an article without one is known by its text, and editing that makes it new
    (app.root / "prose.txt").write_text(
        "A Long Paragraph\n\nJanuary 9, 2040\n\n"
        + "\n\n".join([PROSE] * 6)
        + "\n\nOriginal url:\n\nhttps://example.org/long\n",
        encoding="utf-8",
    )
    async with app.run_test(size=(120, 20)) as pilot:
        pane = await _open(pilot, "A Long Paragraph")
        await pilot.press("space", "j")
        place = int(pane.scroll_y)
        assert place > 0
        await pilot.press("e")
        await wait_for(pilot, lambda: "Appended by the editor." in reader_text(app))
        await settle(pilot)
        assert stub_editor == [True]
        assert int(reader(app).scroll_y) == place


async def test_e_without_an_editor_says_how_to_set_one(
    make_app: Callable[..., NewsReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert any("$EDITOR" in n.message for n in app._notifications)


async def test_an_editor_that_cannot_start_is_reported_and_the_app_comes_back(
    make_app: Callable[..., NewsReaderApp],
    monkeypatch: pytest.MonkeyPatch,
    stub_editor: list[bool],
) -> None:
    monkeypatch.setenv("VISUAL", "no-such-editor-anywhere --wait")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert stub_editor == [True], "the app was resumed"
        assert any("Cannot start no-such-editor-anywhere" in n.message for n in app._notifications)


async def test_the_footer_offers_f_when_the_article_has_links(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    (app.root / "structured.md").write_text(STRUCTURED, encoding="utf-8")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")  # a plain article, read: no links
        await settle(pilot)
        assert "f" not in _footer_keys(app)
        await pilot.press("p")  # the structured one, still reading
        await wait_for(pilot, lambda: reader(app).links != [])
        await settle(pilot)
        assert "f" in _footer_keys(app)


def _footer_keys(app: NewsReaderApp) -> set[str]:
    return {key.key for key in app.screen.query(FooterKey)}
