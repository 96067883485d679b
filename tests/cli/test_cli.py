"""The command line, run as a user runs it: the installed `newsreader` script in a subprocess."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsreader.__main__ import main
from newsreader.library import Config
from newsreader.tui import app as app_module
from support import SAMPLE_FEED, SEEDS, write_article

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
    assert set(shown) == ENTRY_KEYS | {"author", "body"}
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
    for name in ("a.sgml", "b.sgml", "c.pdf"):
        (seed_library / name).write_text("not an article")
    first = as_json("index", *lib)
    assert set(first) == {
        "new", "changed", "removed", "unchanged", "problems", "skipped", "seconds"
    }  # fmt: skip
    assert first["skipped"] == {".sgml": 2, ".pdf": 1}
    assert (first["new"], first["unchanged"]) == (3, 0)
    assert first["problems"] == [{"path": "empty.txt", "reason": "empty file"}]
    second = as_json("index", *lib)
    assert (second["new"], second["unchanged"]) == (0, 3)
    plain = newsreader("index", *lib).stdout
    assert "0 new, 0 changed, 0 removed, 3 unchanged" in plain
    assert "empty.txt: empty file" in plain
    assert "Not read, of types newsreader does not open: 2 .sgml files, 1 .pdf file\n" in plain
    assert "a.sgml" not in plain


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


COMMANDS = [
    ("list",),
    ("search", "nato"),
    ("show", SEEDS[0]),
    ("bookmark", "ID"),
    ("unbookmark", "ID"),
    ("bookmarks",),
    ("index",),
]


def write_config(isolated_dirs: Path, content: str | bytes) -> Path:
    config = isolated_dirs / "config" / "newsreader" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        config.write_bytes(content)
    else:
        config.write_text(content)
    return config


@pytest.mark.parametrize("args", COMMANDS, ids=[args[0] for args in COMMANDS])
def test_a_broken_config_is_one_warning_for_every_command(
    args: tuple[str, ...], seed_library: Path, isolated_dirs: Path
) -> None:
    if "ID" in args:
        first = as_json("list", "--library", str(seed_library))[0]  # type: ignore[index]
        args = (args[0], first["id"])
    config = write_config(isolated_dirs, "library = [\n")
    result = newsreader(*args, "--library", str(seed_library))
    assert "Traceback" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if "config" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"newsreader: warning: config {config}: not valid TOML (")
    assert warnings[0].endswith("(at end of document)); using the defaults")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("max_file_mb = inf\n", "max_file_mb must be a positive number of megabytes"),
        ("max_file_mb = nan\n", "max_file_mb must be a positive number of megabytes"),
        ("max_file_mb = -3\n", "max_file_mb must be a positive number of megabytes"),
        ("max_file_mb = 0\n", "max_file_mb must be a positive number of megabytes"),
        ('max_file_mb = "5"\n', "max_file_mb must be a positive number of megabytes"),
        ("max_file_mb = 1e308\n", "max_file_mb must be a positive number of megabytes"),
        ("library = 3\n", "library must be a folder path in quotes, not 3; ignoring it"),
        ("theme = 3\n", "theme must be a theme name in quotes"),
        (b'theme = "caf\xe9"\n', "not UTF-8 text (byte 0xe9 at offset 12); using the defaults"),
        ("a = " + "[" * 100_000, "not valid TOML (nested too deeply); using the defaults"),
    ],
    ids=["inf", "nan", "negative", "zero", "string", "huge", "library", "theme", "latin1", "deep"],
)
def test_a_bad_key_is_one_warning_line_and_the_command_carries_on(
    content: str | bytes, problem: str, isolated_dirs: Path
) -> None:
    """With no --library, a bad `library` key leaves the next source: the sample feed."""
    config = write_config(isolated_dirs, content)
    result = newsreader("list", "--json")
    assert len(json.loads(result.stdout)) >= 4, "the sample feed"
    assert result.stderr.startswith(f"newsreader: warning: config {config}: {problem}")
    assert len(result.stderr.splitlines()) == 1


def test_a_config_that_is_a_folder_is_one_warning_line(isolated_dirs: Path) -> None:
    config = isolated_dirs / "config" / "newsreader" / "config.toml"
    config.mkdir(parents=True)
    result = newsreader("list")
    assert result.stderr == (
        f"newsreader: warning: config {config}: a folder, not a file; using the defaults\n"
    )


@pytest.mark.parametrize("command", [(), ("list",)], ids=["app", "list"])
@pytest.mark.parametrize("source", ["config", "environment", "option"])
def test_a_library_under_an_unknown_user_is_one_error_line(
    command: tuple[str, ...], source: str, isolated_dirs: Path
) -> None:
    """pathlib raises RuntimeError for `~nosuchuser`: the folder is missing, said in one line."""
    where = {"option": "--library", "environment": "$NEWSREADER_LIBRARY"}.get(source)
    args, env = list(command), {}
    if source == "config":
        config = write_config(isolated_dirs, 'library = "~nosuchuser/news"\n')
        where = f"config {config}"
    elif source == "environment":
        env["NEWSREADER_LIBRARY"] = "~nosuchuser/news"
    else:
        args += ["--library", "~nosuchuser/news"]
    result = newsreader(*args, check=False, env=env)
    assert result.returncode == 1
    assert result.stderr == (
        f"newsreader: error: library folder '~nosuchuser/news' (from {where}) does not exist: "
        "there is no user 'nosuchuser'\n"
    )


def test_without_a_library_the_app_path_prints_the_warnings_and_the_error(
    isolated_dirs: Path,
) -> None:
    """The app would have shown the warnings; when it cannot start they go to stderr."""
    config = write_config(isolated_dirs, 'library = "/no/such/folder"\nmax_file_mb = inf\n')
    result = newsreader(check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"newsreader: warning: config {config}: max_file_mb must be a positive number of "
        f"megabytes, at most 1024, not inf; using 5",
        f"newsreader: error: library folder '/no/such/folder' (from config {config}) does not "
        "exist or is not a folder",
    ]


def test_plain_newsreader_opens_the_app_with_the_config_warnings(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken config used to raise out of main(): a traceback where the app should be."""
    config = write_config(isolated_dirs, "library = [\n")
    opened: list[tuple[Path, Config | None]] = []
    monkeypatch.setattr(app_module, "run_app", lambda *args: opened.append(args) or 0)
    assert main([]) == 0
    [(root, loaded)] = opened
    assert root.resolve() == SAMPLE_FEED.resolve(), "every key defaults: the sample feed"
    assert loaded is not None and len(loaded.warnings) == 1
    assert loaded.warnings[0].startswith(f"config {config}: not valid TOML (")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_plain_newsreader_in_a_terminal_shows_a_broken_config_and_quits(
    isolated_dirs: Path,
) -> None:
    """The real app in a real terminal: the warning is drawn, `q` quits, status 0."""
    import fcntl
    import pty
    import struct
    import termios

    write_config(isolated_dirs, "library = [\n")
    assert SCRIPT
    main_fd, sub_fd = pty.openpty()
    fcntl.ioctl(sub_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    process = subprocess.Popen(
        [SCRIPT],
        stdin=sub_fd,
        stdout=sub_fd,
        stderr=sub_fd,
        env={**os.environ, "TERM": "xterm-256color"},
        start_new_session=True,
    )
    os.close(sub_fd)
    output, quit_sent, deadline = b"", False, time.monotonic() + 60
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if select.select([main_fd], [], [], 0.1)[0]:
                try:
                    output += os.read(main_fd, 65536)
                except OSError:  # the app closed the terminal
                    break
            if not quit_sent and b"not valid TOML" in output:
                time.sleep(0.5)
                os.write(main_fd, b"q")
                quit_sent = True
        assert process.wait(timeout=10) == 0
        while select.select([main_fd], [], [], 0.1)[0]:  # what it wrote on the way out
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main_fd)
    assert quit_sent, "the warning was never drawn"
    assert b"Traceback" not in output


