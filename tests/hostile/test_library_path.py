"""The library folder's own name is data: shown cleaned by the app and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pty_session import newsreader, run_in_pty

FOLDER = "news\x1b]0;pwned\x07-\x1b[31mred\x1b[0m"
SHOWN = b"news-red"
ESCAPED = [b"\x1b]0;", b"pwned\x07", b"\x07-", b"\x1b[31mred"]


def _assert_clean(output: bytes) -> None:
    for sequence in ESCAPED:
        assert sequence not in output, f"{sequence!r} reached the terminal"


@pytest.fixture(params=["empty", "with-articles"])
def library(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    root = tmp_path / FOLDER
    root.mkdir()
    if request.param == "with-articles":
        (root / "one.txt").write_text("A Headline To Wait For\n\nThe body of the article.\n")
    return root


def test_the_app_shows_the_folder_name_cleaned(library: Path) -> None:
    wait_for = b"A Headline To Wait For" if any(library.iterdir()) else b"No articles in"
    output = run_in_pty(newsreader("--library", str(library)), steps=[(wait_for, b"q")])
    _assert_clean(output)
    assert SHOWN in output


def test_index_prints_the_folder_cleaned(library: Path) -> None:
    output = run_in_pty(newsreader("index", "--library", str(library)))
    _assert_clean(output)
    assert b"articles in " in output and SHOWN in output


def test_a_path_outside_the_library_is_refused_with_both_cleaned(
    library: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere\x1b]52;c;ZXZpbA==\x07.txt"
    outside.write_text("Another Headline\n\nText.\n")
    output = run_in_pty(newsreader("show", str(outside), "--library", str(library)))
    assert b"is not inside the library folder" in output
    _assert_clean(output)
    assert b"\x1b]52;" not in output and b"ZXZpbA" not in output


def test_a_missing_library_folder_is_named_safely(tmp_path: Path) -> None:
    output = run_in_pty(newsreader("list", "--library", str(tmp_path / FOLDER)))
    assert b"does not exist" in output
    _assert_clean(output)
