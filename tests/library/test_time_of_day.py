"""Times of day and authors from feeds: kept, sorted by within a day, and printed as ISO 8601."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

from newsreader.library import Library

_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Morning report</title><author>ann@example.com (Ann Lee)</author>
<pubDate>Tue, 21 Sep 2010 08:05:00 +0200</pubDate><description>Early news.</description></item>
<item><title>Afternoon report</title><pubDate>Tue, 21 Sep 2010 15:30:00 GMT</pubDate>
<description>Later news.</description></item>
<item><title>Alphabetically first, no time</title><pubDate>2010-09-21</pubDate>
<description>A date alone.</description></item>
</channel></rss>
"""


def _library(tmp_path: Path) -> Library:
    root = tmp_path / "library"
    root.mkdir()
    (root / "wire.rss").write_text(_FEED, encoding="utf-8")
    library = Library(root)
    library.scan()
    return library


def test_a_feed_items_time_and_zone_are_kept(tmp_path: Path) -> None:
    library = _library(tmp_path)
    morning = library.article_by_id(
        next(e.id for e in library.catalog.entries if e.title == "Morning report")
    )
    assert morning is not None
    assert morning.published == dt.datetime(2010, 9, 21, 6, 5, tzinfo=dt.UTC)
    assert morning.author and "Ann Lee" in morning.author


def test_articles_of_one_day_list_latest_first_and_untimed_last(tmp_path: Path) -> None:
    titles = [entry.title for entry in _library(tmp_path).catalog.entries]
    assert titles == ["Afternoon report", "Morning report", "Alphabetically first, no time"]


def test_json_gives_the_moment_where_known_and_the_date_alone_otherwise(tmp_path: Path) -> None:
    library = _library(tmp_path)
    script = shutil.which("newsreader", path=str(Path(sys.executable).parent))
    assert script
    listed = subprocess.run(
        [script, "--library", str(library.root), "list", "--json"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    records = json.loads(listed.stdout)
    dates = {record["title"]: record["date"] for record in records}
    assert dates["Afternoon report"] == "2010-09-21T15:30:00+00:00"
    assert dates["Alphabetically first, no time"] == "2010-09-21"


def test_scraped_text_and_markdown_keep_the_time_their_date_lines_give(tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    root.mkdir()
    (root / "early.txt").write_text(
        "Home\n\nWorld\n\nMorning Briefing From The Capital\n\n"
        "September 22, 2010 08:30 GMT\n\nOfficials met at dawn.\n",
        encoding="utf-8",
    )
    (root / "late.md").write_text(
        "---\ntitle: Evening Wrap From The Capital\ndate: 2010-09-22 19:45:00+02:00\n"
        "authors: [Ann Lee, Bo Chen]\n---\n\nThe day ended quietly.\n",
        encoding="utf-8",
    )
    (root / "noon.txt").write_text(
        "Noon Update From The Capital\n\nWednesday, 22 September 2010 at 12:10 pm (EDT)\n\n"
        "Talks went on.\n",
        encoding="utf-8",
    )
    library = Library(root)
    library.scan()
    entries = {entry.title: entry for entry in library.catalog.entries}
    early = entries["Morning Briefing From The Capital"]
    assert early.published == dt.datetime(2010, 9, 22, 8, 30, tzinfo=dt.UTC)
    late = entries["Evening Wrap From The Capital"]
    assert late.published == dt.datetime(2010, 9, 22, 17, 45, tzinfo=dt.UTC)
    article = library.article_by_id(late.id)
    assert article is not None and article.author == "Ann Lee, Bo Chen"
    noon = entries["Noon Update From The Capital"]
    assert noon.published == dt.datetime(2010, 9, 22, 16, 10, tzinfo=dt.UTC)
    # one day, latest moment first: 17:45, 16:10, 08:30 UTC
    assert [entry.title for entry in library.catalog.entries] == [
        late.title, noon.title, early.title,
    ]  # fmt: skip
