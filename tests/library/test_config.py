"""The optional config file: read forgivingly, written without losing the user's own lines."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from newsreader.library import ConfigError, load_config, save_setting
from newsreader.library.formats import DEFAULT_MAX_BYTES

MB = 1024 * 1024


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config.toml"


def test_missing_file_is_an_empty_config(path: Path) -> None:
    config = load_config(path)
    assert (config.library, config.theme, config.max_bytes) == (None, None, DEFAULT_MAX_BYTES)
    assert config.warnings == ()


def test_settings_are_read(path: Path) -> None:
    path.write_text('library = "~/news"\ntheme = "nord"\nmax_file_mb = 2.5\n')
    config = load_config(path)
    assert config.library == Path("~/news").expanduser()
    assert config.theme == "nord"
    assert config.max_bytes == int(2.5 * MB)
    assert config.warnings == ()


@pytest.mark.parametrize(
    ("line", "key", "shown"),
    [
        ("max_file_mb = inf", "max_file_mb", "not inf; using 5"),
        ("max_file_mb = nan", "max_file_mb", "not nan; using 5"),
        ("max_file_mb = -1", "max_file_mb", "not -1; using 5"),
        ("max_file_mb = 0", "max_file_mb", "not 0; using 5"),
        ('max_file_mb = "5"', "max_file_mb", "not '5'; using 5"),
        ("max_file_mb = 1e300", "max_file_mb", "not 1e+300; using 5"),
        ("max_file_mb = 9223372036854775807", "max_file_mb", "not 9223372036854775807; using 5"),
        ("max_file_mb = 1e-9", "max_file_mb", "not 1e-09; using 5"),
        ("max_file_mb = true", "max_file_mb", "not true; using 5"),
        ("library = 3", "library", "not 3; ignoring it"),
        ('library = ""', "library", "not ''; ignoring it"),
        ('theme = ["a"]', "theme", "not ['a']; using the default"),
    ],
)
def test_a_bad_key_is_one_warning_and_its_default(
    path: Path, line: str, key: str, shown: str
) -> None:
    """The other keys still count: one typo must not throw away the whole file."""
    good = {
        "library": 'library = "/news"',
        "theme": 'theme = "nord"',
        "max_file_mb": "max_file_mb = 2",
    }
    good[key] = line
    path.write_text("\n".join(good.values()) + "\n")
    config = load_config(path)
    assert len(config.warnings) == 1
    assert config.warnings[0].startswith(f"config {path}: {key} must be ")
    assert config.warnings[0].endswith(shown)
    assert "\n" not in config.warnings[0]
    expected: dict[str, object] = {"library": Path("/news"), "theme": "nord", "max_file_mb": 2 * MB}
    expected[key] = {"library": None, "theme": None, "max_file_mb": DEFAULT_MAX_BYTES}[key]
    assert (config.library, config.theme, config.max_bytes) == tuple(expected.values())


@pytest.mark.parametrize(
    ("line", "width", "warned"),
    [
        ("", 80, False),
        ("reader_width = 66", 66, False),
        ("reader_width = 0", 0, False),
        ("reader_width = 5", 80, True),
        ("reader_width = 72.5", 80, True),
        ('reader_width = "wide"', 80, True),
        ("reader_width = true", 80, True),
    ],
)
def test_reader_width_is_a_column_count_or_0(
    path: Path, line: str, width: int, warned: bool
) -> None:
    path.write_text(f'theme = "nord"\n{line}\n')
    config = load_config(path)
    assert config.reader_width == width
    assert config.theme == "nord"
    assert len(config.warnings) == warned
    if warned:
        assert config.warnings[0].startswith(f"config {path}: reader_width must be ")
        assert config.warnings[0].endswith("using 80")


def test_a_library_under_an_unknown_user_is_kept_as_written(path: Path) -> None:
    """pathlib raises RuntimeError for `~nosuchuser`; the command line reports the folder."""
    path.write_text('library = "~nosuchuser/news"\n')
    config = load_config(path)
    assert config.library == Path("~nosuchuser/news")
    assert config.warnings == ()


def _deeply_nested(path: Path) -> None:
    path.write_text("a = " + "[" * 100_000)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_text("not toml at all [\n"), "not valid TOML (Expected '='"),
        (
            lambda p: p.write_bytes(b'theme = "caf\xe9"\n'),
            "not UTF-8 text (byte 0xe9 at offset 12)",
        ),
        (_deeply_nested, "not valid TOML (nested too deeply)"),
        (lambda p: p.write_text("x = 1" + "0" * 5000), "not valid TOML (Exceeds the limit"),
        (lambda p: p.mkdir(), "a folder, not a file"),
        (lambda p: os.mkfifo(p), "not a regular file"),
        (lambda p: p.write_text("# " + "x" * MB), "larger than 1 MB"),
    ],
    ids=["invalid", "latin-1", "nested", "long-int", "folder", "fifo", "huge"],
)
def test_an_unusable_file_is_one_warning_and_every_default(
    path: Path, make: object, reason: str
) -> None:
    make(path)  # type: ignore[operator]
    config = load_config(path)
    assert (config.library, config.theme, config.max_bytes) == (None, None, DEFAULT_MAX_BYTES)
    assert len(config.warnings) == 1
    assert config.warnings[0].startswith(f"config {path}: {reason}")
    assert config.warnings[0].endswith("; using the defaults")


def test_an_unreadable_file_is_one_warning(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Faked: the tests may run as root, whom chmod 000 does not stop."""
    path.write_text('theme = "nord"\n')

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    config = load_config(path)
    assert config.warnings == (
        f"config {path}: cannot be read (Permission denied); using the defaults",
    )
    assert config.theme is None


