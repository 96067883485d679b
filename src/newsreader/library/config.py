"""The optional config file: ``config.toml`` in the user config dir.

Keys: ``library`` (the folder to open), ``theme`` (the app's theme), ``max_file_mb`` (the size
above which a file is refused unread), ``reader_width`` (the widest the reader's column of text
grows, in cells; 0 for the whole pane).

Reading never fails: a config file is hand-edited, and one typo must not stop the reader from
opening. Each bad key becomes one warning naming the file and the key, and that key keeps its
default; a file that cannot be read or parsed at all is one warning and every key defaults.

Writing (the app saves ``theme``) goes through tomlkit, which edits the parsed document rather
than its lines: the key is set at the top level even when a table below holds a key of the same
name, and every comment and blank line survives.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions
import tomlkit.items

from .formats import DEFAULT_MAX_BYTES
from .locations import config_file

_MB = 1024 * 1024
MAX_FILE_MB_LIMIT = 1024
"""Above this ``max_file_mb`` is surely a typo: no article file is a gigabyte."""
READER_WIDTH = 80
"""Readable prose is 60 to 80 characters a line (WCAG 1.4.8 asks for at most 80)."""
READER_WIDTH_LIMITS = (20, 1000)
"""A column narrower than 20 cells cannot hold a url's host; wider than 1000 is a typo."""
_MAX_CONFIG_BYTES = 1024 * 1024
"""A config file is a few lines; a bigger one is a mistake (a link to a log, to /dev/zero)."""


class ConfigError(Exception):
    """The config file cannot be changed safely; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Config:
    """The settings, each already checked; ``warnings`` says which keys were bad and ignored."""

    library: Path | None = None
    theme: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    reader_width: int = READER_WIDTH
    """The reader's column at most this many cells wide; 0 for the whole pane."""
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
        reader_width=_reader_width(data.get("reader_width"), warn),
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


def _reader_width(value: object, warn: _Warn) -> int:
    if value is None:
        return READER_WIDTH
    low, high = READER_WIDTH_LIMITS
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and (value == 0 or low <= value <= high)
    ):
        return value
    warn(
        f"reader_width must be a whole number of columns from {low} to {high}, or 0 for the "
        f"whole pane, not {_shown(value)}; using {READER_WIDTH}"
    )
    return READER_WIDTH


def save_setting(key: str, value: str, path: Path | None = None) -> None:
    """Set the top-level ``key = "value"`` in the config file, keeping everything else.

    The write is atomic (a temporary file in the same folder, fsync, ``os.replace``), so a crash
    leaves the old file or the new one. A symlinked config stays a link: its target is written.
    A file that cannot be parsed is left alone (ConfigError): rewriting it would lose the
    user's lines. OSError when the folder cannot be written.
    """
    path = path or config_file()
    try:
        target = path.resolve()
    except RuntimeError as error:  # a symlink loop (an OSError from Python 3.13 on)
        raise ConfigError(f"config {path}: {error}") from error
    try:
        old = target.read_bytes()
    except FileNotFoundError:
        old = b""
    try:
        # tomllib first: a file the reader itself refuses is not ours to rewrite either
        text = old.decode("utf-8")
        tomllib.loads(text)
        document = tomlkit.parse(text)
    except (ValueError, RecursionError, tomlkit.exceptions.TOMLKitError) as error:
        reason = "nested too deeply" if isinstance(error, RecursionError) else error
        raise ConfigError(f"config {path} is not valid TOML, not changing it: {reason}") from None
    if isinstance(document.get(key), dict | tomlkit.items.AoT):
        raise ConfigError(f"config {path}: {key} is a table there, not changing it")
    _set_top_level(document, key, value)
    text = tomlkit.dumps(document)
    try:  # never write a file the reader would refuse
        written = tomllib.loads(text).get(key)
    except ValueError:
        written = None
    if written != value:
        raise ConfigError(f"config {path}: could not set {key}, not changing it")
    _write_atomically(target, text.encode("utf-8"))


def _set_top_level(document: tomlkit.TOMLDocument, key: str, value: str) -> None:
    """Replace the key where it is, else add it after the last top-level key.

    tomlkit alone would add it right before the first table, below any comment that introduces
    that table, so the comment would seem to be about the new key. Placing it after the last
    plain key needs tomlkit's ``_insert_after``; without it, tomlkit's own place is still valid.
    """
    plain = [
        name
        for name, item in document.body
        if name is not None
        and not name.is_dotted()
        and not isinstance(item, tomlkit.items.Table | tomlkit.items.AoT)
    ]
    insert_after = getattr(document, "_insert_after", None)
    if key in document or not plain or insert_after is None:
        document[key] = value
    else:
        insert_after(plain[-1], key, value)


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None  # a new file: 0o666 less the umask, as any editor would create it
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as out:
            if mode is not None:
                os.fchmod(out.fileno(), mode)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)  # noqa: PTH105 (the atomic step: tests patch os.replace)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system can open a folder, and that is fine."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
