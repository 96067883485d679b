"""The optional config file: ``config.toml`` in the user config dir.

Keys: ``library`` (the folder to open), ``theme`` (the app's theme), ``max_file_mb`` (the size
above which a file is refused unread). The app changes only ``theme``, and does so by rewriting
that one line, so a user's own comments and layout survive.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .formats import DEFAULT_MAX_BYTES
from .locations import config_file


class ConfigError(Exception):
    """The config file exists but cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Config:
    library: Path | None = None
    theme: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file is an empty config, a broken one a ConfigError."""
    path = path or config_file()
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return Config()
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read config file {path}: {error}") from error
    library, theme, max_mb = data.get("library"), data.get("theme"), data.get("max_file_mb")
    if library is not None and not isinstance(library, str):
        raise ConfigError(f"{path}: library must be a folder path in quotes")
    if theme is not None and not isinstance(theme, str):
        raise ConfigError(f"{path}: theme must be a theme name in quotes")
    if max_mb is not None and (not isinstance(max_mb, int | float) or max_mb <= 0):
        raise ConfigError(f"{path}: max_file_mb must be a positive number")
    return Config(
        library=Path(library).expanduser() if library else None,
        theme=theme,
        max_bytes=int(max_mb * 1024 * 1024) if max_mb else DEFAULT_MAX_BYTES,
    )


def save_setting(key: str, value: str, path: Path | None = None) -> None:
    """Set ``key = "value"`` in the config file, atomically, keeping every other line as it is."""
    path = path or config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    line = f"{key} = {_toml_string(value)}"
    pattern = re.compile(rf"^{re.escape(key)}\s*=.*$", re.MULTILINE)
    if pattern.search(text):
        text = pattern.sub(lambda _: line, text, count=1)
    else:
        text = f"{text.rstrip()}\n{line}\n" if text.strip() else f"{line}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".toml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
