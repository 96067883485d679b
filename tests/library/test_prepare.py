"""What a scan stores for a file, from one split of each body shared by several columns."""

from __future__ import annotations

import os
from pathlib import Path

from newsreader.library.formats import parse_file
from newsreader.library.prepare import prepare
from newsreader.library.scanner import FileStat
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
