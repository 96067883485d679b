"""The library must stay usable without Textual: the command line and other tools depend on it."""

from __future__ import annotations

import subprocess
import sys


def test_library_imports_no_textual() -> None:
    code = (
        "import sys, newsreader.library, newsreader.cli\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(loaded)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_library_imports_no_numpy() -> None:
    """NumPy (40 ms) comes with the first sort, filter or grouping into stories, not at start."""
    code = "import sys, newsreader.library, newsreader.cli\nprint('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
