"""Reading an article (issue 12): a column of at most 80 cells, the article's structure, a
header with byline, url, bookmark and progress, numbered links, previews from the top, and the
reader's own keys."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from rich.style import Style
from textual.pilot import Pilot

from newsreader.library.locations import config_file
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import Reader

from .conftest import reader, reader_text, settle, wait_for

PROSE = " ".join(["The quick brown fox jumps over the lazy dog near the river bank."] * 30)

STRUCTURED = """---
title: Structured Story
date: 2031-01-05
source: Example News
---

A first paragraph that leads into the piece, with a [first link](https://example.org/one).

## What happened next

- a list item with [a second link](https://example.org/two/deep/path)
- another item, and [the first again](https://example.org/one)

> A quoted remark from someone involved.

The end, with a [script link](javascript:alert(1)) that is no link at all.
"""

FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>The Feed Times</title><link>https://feed.example</link>
<item>
  <title>A Feed Item With A Byline</title>
  <link>https://feed.example/news/2031/01/06/a-very-long-slug-for-an-item-with-a-byline-that-goes-on</link>
  <author>Jane Doe</author>
  <pubDate>Mon, 06 Jan 2031 14:30:00 GMT</pubDate>
  <description>Item text.</description>
</item>
</channel></rss>
"""


@pytest.fixture
def paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A local zone one hour ahead of UTC in January."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _screen_lines(pane: Reader) -> list[str]:
    return [pane.render_line(y).text for y in range(pane.scrollable_content_region.height)]


async def _open(pilot: Pilot[None], title: str) -> Reader:
    """Put the cursor on the article called ``title`` and open it for reading."""
    await settle(pilot)
    articles = pilot.app.screen.query_one(ArticleList)
    position = next(i for i, e in enumerate(articles.entries) if e.title == title)
    articles.cursor = list(articles.order).index(position)
    await settle(pilot)
    await pilot.press("enter")
    pane = reader(pilot.app)  # type: ignore[arg-type]
    await wait_for(pilot, lambda: pane.article is not None and pane.article.title == title)
    await wait_for(pilot, lambda: not pane.rendering)
    return pane


# -- the column ------------------------------------------------------------------------------


async def test_the_column_is_80_cells_centred_in_a_wide_pane(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    (app.root / "prose.txt").write_text(f"A Long Paragraph\n\n{PROSE}\n", encoding="utf-8")
    async with app.run_test(size=(200, 50)) as pilot:
        pane = await _open(pilot, "A Long Paragraph")
        pane_width = pane.scrollable_content_region.width
        assert pane_width > 90
        body = [line for line in _screen_lines(pane) if "quick" in line]
        assert len(body) > 3
        margin = (pane_width - 80) // 2
        for line in body:
            assert line[:margin].strip() == "", "centred: blank on the left"
            assert len(line.strip()) <= 80
        assert max(len(line.strip()) for line in body) > 70, "ragged right, but filled"
        assert any(line[margin] != " " for line in body)


async def test_reader_width_0_is_the_whole_pane(make_app: Callable[..., NewsReaderApp]) -> None:
    config = config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("reader_width = 0\n", encoding="utf-8")
    app = make_app()
    (app.root / "prose.txt").write_text(f"A Long Paragraph\n\n{PROSE}\n", encoding="utf-8")
    async with app.run_test(size=(200, 50)) as pilot:
        await _open(pilot, "A Long Paragraph")
        longest = max(len(line.rstrip()) for line in reader_text(app).splitlines())
        assert longest > 85


# -- structure and links ---------------------------------------------------------------------


async def test_markdown_shows_headings_lists_quotes_and_numbered_links(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    (app.root / "structured.md").write_text(STRUCTURED, encoding="utf-8")
    async with app.run_test(size=(200, 50)) as pilot:
        pane = await _open(pilot, "Structured Story")
        text = reader_text(app)
        lines = text.splitlines()
        heading = next(n for n, line in enumerate(lines) if "What happened next" in line)
        assert lines[heading].strip() == "What happened next", "left-aligned, alone"
        style = Style.combine(s.style for s in pane._lines[heading] if s.text.strip() and s.style)
        assert style.bold, "a heading is bold"
        assert style.color is not None, "and coloured"
        assert any(line.lstrip().startswith("• a list item") for line in lines)
        assert any(line.lstrip().startswith("▌ A quoted remark") for line in lines)
        assert "first link[1]" in text
        assert "second link[2]" in text
        assert "the first again[1]" in text, "one url, one number"
        assert "javascript" not in text.split("Links")[-1]
        links_at = lines.index("Links")
        assert lines[links_at + 1 : links_at + 3] == [
            "[1] https://example.org/one",
            "[2] https://example.org/two/deep/path",
        ]
        assert pane.links == ["https://example.org/one", "https://example.org/two/deep/path"]


async def test_escaped_markdown_from_html_shows_its_characters(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    """HTML and feed articles become Markdown with every character of their text escaped: the
    reader shows the characters, and only the real links are numbered."""
    app = make_app()
    (app.root / "escaped.md").write_text(
        "# Escaped Story\n\n"
        "Text with \\[bold\\]brackets\\[/bold\\], \\*stars\\*, &lt;script&gt; and a "
        "[link with \\[brackets\\]](https://example.org/x?a=1&amp;b=2).\n",
        encoding="utf-8",
    )
    async with app.run_test(size=(200, 50)) as pilot:
        pane = await _open(pilot, "Escaped Story")
        text = " ".join(reader_text(app).split())
        assert "Text with [bold]brackets[/bold], *stars*, <script> and a" in text
        assert "link with [brackets][1]." in text
        assert pane.links == ["https://example.org/x?a=1&b=2"]


async def test_plain_text_is_never_markup(make_app: Callable[..., NewsReaderApp]) -> None:
    app = make_app()
    (app.root / "plain.txt").write_text(
        "A Plain Story About Markup\n\nJanuary 9, 2040\n\n"
        "## not a heading [a](https://x.example) [bold]b[/bold], in a paragraph of text.\n",
        encoding="utf-8",
    )
    async with app.run_test(size=(200, 50)) as pilot:
        pane = await _open(pilot, "A Plain Story About Markup")
        assert "## not a heading [a](https://x.example) [bold]b[/bold]" in reader_text(app)
        assert pane.links == []


# -- the header ------------------------------------------------------------------------------


@pytest.mark.usefixtures("paris")
async def test_the_header_has_a_byline_in_local_time_and_a_short_url(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    (app.root / "feed.rss").write_text(FEED, encoding="utf-8")
    async with app.run_test(size=(200, 40)) as pilot:
        await _open(pilot, "A Feed Item With A Byline")
        lines = reader_text(app).splitlines()
        assert lines[0] == "A Feed Item With A Byline"
        assert lines[1] == "The Feed Times · 2031-01-06 15:30 · Jane Doe · 1 min read"
        assert lines[2] == (
            "https://feed.example/…/a-very-long-slug-for-an-item-with-a-byline-that-goes-on"
        )
        assert lines[3] == ""
    async with make_app().run_test(size=(60, 40)) as pilot:  # narrow: the byline breaks
        await _open(pilot, "A Feed Item With A Byline")
        header = reader_text(pilot.app).splitlines()[:5]  # type: ignore[arg-type]
        assert header[1:3] == ["The Feed Times · 2031-01-06 15:30 · Jane Doe", "1 min read"]
        url = header[3]
        assert len(url) <= 58
        assert url.startswith("https://feed.example/…")
        assert url.endswith("-that-goes-on")
        before, _, after = url.partition("…")
        assert before.endswith("/") and after[:1].isalpha() and f"-{after}" in FEED, "no cut word"


async def test_the_bookmark_mark_comes_and_goes_with_b(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        title = reader_text(app).splitlines()[0]
        await pilot.press("b")
        await wait_for(pilot, lambda: reader_text(app).startswith("★ "))
        assert reader_text(app).splitlines()[0] == f"★ {title}"
        await pilot.press("b")
        await wait_for(pilot, lambda: reader_text(app).startswith(title))


async def test_the_border_says_how_far_through_the_article(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    (app.root / "prose.txt").write_text(
        "A Long Paragraph\n\n" + "\n\n".join([PROSE] * 6) + "\n", encoding="utf-8"
    )
    async with app.run_test(size=(120, 30)) as pilot:
        pane = await _open(pilot, "A Long Paragraph")
        first = int(str(pane.border_subtitle).removesuffix("%"))
        assert 0 < first < 50
        await pilot.press("space")
        assert int(str(pane.border_subtitle).removesuffix("%")) > first
        await pilot.press("G")
        assert pane.border_subtitle == "100%"


# -- preview and reading ---------------------------------------------------------------------


async def test_the_cursor_previews_from_the_top_and_reading_resumes(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    (app.root / "prose.txt").write_text(
        "A Long Paragraph\n\nJanuary 9, 2040\n\n" + "\n\n".join([PROSE] * 6) + "\n",
        encoding="utf-8",
    )
    async with app.run_test(size=(120, 20)) as pilot:
        pane = await _open(pilot, "A Long Paragraph")  # the newest: the first row
        await pilot.press("space", "space")
        place = int(pane.scroll_y)
        assert place > 0
        await pilot.press("escape", "j")  # back to the list, and on to the next article
        await settle(pilot)
        assert pane.article is not None and pane.article.title != "A Long Paragraph"
        await pilot.press("k")  # passing over it again: a preview, from its top
        await wait_for(pilot, lambda: pane.article is not None and pane.article_id is not None)
        await settle(pilot)
        assert pane.article.title == "A Long Paragraph"
        assert pane.scroll_y == 0
        assert reader_text(app).startswith("A Long Paragraph")
        await pilot.press("enter")  # opened for reading: where it was left
        await settle(pilot)
        assert int(pane.scroll_y) == place
        await pilot.press("escape", "j", "k")  # the preview did not forget the place either
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert int(pane.scroll_y) == place


# -- keys ------------------------------------------------------------------------------------


async def test_q_and_escape_go_back_from_the_reader_and_q_in_the_list_quits(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("q", "escape"):
            await pilot.press("enter")
            assert isinstance(app.focused, Reader)
            await pilot.press(key)
            assert isinstance(app.focused, ArticleList)
            assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_minus_pages_up_in_the_reader(make_app: Callable[..., NewsReaderApp]) -> None:
    app = make_app()
    (app.root / "prose.txt").write_text(
        "A Long Paragraph\n\n" + "\n\n".join([PROSE] * 6) + "\n", encoding="utf-8"
    )
    async with app.run_test(size=(120, 20)) as pilot:
        pane = await _open(pilot, "A Long Paragraph")
        await pilot.press("space", "space")
        two_pages = pane.scroll_y
        await pilot.press("minus")
        assert 0 < pane.scroll_y < two_pages
        await pilot.press("pageup")
        assert pane.scroll_y == 0
