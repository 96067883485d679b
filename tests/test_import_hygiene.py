"""The library must stay usable without Textual: the command line and other tools depend on it."""

from __future__ import annotations

import subprocess
import sys


def _printed(code: str) -> str:
    """What ``code`` prints in a fresh interpreter, where nothing is imported yet."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_library_imports_no_textual() -> None:
    code = (
        "import sys, newsreader.library, newsreader.cli\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(loaded)"
    )
    assert _printed(code) == "[]"


def test_library_imports_no_numpy() -> None:
    """NumPy (40 ms) comes with the first sort, filter or grouping into stories, not at start."""
    code = "import sys, newsreader.library, newsreader.cli\nprint('numpy' in sys.modules)"
    assert _printed(code) == "False"


def test_app_start_imports_no_parser() -> None:
    """The parsers' libraries (feedparser, lxml: 75 ms; charset_normalizer for legacy code
    pages: 6 ms) come with the first file parsed here, not at start: a big scan parses in
    worker processes."""
    code = (
        "import sys, newsreader.tui.app\n"
        "print(sorted(m for m in ('feedparser', 'lxml', 'charset_normalizer') if m in sys.modules))"
    )
    assert _printed(code) == "[]"
