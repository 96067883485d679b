"""The Markdown bookmark export: titles and sources render as the text they are, nothing more."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt

from newsreader.library import Library, StateStore
from newsreader.library.export import markdown_bookmarks
from newsreader.library.locations import state_file
from newsreader.library.markdown_escape import markdown_text, markdown_url

SCRIPT = shutil.which("newsreader", path=str(Path(sys.executable).parent))
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="https://evil.example">click</a> and <details open>',
    "[x](javascript:alert(1))",
    "![img](https://evil.example/pixel.png)",
    "<https://evil.example/autolink> and <mail@evil.example>",
    "[ref]: https://evil.example/definition",
    "[click][ref] and [ref] and [ref][]",
    "`code span` and ``double`` and ```fence```",
    "*emphasis* _under_ **strong** __strong__ ***both***",
    "# Heading",
    "## Second heading ##",
    "| a | b |",
    "&lt;b&gt; &amp; &copy; &#x41; &#65; &nbsp;",
    "- a list",
    "1. an ordered list",
    "2) another",
    "> a quote",
    "+ plus",
    "---",
    "===",
    "~~strike~~ and ~tilde~",
    "x<!-- comment -->y",
    "a trailing backslash\\",
    "already \\*escaped\\* and foo\\_bar",
    "$x^2$ and {attr=1}",
    "Plain, ordinary title: nothing to see here?",
]
URLS = [
    "https://example.com/story",
    "http://example.com/a (b) <c> d",
    "https://example.com/q?a=1&b=2&amp;c=&#x41;",
    "https://example.com/x)](javascript:alert(1))",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "https://",
    None,
]
LINKED = ("http", "https")


class _Rendered(HTMLParser):
    """The tags, links and per-list-item text of a rendered export."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.items: list[str] = []
        self.heading = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag == "li":
            self.items.append("")
            self._in = "li"
        elif tag == "h1":
            self._in = "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("li", "h1"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "li":
            self.items[-1] += data
        elif self._in == "h1":
            self.heading += data


def _render(markdown: str, gfm: bool) -> _Rendered:
    md = MarkdownIt("commonmark")
    if gfm:
        md.enable(["table", "strikethrough"])
    parser = _Rendered()
    parser.feed(md.render(markdown))
    return parser


def _records() -> list[dict[str, str | None]]:
    return [
        {
            "title": payload,
            "source": PAYLOADS[-1 - n],
            "date": "2011-01-03" if n % 2 else None,
            "url": URLS[n % len(URLS)],
        }
        for n, payload in enumerate(PAYLOADS)
    ]


@pytest.mark.parametrize("gfm", [False, True], ids=["commonmark", "with-tables"])
def test_no_payload_renders_as_markup(gfm: bool) -> None:
    records = _records()
    rendered = _render(markdown_bookmarks(records), gfm)
    assert rendered.heading == "Bookmarks"
    assert {tag for tag, _ in rendered.tags} <= {"h1", "ul", "li", "a"}, rendered.tags
    links = [attrs for tag, attrs in rendered.tags if tag == "a"]
    expected = [r["url"] for r in records if r["url"] and markdown_url(r["url"])]
    assert all(url.split(":")[0] in LINKED for url in expected)
    assert len(links) == len(expected) == 12
    for attrs, url in zip(links, expected, strict=True):
        assert [name for name, _ in attrs] == ["href"]
        href = attrs[0][1]
        assert href is not None and href.startswith(("http://", "https://"))
        assert unquote(href) == unquote(url)
    assert len(rendered.items) == len(records)
    for item, record in zip(rendered.items, records, strict=True):
        details = ", ".join(str(record[key]) for key in ("source", "date") if record[key])
        assert item == f"{record['title']} — {details}"


def test_the_text_escape_round_trips_every_payload_alone() -> None:
    for payload in PAYLOADS:
        html = MarkdownIt("commonmark").render(f"- {markdown_text(payload)}\n")
        parser = _Rendered()
        parser.feed(html)
        assert {tag for tag, _ in parser.tags} == {"ul", "li"}, payload
        assert parser.items == [payload]


def test_only_web_urls_become_links() -> None:
    assert (
        markdown_url("https://example.com/a b(c)<d>") == "https://example.com/a%20b%28c%29%3Cd%3E"
    )
    assert markdown_url("HTTPS://example.com/") == "HTTPS://example.com/"
    for refused in ("javascript:alert(1)", "file:///etc/passwd", "mailto:a@b", "https://", None):
        assert markdown_url(refused) is None


def test_the_cli_export_of_hostile_bookmarks_renders_as_text(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    for n, payload in enumerate(PAYLOADS):
        url = f"https://example.com/{n}/a (b) <c>" if n % 3 else f"javascript:alert({n})"
        item = {"id": str(n), "title": payload, "content_text": "Body.", "url": url}
        feed = {"version": "https://jsonfeed.org/version/1.1", "title": PAYLOADS[-1 - n]}
        (root / f"feed{n:02}.json").write_text(json.dumps({**feed, "items": [item]}))
    library = Library(root)
    library.scan()
    state = StateStore(state_file())
    try:
        for entry in library.catalog.entries:
            state.set_bookmark(entry, True)
    finally:
        state.close()
        library.close()
    assert SCRIPT
    exported = subprocess.run(
        [SCRIPT, "bookmarks", "--export", "markdown", "--library", str(root)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rendered = _render(exported, gfm=True)
    assert {tag for tag, _ in rendered.tags} <= {"h1", "ul", "li", "a"}
    hrefs = [attrs[0][1] or "" for tag, attrs in rendered.tags if tag == "a"]
    assert len(hrefs) == len([n for n in range(len(PAYLOADS)) if n % 3])
    assert all(href.startswith("https://example.com/") for href in hrefs)
    titles = sorted(item.split(" — ")[0] for item in rendered.items)
    assert titles == sorted(PAYLOADS)
