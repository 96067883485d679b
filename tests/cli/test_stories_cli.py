"""`newsreader stories`, `show --json`'s story, and `story:` in search: run as a user runs them."""

from __future__ import annotations

from pathlib import Path

from test_cli import ENTRY_KEYS, as_json, newsreader

from support import SEEDS, write_article

STORY_KEYS = {"id", "title", "articles", "sources", "first", "last"}


def test_stories_lists_the_seeds_story(seed_library: Path) -> None:
    lib = ("--library", str(seed_library))
    stories = as_json("stories", *lib)
    assert len(stories) == 1
    story = stories[0]
    assert set(story) == STORY_KEYS
    assert all(set(article) == ENTRY_KEYS for article in story["articles"])
    # by time: the dated report first, the undated seed after it
    assert [a["path"] for a in story["articles"]] == [SEEDS[1], SEEDS[0]]
    assert story["id"] == story["articles"][0]["id"]
    assert story["title"] == "NATO Seeks Strategic Partnership With Russia"
    assert story["sources"] == ["The Moscow Times"]
    assert story["first"] == story["last"] == "2010-09-22"
    plain = newsreader("stories", *lib).stdout.splitlines()
    assert plain[0].startswith(f"story {story['id']}  2010-09-22  2 reports  NATO Seeks")
    assert plain[1].startswith(f"  {story['articles'][0]['id']}")


def test_show_names_the_story_and_the_other_reports(seed_library: Path) -> None:
    lib = ("--library", str(seed_library))
    story = as_json("stories", *lib)[0]
    first, second = (article["id"] for article in story["articles"])
    shown = as_json("show", second, *lib)
    assert shown["story"] == story["id"] and shown["also"] == [first]
    plain = newsreader("show", second, *lib).stdout
    assert f"story {story['id']} · also covered by The Moscow Times (2010-09-22)" in plain


def test_an_article_alone_has_no_story(tmp_path: Path) -> None:
    root = tmp_path / "library"
    write_article(root, "garden.txt", "Ten Vegetables for a Small Plot", "Tomatoes grow well.")
    lib = ("--library", str(root))
    article_id = as_json("list", *lib)[0]["id"]
    shown = as_json("show", article_id, *lib)
    assert shown["story"] is None and shown["also"] == []
    assert as_json("stories", *lib) == []
    assert "No stories" in newsreader("stories", *lib).stdout


def test_search_with_a_story_filter(seed_library: Path) -> None:
    lib = ("--library", str(seed_library))
    story = as_json("stories", *lib)[0]
    found = as_json("search", f"story:{story['id'][:5]}", *lib)
    assert sorted(r["id"] for r in found) == sorted(a["id"] for a in story["articles"])
    assert as_json("search", "story:0000000", *lib) == []


def test_stories_limit(tmp_path: Path) -> None:
    root = tmp_path / "library"
    for event, place, day in (("a", "Ercis", 10), ("b", "Lyttelton", 20)):
        lead = f"A magnitude 7 earthquake hit {place} and Tabanli{event}, killing 12 in {place}."
        for outlet in ("x", "y"):
            rest = f"{place} rescuers dug with their hands."
            write_article(root, f"{event}-{outlet}.txt", f"Quake hits {place} ({outlet})", lead,
                          rest, date=f"March {day}, 2011")  # fmt: skip
    lib = ("--library", str(root))
    stories = as_json("stories", *lib)
    assert [s["first"] for s in stories] == ["2011-03-20", "2011-03-10"]  # newest first
    assert len(as_json("stories", "--limit", "1", *lib)) == 1