@pytest.mark.parametrize(
    ("config_line", "args", "reason"),
    [
        ('library = "news\\u0000x"\n', (), "does not exist or is not a folder"),
        ("", ("--library", "/" + "x" * 5000), "cannot be opened: File name too long"),
    ],
    ids=["nul", "too-long"],
)
def test_a_library_path_the_system_refuses_is_one_error_line(
    config_line: str, args: tuple[str, ...], reason: str, isolated_dirs: Path
) -> None:
    write_config(isolated_dirs, config_line)
    result = newsreader("list", *args, check=False)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("newsreader: error: library folder ")
    assert line.endswith(reason)


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


def test_search_says_when_no_article_has_every_word(seed_library: Path) -> None:
    lib = ("--library", str(seed_library))
    plain = newsreader("search", "rasmussen zeppelin", *lib).stdout.splitlines()
    assert plain[0] == "No article has every word; closest matches:"
    assert len(plain) == 3
    records = json.loads(newsreader("search", "rasmussen zeppelin", "--json", *lib).stdout)
    assert len(records) == 2 and all(record["partial"] is True for record in records)
    whole = json.loads(newsreader("search", "rasmussen", "--json", *lib).stdout)
    assert whole and all("partial" not in record for record in whole)


@pytest.mark.parametrize(
    "args",
    [
        ("--no-scan", "--library", "{lib}", "search", "rasmussen"),
        ("--library", "{lib}", "--no-scan", "search", "rasmussen"),
        ("search", "rasmussen", "--library", "{lib}", "--no-scan"),
        ("--library", "{lib}", "search", "--no-scan", "rasmussen"),
    ],
)
def test_no_scan_goes_before_or_after_the_command(
    seed_library: Path, args: tuple[str, ...]
) -> None:
    newsreader("--library", str(seed_library), "index")
    write_article(seed_library, "late.txt", "Rasmussen Late Story", "Added after the index.")
    found = newsreader(*(a.format(lib=seed_library) for a in args)).stdout
    assert "Rasmussen Late Story" not in found  # the cache as it is: the new file not looked for
    assert found.count("\n") == 2
