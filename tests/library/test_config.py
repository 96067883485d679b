"""The optional config file: read forgivingly, written without losing the user's own lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.library import ConfigError, load_config, save_setting
from newsreader.library.formats import DEFAULT_MAX_BYTES


def test_missing_file_is_an_empty_config(tmp_path: Path) -> None:
    config = load_config(tmp_path / "config.toml")
    assert (config.library, config.theme, config.max_bytes) == (None, None, DEFAULT_MAX_BYTES)


def test_settings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('library = "~/news"\ntheme = "nord"\nmax_file_mb = 2\n')
    config = load_config(path)
    assert config.library == Path("~/news").expanduser()
    assert config.theme == "nord"
    assert config.max_bytes == 2 * 1024 * 1024


@pytest.mark.parametrize(
    "text", ["library = 3\n", 'theme = ["a"]\n', "max_file_mb = -1\n", "not toml at all [\n"]
)
def test_a_broken_config_is_a_clear_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=str(path).replace("\\", "\\\\")):
        load_config(path)


def test_saving_a_setting_keeps_comments_and_other_keys(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    save_setting("theme", "nord", path)
    assert path.read_text() == 'theme = "nord"\n'
    path.write_text('# my library\nlibrary = "~/news"\ntheme = "nord"  # dark\n')
    save_setting("theme", 'gruvbox "x"', path)
    assert path.read_text() == '# my library\nlibrary = "~/news"\ntheme = "gruvbox \\"x\\""\n'
    assert load_config(path).theme == 'gruvbox "x"'
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"], "no temporary file left"
