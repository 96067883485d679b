"""Markdown character references (``&#x202e;``) never become the characters sanitize removes.

The renderer decodes references after the file's text was cleaned, so the parser makes them safe
first (the index never sees them either), and the reader cleans what the renderer drew.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from pty_session import newsreader, run_in_pty

from newsreader.library.formats.markdown import parse_markdown
from newsreader.library.models import Article
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.reader import Reader

# reference -> the character it decodes to, all of which sanitize removes
REFERENCES = {
    "&#x202e;": "\u202e",  # right-to-left override
    "&#X202E;": "\u202e",
    "&#8238;": "\u202e",
    "&#x0202e;": "\u202e",
    "&#x202d;": "\u202d",  # left-to-right override
    "&#x202b;": "\u202b",  # right-to-left embedding
    "&#x2066;": "\u2066",  # left-to-right isolate
    "&#x2067;": "\u2067",
    "&#8296;": "\u2068",  # first strong isolate
    "&#x2069;": "\u2069",  # pop directional isolate
    "&#xE0041;": "\U000e0041",  # tag latin capital A
    "&#xe0001;": "\U000e0001",  # language tag
    "&#xe007f;": "\U000e007f",  # cancel tag
    "&#x200b;": "\u200b",  # zero width space
    "&#xfeff;": "\ufeff",
    "&#x2060;": "\u2060",  # word joiner
    "&ZeroWidthSpace;": "\u200b",
    "&NegativeThinSpace;": "\u200b",
    "&rlm;": "\u200f",
    "&lrm;": "\u200e",
    "&NoBreak;": "\u2060",
    "&InvisibleTimes;": "\u2062",
    "&ic;": "\u2063",
    "&af;": "\u2061",
    "&shy;": "\u00ad",
}
ALL = "".join(REFERENCES)

ARTICLE = f"""# References {ALL} In A Title

Plain text: A{ALL}B and *emphasis {ALL}* and **strong{ALL}**.

A [link {ALL} text](https://example.com/{ALL}path "title {ALL}") and ![alt {ALL}](https://example.com/i.png).

- a list item {ALL} end
- `code span stays literal`

> a quote {ALL} end

| head {ALL} | cell |
| --- | --- |
| row {ALL} | x |

Kept as they are: &amp; &lt;b&gt; &eacute; &copy; &#233; &zwnj; &bogus; REFS-END
"""


def _decoded_by_markdown(block: str) -> str:
    """The text a Markdown renderer makes of ``block``: markdown-it's HTML, tags and all."""
    return html.unescape(MarkdownIt("commonmark").enable("table").render(block))


def test_the_parser_leaves_no_reference_that_decodes_to_a_removed_character() -> None:
    parsed = parse_markdown(ARTICLE, "references.md")
    assert isinstance(parsed, tuple)
    article = parsed[0]
    rendered = "\n".join(_decoded_by_markdown(block) for block in article.body)
    for reference, character in REFERENCES.items():
        assert character not in rendered, f"{reference} decodes to {character!r}"
        assert character not in article.title
    assert "A" + "B" in article.body[0]  # the references are dropped, not shown
    assert "&amp; &lt;b&gt; &eacute; &copy; &#233; &zwnj; &bogus;" in article.text
    assert "& <b> é © é \u200c &bogus;" in rendered


def test_a_reference_in_fenced_code_is_literal_text_and_kept() -> None:
    parsed = parse_markdown("# T\n\n```\necho &#x202e;\n```\n\nAfter.\n", "code.md")
    assert isinstance(parsed, tuple)
    assert parsed[0].body[0] == "```\necho &#x202e;\n```"


async def test_the_reader_cleans_what_the_renderer_decoded(tmp_path: Path) -> None:
    """Defence in depth: an article that bypassed the parser still draws no such character."""
    root = tmp_path / "empty"
    root.mkdir()
    app = NewsReaderApp(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        body = tuple(block for block in ARTICLE.split("\n\n")[1:])
        reader.show_article(Article(title="T", body=body, markup="markdown"), "id")
        await pilot.pause()
        drawn = "\n".join(strip.text for strip in reader._lines)
        assert "REFS-END" in drawn
        for reference, character in REFERENCES.items():
            assert character not in drawn, f"{reference} was drawn as {character!r}"


@pytest.mark.parametrize("suffix", [".md", ".markdown"])
def test_the_app_writes_none_of_the_decoded_characters(tmp_path: Path, suffix: str) -> None:
    root = tmp_path / "library"
    root.mkdir()
    (root / f"references{suffix}").write_text(ARTICLE, encoding="utf-8")
    output = run_in_pty(newsreader("--library", str(root)), steps=[(b"REFS-END", b"q")])
    assert b"References" in output and b"a quote" in output
    for reference, character in REFERENCES.items():
        assert character.encode() not in output, f"{reference} reached the terminal"
