"""The optional config file: ``config.toml`` in the user config dir.

Keys: ``library`` (the folder to open), ``theme`` (the app's theme), ``max_file_mb`` (the size
above which a file is refused unread).

Reading never fails: a config file is hand-edited, and one typo must not stop the reader from
opening. Each bad key becomes one warning naming the file and the key, and that key keeps its
default; a file that cannot be read or parsed at all is one warning and every key defaults.

The app changes only ``theme``, and does so by rewriting that one line, so a user's own comments
and layout survive.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .formats import DEFAULT_MAX_BYTES
from .locations import config_file

_MB = 1024 * 1024
MAX_FILE_MB_LIMIT = 1024
"""Above this ``max_file_mb`` is surely a typo: no article file is a gigabyte."""
_MAX_CONFIG_BYTES = 1024 * 1024
"""A config file is a few lines; a bigger one is a mistake (a link to a log, to /dev/zero)."""


class ConfigError(Exception):
    """Kept for callers that catch it: reading reports problems as warnings instead."""


@dataclass(frozen=True, slots=True)
class Config:
    """The settings, each already checked; ``warnings`` says which keys were bad and ignored."""

    library: Path | None = None
    theme: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    path: Path | None = None
    """The file the settings came from, to name it in messages."""
    warnings: tuple[str, ...] = ()
    """One line per problem, ``config FILE: KEY ...; using ...``, for a person to read."""


def load_config(path: Path | None = None) -> Config:
    """Read the config file; never raises: problems come back as ``Config.warnings``."""
    path = path or config_file()
    try:
        data = _read(path)
    except FileNotFoundError:
        return Config(path=path)
    except _Unusable as problem:
        return Config(path=path, warnings=(f"config {path}: {problem}; using the defaults",))
    warnings: list[str] = []

    def warn(message: str) -> None:
        warnings.append(f"config {path}: {message}")

    return Config(
        library=_library(data.get("library"), warn),
        theme=_theme(data.get("theme"), warn),
        max_bytes=_max_bytes(data.get("max_file_mb"), warn),
        path=path,
        warnings=tuple(warnings),
    )


class _Unusable(Exception):
    """The whole file is unusable: the reason, in words for the warning."""


def _read(path: Path) -> dict[str, Any]:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _Unusable("a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise _Unusable("not a regular file")  # a fifo would block the start for ever
        with path.open("rb") as handle:
            raw = handle.read(_MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise _Unusable(f"cannot be read ({error.strerror or error})") from error
    if len(raw) > _MAX_CONFIG_BYTES:
        raise _Unusable(f"larger than {_MAX_CONFIG_BYTES // _MB} MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        where = f"byte {raw[error.start]:#x} at offset {error.start}"
        raise _Unusable(f"not UTF-8 text ({where})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _Unusable(f"not valid TOML ({error})") from None
    except RecursionError:
        raise _Unusable("not valid TOML (nested too deeply)") from None
    except ValueError as error:  # e.g. an integer of more than 4300 digits
        raise _Unusable(f"not valid TOML ({error})") from None


_Warn = Callable[[str], None]


def _shown(value: object) -> str:
    """A bad value as the user wrote it, cut short: it is quoted inside a one-line message."""
    if isinstance(value, bool):
        return str(value).lower()
    try:
        text = repr(value)
    except ValueError:  # an int too long to print
        text = "a number too long to print"
    return text if len(text) <= 40 else f"{text[:37]}..."


def _library(value: object, warn: _Warn) -> Path | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        warn(f"library must be a folder path in quotes, not {_shown(value)}; ignoring it")
        return None
    library = Path(value)
    # `~nosuchuser/x` cannot be expanded: keep it as written, the caller reports the folder missing
    with contextlib.suppress(RuntimeError):
        library = library.expanduser()
    return library


def _theme(value: object, warn: _Warn) -> str | None:
    if isinstance(value, str) and value.strip():
        return value
    if value is None:
        return None
    warn(f"theme must be a theme name in quotes, not {_shown(value)}; using the default")
    return None


def _max_bytes(value: object, warn: _Warn) -> int:
    if value is None:
        return DEFAULT_MAX_BYTES
    # nan and inf fail the comparison, and a bool is an int to Python but not a size to a person
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and 0 < value <= MAX_FILE_MB_LIMIT
        and int(value * _MB) >= 1
    ):
        return int(value * _MB)
    default = f"{DEFAULT_MAX_BYTES / _MB:g}"
    warn(
        f"max_file_mb must be a positive number of megabytes, at most {MAX_FILE_MB_LIMIT}, "
        f"not {_shown(value)}; using {default}"
    )
    return DEFAULT_MAX_BYTES


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
