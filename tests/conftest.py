"""Shared fixtures: every test runs with its own cache, data and config folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import SAMPLE_FEED, SEEDS


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point XDG_* at temporary folders so no test reads or writes the user's own files."""
    home = tmp_path_factory.mktemp("home")
    for name in ("CACHE", "DATA", "CONFIG"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(home / name.lower()))
    monkeypatch.delenv("NEWSREADER_LIBRARY", raising=False)
    # an app watching its folder runs a worker that never ends, which `settle` would wait for:
    # the tests of the live library turn it on themselves
    monkeypatch.setenv("NEWSREADER_WATCH", "off")
    return home


@pytest.fixture
def seed_library(tmp_path: Path) -> Path:
    """A library folder holding just the two seed articles."""
    root = tmp_path / "library"
    root.mkdir()
    for name in SEEDS:
        shutil.copy(SAMPLE_FEED / name, root / name)
    return root
