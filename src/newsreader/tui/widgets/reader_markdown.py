"""Rich's Markdown, for reading: headings that stand out, and links numbered like footnotes.

Rich centres a level-one heading and styles the others from its own theme, where ``h3`` is plain
bold, the same as ``**strong**`` text beside it; an article's subheadings read as paragraphs. Here
every heading is left-aligned, in the reader's heading style.

Links are shown as their text followed by a number, ``text[1]``, as newsboat and w3m do, and the
numbers' urls are listed under the article. Only web links (``http``, ``https``) are numbered:
a ``javascript:`` or relative link is shown as its text alone, since it could not be opened.
Hyperlinks stay off, so no link becomes a terminal escape sequence (OSC 8).

Rich's renderer has no hook for links, so the parsed tokens are rewritten before it runs: a
link's open and close become an inline style (``markdown.link``), and its number a token styled
``markdown.link_url``. One :class:`LinkNumbers` is shared by every chunk of an article, so the
numbers run on through the chunks in the order they are rendered.
"""

from __future__ import annotations

import threading
from array import array
from typing import ClassVar

from markdown_it.token import Token
from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Heading, Markdown, MarkdownElement
from rich.style import Style

from ..texts import url_refusal

_LINK = "link"
_NUMBER = "link_url"


class LinkNumbers:
    """The web links of one article, numbered from 1 in the order they are first met.

    Packed, as the rendered lines are: a 5 MB article of 29,000 links kept them as a list of
    strings and a dict for 5.2 MB, a third more than the rest of the reader. Here the urls are
    one UTF-8 buffer with offsets, deduplicated through an open-addressing table of numbers.
    """

    def __init__(self) -> None:
        self._text = bytearray()
        self._ends = array("I")
        self._slots = array("I", bytes(4 * 64))  # a link's number, or 0 for a free slot
        self._lock = threading.Lock()  # filled in the render worker, read on the event loop

    def __len__(self) -> int:
        return len(self._ends)

    def url(self, number: int) -> str:
        return self._bytes(number).decode()

    def urls(self, first: int = 1, last: int | None = None) -> list[str]:
        """The urls of links ``first`` to ``last`` (by default, every one)."""
        last = len(self) if last is None else min(last, len(self))
        return [self.url(number) for number in range(first, last + 1)]

    def _bytes(self, number: int) -> bytes:
        start = self._ends[number - 2] if number > 1 else 0
        return bytes(self._text[start : self._ends[number - 1]])

    def number(self, url: str) -> int:
        data = url.encode()
        with self._lock:
            slot = self._slot(data)
            if self._slots[slot]:
                return self._slots[slot]
            self._text += data
            self._ends.append(len(self._text))
            number = self._slots[slot] = len(self._ends)
            if 2 * number > len(self._slots):
                self._grow()
            return number

    def _slot(self, data: bytes) -> int:
        """The slot holding ``data``'s number, or the free slot where it belongs."""
        mask = len(self._slots) - 1
        slot = hash(data) & mask
        while self._slots[slot] and self._bytes(self._slots[slot]) != data:
            slot = (slot + 1) & mask
        return slot

    def _grow(self) -> None:
        self._slots = array("I", bytes(8 * len(self._slots)))
        for number in range(1, len(self._ends) + 1):
            self._slots[self._slot(self._bytes(number))] = number


class _Heading(Heading):
    """Left-aligned, in the reader's heading style; levels 1 and 2 underlined as well."""

    @classmethod
    def create(cls, markdown: Markdown, token: Token) -> _Heading:
        heading = cls(token.tag)
        style = getattr(markdown, "heading_style", Style(bold=True))
        if token.tag in ("h1", "h2"):
            style += Style(underline=True)
        heading.style_name = style  # type: ignore[assignment]  # Rich's get_style takes a Style
        return heading

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        text = self.text.copy()
        text.justify = "left"
        yield text


class ReaderMarkdown(Markdown):
    """Markdown with left-aligned headings in ``heading_style`` and numbered links."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "heading_open": _Heading,
    }

    def __init__(self, markup: str, links: LinkNumbers, heading_style: Style) -> None:
        super().__init__(markup, hyperlinks=False)
        self.inlines = {*Markdown.inlines, _LINK, _NUMBER}
        self.heading_style = heading_style
        for token in self.parsed:
            if token.type == "inline" and token.children:
                token.children = _numbered(token.children, links)


def _numbered(children: list[Token], links: LinkNumbers) -> list[Token]:
    tokens: list[Token] = []
    number: int | None = None
    for token in children:
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            number = None if url_refusal(href) else links.number(href)
            if number is not None:
                tokens.append(Token("reader_link_open", _LINK, 1))
        elif token.type == "link_close":
            if number is not None:
                tokens.append(Token("reader_link_close", _LINK, -1))
                tokens.append(Token("reader_link_number", _NUMBER, 0, content=f"[{number}]"))
            number = None
        else:
            tokens.append(token)
    return tokens


def link_list(urls: list[str], width: int, first: int = 1) -> str:
    """``[1] https://...``, one link a line, numbered from ``first``; a url longer than the
    column is continued on the next lines, broken after a ``/`` (Rich folds a part still too
    long) and indented."""
    lines: list[str] = []
    for number, url in enumerate(urls, first):
        label = f"[{number}] "
        indent = " " * len(label)
        line = label
        for part in _after_slashes(url):
            if len(line) > len(indent) and len(line) + len(part) > width:
                lines.append(line)
                line = indent
            line += part
        lines.append(line)
    return "\n".join(lines)


def _after_slashes(url: str) -> list[str]:
    """``url`` in parts that each end with a ``/`` (but the last); ``://`` stays whole."""
    scheme, found, rest = url.partition("://")
    parts = [part + "/" for part in (rest if found else url).split("/")]
    parts[-1] = parts[-1][:-1]
    if found:
        parts[0] = f"{scheme}://{parts[0]}"
    return [part for part in parts if part]
