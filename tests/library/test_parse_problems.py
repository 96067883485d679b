"""Files that cannot become articles, and files that try to: parse_file reports, never raises."""

from __future__ import annotations

import os
import time
import unicodedata
from pathlib import Path

import pytest

from newsreader.library import formats
from newsreader.library.formats import parse_file
from newsreader.library.models import Article, Problem


def problem(path: Path, **kwargs: int) -> str:
    result = parse_file(path, display_path="shown/name.txt", **kwargs)
    assert isinstance(result, Problem), result
    assert result.path == "shown/name.txt"
    assert result.reason[:1].islower()
    assert "\n" not in result.reason
    return result.reason


def articles(path: Path) -> tuple[Article, ...]:
    result = parse_file(path, display_path=path.name)
    assert not isinstance(result, Problem), result
    return result


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert problem(path) == "empty file"


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_whitespace_only(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"blank{suffix}"
    path.write_bytes(b" \n\t\r\n   \n\xc2\xa0\n")
    assert problem(path) == "no text"


def test_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(b"Some text\x00\x01\x02 and more")
    assert problem(path) == "binary file (NUL bytes)"


def test_png_renamed_txt(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(200))
    assert problem(path) == "binary file (PNG image)"


def test_too_large_is_refused_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    reads: list[int] = []
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        reads.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(os, "read", counting_read)
    start = time.perf_counter()
    assert problem(path) == "too large (50.0 MB > 5.0 MB limit)"
    assert time.perf_counter() - start < 0.5
    assert sum(reads) == 0


def test_custom_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Talks Resume In Geneva\n\nBody.\n")
    assert problem(path, max_bytes=10).startswith("too large")
    assert articles(path)


def test_file_that_grows_past_the_limit_after_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 100)
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        fields = list(info)
        fields[6] = 10  # st_size as it was when the file was smaller
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", stale_fstat)
    assert problem(path, max_bytes=50).startswith("too large")


def test_permission_denied_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Talks Resume In Geneva\n")

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(formats.os, "open", refuse)
    assert problem(path) == "cannot read: permission denied"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_chmod(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Talks Resume In Geneva\n")
    path.chmod(0)
    try:
        assert problem(path) == "cannot read: permission denied"
    finally:
        path.chmod(0o600)


def test_directory_named_like_an_article(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.mkdir()
    assert problem(path) == "is a directory"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    path.write_text("Talks Resume In Geneva\n")
    path.unlink()  # deleted between the scan and the parse
    assert problem(path) == "cannot read: file not found"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_does_not_block(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert problem(path) == "not a regular file"


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_text("x")
    assert problem(path) == "unsupported file type (.docx)"


def test_truncated_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes("Talks Resume In Geneva\n\nThe talks resumed — in Genève".encode()[:-2])
    (got,) = articles(path)
    assert got.body == ("The talks resumed — in Genè",)


def test_truncated_utf16(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes("Talks Resume In Geneva\n\nThe talks resumed.".encode("utf-16")[:-1])
    (got,) = articles(path)
    assert got.title == "Talks Resume In Geneva"
    assert got.body == ("The talks resumed",)


def test_mixed_encodings(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        "Talks Resume In Genève\n\nThe café — said “yes”.".encode() + b"\n\nThen \x93no\x94.\n"
    )
    (got,) = articles(path)
    assert got.title == "Talks Resume In Genève"
    assert got.body == ("The café — said “yes”.", "Then “no”.")


def test_many_lines_are_fast(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    lines = [f"Line {i} of a long article." for i in range(100_000)]
    path.write_text("A Very Long Article Indeed\n\n" + "\n\n".join(lines))
    start = time.perf_counter()
    (got,) = articles(path)
    assert time.perf_counter() - start < 3
    assert len(got.body) == 100_000


def test_many_hard_wrapped_lines_are_fast(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text("A Very Long Article Indeed\n\n" + "and the sentence goes on\n" * 100_000)
    start = time.perf_counter()
    (got,) = articles(path)
    assert time.perf_counter() - start < 3
    assert len(got.body) == 1


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_one_megabyte_line_is_fast(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"line{suffix}"
    path.write_text("word " * 200_000 + "[*_`#" * 20_000)
    start = time.perf_counter()
    (got,) = articles(path)
    assert time.perf_counter() - start < 3
    assert len(got.body) == 1


def test_markdown_with_many_fences_is_fast(tmp_path: Path) -> None:
    path = tmp_path / "fences.md"
    path.write_text("# T\n\n" + "```\ncode\n```\n\n~~~~\n" * 20_000)
    start = time.perf_counter()
    assert articles(path)
    assert time.perf_counter() - start < 3


ATTACK = "\x1b[2J\x1b]52;c;aGk=\x07\x1b]0;title\x1b\\\u202e\u2066\ufeff\x9b31m\x07\x08\x7f"


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_markup_and_escape_sequences(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"attack{suffix}"
    path.write_text(
        f"[bold red]ALERT[/] Talks{ATTACK} Resume In Geneva\n\n"
        f"The talks{ATTACK} resumed.\tToday\x1b[31m in red\x1b[0m.\n\n"
        f"Original url: https://www.bbc.co.uk/news/{ATTACK}1\n"
    )
    (got,) = articles(path)
    assert got.title == "[bold red]ALERT[/] Talks Resume In Geneva"
    assert " ".join(got.body[0].split()) == "The talks resumed. Today in red."
    strings = [got.title, *got.body, got.url or "", got.source or "", *got.tags]
    for string in strings:
        assert not any(unicodedata.category(char) in ("Cc", "Cf") for char in string), string
