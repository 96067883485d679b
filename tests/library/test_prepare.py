"""What a scan stores for a file, from one split of each body shared by several columns."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsreader.library.formats import parse_file
from newsreader.library.prepare import prepare
from newsreader.library.scanner import FileStat
from newsreader.library.tokens import words
from support import write_article


def prepared_words(root: Path, name: str) -> tuple[int, int]:
    """The stored word count of the file's one article, and its parsed article's count."""
    stat = os.stat(root / name)
    found = FileStat(os.fsencode(name), stat.st_size, stat.st_mtime_ns)
    (article,) = prepare(root, found, 1 << 20).articles
    parsed = parse_file(root / name, display_path=name)
    assert isinstance(parsed, tuple)
    return article.words, parsed[0].words


def test_the_stored_word_count_is_the_body_split_at_whitespace(tmp_path: Path) -> None:
    write_article(
        tmp_path,
        "a.txt",
        "Ministers Meet In Lisbon Over The Alliance",
        "The talks — long awaited — opened on Friday.",
        "Mr Lavrov's reply, in 3.5 pages, came later.",
    )
    (tmp_path / "b.md").write_text(
        "# Ministers Meet In Lisbon\n\nA list:\n\n- one  item\n- two\n\n    indented   code\n",
        encoding="utf-8",
    )
    assert prepared_words(tmp_path, "a.txt") == (9 + 8, 17)  # a dash is a token
    assert prepared_words(tmp_path, "b.md") == (2 + 5 + 2, 9)


@pytest.mark.parametrize("odd", ["", "Spaced  twice\tand tabbed, in the rest"])
def test_a_long_body_is_counted_and_indexed_to_its_last_paragraph(tmp_path: Path, odd: str) -> None:
    # the story terms read the first 260 words or so, paragraph by paragraph; the paragraphs
    # after them are split in one go (and counted without splitting when single-spaced, as
    # text files' are): their words must still be counted and indexed
    paragraphs = [" ".join(f"w{p}x{i}" for i in range(12)) for p in range(40)]
    if odd:
        paragraphs[30] = odd  # Markdown keeps this spacing
    paragraphs[-1] = "The last paragraph names Zanzibar."
    (tmp_path / "long.md").write_text(
        "# Ministers Meet In Lisbon\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
    )
    stored, parsed = prepared_words(tmp_path, "long.md")
    assert stored == parsed == 38 * 12 + len(odd.split() or range(12)) + 5
    stat = os.stat(tmp_path / "long.md")
    found = FileStat(b"long.md", stat.st_size, stat.st_mtime_ns)
    (article,) = prepare(tmp_path, found, 1 << 20).articles
    assert {"zanzibar", "w0x0", "w38x11", *words(odd)} <= set(article.folded_body.split())
