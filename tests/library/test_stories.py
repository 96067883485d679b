"""Stories: the reports of one event grouped at index time, kept apart from events like it.

Real files in tmp folders, indexed by the library as the app and the command line index them.
"""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsreader.library import Library
from support import REPO, SAMPLE_FEED, SEEDS, write_article

LISBON = ("2010-11-20_lisbon-summit.md", "2010-11-22_rferl-nato.rss")


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "story_quality", REPO / "benchmarks" / "story_quality.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["story_quality"] = module
    spec.loader.exec_module(module)
    return module


story_quality = _load_scorer()


def _library(root: Path) -> Library:
    library = Library(root)
    library.scan()
    return library


def _story_paths(library: Library, path: str) -> set[str] | None:
    catalog = library.catalog
    position = catalog.resolve(path)
    story = library.stories.of(position)
    return None if story is None else {catalog.columns.paths[p] for p in story.positions}


def _quake(root: Path, name: str, title: str, lead: str, date: str = "", source: str = "") -> None:
    front = f"---\ntitle: {title}\n" + (f"date: {date}\n" if date else "")
    front += f"source: {source}\n" if source else ""
    (root / name).write_text(f"{front}---\n\n{lead}\n", encoding="utf-8")


VAN = (
    "VAN, Turkey — A magnitude 7.2 earthquake struck eastern Turkey, toppling buildings in Van "
    "and Ercis and killing at least 138 people. Erdogan flew to Van; the Red Crescent sent tents."
)
VAN_AGAIN = (
    "ERCIS, Turkey — Rescuers in Ercis pulled survivors from the rubble a day after the 7.2 "
    "magnitude earthquake in Van province. Erdogan said Turkey would accept help; the Red "
    "Crescent set up tents."
)
CHRISTCHURCH = (
    "CHRISTCHURCH, New Zealand — A magnitude 6.3 earthquake struck Christchurch, collapsing the "
    "CTV building and the cathedral spire and killing at least 65 people, John Key said."
)


def test_the_seeds_are_one_story_and_lisbon_stays_out(tmp_path: Path) -> None:
    """The sample feed's trap: the November Lisbon summit shares nearly every word with the
    September talks in New York; the undated seed joins the dated one on its text."""
    root = tmp_path / "library"
    shutil.copytree(SAMPLE_FEED, root, ignore=shutil.ignore_patterns(*SEEDS))
    for name in SEEDS:  # in a folder of their own, as a user might keep them
        (root / "seeds").mkdir(exist_ok=True)
        shutil.copy(SAMPLE_FEED / name, root / "seeds" / name)
    library = _library(root)
    try:
        seed_paths = {f"seeds/{name}" for name in SEEDS}
        seeds = _story_paths(library, f"seeds/{SEEDS[0]}")
        assert seeds is not None and seed_paths <= seeds
        assert _story_paths(library, f"seeds/{SEEDS[1]}") == seeds
        assert not seeds & set(LISBON)
        paths = library.catalog.columns.paths
        lisbon = [p for p, path in enumerate(paths) if path in LISBON]
        assert len(lisbon) == 3  # the Markdown article and the feed's two items
        for position in lisbon:
            story = library.stories.of(position)
            assert story is None or not {paths[p] for p in story.positions} & seed_paths
    finally:
        library.close()


