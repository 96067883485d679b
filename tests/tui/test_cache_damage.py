"""The cache damaged, deleted or filled up while the app runs: a warning, a rebuild, and `r`
still finds new files (the cache is disposable, and the app must never depend on it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsreader.library.locations import cache_file
from newsreader.tui.app import NewsReaderApp
from support import (
    damage_cache_tables,
    delete_cache_folder,
    small_filesystem,
    truncate_cache,
    write_article,
)

from .conftest import count, rows, settle, wait_for


def _overwrite_the_index(path: Path) -> None:
    damage_cache_tables(path, "fts%")


@pytest.mark.parametrize("damage", [truncate_cache, _overwrite_the_index, delete_cache_folder])
async def test_r_rebuilds_a_cache_damaged_while_the_app_runs(
    make_app: Callable[..., NewsReaderApp], library: Path, damage: Callable[[Path], None]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        damage(cache_file(library))
        write_article(library, "fresh.txt", "Fresh Walrus Story", "Walruses everywhere.")
        await pilot.press("r")
        await wait_for(pilot, lambda: any("Fresh Walrus Story" in row for row in rows(app)))
        await settle(pilot)
        assert len(rows(app)) == 9
        assert any(n.severity == "warning" and "cache" in n.message for n in app._notifications)
        await pilot.press("slash", *"walrus")
        await wait_for(pilot, lambda: count(app) == "1 of 9 articles")


async def test_a_search_that_finds_the_cache_damaged_rebuilds_it(
    make_app: Callable[..., NewsReaderApp], library: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        _overwrite_the_index(cache_file(library))
        await pilot.press("slash", *"lisbon")
        await wait_for(pilot, lambda: count(app).endswith("of 8 articles"))
        assert any("rebuilding" in n.message for n in app._notifications)
        assert not any(n.severity == "error" for n in app._notifications)


async def test_a_cache_whose_disk_fills_up_goes_on_in_memory(
    make_app: Callable[..., NewsReaderApp],
    library: Path,
    isolated_dirs: Path,
) -> None:
    with small_filesystem(isolated_dirs / "cache", 400):
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            for i in range(300):
                words = " ".join(
                    f"w{i}x{j}y{(i * 7919 + j * 104729) % 99991:x}" for j in range(150)
                )
                write_article(library, f"big{i:03}.txt", f"Big story {i}", words)
            await pilot.press("r")
            await wait_for(pilot, lambda: count(app) == "308 articles")
            assert any("without a cache" in n.message for n in app._notifications)
            write_article(library, "late.txt", "Late Walrus Story", "Walruses.")
            await pilot.press("r")
            await wait_for(pilot, lambda: count(app) == "309 articles")
