"""Saved web pages: metadata from the head, paragraphs from the article, never the furniture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsreader.library.formats import SUFFIXES, parse_file
from newsreader.library.formats.html import html_blocks
from newsreader.library.models import Article, Problem

SEEDS = Path(__file__).resolve().parents[2] / "sample_feed"


def article(tmp_path: Path, markup: str, name: str = "page.html") -> Article:
    path = tmp_path / name
    path.write_text(markup, encoding="utf-8")
    result = parse_file(path, display_path=name)
    assert not isinstance(result, Problem), result
    (got,) = result
    return got


def test_suffixes() -> None:
    assert {".html", ".htm", ".json"} <= SUFFIXES


def test_sample_page() -> None:
    path = SEEDS / "2010-09-24_rasmussen-interview.html"
    result = parse_file(path, display_path=path.name)
    assert isinstance(result, tuple)
    (got,) = result
    assert got.title == 'Rasmussen Sees "New Start" With Moscow'
    assert got.date == dt.date(2010, 9, 24)
    assert got.url == "https://example.com/2010/09/24/rasmussen-new-start"
    assert got.source == "Sample Wire"
    assert got.tags == ("NATO", "Russia", "Lisbon summit")
    assert got.body[0].startswith("BRUSSELS — NATO Secretary-General")
    assert "## Sticking points remain" in got.body
    assert got.markup == "markdown"
    assert got.published == dt.datetime(2010, 9, 24, 8, 15, tzinfo=dt.UTC)
    for junk in ("Home", "Share this article", "analytics", "font-family", "©"):
        assert junk not in got.text


def test_paragraphs_outside_an_article_element(tmp_path: Path) -> None:
    markup = (
        "<html><head><title>Talks Resume - Site</title></head><body>"
        "<nav><p>Menu</p></nav><div class=content><p>First &amp; foremost.</p>"
        "<p>Second<p>Third, with an unclosed tag.</div><footer><p>Legal</p></footer>"
    )
    got = article(tmp_path, markup)
    assert got.title == "Talks Resume"  # the site's name cut
    assert got.body == (
        "First &amp; foremost.",
        "Second",
        "Third, with an unclosed tag.",
    )  # Markdown


def test_h1_title_and_time_element(tmp_path: Path) -> None:
    markup = (
        "<body><article><h1>Talks <b>Resume</b></h1>"
        "<time datetime='2010-09-22T10:00Z'>22 September 2010</time>"
        "<p>Talks Resume</p><p>Body.</p></article><p>Outside the article.</p></body>"
    )
    got = article(tmp_path, markup, "2001-01-01-page.htm")
    assert got.title == "Talks Resume"
    assert got.date == dt.date(2010, 9, 22)
    assert got.body == ("Body.",)


def test_og_url_and_source_from_host(tmp_path: Path) -> None:
    markup = (
        '<meta property="og:url" content="https://www.theguardian.com/world/2010/sep/22/x">'
        "<h1>Talks Resume</h1><p>Body.</p>"
    )
    got = article(tmp_path, markup)
    assert got.url == "https://www.theguardian.com/world/2010/sep/22/x"
    assert got.source == "The Guardian"


def test_text_without_paragraph_elements(tmp_path: Path) -> None:
    got = article(tmp_path, "<div>Just some text</div><div>and more.</div>", "bare-page.html")
    assert got.title == "bare page"
    assert got.body == ("Just some text", "and more.")


def test_escape_sequences_and_entities(tmp_path: Path) -> None:
    markup = "<title>\x1b]0;pwned\x07Talks&#x202e;</title><p>A&#27;[2Jb \x1b[31mred</p>"
    got = article(tmp_path, markup)
    assert got.title == "Talks"
    # the reference &#27; is an ESC, and its whole sequence goes with it
    assert got.body == ("Ab red",)


@pytest.mark.parametrize("markup", ["", "<html></html>", "<script>only()</script>"])
def test_no_text(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "empty.html"
    path.write_text(markup + " ")
    result = parse_file(path, display_path="empty.html")
    assert isinstance(result, Problem)
    assert result.reason == "no text"


@pytest.mark.parametrize(
    "markup",
    ["<p>unclosed", "<!-- unclosed comment", "<![CDATA[x", "<!DOCTYPE", "</p></p>", "<a href='x"],
)
def test_broken_markup_never_raises(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "broken.html"
    path.write_text(markup)
    result = parse_file(path, display_path="broken.html")
    assert isinstance(result, tuple | Problem)
    assert not (isinstance(result, Problem) and result.reason.startswith("internal error"))


def test_fragment_furniture_heading_and_its_links_are_dropped() -> None:
    related = (
        "<p>Body.</p><h4>Related stories</h4><ul><li><a href='https://x.example/a'>A</a></li>"
        "<li><a href='https://x.example/b'>B</a></li></ul><p>After.</p>"
    )
    assert html_blocks(related) == ("Body.", "After.")
    # a list that is not links stays: only the heading was furniture
    points = "<p>Body.</p><h4>Related</h4><ul><li>A real point.</li></ul>"
    assert html_blocks(points) == ("Body.", "- A real point.")


def test_fragment_paragraphs() -> None:
    assert html_blocks("<p>One</p><p>Two <em>three</em></p>") == ("One", "Two three")
    assert html_blocks("plain text") == ("plain text",)
