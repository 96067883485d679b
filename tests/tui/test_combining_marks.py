"""A title stacked with thousands of combining marks no longer stalls the app."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.help import HelpScreen

from .conftest import rows, settle


async def test_help_opens_fast_over_a_title_of_64000_marks(
    tmp_path: Path, make_app: Callable[..., NewsReaderApp]
) -> None:
    root = tmp_path / "zalgo"
    root.mkdir()
    title = "Z" + "\u0301" * 64_000 + " stacks accents"
    item = {"id": "1", "title": title, "content_text": "Body text.", "date_published": "2011-01-03"}
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Wire", "items": [item]}
    (root / "zalgo.json").write_text(json.dumps(feed), encoding="utf-8")
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("stacks accents" in row for row in rows(app))
        started = time.perf_counter()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.wait_for_scheduled_animations()
        assert time.perf_counter() - started < 1.0
