"""Workers that let go of what they were given: no catalog outlives its use."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from typing import Any

import pytest

from newsreader.library.catalog import Catalog
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.letting_go import letting_go

from .conftest import settle, wait_for


class Held:
    pass


def test_the_value_is_let_go_once_the_work_has_run() -> None:
    held = Held()
    alive = weakref.ref(held)
    work = letting_go(lambda value: isinstance(value, Held), held)
    del held
    assert alive() is not None
    assert work() is True
    assert alive() is None


async def test_no_catalog_but_the_one_shown_is_kept_after_the_list_is_asked_again(
    make_app: Callable[..., NewsReaderApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finished list worker, kept by the thread that ran it, kept the catalog it was asked
    about: during a first index at a million articles, 50 MB per catalog replaced."""
    made: list[weakref.ref[Catalog]] = []
    init = Catalog.__init__

    def recorded(catalog: Catalog, *args: Any, **kwargs: Any) -> None:
        init(catalog, *args, **kwargs)
        made.append(weakref.ref(catalog))

    monkeypatch.setattr(Catalog, "__init__", recorded)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: not getattr(app.screen, "scanning", True))
        for _ in range(3):
            catalog = screen.library.reload_catalog()  # type: ignore[attr-defined]
            screen.loader.catalog_ready(catalog, None)  # type: ignore[attr-defined]
            await settle(pilot)
        gc.unfreeze()  # what settle_heap froze is collected too
        gc.collect()
        alive = [catalog for ref in made if (catalog := ref()) is not None]
        assert alive == [screen.library.catalog]  # type: ignore[attr-defined]
        await pilot.press("q")
