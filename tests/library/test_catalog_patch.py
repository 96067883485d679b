"""The catalog patched after an update is the catalog a full read gives, row for row."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

from newsreader.library import Library
from newsreader.library.catalog_build import columns_from_tables
from newsreader.library.catalog_columns import Columns
from newsreader.library.name_orders import title_order


def write(root: Path, name: str, title: str, date: str | None, url: str) -> Path:
    """A JSON Feed of one item: its date may carry a time of day, which orders a day's rows."""
    item: dict[str, str] = {"id": url, "url": url, "title": title, "content_text": f"{title}."}
    if date:
        item["date_published"] = date
    path = root / name
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Wire", "items": [item]}
    path.write_text(json.dumps(feed))
    return path


def full_read(library: Library) -> object:
    with library.cache._connection() as db:
        return columns_from_tables(db)


def without_order(columns: Columns) -> Columns:
    return dataclasses.replace(columns, title_order=())


def test_random_updates_patch_the_catalog_as_a_full_read_would(
    seed_library: Path, monkeypatch: object
) -> None:
    chance = random.Random(14)
    library = Library(seed_library)
    library.scan()
    library.catalog  # noqa: B018 - loaded: the updates patch it
    names: list[str] = []
    patched = ordered = 0
    moments = False
    for step in range(60):
        action = chance.choice(["add", "add", "change", "delete", "copy"])
        if action == "add" or not names:
            name = f"a{step}.json"
            names.append(name)
        else:
            name = chance.choice(names)
        path = seed_library / name
        if action == "delete":
            path.unlink()
            names.remove(name)
        else:
            date = chance.choice([
                None, "2010-09-22", f"2011-01-{chance.randint(10, 28)}",
                # moments of one day: ordered by the time of day, in any zone
                f"2011-01-15T{chance.randint(0, 23):02}:15:00Z", "2011-01-15T09:00:00+02:00",
            ])  # fmt: skip
            title = chance.choice(
                ["Same Title", "same title", "Émigré Voices", f"Title {chance.randint(0, 9)}"]
            )
            url = f"https://example.com/{chance.choice(names) if action == 'copy' else name}"
            write(seed_library, name, title, date, url)
        before = library.loaded_catalog
        library.update([path])
        if library.loaded_catalog is not None and library.loaded_catalog is not before:
            patched += 1
        columns = library.catalog.columns
        assert without_order(columns) == full_read(library), (step, action)
        if columns.title_order:  # carried on from the snapshot's, or from a sort's
            ordered += 1
            assert list(columns.title_order) == title_order(columns.titles).tolist(), step
        library.catalog.order("title")  # a catalog read again: the user sorts by title
        moments = moments or any(library.catalog.columns.published)
    assert patched > 20  # most updates were patches, not full reads
    assert ordered > 20  # and carried the title order on
    assert moments  # rows with a time of day were among them
