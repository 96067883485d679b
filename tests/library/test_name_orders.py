"""Title and source orders: stored with the snapshot, read back, and equal to a plain sort."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsreader.library import Library
from newsreader.library.column_types import CodedColumn
from newsreader.library.name_orders import source_order, title_order
from newsreader.library.tokens import fold
from support import SAMPLE_FEED


def _reference(values: list[str | None]) -> list[int]:
    return sorted(range(len(values)), key=lambda p: fold(values[p]) if values[p] else "\uffff")


def test_the_snapshot_holds_the_title_order_and_a_start_reads_it(tmp_path: Path) -> None:
    sample_library = tmp_path / "library"
    shutil.copytree(SAMPLE_FEED, sample_library)
    first = Library(sample_library)
    first.scan()
    first.close()
    library = Library(sample_library)  # a start: the catalog comes from the snapshot
    try:
        catalog = library.catalog
        titles = list(catalog.columns.titles)
        assert len(catalog.columns.title_order) == len(catalog) > 5
        assert list(catalog.order("title")) == _reference(titles)  # type: ignore[arg-type]
    finally:
        library.close()


def test_orders_are_folded_stable_and_put_the_nameless_last() -> None:
    names: list[str | None] = ["the Guardian", None, "Zeit", "The Guardian", "Ärzte", "", "abc"]
    assert source_order(CodedColumn.of(names)).tolist() == _reference(names)
    assert source_order(tuple(names)).tolist() == _reference(names)
    titles = [name or "" for name in names]
    assert title_order(titles).tolist() == _reference(titles)  # type: ignore[arg-type]
