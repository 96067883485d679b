"""Where newsreader keeps things: the XDG dirs, and the bundled sample feed in a wheel."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import newsreader
from newsreader.library import locations


def test_dirs_follow_xdg(isolated_dirs: Path) -> None:
    assert locations.cache_dir() == isolated_dirs / "cache" / "newsreader"
    assert locations.state_file() == isolated_dirs / "data" / "newsreader" / "state.sqlite3"
    assert locations.config_file() == isolated_dirs / "config" / "newsreader" / "config.toml"


def test_each_library_gets_its_own_cache(tmp_path: Path) -> None:
    assert locations.cache_file(tmp_path / "a") != locations.cache_file(tmp_path / "b")
    assert locations.cache_file(tmp_path / "a") == locations.cache_file(tmp_path / "a" / ".")


def test_sample_feed_in_an_installed_wheel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wheel installs the feed as newsreader/sample_feed/, a package without __init__.py."""
    installed = tmp_path / "site-packages" / "newsreader" / "sample_feed"
    installed.mkdir(parents=True)
    (installed / "article.txt").write_text("An Article\n\nBody.\n")
    monkeypatch.setattr(newsreader, "__path__", [str(installed.parent)])
    monkeypatch.delitem(sys.modules, "newsreader.sample_feed", raising=False)
    assert locations.sample_feed() == installed
    assert (locations.sample_feed() / "article.txt").is_file()


def test_sample_feed_in_the_repo_is_the_bundled_folder() -> None:
    assert (locations.sample_feed() / "000_6db7329205bd8d60.txt").is_file()