def test_wire_copies_are_one_story_whatever_their_dates(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    body = (VAN, "The Kandilli Observatory said the quake was centred near Tabanli, north of Van.")
    write_article(root, "wire.txt", "Powerful Earthquake Kills Dozens in Turkey", *body,
                  date="October 23, 2011")  # fmt: skip
    write_article(root, "paper.txt", "Quake Kills Dozens in Eastern Turkey", *body,
                  date="October 23, 2011")  # fmt: skip
    write_article(root, "saved-later.txt", "Powerful Quake Kills Dozens in Turkey", *body,
                  date="December 2, 2011")  # fmt: skip
    write_article(root, "undated.txt", "Earthquake Kills Dozens in Turkey", *body)
    library = _library(root)
    try:
        assert _story_paths(library, "wire.txt") == {
            "wire.txt",
            "paper.txt",
            "saved-later.txt",
            "undated.txt",
        }
    finally:
        library.close()


def test_two_events_of_one_kind_stay_apart(tmp_path: Path) -> None:
    """The fixtures: earthquakes, rehabs, summits, rate rises, rail strikes, two of each."""
    precision, recall, f1 = story_quality.score()
    assert precision >= 0.95 and recall >= 0.9 and f1 >= 0.93


def test_two_events_in_one_week_stay_apart(tmp_path: Path) -> None:
    """Time cannot tell these apart; the names can (two earthquakes three days apart)."""
    root = tmp_path / "library"
    root.mkdir()
    _quake(root, "van-1.md", "Earthquake Kills Dozens in Turkey", VAN, "2011-10-23", "Wire")
    _quake(root, "van-2.md", "Turkey Quake Survivors Pulled From Rubble", VAN_AGAIN, "2011-10-24")
    _quake(root, "nz-1.md", "Deadly Earthquake Strikes New Zealand", CHRISTCHURCH, "2011-10-25")
    library = _library(root)
    try:
        assert _story_paths(library, "van-1.md") == {"van-1.md", "van-2.md"}
        assert _story_paths(library, "nz-1.md") is None
    finally:
        library.close()


def _stories_table(library: Library) -> dict[int, int]:
    assert library.cache.path is not None
    with sqlite3.connect(library.cache.path) as db:
        return dict(db.execute("SELECT rowid, story FROM story_articles"))


def test_a_rescan_adds_new_reports_to_existing_stories(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    _quake(root, "van-1.md", "Earthquake Kills Dozens in Turkey", VAN, "2011-10-23")
    _quake(root, "van-2.md", "Turkey Quake Survivors Pulled From Rubble", VAN_AGAIN, "2011-10-24")
    library = _library(root)
    try:
        story = library.story_of(library.catalog.columns.ids[library.catalog.resolve("van-1.md")])
        assert story is not None
        before = _stories_table(library)
        _quake(
            root, "van-3.md", "Van Earthquake Toll Rises", VAN_AGAIN + " 270 dead.", "2011-10-25"
        )
        _quake(root, "nz.md", "Deadly Earthquake Strikes New Zealand", CHRISTCHURCH, "2011-02-22")
        report = library.scan()
        assert report.new == 2
        after = _stories_table(library)
        assert {rowid: after[rowid] for rowid in before} == before  # the old ones untouched
        assert _story_paths(library, "van-3.md") == {"van-1.md", "van-2.md", "van-3.md"}
        assert library.stories.of(library.catalog.resolve("van-3.md")).id == story.id  # type: ignore[union-attr]
        assert _story_paths(library, "nz.md") is None
    finally:
        library.close()


def test_a_deleted_article_leaves_its_story(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    _quake(root, "van-1.md", "Earthquake Kills Dozens in Turkey", VAN, "2011-10-23")
    _quake(root, "van-2.md", "Turkey Quake Survivors Pulled From Rubble", VAN_AGAIN, "2011-10-24")
    _quake(root, "van-3.md", "Van Earthquake Toll Rises", VAN_AGAIN + " 270 dead.", "2011-10-25")
    library = _library(root)
    try:
        assert _story_paths(library, "van-2.md") == {"van-1.md", "van-2.md", "van-3.md"}
        (root / "van-1.md").unlink()
        library.scan()
        assert _story_paths(library, "van-2.md") == {"van-2.md", "van-3.md"}
        assert len(_stories_table(library)) == 2  # its row went with it, not left to linger
        (root / "van-3.md").unlink()
        library.scan()
        assert _story_paths(library, "van-2.md") is None  # one report is no story
        assert len(library.stories) == 0
    finally:
        library.close()


def test_the_story_filter_keeps_one_storys_reports(tmp_path: Path) -> None:
    root = tmp_path / "library"
    shutil.copytree(SAMPLE_FEED, root)
    library = _library(root)
    try:
        story = library.stories.of(library.catalog.resolve(SEEDS[1]))
        assert story is not None
        found = library.search(f"story:{story.id[:6]}")
        assert sorted(found.positions) == sorted(story.positions)
        assert library.search(f"nato story:{story.id}").positions
        assert set(library.search(f"nato story:{story.id}").positions) <= set(story.positions)
        assert list(library.search("story:ffffffffffff").positions) == []
    finally:
        library.close()


@pytest.mark.parametrize("undated", [False, True])
def test_others_are_listed_by_time(tmp_path: Path, undated: bool) -> None:
    root = tmp_path / "library"
    root.mkdir()
    _quake(root, "b.md", "Turkey Quake Survivors Pulled From Rubble", VAN_AGAIN, "2011-10-24", "B")
    _quake(root, "a.md", "Earthquake Kills Dozens in Turkey", VAN, "2011-10-23", "A")
    _quake(root, "c.md", "Quake in Van", VAN, "" if undated else "2011-10-25", "C")
    library = _library(root)
    try:
        position = library.catalog.resolve("b.md")
        story = library.stories.of(position)
        assert story is not None
        paths = library.catalog.columns.paths
        assert [paths[p] for p in story.positions] == ["a.md", "b.md", "c.md"]
        assert [paths[p] for p in story.others(position)] == ["a.md", "c.md"]
        assert story.sources == ("A", "B", "C")
        assert str(story.first) == "2011-10-23"
        assert str(story.last) == ("2011-10-24" if undated else "2011-10-25")
    finally:
        library.close()


def test_articles_a_killed_scan_left_ungrouped_are_grouped_by_the_next(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    _quake(root, "van-1.md", "Earthquake Kills Dozens in Turkey", VAN, "2011-10-23")
    _quake(root, "van-2.md", "Turkey Quake Survivors Pulled From Rubble", VAN_AGAIN, "2011-10-24")
    library = _library(root)
    try:
        assert library.cache.path is not None
        with sqlite3.connect(library.cache.path) as db:  # as a process killed before grouping
            db.execute("UPDATE story_articles SET story = NULL")
        library.reload_catalog()
        assert len(library.stories) == 0
        with sqlite3.connect(library.cache.path) as db:
            db.execute("UPDATE story_articles SET story = NULL")
        report = library.scan()
        assert report.new == report.changed == report.removed == 0
        assert _story_paths(library, "van-1.md") == {"van-1.md", "van-2.md"}
    finally:
        library.close()
