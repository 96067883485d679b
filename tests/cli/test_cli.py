"""The command line, run as a user runs it: the installed `newsreader` script in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import SEEDS, write_article

SCRIPT = shutil.which("newsreader", path=str(Path(sys.executable).parent))
SEED_002_URL = (
    "https://www.themoscowtimes.com/2010/09/22/nato-seeks-strategic-partnership-with-russia-a1645"
)
ENTRY_KEYS = {"id", "title", "date", "source", "url", "path", "words", "bookmarked", "read"}


def newsreader(
    *args: str, check: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    assert SCRIPT, "the newsreader console script is not installed beside this python"
    result = subprocess.run(
        [SCRIPT, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def as_json(*args: str) -> object:
    return json.loads(newsreader(*args, "--json").stdout)


def test_version() -> None:
    assert newsreader("--version").stdout.startswith("newsreader 0.")


@pytest.mark.parametrize(
    "command", ["list", "search", "show", "bookmark", "unbookmark", "bookmarks", "index"]
)
def test_every_command_has_help(command: str) -> None:
    out = newsreader(command, "--help").stdout
    assert f"usage: newsreader {command}" in out and "--library" in out


def test_list_json_schema_on_the_seeds(seed_library: Path) -> None:
    records = as_json("list", "--library", str(seed_library))
    assert isinstance(records, list) and len(records) == 2
    assert all(set(record) == ENTRY_KEYS for record in records)
    first = records[0]
    assert first["title"] == "NATO Seeks Strategic Partnership With Russia"
    assert first["date"] == "2010-09-22"
    assert first["source"] == "The Moscow Times"
    assert first["url"] == SEED_002_URL
    assert first["path"] == SEEDS[1]
    assert first["words"] > 300
    assert (first["bookmarked"], first["read"]) == (False, False)
    assert records[1]["date"] is None


def test_default_library_is_the_bundled_sample_feed() -> None:
    records = as_json("list")
    titles = {record["title"] for record in records}
    assert "NATO Seeks Strategic Partnership With Russia" in titles
    assert len(records) >= 4  # the seeds and the Markdown samples


def test_library_from_environment_and_config(seed_library: Path, isolated_dirs: Path) -> None:
    env = {"NEWSREADER_LIBRARY": str(seed_library)}
    assert len(json.loads(newsreader("list", "--json", env=env).stdout)) == 2
    config = isolated_dirs / "config" / "newsreader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'library = "{seed_library}"\n')
    assert len(as_json("list")) == 2


def test_list_sort_and_limit(seed_library: Path) -> None:
    write_article(
        seed_library, "a.txt", "Aardvarks Arrive In Amsterdam Today", "Body.", date="2001-01-01"
    )
    by_title = as_json("list", "--library", str(seed_library), "--sort", "title")
    assert by_title[0]["title"] == "Aardvarks Arrive In Amsterdam Today"
    limited = as_json("list", "--library", str(seed_library), "--limit", "1")
    assert [r["title"] for r in limited] == ["NATO Seeks Strategic Partnership With Russia"]
    plain = newsreader("list", "--library", str(seed_library), "--sort", "source").stdout
    assert plain.splitlines()[0].endswith("(The Moscow Times)")


def test_search_with_a_typo_and_score(seed_library: Path) -> None:
    records = as_json("search", "rasmusen", "--library", str(seed_library))
    assert len(records) == 2
    assert all(set(record) == ENTRY_KEYS | {"score"} for record in records)
    assert all(0 < record["score"] <= 1 for record in records)
    none = newsreader("search", "xylophonist", "--library", str(seed_library))
    assert none.stdout == "" and "No articles match" in none.stderr


def test_show_by_id_prefix_and_by_path(seed_library: Path) -> None:
    article_id = as_json("list", "--library", str(seed_library))[0]["id"]
    shown = as_json("show", article_id[:6], "--library", str(seed_library))
    assert set(shown) == ENTRY_KEYS | {"body"}
    assert shown["body"].startswith("NEW YORK — U.S. Secretary of State Hillary Clinton")
    assert "Original url" not in shown["body"]
    by_path = newsreader("show", str(seed_library / SEEDS[1]), "--library", str(seed_library))
    lines = by_path.stdout.splitlines()
    assert lines[0] == "NATO Seeks Strategic Partnership With Russia"
    assert "The Moscow Times" in lines[1] and "2010-09-22" in lines[1]
    assert by_path.stdout == newsreader("show", SEEDS[1], "--library", str(seed_library)).stdout


def test_bookmarks_round_trip_and_export(seed_library: Path) -> None:
    lib = ("--library", str(seed_library))
    article_id = as_json("list", *lib)[0]["id"]
    assert "Bookmarked: NATO Seeks" in newsreader("bookmark", article_id[:8], *lib).stdout
    bookmarks = as_json("bookmarks", *lib)
    assert [b["id"] for b in bookmarks] == [article_id] and bookmarks[0]["bookmarked"]
    assert as_json("list", *lib)[0]["bookmarked"] is True
    markdown = newsreader("bookmarks", "--export", "markdown", *lib).stdout
    assert f"- [NATO Seeks Strategic Partnership With Russia]({SEED_002_URL})" in markdown
    exported = json.loads(newsreader("bookmarks", "--export", "json", *lib).stdout)
    assert exported == bookmarks
    assert as_json("search", "is:bookmarked", *lib)[0]["id"] == article_id
    newsreader("unbookmark", article_id, *lib)
    assert as_json("bookmarks", *lib) == []


def test_bookmark_survives_rename_and_deleted_cache(
    seed_library: Path, isolated_dirs: Path
) -> None:
    lib = ("--library", str(seed_library))
    article_id = as_json("list", *lib)[0]["id"]
    newsreader("bookmark", article_id, *lib)
    (seed_library / SEEDS[1]).rename(seed_library / "moved.txt")
    shutil.rmtree(isolated_dirs / "cache")
    bookmarks = as_json("bookmarks", *lib)
    assert [(b["id"], b["path"]) for b in bookmarks] == [(article_id, "moved.txt")]


def test_index_json_counts_and_problems(seed_library: Path) -> None:
    lib = ("--library", str(seed_library))
    (seed_library / "empty.txt").write_bytes(b"")
    first = as_json("index", *lib)
    assert set(first) == {"new", "changed", "removed", "unchanged", "problems", "seconds"}
    assert (first["new"], first["unchanged"]) == (3, 0)
    assert first["problems"] == [{"path": "empty.txt", "reason": "empty file"}]
    second = as_json("index", *lib)
    assert (second["new"], second["unchanged"]) == (0, 3)
    plain = newsreader("index", *lib).stdout
    assert "0 new, 0 changed, 0 removed, 3 unchanged" in plain
    assert "empty.txt: empty file" in plain


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("show", "nosuchid"), 1, "newsreader: error: no article with id or path 'nosuchid'"),
        (("list", "--library", "/no/such/folder"), 1, "newsreader: error: library folder"),
        (("list", "--limit", "0"), 2, "newsreader list: error: argument --limit"),
        (("frobnicate",), 2, "newsreader: error: argument COMMAND: invalid choice"),
    ],
)
def test_errors_are_one_line_with_a_status(
    args: tuple[str, ...], status: int, message: str
) -> None:
    result = newsreader(*args, check=False)
    assert result.returncode == status
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("newsreader")


def test_ambiguous_prefix_is_an_error(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    for i in range(40):
        write_article(root, f"{i}.txt", f"Article Number {i} In A Row", f"Body {i}.")
    ids = [record["id"] for record in as_json("list", "--library", str(root))]
    shared = next(i[0] for i in ids if sum(other.startswith(i[0]) for other in ids) > 1)
    result = newsreader("show", shared, "--library", str(root), check=False)
    assert result.returncode == 1
    assert f"newsreader: error: '{shared}' matches" in result.stderr


def test_a_broken_config_file_is_one_error_line(isolated_dirs: Path) -> None:
    config = isolated_dirs / "config" / "newsreader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("library = [\n")
    result = newsreader("list", check=False)
    assert result.returncode == 1
    assert result.stderr.startswith(f"newsreader: error: cannot read config file {config}")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_vanished_library_folder_is_an_error_and_the_cache_is_kept(seed_library: Path) -> None:
    lib = ("--library", str(seed_library))
    newsreader("index", *lib)
    seed_library.rename(seed_library.with_name("unmounted"))

    for command in ("list", "index"):
        result = newsreader(command, *lib, check=False)
        assert result.returncode == 1
        assert result.stderr == (
            f"newsreader: error: library folder {seed_library} is missing or unreadable; "
            "the cache is kept\n"
        )
    assert len(as_json("list", "--no-scan", *lib)) == 2  # the cache still answers

    seed_library.with_name("unmounted").rename(seed_library)
    counts = as_json("index", *lib)
    assert (counts["new"], counts["removed"], counts["unchanged"]) == (0, 0, 2)


def test_a_folder_never_indexed_must_exist(tmp_path: Path) -> None:
    result = newsreader("list", "--no-scan", "--library", str(tmp_path / "typo"), check=False)
    assert result.returncode == 1
    assert "does not exist or is not a folder" in result.stderr
