"""Whatever bytes a file holds, parse_file returns articles or a problem, with clean strings."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.library.formats import parse_file
from newsreader.library.models import Article, Problem
from newsreader.library.sanitize import clean_line, clean_text

SUFFIXES = (".txt", ".md", ".html", ".json", ".rss", ".atom")
SEEDS = [
    path.read_bytes()
    for path in sorted((Path(__file__).resolve().parents[2] / "sample_feed").glob("*"))
    if path.suffix in SUFFIXES
]
# Bytes that make the interesting trouble: escapes, bidi controls, BOMs, CR, NUL, cut UTF-8.
NASTY = [
    b"\x1b[2J",
    b"\x1b]52;c;aGk=\x07",
    b"\x1b]0;t\x1b\\",
    "\u202e\u2066\ufeff\u200b".encode(),
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\r",
    b"\x00",
    b"\xe2\x80",
    b"\n\n",
    b"---\n",
    b"```\n",
    b"Original url: ",
    b"<p>",
    b"<script>",
    b"&#x202e;",
    b'"items": [{"title": 1}]',
]
BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)}

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated_seed(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "splice", "nasty"]))
        if action == "flip" and position < len(data):
            data[position] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 64))]
        elif action == "splice":
            other = draw(st.sampled_from(SEEDS))
            start = draw(st.integers(0, len(other)))
            data[position:] = other[start:]
        else:
            data[position:position] = draw(st.sampled_from(NASTY))
    return bytes(data)


def check(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        result = parse_file(path, display_path=path.name)
    if isinstance(result, Problem):
        assert result.reason and "\n" not in result.reason
        assert not result.reason.startswith("internal error"), result
        return
    assert isinstance(result, tuple) and result
    for article in result:
        assert isinstance(article, Article)
        assert article.title
        for field in (article.title, article.url, article.source, *article.tags):
            assert_clean(field, newlines=False)
        for paragraph in article.body:
            assert paragraph
            assert_clean(paragraph, newlines=article.markup == "markdown")


def assert_clean(value: str | None, *, newlines: bool) -> None:
    if value is None:
        return
    for char in value:
        if char == "\n" and newlines:
            continue
        assert unicodedata.category(char) not in ("Cc", "Cs"), repr(value)
        assert char not in BIDI and char != "\ufeff", repr(value)
        assert unicodedata.category(char) != "Cf" or char in "\u200c\u200d", repr(value)


@FUZZ
@given(st.binary(max_size=2048), st.sampled_from(SUFFIXES))
def test_random_bytes(data: bytes, suffix: str) -> None:
    check(data, suffix)


@FUZZ
@given(mutated_seed(), st.sampled_from(SUFFIXES))
def test_mutated_seeds(data: bytes, suffix: str) -> None:
    check(data, suffix)


@FUZZ
@given(st.text(max_size=300))
def test_clean_functions(text: str) -> None:
    assert_clean(clean_line(text), newlines=False)
    assert_clean(clean_text(text), newlines=True)
    assert clean_line(clean_line(text)) == clean_line(text)
    assert "\x1b" not in clean_text(text)


LINE_PIECES = st.tuples(
    st.sampled_from(["", " ", "  ", "\u00a0", "\t", "\u3000"]),
    st.sampled_from(["a", "e", "\u1e9b", "\u03a9", "\u1100"]),
    st.text(alphabet="\u0301\u0308\u0323\u1161", max_size=3),
)


@FUZZ
@given(
    st.lists(LINE_PIECES, max_size=12).map(lambda pieces: "".join(map("".join, pieces))),
    st.sampled_from(["", " ", "  ", "\u00a0"]),
)
def test_clean_line_spaces_each_line_to_single_spaces(line: str, end: str) -> None:
    """A line with nothing to strip comes back composed, with its spaces single and none at the
    ends, whether or not it had a space to remove (the quick way skips the split)."""
    text = line + end
    assert clean_line(text) == " ".join(unicodedata.normalize("NFC", text).split())
