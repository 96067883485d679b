"""The problems view lists a link to / or into /proc as one line each; the articles load."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.problems import ProblemsScreen

from .conftest import settle


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="no /proc here")
async def test_problems_view_lists_links_to_system_folders(
    make_app: Callable[..., NewsReaderApp], library: Path
) -> None:
    (library / "everything").symlink_to("/")
    (library / "kernel").symlink_to("/proc")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        table = app.screen.query_one(DataTable)
        rows = {tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)}
        assert rows == {
            ("everything", "links to / (not followed)"),
            ("kernel", "links into a system folder /proc (not followed)"),
        }
