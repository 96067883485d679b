"""A paste into the search bar is data: its escape sequences never reach the terminal."""

from __future__ import annotations

import re
from pathlib import Path

from pty_session import newsreader, run_in_pty
from textual import events

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.search_bar import SearchBar

PASTED = (
    "news\x1b]0;TITLE\x07 wire\x1b]52;c;ZXZpbA==\x07 \x1b[2J\x1b[31mred\x1b[0m"
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \u202eeht\u202c \x9b31mc1 PASTE-END"
)
CLEAN = "news wire redlink eht c1 PASTE-END"
# Textual's parser gives up on an escape sequence after 32 characters: it types those as keys
# (ESC as "^") and passes what follows, with the ESC, in the Paste event. So this paste hands
# the search bar a real "ESC ] 0 ; TITLE BEL" and "ESC ] 52 ; c ; ..." to show.
PADDED = (
    "news \x1b" + "x" * 32 + "]0;TITLE\x07 wire \x1b" + "y" * 32 + "]52;c;ZXZpbA==\x07 PASTE-END"
)
BRACKETED = b"\x1b[200~" + PADDED.encode() + b"\x1b[201~"
# Textual sets the mouse pointer's shape with OSC 22, ended by a BEL of its own
POINTER_SHAPE = re.compile(rb"\x1b\]22;[a-z-]*\x07")


def _library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    root.mkdir()
    (root / "one.txt").write_text("A Headline To Wait For\n\nThe body of the article.\n")
    return root


def test_a_bracketed_paste_writes_no_escape_sequence(tmp_path: Path) -> None:
    output = run_in_pty(
        newsreader("--library", str(_library(tmp_path))),
        steps=[(b"A Headline To Wait For", b"/" + BRACKETED), (b"PASTE-END", b"\x03")],
    )
    assert b"]0;" not in output and b"TITLE" not in output
    assert b"]52;" not in output and b"ZXZpbA" not in output
    assert b"\x07" not in POINTER_SHAPE.sub(b"", output), "a BEL reached the terminal"
    assert b"news wire PASTE-END" in output, "the clean part of the paste is shown"


async def test_the_value_holds_only_the_clean_text(tmp_path: Path) -> None:
    app = NewsReaderApp(_library(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        bar = app.screen.query_one(SearchBar)
        assert app.focused is bar
        bar.post_message(events.Paste(PASTED))
        await pilot.pause()
        assert bar.value == CLEAN
        bar.value = ""
        await pilot.press("a", "space", "b", "space")
        assert bar.value == "a b ", "typed spaces stay"
        bar.insert_text_at_cursor("\x1b]0;x\x07c\u2066d")
        assert bar.value == "a b cd"
        bar.value = "is:bookmarked \x1b[31mred\u202e"
        assert bar.value == "is:bookmarked red"
        app.copy_to_clipboard("clip\x1b]52;c;eA==\x07board")
        bar.value = ""
        bar.action_paste()
        assert bar.value == "clipboard"
