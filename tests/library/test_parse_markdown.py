"""Markdown articles: front matter, headings, blocks, and the sample articles in sample_feed/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsreader.library.formats import parse_file
from newsreader.library.models import Article, Problem

SEEDS = Path(__file__).resolve().parents[2] / "sample_feed"


def article(tmp_path: Path, text: str, name: str = "article.md") -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = parse_file(path, display_path=name)
    assert not isinstance(result, Problem), result
    assert len(result) == 1
    assert result[0].markup == "markdown"
    return result[0]


def test_yaml_front_matter(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Talks Resume\ndate: 2010-09-22\nsource: Interfax\n"
        "url: https://www.rferl.org/a/talks.html\ntags: [NATO, Russia, NATO]\n---\n\n"
        "First paragraph.\n\nSecond paragraph.\n"
    )
    got = article(tmp_path, text)
    assert got.title == "Talks Resume"
    assert got.date == dt.date(2010, 9, 22)
    assert got.source == "Interfax"
    assert got.url == "https://www.rferl.org/a/talks.html"
    assert got.tags == ("NATO", "Russia")
    assert got.body == ("First paragraph.", "Second paragraph.")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2010-09-22", dt.date(2010, 9, 22)),
        ("2010-09-22T15:15:00+02:00", dt.date(2010, 9, 22)),
        ('"September 22, 2010"', dt.date(2010, 9, 22)),
        ('"not a date"', None),
        ("[2010, 9]", None),
    ],
)
def test_yaml_dates(tmp_path: Path, value: str, expected: dt.date | None) -> None:
    got = article(tmp_path, f"---\ntitle: T\ndate: {value}\n---\nBody.\n")
    assert got.date == expected


def test_toml_front_matter(tmp_path: Path) -> None:
    text = (
        '+++\ntitle = "Talks Resume"\ndate = 2010-09-22T09:30:00Z\ntags = "nato, russia"\n'
        'url = "https://www.bbc.co.uk/news/1"\n+++\nBody.\n'
    )
    got = article(tmp_path, text)
    assert got.title == "Talks Resume"
    assert got.date == dt.date(2010, 9, 22)
    assert got.tags == ("nato", "russia")
    assert got.source == "BBC News"
    assert got.body == ("Body.",)


def test_heading_title(tmp_path: Path) -> None:
    got = article(tmp_path, "# Talks *Resume* in [Geneva](https://x.org) #\n\nBody text.\n")
    assert got.title == "Talks Resume in Geneva"
    assert got.body == ("Body text.",)


def test_heading_directly_over_a_paragraph(tmp_path: Path) -> None:
    got = article(tmp_path, "# Talks Resume\nBody text.\n\nMore.\n")
    assert got.title == "Talks Resume"
    assert got.body == ("Body text.", "More.")


def test_setext_heading(tmp_path: Path) -> None:
    got = article(tmp_path, "Talks Resume\n============\n\nBody text.\n")
    assert got.title == "Talks Resume"
    assert got.body == ("Body text.",)


def test_first_short_line_is_the_title(tmp_path: Path) -> None:
    got = article(tmp_path, "Talks Resume In Geneva\n\nBody text.\n")
    assert got.title == "Talks Resume In Geneva"
    assert got.body == ("Body text.",)


def test_no_title_in_the_text_takes_the_file_name(tmp_path: Path) -> None:
    text = "A paragraph that starts the file, and is not a title at all, ends like a sentence.\n"
    got = article(tmp_path, text, "2010-09-22-geneva_talks.markdown")
    assert got.title == "geneva talks"
    assert got.date == dt.date(2010, 9, 22)
    assert got.body == (text.strip(),)


def test_blocks_keep_markdown_and_fenced_code(tmp_path: Path) -> None:
    text = (
        "# T\n\nLine one\nline two with **bold**.\n\n- a\n- b\n\n"
        "```python\ndef f():\n\n    return 1\n```\n\nAfter.\n\n~~~\nunclosed\n\nfence\n"
    )
    got = article(tmp_path, text)
    assert got.body == (
        "Line one\nline two with **bold**.",
        "- a\n- b",
        "```python\ndef f():\n\n    return 1\n```",
        "After.",
        "~~~\nunclosed\n\nfence",
    )


def test_date_line_under_the_heading(tmp_path: Path) -> None:
    got = article(tmp_path, "# T\n\n*September 24, 2010*\n\nBody.\n")
    assert got.date == dt.date(2010, 9, 24)
    assert got.body == ("Body.",)


def test_footer_url(tmp_path: Path) -> None:
    text = "# T\n\nBody.\n\nOriginal url: [link](https://www.reuters.com/a/1)\n\n*Note.*\n"
    got = article(tmp_path, text)
    assert got.url == "https://www.reuters.com/a/1"
    assert got.source == "Reuters"
    assert got.body == ("Body.", "*Note.*")


def test_broken_front_matter_keeps_the_text(tmp_path: Path) -> None:
    got = article(tmp_path, "---\ntitle: [unclosed\n---\n\n# Real Title\n\nBody.\n", "b.md")
    assert "Body." in got.body
    assert got.title


def test_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    got = article(tmp_path, "---\njust a line\n---\n\nBody.\n", "plain.md")
    assert got.title == "plain"
    assert "Body." in got.body


def test_nested_values_are_ignored(tmp_path: Path) -> None:
    text = "---\ntitle: {a: 1}\ntags: [[1, 2], ok, {b: 2}]\nsource: [x]\n---\n# H\n\nBody.\n"
    got = article(tmp_path, text)
    assert got.title == "H"
    assert got.tags == ("ok",)
    assert got.source is None


def test_yaml_alias_bomb_is_harmless(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    text = "---\n" + "\n".join(lines) + "\ntags: *a8\ntitle: *a8\n---\nBody.\n"
    got = article(tmp_path, text, "bomb.md")
    assert got.tags == ()
    assert got.title == "bomb"


def test_escape_sequences_are_removed(tmp_path: Path) -> None:
    text = '---\ntitle: "\\e[2JTalks\\u202e"\n---\nBody \x1b]52;c;aGk=\x07text.\n'
    got = article(tmp_path, text)
    assert got.title == "Talks"
    assert got.body == ("Body text.",)


def test_only_front_matter(tmp_path: Path) -> None:
    got = article(tmp_path, "---\ntitle: Just A Title\n---\n")
    assert got.title == "Just A Title"
    assert got.body == ()


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.md")), ids=lambda p: p.name)
def test_sample_articles(path: Path) -> None:
    result = parse_file(path, display_path=path.name)
    assert not isinstance(result, Problem), result
    (got,) = result
    assert got.title and got.date and got.body
    assert got.markup == "markdown"
    assert not any("Original url" in block or block.startswith("---") for block in got.body)


def test_sample_with_front_matter() -> None:
    result = parse_file(SEEDS / "2010-11-20_lisbon-summit.md", display_path="x")
    assert isinstance(result, tuple)
    (got,) = result
    assert got.title == "NATO and Russia Agree to Cooperate on Missile Defense"
    assert got.date == dt.date(2010, 11, 20)
    assert got.source == "Sample Wire"
    assert got.tags == ("NATO", "Russia", "missile defense")
    assert "## What was agreed" in got.body
