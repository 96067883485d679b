"""The catalog's columns as the cache stores them for a quick start: each column's bytes apart.

One pickle of every column was read at start as one 200 MB value at a million articles: SQLite's
copy of the row, Python's bytes, and the objects unpickled from them were all alive at once, and
the start's peak memory was three times the catalog's. Stored as parts (a column's text blob,
its offsets, its codes), each part is read straight into the column that keeps it: no copy
beyond the part being read.
"""

from __future__ import annotations

import dataclasses
import pickle
import zlib
from array import array
from collections.abc import Callable
from typing import Any

from .catalog_columns import Columns
from .column_types import CodedColumn, TextColumn
from .zipped_column import ZippedColumn

_PACK_FROM = 65_536
"""Bytes from which a part is stored compressed, if that saves a quarter of them."""

Part = tuple[str, bytes]
"""A part's name (``titles.blob``) and its bytes."""


def to_parts(columns: Columns) -> tuple[bytes, list[Part]]:
    """A small description of ``columns`` (pickled) and the big parts it names."""
    described: dict[str, tuple[Any, ...]] = {}
    parts: list[Part] = []
    for field in dataclasses.fields(Columns):
        name, column = field.name, getattr(columns, field.name)
        if isinstance(column, TextColumn):
            blob, ends, missing = column.parts()
            described[name] = ("text", ends.typecode)
            parts += [(f"{name}.blob", blob), (f"{name}.ends", ends.tobytes()),
                      (f"{name}.missing", missing)]  # fmt: skip
        elif isinstance(column, ZippedColumn):
            zipped, zip_ends, stops, ends, missing = column.parts()
            described[name] = ("zipped", (zip_ends.typecode, ends.typecode))
            parts += [(f"{name}.zipped", zipped), (f"{name}.zip_ends", zip_ends.tobytes()),
                      (f"{name}.stops", stops.tobytes()), (f"{name}.ends", ends.tobytes()),
                      (f"{name}.missing", missing)]  # fmt: skip
        elif isinstance(column, CodedColumn):
            described[name] = ("coded", column.values)
            parts.append((f"{name}.codes", column.codes.tobytes()))
        elif isinstance(column, array):
            described[name] = ("numbers", column.typecode)
            parts.append((f"{name}.numbers", column.tobytes()))
        else:  # a small catalog made by hand, or the aliases
            described[name] = ("values", tuple(column))
    parts, packed = _packed(parts)
    return pickle.dumps((described, packed), protocol=pickle.HIGHEST_PROTOCOL), parts


def _packed(parts: list[Part]) -> tuple[list[Part], set[str]]:
    """The parts, those that compress well compressed, and their names.

    A start after the cache's pages left memory (a reboot, a big index) reads the snapshot
    from disk: at a million articles 150 MB, 1.5 s. Codes and offsets shrink to a third and
    less (a column of dates in date order to almost nothing), and unpacking them all costs
    0.15 s; the compressed text blocks of :mod:`zipped_column` are left as they are.
    """
    kept: list[Part] = []
    packed: set[str] = set()
    for name, data in parts:
        if len(data) >= _PACK_FROM and not name.endswith(".zipped"):
            smaller = zlib.compress(data, 1)
            if len(smaller) <= len(data) * 3 // 4:
                packed.add(name)
                data = smaller
        kept.append((name, data))
    return kept, packed


def from_parts(description: bytes, read: Callable[[str], bytes | None]) -> Columns | None:
    """The columns ``to_parts`` described, each part got by ``read``; None if one is missing."""
    described: dict[str, tuple[Any, ...]]
    described, packed = pickle.loads(description)
    fields: dict[str, Any] = {}
    for name, (kind, detail) in described.items():
        if kind == "values":
            fields[name] = detail
            continue
        names = {"text": ("blob", "ends", "missing"), "coded": ("codes",),
                 "zipped": ("zipped", "zip_ends", "stops", "ends", "missing"),
                 "numbers": ("numbers",)}[kind]  # fmt: skip
        got = [read(f"{name}.{part}") for part in names]
        if any(data is None for data in got):
            return None
        data = [
            zlib.decompress(part) if f"{name}.{suffix}" in packed else bytes(part)
            for suffix, part in zip(names, got, strict=True)
            if part is not None
        ]
        if kind == "text":
            fields[name] = TextColumn(data[0], _array(detail, data[1]), data[2])
        elif kind == "zipped":
            zipped, zip_ends, stops, ends, missing = data
            fields[name] = ZippedColumn(
                zipped, _array(detail[0], zip_ends), _array("i", stops), _array(detail[1], ends),
                missing,
            )  # fmt: skip
        elif kind == "coded":
            fields[name] = CodedColumn(detail, _array("i", data[0]))
        else:
            fields[name] = _array(detail, data[0])
    try:
        return Columns(**fields)
    except TypeError:  # described by another version
        return None


def _array(typecode: str, data: bytes) -> array[int]:
    found = array(typecode)
    found.frombytes(data)
    return found
