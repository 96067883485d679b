"""Where newsreader keeps its files.

platformdirs gives the per-user cache, data and config folders and, on Linux, follows
``XDG_CACHE_HOME``, ``XDG_DATA_HOME`` and ``XDG_CONFIG_HOME``: tests point those at temporary
folders and never touch the user's own files. The three stay apart on purpose: deleting the cache
must never lose a bookmark.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import platformdirs

APP_NAME = "newsreader"


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.toml"


def state_file() -> Path:
    return data_dir() / "state.sqlite3"


def library_key(root: Path) -> str:
    """A short, stable name for a library folder, so each folder gets a cache of its own."""
    return hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def cache_file(root: Path) -> Path:
    return cache_dir() / f"library-{library_key(root)}.sqlite3"


def sample_feed() -> Path:
    """The bundled sample articles: a data package in a wheel, the repo's folder when editable.

    The package has no ``__init__.py`` (it holds only articles), so it is a namespace package:
    its folder comes from the import spec, as ``importlib.resources`` would hand back a
    ``MultiplexedPath`` that is not a path.
    """
    try:
        spec = importlib.util.find_spec("newsreader.sample_feed")
    except ModuleNotFoundError:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    # an editable install does not map a data-only package: use the repo's own folder
    return Path(__file__).resolve().parents[3] / "sample_feed"
