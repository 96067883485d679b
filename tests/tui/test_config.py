"""A bad config file in the app: warning notices and defaults, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsreader.library.formats import DEFAULT_MAX_BYTES
from newsreader.library.locations import config_file
from newsreader.tui.app import DEFAULT_THEME, NewsReaderApp

from .conftest import rows, settle


def write_config(content: str | bytes) -> Path:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("theme = [\n", "not valid TOML ("),
        (b'theme = "caf\xe9"\n', "not UTF-8 text (byte 0xe9 at offset 12); using the defaults"),
        ('theme = "nord"\nmax_file_mb = inf\n', "max_file_mb must be a positive number"),
        ('theme = "nord"\nlibrary = 3\n', "library must be a folder path in quotes, not 3"),
        ("theme = 3\n", "theme must be a theme name in quotes, not 3; using the default"),
        ('theme = "[b]nosuch[/b]"\n', "theme '[b]nosuch[/b]' is not one of the app's themes"),
    ],
    ids=["invalid", "latin1", "max_file_mb", "library", "theme-type", "theme-name"],
)
async def test_a_bad_config_is_one_warning_notice_and_the_app_runs(
    make_app: Callable[..., NewsReaderApp], content: str | bytes, problem: str
) -> None:
    path = write_config(content)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notices = [n for n in app._notifications if n.message.startswith("config ")]
        assert len(notices) == 1
        assert notices[0].message.startswith(f"config {path}: {problem}")
        assert (notices[0].severity, notices[0].markup) == ("warning", False)
        assert len(rows(app)) > 1, "the articles load all the same"
        assert app.library.max_bytes == DEFAULT_MAX_BYTES
        assert app.theme == ("nord" if "nord" in str(content) else DEFAULT_THEME)


async def test_a_theme_that_cannot_be_saved_is_an_error_notice_and_the_file_stays(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    path = write_config('theme = "nord"\n')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        broken = b"# being edited\ntheme = \n"
        path.write_bytes(broken)  # the user is half-way through an edit
        app.theme = "dracula"
        await settle(pilot)
        assert any(
            n.severity == "error"
            and n.message.startswith(f"cannot save the theme: config {path} is not valid TOML")
            for n in app._notifications
        )
    assert path.read_bytes() == broken
