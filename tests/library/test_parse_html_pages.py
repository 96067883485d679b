"""Labelled web pages, one per way the old parser failed on real sites (issue 13): the article's
text and nothing else, the real headline, the date with its time of day, the author.

The labels (``tests/fixtures/pages/labels.json``) are what a person reading each page marks as
its article; ``benchmarks/extraction.py`` scores the same pages for the figures.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from markdown_it import MarkdownIt

from newsreader.library.formats import parse_file
from newsreader.library.models import Article, Problem

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
LABELS: dict[str, Any] = json.loads((PAGES / "labels.json").read_text(encoding="utf-8"))
MARKDOWN = MarkdownIt("commonmark")


def parse(path: Path) -> Article:
    result = parse_file(path, display_path=path.name)
    assert not isinstance(result, Problem), result
    (got,) = result
    return got


def rendered(block: str) -> str:
    return MARKDOWN.render(block)


def texts(block: str) -> list[str]:
    """The paragraphs, headings and list items a reader sees in one Markdown block."""
    root = lxml.html.fromstring(f"<div>{rendered(block)}</div>")
    leaves = [e for e in root.iter("p", "h2", "h3", "h4", "li") if not len(e.xpath(".//p|.//li"))]
    return [" ".join(leaf.text_content().split()) for leaf in leaves]


@pytest.mark.parametrize("name", sorted(LABELS))
def test_labelled_page(name: str) -> None:
    label = LABELS[name]
    got = parse(PAGES / name)
    assert got.markup == "markdown"
    assert got.title == label["title"]
    assert str(got.date) == label["date"]
    assert (got.published.isoformat() if got.published else None) == label["published"]
    assert got.author == label["author"]
    assert [text for block in got.body for text in texts(block)] == label["body"]
    for absent in label["absent"]:
        assert absent not in got.text


def test_structure_reaches_the_reader_as_markdown() -> None:
    got = parse(PAGES / "section-h1.html")
    assert got.body == (
        "Warm winter weather has brought the [pollen season](https://health.example/pollen) "
        "forward by three weeks in much of Europe, doctors say.",
        "### What patients can do",
        "- Keep windows closed in the morning, when counts are highest.\n"
        "- Shower and change clothes after spending time outdoors.",
        '> "We are seeing patients in February who usually come in April," said Dr Anna Berg.',
        "Read more about allergies in our guide, which we update every spring with new research.",
    )
    assert got.published == dt.datetime(
        2024, 3, 5, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )


def test_text_that_looks_like_markup_stays_text() -> None:
    got = parse(PAGES / "markup-in-text.html")
    html = "".join(rendered(block) for block in got.body)
    for markup in ("<h1", "<em", "<a ", "<script", "<ol", "<ul", "<b>"):
        assert markup not in html


@pytest.mark.parametrize(
    ("candidates", "headline"),
    [
        # agreeing candidates win over the first <h1>, a section name
        (
            "<title>Real news here | Site</title>"
            "<h1>Allergies Health Center</h1><h1>Real news here</h1>",
            "Real news here",
        ),
        # a short <h1> that agrees with nothing loses to the <title> without the site's name
        (
            "<title>Engine gets a faster compiler - Tech Site</title><h1>V8</h1>",
            "Engine gets a faster compiler",
        ),
        # an og:title agreeing with the <title> beats a different <h1>
        (
            '<meta property="og:title" content="Talks resume in Geneva">'
            "<title>Talks resume in Geneva - World - Daily</title><h1>World news</h1>",
            "Talks resume in Geneva",
        ),
        # the site's name cut from an og:title that carries it, as from the <title>
        (
            '<meta property="og:title" content="Pollen season starts | Health Example">'
            "<title>Pollen season starts | Health Example</title><h1>Pollen season starts</h1>",
            "Pollen season starts",
        ),
        # with one candidate, it is the headline
        ("<h1>Budget passes after all-night session</h1>", "Budget passes after all-night session"),
    ],
)
def test_headline_is_what_the_page_agrees_on(
    tmp_path: Path, candidates: str, headline: str
) -> None:
    path = tmp_path / "page.html"
    path.write_text(candidates.replace("<h1>", "<body><h1>", 1) + "<p>Some text.</p>")
    assert parse(path).title == headline


@pytest.mark.parametrize(
    ("head", "date", "published"),
    [
        (
            '<script type="application/ld+json">[{"@type": "WebPage"},'
            ' {"@type": "ReportageNewsArticle", "datePublished": "2015-07-01T23:10:00-05:00"}]'
            "</script>",
            dt.date(2015, 7, 1),
            dt.datetime(2015, 7, 1, 23, 10, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        ),
        ('<script type="application/ld+json">{broken</script>'
         '<meta name="pubdate" content="2015-07-01">',
         dt.date(2015, 7, 1), None),
        ('<meta property="article:published_time" content="2015-07-01T10:00:00">',
         dt.date(2015, 7, 1), dt.datetime(2015, 7, 1, 10, 0)),
        ('<meta name="pubdate" content="Wed, 01 Jul 2015 10:00:00 GMT">',
         dt.date(2015, 7, 1), dt.datetime(2015, 7, 1, 10, 0, tzinfo=dt.UTC)),
    ],
)  # fmt: skip
def test_dates_from_json_ld_and_meta(
    tmp_path: Path, head: str, date: dt.date, published: dt.datetime | None
) -> None:
    path = tmp_path / "page.html"
    path.write_text(f"<html><head>{head}<title>A headline of some words</title></head>"
                    "<body><p>Some text.</p></body></html>")  # fmt: skip
    got = parse(path)
    assert (got.date, got.published) == (date, published)


def test_a_date_marked_up_in_the_page_but_not_one_in_its_text(tmp_path: Path) -> None:
    words = "The treaty of 12 March 1999 was signed in the old town hall. " * 20
    path = tmp_path / "page.html"
    path.write_text(f"<h1>Treaty anniversary marked</h1><p>{words}</p>")
    assert parse(path).date is None
    path.write_text(
        "<h1>Treaty anniversary marked</h1><div class='byline'>By A. B. |"
        f" <span class='date'>March 12, 2019</span></div><p>{words}</p>"
    )
    assert parse(path).date == dt.date(2019, 3, 12)
