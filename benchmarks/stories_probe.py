"""What grouping into stories costs, measured inside a library already indexed: a bench.py probe.

``python benchmarks/stories_probe.py LIBRARY`` (with the XDG dirs of the index to measure) prints
one JSON line:

- ``cold_group_s``: grouping every article at the end of a cold index (the writer's step), timed
  on a copy of the cache with every story forgotten;
- ``features_s``: the weighted terms of every article, which the cold index's worker processes
  compute from the words split for the index: timed on 2,000 articles and scaled to the
  library, divided among the workers;
- ``rescan_group_s``: the grouping step of a rescan that brings 100 new articles (written into a
  folder of the library, scanned, then deleted and scanned again, which leaves the library as it
  was); ``rescan_s`` is that whole rescan;
- ``stories_load_s``: reading the stories of the catalog (the first ``+2`` mark or ``stories``).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import make_article
from newsreader.library import Library, store, story_tables
from newsreader.library.formats import parse_file
from newsreader.library.story_features import story_terms, story_text

WORKERS = min(os.cpu_count() or 1, 8)


def cold_group(cache: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "cache.sqlite3"
        shutil.copy(cache, copy)
        db = sqlite3.connect(copy, isolation_level=None)
        db.execute("UPDATE story_articles SET story = NULL")
        started = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        story_tables.group_pending(db)
        db.execute("COMMIT")
        elapsed = time.perf_counter() - started
        db.close()
    return elapsed


def features(root: Path, total: int) -> float:
    files = sorted(
        Path(folder, name)
        for folder, _, names in os.walk(root, followlinks=True)  # a library may be a link
        for name in names
        if not name.startswith(".")
    )
    sample = files[:: max(1, len(files) // 2000)][:2000]
    parsed = [parse_file(path, display_path=path.name) for path in sample]
    articles = [a for result in parsed if isinstance(result, tuple) for a in result]
    texts = [story_text(article.body) for article in articles]
    started = time.perf_counter()  # the lead and tail are split for the index and count anyway
    for article, text in zip(articles, texts, strict=True):
        story_terms(article.title, text)
    return (time.perf_counter() - started) * total / max(1, len(articles)) / WORKERS


def rescan(library: Library) -> tuple[float, float, float]:
    """(grouping step, whole rescan) bringing 100 new files, and the stories' first load."""
    folder = library.root / "zz-stories-probe"
    timings: list[float] = []
    original = story_tables.group_pending

    def timed(db: sqlite3.Connection, waiting: story_tables.Waiting | None = None) -> int:
        started = time.perf_counter()
        try:
            return original(db, waiting)
        finally:
            timings.append(time.perf_counter() - started)

    story_tables.group_pending = timed
    folder.mkdir()
    try:
        for index in range(100):
            name, data, _ = make_article(10**8 + index, seed=7)
            (folder / name).write_bytes(data)
        started = time.perf_counter()
        library.scan()
        whole = time.perf_counter() - started
        started = time.perf_counter()
        len(library.stories)
        load = time.perf_counter() - started
    finally:
        shutil.rmtree(folder)
        library.scan()
        story_tables.group_pending = original
    return timings[0], whole, load


def main() -> int:
    root = Path(sys.argv[1])
    # a big cache stores its snapshots (and groups) in a worker process: here, in this one,
    # where the grouping step can be timed
    store.APART_FROM = sys.maxsize
    library = Library(root)
    try:
        total = len(library.catalog)
        assert library.cache.path is not None
        result = {
            "cold_group_s": cold_group(library.cache.path),
            "features_s": features(root, total),
        }
        result["rescan_group_s"], result["rescan_s"], result["stories_load_s"] = rescan(library)
        result["stories"] = len(library.stories)
    finally:
        library.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
