"""Element trees to Markdown blocks: how a web page's or a feed item's structure reaches the
reader (headings, paragraphs, lists, block quotes, links) without its text being read as markup.

Two vocabularies come in: HTML (a feed item's content, or a page's ``<body>`` when the
extractor finds nothing) and the XML trafilatura writes for the article it extracted (``head``,
``list``/``item``, ``quote``, ``ref``, ``lb``). Both map onto one small set of block kinds. Every
piece of text is cleaned (``sanitize``) and escaped (``markdown_escape``) on its own, and only
this module writes Markdown syntax around it, so a page saying ``# Hacked`` or
``[click](javascript:..)`` shows exactly that. One block per paragraph, heading, list or quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ..markdown_escape import markdown_text, markdown_url
from ..sanitize import clean_line
from .boilerplate import is_boilerplate

__all__ = ["markdown_blocks", "plain_text"]

_HEADINGS = {"h1": "##", "h2": "##", "h3": "###", "h4": "####", "h5": "####", "h6": "####"}
_LISTS = frozenset({"ul", "ol", "list", "dl"})
_ITEMS = frozenset({"li", "item"})
_QUOTES = frozenset({"blockquote", "quote"})
_TABLES = frozenset({"table"})
_ROWS = frozenset({"tr", "row"})
_BREAKS = frozenset({"br", "lb", "hr"})
_LINKS = frozenset({"a", "ref"})
# Never the article's text; a <form> is not here: some sites wrap the whole page in one.
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "button",
        "select",
        "option",
        "textarea",
        "input",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "title",
        "meta",
        "link",
        "nav",
        "header",
        "footer",
        "aside",
        "graphic",
    }
)
# Inline elements: their text runs on in the paragraph around them.
_INLINE = frozenset(
    {
        "a", "ref", "b", "strong", "i", "em", "u", "s", "del", "hi", "span", "small", "big",
        "sub", "sup", "mark", "abbr", "cite", "code", "kbd", "samp", "var", "q", "time",
        "font", "tt", "ins", "dfn", "label", "bdi", "bdo", "data", "wbr", "img",
    }
)  # fmt: skip
_MAX_DEPTH = 200  # a page nested deeper than this is garbage; lxml itself stops at 255
# Stands in for a heading that is site furniture until _content drops it: cleaned text never
# holds a NUL, so no block can be this.
_FURNITURE_HEADING = "\0"
_LINK_LIST = re.compile(r"(?:(?:- |\d{1,9}\. )\[[^\n]*\]\([^)\s]*\)\n?)+")

# A run of inline text: (text, link) pairs; link is a safe destination or None.
_Run = list[tuple[str, str | None]]


def markdown_blocks(root: etree._Element) -> tuple[str, ...]:
    """The Markdown blocks of ``root``'s content, boilerplate lines left out."""
    return tuple(_content(root, 0))


def plain_text(root: etree._Element) -> str:
    """All of ``root``'s readable text as one clean line (a heading's, say): not a script's or
    a button's inside it."""
    return clean_line(" ".join(_texts(root, 0)))


