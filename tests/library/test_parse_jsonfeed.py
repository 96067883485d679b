"""JSON Feed files: one article per item; other JSON is reported, not guessed at."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from newsreader.library.formats import parse_file
from newsreader.library.models import Article, Problem

SEEDS = Path(__file__).resolve().parents[2] / "sample_feed"
VERSION = "https://jsonfeed.org/version/1.1"


def parse(tmp_path: Path, feed: Any) -> tuple[Article, ...] | Problem:
    path = tmp_path / "feed.json"
    path.write_text(feed if isinstance(feed, str) else json.dumps(feed))
    return parse_file(path, display_path="feed.json")


def test_sample_feed() -> None:
    result = parse_file(SEEDS / "sample-wire.json", display_path="sample-wire.json")
    assert isinstance(result, tuple)
    first, second = result
    assert first.title == "NATO Ministers Back Missile Shield Plan Ahead of Lisbon"
    assert first.date == dt.date(2010, 10, 14)
    assert first.source == "Sample Wire"
    assert first.tags == ("NATO", "missile defense")
    assert first.body[1] == "The plan will go to leaders at the Lisbon summit next month."
    assert second.date == dt.date(2010, 10, 18)
    assert len(second.body) == 2


def test_items_without_titles_or_content(tmp_path: Path) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1",
        "items": [
            {"id": "1"},
            "not an item",
            {"content_text": "The talks resumed on Monday in Geneva after a long pause."},
            {"summary": "A summary", "url": "https://www.reuters.com/2010/09/22/x"},
            {"title": ["not", "a", "string"], "content_html": "<p>Body</p>"},
        ],
    }
    result = parse(tmp_path, feed)
    assert isinstance(result, tuple)
    assert [item.title for item in result] == [
        "The talks resumed on Monday in Geneva after a long pause.",
        "A summary",
        "Body",
    ]
    assert result[1].source == "Reuters"
    assert result[1].date == dt.date(2010, 9, 22)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ({"name": "settings"}, "not a JSON Feed"),
        ([1, 2, 3], "not a JSON Feed"),
        ({"version": VERSION, "items": {}}, "not a JSON Feed"),
        ({"version": "https://example.com/1", "items": []}, "not a JSON Feed"),
        ("{not json", "not a JSON Feed (invalid JSON)"),
        ("[" * 100_000, "not a JSON Feed (invalid JSON)"),
        ({"version": VERSION, "items": []}, "no articles in feed"),
    ],
)
def test_problems(tmp_path: Path, content: Any, reason: str) -> None:
    assert parse(tmp_path, content) == Problem("feed.json", reason)


def test_strings_are_cleaned(tmp_path: Path) -> None:
    feed = {
        "version": VERSION,
        "title": "Wire\u202e",
        "items": [{"title": "\x1b[2JTalks", "content_text": "a\x1b]52;c;aGk=\x07b\n\nc"}],
    }
    result = parse(tmp_path, feed)
    assert isinstance(result, tuple)
    assert result[0].title == "Talks"
    assert result[0].body == ("ab", "c")
    assert result[0].source == "Wire"
