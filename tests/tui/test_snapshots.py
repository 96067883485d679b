"""One snapshot per screen state (pytest-textual-snapshot).

Deterministic by construction: a frozen test feed, a fixed size and theme, no cursor blink, no
animations, and notifications cleared before the picture is taken. Update the baselines with
``pytest tests/tui/test_snapshots.py --snapshot-update`` after a deliberate change, and look at
the report before committing them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from newsreader.tui import texts
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.following import TYPING_FOLLOW_DELAY

from .conftest import settle
from .test_reading import STRUCTURED

WIDE = (120, 36)
NARROW = (80, 30)


def keys(*presses: str, pause: float = 0.0) -> Callable[[Pilot[None]], Any]:
    """A run_before that waits for the library, presses ``presses``, and settles again."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
            await settle(pilot, rounds=1)
        await pilot.pause(max(pause, TYPING_FOLLOW_DELAY + 0.05))  # the reader follows typing late
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


def typed(text: str) -> Iterable[str]:
    return ["slash", *text]


class TestMainView:
    def test_main(self, snap_compare: Any, make_app: Callable[..., NewsReaderApp]) -> None:
        assert snap_compare(make_app(), terminal_size=WIDE, run_before=keys())

    def test_moved_and_read(
        self, snap_compare: Any, make_app: Callable[..., NewsReaderApp]
    ) -> None:
        assert snap_compare(
            make_app(), terminal_size=WIDE, run_before=keys("j", "enter", "escape", "j")
        )

    def test_narrow_list(self, snap_compare: Any, make_app: Callable[..., NewsReaderApp]) -> None:
        assert snap_compare(make_app(), terminal_size=NARROW, run_before=keys("j"))

    def test_narrow_reader(self, snap_compare: Any, make_app: Callable[..., NewsReaderApp]) -> None:
        assert snap_compare(make_app(), terminal_size=NARROW, run_before=keys("j", "enter"))

    def test_empty_library(
        self,
        snap_compare: Any,
        make_app: Callable[..., NewsReaderApp],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        empty = tmp_path / "empty"
        empty.mkdir()
        app = make_app(empty)
        # the message names the folder and the config file: keep both fixed (in the message
        # only: the scan must still find the folder, else it reports it missing)
        message = texts.empty_library
        monkeypatch.setattr(texts, "empty_library", lambda _: message(Path("/library/empty")))
        monkeypatch.setattr(texts, "config_file", lambda: Path("/config/newsreader/config.toml"))
        assert snap_compare(app, terminal_size=WIDE, run_before=keys())


class TestSearch:
    def test_typo_with_highlights(
        self, snap_compare: Any, make_app: Callable[..., NewsReaderApp]
    ) -> None:
        assert snap_compare(make_app(), terminal_size=WIDE, run_before=keys(*typed("rusia lisbn")))

    def test_reader_with_hits(
        self, snap_compare: Any, make_app: Callable[..., NewsReaderApp]
    ) -> None:
        presses = [*typed("rusia"), "enter", "enter", "right_square_bracket"]
        assert snap_compare(make_app(), terminal_size=(120, 24), run_before=keys(*presses))

    def test_no_results(self, snap_compare: Any, make_app: Callable[..., NewsReaderApp]) -> None:
        assert snap_compare(make_app(), terminal_size=WIDE, run_before=keys(*typed("xyzzyq")))

    def test_bookmarks_only(
        self, snap_compare: Any, make_app: Callable[..., NewsReaderApp]
    ) -> None:
        presses = ["j", "b", "j", "j", "j", "b", "B", "down"]
        assert snap_compare(make_app(), terminal_size=WIDE, run_before=keys(*presses))


class TestReading:
    def test_reader_at_200_columns(
        self, snap_compare: Any, make_app: Callable[..., NewsReaderApp]
    ) -> None:
        """The 80-cell column, centred; the byline and url; how far through, in the border."""
        assert snap_compare(make_app(), terminal_size=(200, 40), run_before=keys("j", "enter"))

    def test_reader_with_links(
        self, snap_compare: Any, make_app: Callable[..., NewsReaderApp], library: Path
    ) -> None:
        """A heading, a list and a quote; links numbered and listed; the article bookmarked."""
        (library / "structured.md").write_text(STRUCTURED, encoding="utf-8")
        assert snap_compare(make_app(), terminal_size=WIDE, run_before=keys("enter", "b"))

    def test_link_picker(
        self, snap_compare: Any, make_app: Callable[..., NewsReaderApp], library: Path
    ) -> None:
        (library / "structured.md").write_text(STRUCTURED, encoding="utf-8")
        assert snap_compare(make_app(), terminal_size=WIDE, run_before=keys("enter", "2"))


class TestStories:
    def test_row_marks_and_also_covered_by(
        self, snap_compare: Any, make_app: Callable[..., NewsReaderApp]
    ) -> None:
        assert snap_compare(make_app(), terminal_size=WIDE, run_before=keys("G"))

    def test_story_view(self, snap_compare: Any, make_app: Callable[..., NewsReaderApp]) -> None:
        assert snap_compare(make_app(), terminal_size=WIDE, run_before=keys("G", "c"))

    def test_one_row_per_story(
        self, snap_compare: Any, make_app: Callable[..., NewsReaderApp]
    ) -> None:
        assert snap_compare(make_app(), terminal_size=WIDE, run_before=keys("v"))


class TestScreens:
    def test_help(self, snap_compare: Any, make_app: Callable[..., NewsReaderApp]) -> None:
        assert snap_compare(make_app(), terminal_size=(120, 60), run_before=keys("question_mark"))

    def test_problems(
        self, snap_compare: Any, make_app: Callable[..., NewsReaderApp], library: Path
    ) -> None:
        (library / "broken.txt").write_bytes(b"\x00\x01\x02\x03 binary, not text")
        (library / "empty.md").write_text("   \n")
        for name in ("a.sgml", "b.sgml", "notes.pdf"):  # counted under the table, not listed
            (library / name).write_text("not an article")
        assert snap_compare(make_app(), terminal_size=WIDE, run_before=keys("exclamation_mark"))