def _tag(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # a comment or processing instruction
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _texts(element: etree._Element, depth: int) -> Iterator[str]:
    """The text in ``element`` and below it, in order, without the skipped elements' (a
    ``<script>`` in a headline) or a comment's."""
    if element.text:
        yield element.text
    for child in element:
        tag = _tag(child)
        if tag and tag not in _SKIP and depth < _MAX_DEPTH:
            yield from _texts(child, depth + 1)
        if child.tail:
            yield child.tail


def _blocks(element: etree._Element, depth: int) -> Iterator[str]:
    """The blocks inside a container: its own loose text and inline children make paragraphs,
    split at line breaks and at each block child."""
    if depth > _MAX_DEPTH:
        return
    run: _Run = [(element.text or "", None)]
    for child in element:
        tag = _tag(child)
        if not tag or tag in _SKIP:
            pass
        elif tag in _INLINE:
            run.extend(_inline(child, depth + 1))
        elif tag in _BREAKS:
            yield from _paragraph(run)
            run = []
        else:
            yield from _paragraph(run)
            run = []
            yield from _block(child, tag, depth + 1)
        run.append((child.tail or "", None))
    yield from _paragraph(run)


def _block(element: etree._Element, tag: str, depth: int) -> Iterator[str]:
    if tag == "head":  # trafilatura's heading (rend="h2"), or an HTML document's <head>
        level = _HEADINGS.get(element.get("rend") or "")
        if level:
            yield from _heading(element, level, depth)
    elif tag in _HEADINGS:
        yield from _heading(element, _HEADINGS[tag], depth)
    elif tag in _LISTS:
        items = list(_list_items(element, tag, depth))
        if items:
            yield "\n".join(items)
    elif tag in _QUOTES:
        inner = list(_content(element, depth))
        if inner:
            yield "\n>\n".join("\n".join(f"> {line}" for line in b.split("\n")) for b in inner)
    elif tag in _TABLES:
        yield from _table(element, depth)
    else:  # p, div, section, article, body, form...: text, split at line breaks and blocks
        yield from _blocks(element, depth)


def _content(element: etree._Element, depth: int) -> Iterator[str]:
    """The blocks, without a furniture heading ("Related", "More on this story") and the list
    of links under it."""
    after_furniture = False
    for block in _blocks(element, depth):
        if block == _FURNITURE_HEADING:
            after_furniture = True
        elif not (after_furniture and _LINK_LIST.fullmatch(block)):
            after_furniture = False
            yield block


def _heading(element: etree._Element, level: str, depth: int) -> Iterator[str]:
    text = _render(_inline_content(element, depth))
    if text:
        yield _FURNITURE_HEADING if is_boilerplate(plain_text(element)) else f"{level} {text}"


def _list_items(element: etree._Element, tag: str, depth: int) -> Iterator[str]:
    ordered = tag == "ol" or element.get("rend") == "ol"
    number = 0
    for child in element:
        if _tag(child) not in _ITEMS and _tag(child) not in ("dt", "dd"):
            continue
        inner = list(_content(child, depth + 1))
        if not inner:
            continue
        number += 1
        marker = f"{number}. " if ordered else "- "
        indent = " " * len(marker)
        lines = "\n".join(inner).split("\n")
        yield marker + lines[0] + "".join(f"\n{indent}{line}" for line in lines[1:])


def _table(element: etree._Element, depth: int) -> Iterator[str]:
    """Each row one paragraph, its cells apart: a table's layout does not survive a reading
    pane, its text does."""
    for row in element.iter():
        if _tag(row) in _ROWS:
            cells = [_render(_inline_content(cell, depth)) for cell in row]
            line = " · ".join(cell for cell in cells if cell)
            if line:
                yield line


def _inline_content(element: etree._Element, depth: int) -> _Run:
    run: _Run = [(element.text or "", None)]
    for child in element:
        tag = _tag(child)
        if tag in _BREAKS:
            run.append((" ", None))
        elif tag and tag not in _SKIP:
            run.extend(_inline(child, depth + 1))
        run.append((child.tail or "", None))
    return run


def _inline(element: etree._Element, depth: int) -> _Run:
    if depth > _MAX_DEPTH:
        return []
    if _tag(element) in _LINKS:
        url = markdown_url(clean_line(element.get("href") or element.get("target") or ""))
        text = " ".join(_texts(element, depth))
        return [(text, url)]
    return _inline_content(element, depth)


def _paragraph(run: _Run) -> Iterator[str]:
    text, plain = _rendered(run)
    if text and not is_boilerplate(plain):
        yield text


def _render(run: _Run) -> str:
    return _rendered(run)[0]


def _rendered(run: _Run) -> tuple[str, str]:
    """The run as one line of Markdown (whitespace collapsed across pieces, each piece cleaned
    and escaped, links written around their escaped text), and as the plain text that the
    boilerplate test reads: made from the same cleaned pieces, not by cleaning the run again
    (a third of a feed item's conversion)."""
    pieces: list[str] = []
    plain: list[str] = []
    space = False
    for raw, url in run:
        if not raw:
            continue
        text = clean_line(raw)
        space = space or raw[:1].isspace() or (not text and raw.isspace())
        if not text:
            continue
        if space and pieces:
            pieces.append(" ")
            plain.append(" ")
        escaped = markdown_text(text)
        pieces.append(f"[{escaped}]({url})" if url else escaped)
        plain.append(text)
        space = raw[-1:].isspace()
    return "".join(pieces), "".join(plain)
