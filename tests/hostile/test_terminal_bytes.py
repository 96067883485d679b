"""The bytes newsreader writes to a real terminal (a pty) on the hostile corpus.

Textual and the progress line write escape sequences of their own, so these tests look for the
hostile ones: what the article files carried (clipboard writes, window titles, hyperlinks,
clear-screen, colours, C1 controls, bidi overrides) must never come out.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from pty_session import SCRIPT, run_in_pty

HOSTILE_BYTES = [
    b"\x1b]52;",  # OSC 52: write the clipboard
    b"\x1b]0;pwned",  # OSC 0: retitle the window
    b"pwned\x07",
    b"\x1b]8;;https://evil",  # OSC 8: a hyperlink from the article
    b"\xc2\x9b",  # C1 CSI, UTF-8 encoded
    "\u202e".encode(),  # right-to-left override
    "\u2066".encode(),  # left-to-right isolate
]


def assert_clean(output: bytes) -> None:
    for sequence in HOSTILE_BYTES:
        assert sequence not in output, f"{sequence!r} reached the terminal"


def cli(hostile: Path, *args: str) -> bytes:
    assert SCRIPT
    return run_in_pty([SCRIPT, *args, "--library", str(hostile)])


def test_cli_list_search_show_and_index_write_no_escape_sequences(hostile: Path) -> None:
    listing = cli(hostile, "list")
    assert b"[bold red]ALERT[/] [link=https://evil.example]click[/link]" in listing
    assert b"Escape Red Clip Title Link C1 Desrever Bidi Isolate End" in listing
    assert b"\x1b" not in listing, "plain output holds no escape sequence at all"
    for args in (("search", "escape"), ("bookmarks",)):
        output = cli(hostile, *args)
        assert b"\x1b" not in output
    escapes_id = next(
        line.split()[0] for line in listing.decode().splitlines() if "Escape Red" in line
    )
    shown = cli(hostile, "show", escapes_id)
    assert b"Body with clipboard." in shown and b"\x1b" not in shown
    indexed = cli(hostile, "index")
    assert_clean(indexed)
    assert b"\x1b[2J" not in indexed and b"\x1b[31m" not in indexed


def test_json_output_is_valid_and_escape_free(hostile: Path) -> None:
    assert SCRIPT
    result = subprocess.run(
        [SCRIPT, "list", "--json", "--library", str(hostile)], capture_output=True, check=True
    )
    assert b"\x1b" not in result.stdout and b"\\u001b" not in result.stdout
    records = json.loads(result.stdout)
    assert all(not any(ord(c) < 32 for c in json.dumps(r, ensure_ascii=False)) for r in records)


def test_the_app_writes_no_hostile_sequence(hostile: Path, tmp_path: Path) -> None:
    assert SCRIPT
    # down through every article (the reader follows), then quit
    output = run_in_pty(
        [SCRIPT, "--library", str(hostile)], steps=[(b"ALERT[/]", b"jjjjjjjjjjjjjq")]
    )
    assert b"ALERT[/]" in output, "the app drew the list"
    assert_clean(output)
    assert b"\x1b[31mRed" not in output