# -- saving ---------------------------------------------------------------------------------------

TABLES = """\
# my settings
library = "~/news"  # where the articles are

# keys I changed
[keys]
theme = "t"  # toggles the theme: not the theme
quit = "q"
"""


def test_saving_sets_the_top_level_key_and_keeps_tables_and_comments(path: Path) -> None:
    path.write_text(TABLES)
    save_setting("theme", "nord", path)
    text = path.read_text()
    assert text == TABLES.replace(
        "# where the articles are\n", '# where the articles are\ntheme = "nord"\n'
    )
    data = tomllib.loads(text)
    assert data["theme"] == "nord"
    assert data["keys"] == {"theme": "t", "quit": "q"}
    assert load_config(path).warnings == ()


def test_saving_a_table_only_file_puts_the_key_before_the_first_table(path: Path) -> None:
    path.write_text('[keys]\ntheme = "t"\n')
    save_setting("theme", "nord", path)
    assert tomllib.loads(path.read_text()) == {"theme": "nord", "keys": {"theme": "t"}}
    assert path.read_text().startswith('theme = "nord"\n')


def test_saving_replaces_the_value_in_place(path: Path) -> None:
    path.write_text('# my library\ntheme = "nord"  # dark\nlibrary = "~/news"\n[keys]\n')
    save_setting("theme", 'gruvbox "x"', path)
    assert path.read_text() == (
        '# my library\ntheme = "gruvbox \\"x\\""  # dark\nlibrary = "~/news"\n[keys]\n'
    )
    assert load_config(path).theme == 'gruvbox "x"'


def test_saving_creates_the_file_and_keeps_an_existing_mode(path: Path) -> None:
    path = path.parent / "sub" / "config.toml"
    save_setting("theme", "nord", path)
    assert path.read_text() == 'theme = "nord"\n'
    path.chmod(0o640)
    save_setting("theme", "dracula", path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"], "no temporary file left"


def test_a_symlinked_config_stays_a_link_and_its_target_changes(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "newsreader.toml"
    target.write_text('library = "~/news"\n')
    link = tmp_path / "config" / "config.toml"
    link.parent.mkdir()
    link.symlink_to(target)
    save_setting("theme", "nord", link)
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_text() == 'library = "~/news"\ntheme = "nord"\n'
    assert [p.name for p in dotfiles.iterdir()] == ["newsreader.toml"]
    assert [p.name for p in link.parent.iterdir()] == ["config.toml"]


@pytest.mark.parametrize(
    "original",
    [b"theme = [\n# half-typed\n", b'theme = "caf\xe9"\n', b"[keys]\ntheme = 1\ntheme = 2\n"],
    ids=["invalid", "latin-1", "duplicate"],
)
def test_a_file_that_cannot_be_parsed_is_left_untouched(path: Path, original: bytes) -> None:
    path.write_bytes(original)
    with pytest.raises(ConfigError, match="not valid TOML, not changing it"):
        save_setting("theme", "nord", path)
    assert path.read_bytes() == original
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]


def test_a_theme_table_is_not_replaced(path: Path) -> None:
    path.write_text("[theme]\naccent = 1\n")
    with pytest.raises(ConfigError, match="theme is a table"):
        save_setting("theme", "nord", path)
    assert path.read_text() == "[theme]\naccent = 1\n"


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_save_that_fails_midway_leaves_the_old_file(
    path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """A save that wrote the file in place would have clobbered it (or not failed at all)."""
    path.write_text(TABLES)

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OSError, match="No space left"):
        save_setting("theme", "nord", path)
    assert path.read_text() == TABLES
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"], "no temporary file left"
