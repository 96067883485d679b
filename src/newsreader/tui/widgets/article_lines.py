"""An article's lines, rendered a chunk at a time and kept packed.

Rendering a 5 MB article as one Rich ``Text`` or ``Markdown`` froze the app for 6-7 s and grew it
by 135-180 MB (Rich's wrap of a multi-MB text, then a ``Strip`` of about 1 KB per line). Here the
body is cut into chunks of a few KB at places where rendering the pieces one after the other
gives the same lines as rendering the whole (paragraph breaks; for Markdown, blocks that cannot
continue a list or a fence), so the reader can show the top at once and render the rest in a
thread. A chunk's lines are packed into one UTF-8 string with offset arrays, about the size of the
text itself; a line becomes a ``Strip`` only when it is drawn.

Where no such place exists within ~32 KB (one huge paragraph, list or code block), the chunk
is cut at a line break (or a space) anyway: the only visible difference is a line break there.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from markdown_it.token import Token
from rich.console import Console, ConsoleOptions, RenderableType
from rich.markdown import Markdown
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from ...library.sanitize import clean_rendered
from ...library.search import Highlighter
from .reader_markdown import LinkNumbers, ReaderMarkdown

CHUNK = 4_000
"""Characters of source per chunk: a few ms of rendering, a screenful or two of lines."""
GIANT = 32_000
"""Past this, a chunk is cut even where that adds a line break."""
_CACHED_STRIPS = 512


class Glue(Enum):
    """What separates a chunk from the one before it."""

    NONE = 0
    BLANK = 1  # a blank line: between plain-text paragraphs
    MARKDOWN = 2  # a blank line unless nothing came before or it follows a rule, as Rich does


@dataclass(frozen=True, slots=True)
class Piece:
    """One chunk of source, rendered on its own."""

    text: str
    style: Style | None = None
    markdown: bool = False
    glue: Glue = Glue.NONE


# -- cutting the source into pieces ------------------------------------------------------------


def text_pieces(body: tuple[str, ...]) -> Iterator[Piece]:
    """Plain paragraphs, as ``Text("\\n\\n".join(body))`` would show them."""
    if not body:
        yield Piece("")
        return
    parts: list[str] = []
    size, glue = 0, Glue.NONE
    for number, paragraph in enumerate(body):
        for index, fragment in enumerate(_cut(paragraph)):
            fragment_glue = Glue.BLANK if number and not index else Glue.NONE
            if parts and size >= CHUNK:
                yield Piece("".join(parts), glue=glue)
                parts, size = [], 0
            if not parts:
                glue = fragment_glue
            else:
                parts.append("\n\n" if fragment_glue is Glue.BLANK else "\n")
            parts.append(fragment)
            size += len(fragment)
    yield Piece("".join(parts), glue=glue)


def _cut(text: str, size: int = CHUNK) -> Iterator[str]:
    """``text`` in pieces of at most about ``size``: at line breaks, else at spaces."""
    start = 0
    while len(text) - start > size:
        end = text.rfind("\n", start, start + size)
        if end <= start:
            end = text.rfind(" ", start, start + size)
        if end <= start:
            end = start + size
            yield text[start:end]
            start = end
        else:
            yield text[start:end]
            start = end + 1
    yield text[start:]


_UNSAFE_START = re.compile(r"[ \t]|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]{1,999})\]:[ \t]*\S.*$", re.M)
_REFERENCE = re.compile(r"\[([^\]\n]{1,999})\]")


def markdown_pieces(blocks: tuple[str, ...]) -> Iterator[Piece]:
    """Markdown blocks, as ``Markdown("\\n\\n".join(blocks))`` would show them."""
    definitions = _definitions(blocks)
    parts: list[str] = []
    size, glue, comment = 0, Glue.MARKDOWN, False
    for block in blocks:
        safe = not comment and not _UNSAFE_START.match(block)
        if parts and (size >= GIANT or (size >= CHUNK and safe)):
            yield _markdown_piece(parts, glue, definitions)
            parts, size, glue = [], 0, Glue.MARKDOWN if safe else Glue.NONE
        if comment or "<!--" in block:  # an HTML comment may hold blank lines
            opened, closed = block.rfind("<!--"), block.rfind("-->")
            comment = opened > closed or (comment and closed < 0)
        if len(block) > GIANT:
            if parts:
                yield _markdown_piece(parts, glue, definitions)
                parts, size, glue = [], 0, Glue.NONE
            for index, piece in enumerate(_cut_block(block)):
                yield _markdown_piece([piece], glue if index == 0 else Glue.NONE, definitions)
            glue = Glue.NONE
            continue
        if parts:
            parts.append("\n\n")
        parts.append(block)
        size += len(block)
    if parts:
        yield _markdown_piece(parts, glue, definitions)


def _cut_block(block: str) -> Iterator[str]:
    """A huge block in pieces; a fenced code block's pieces are fenced again."""
    fence = _FENCE.match(block)
    if fence is None:
        yield from _cut(block, GIANT)
        return
    opening, _, inside = block.partition("\n")
    head, _, last = inside.rpartition("\n")
    if last.strip().startswith(fence.group(1)[0] * 3):
        inside = head
    for piece in _cut(inside, GIANT):
        yield f"{opening}\n{piece}\n{fence.group(1)}"


def _definitions(blocks: tuple[str, ...]) -> dict[str, str]:
    """Link reference definitions (``[label]: url``), which a chunk needs to show its links."""
    found: dict[str, str] = {}
    for block in blocks:
        if "]:" in block:
            for match in _DEFINITION.finditer(block):
                found.setdefault(_label(match.group(1)), match.group(0))
    return found


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _markdown_piece(parts: list[str], glue: Glue, definitions: dict[str, str]) -> Piece:
    text = "".join(parts)
    if definitions:
        used = {_label(label) for label in _REFERENCE.findall(text)}
        lines = [definitions[label] for label in used if label in definitions]
        if lines:  # definitions render as nothing, so they change no line of the chunk
            text = "\n".join(sorted(lines)) + "\n\n" + text
    return Piece(text, markdown=True, glue=glue)


# -- rendering pieces into packed chunks --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Chunk:
    """Rendered lines packed: every line's characters in one string, segments as offsets."""

    text: bytes  # UTF-8: one "•" would make a str of the whole chunk take 2 bytes a character
    ends: array[int]  # where each line ends in ``text``
    line_runs: array[int]  # each line's first segment, and one past the last line's
    run_starts: array[int]  # where each segment starts in ``text``
    styles: list[Style | None]  # each segment's style
    hits: list[tuple[int, int, int]]  # (line in the chunk, first cell, cell past the end)

    def __len__(self) -> int:
        return len(self.ends)

    def segments(self, line: int) -> list[Segment]:
        end = self.ends[line]
        first, last = self.line_runs[line], self.line_runs[line + 1]
        starts, text, styles = self.run_starts, self.text, self.styles
        return [
            Segment(
                text[starts[run] : starts[run + 1] if run + 1 < last else end].decode(),
                styles[run],
            )
            for run in range(first, last)
        ]


class Renderer:
    """Renders pieces one after the other at one width; safe to run in a worker thread."""

    def __init__(
        self,
        console: Console,
        options: ConsoleOptions,
        highlighter: Highlighter | None,
        heading_style: Style | None = None,
    ) -> None:
        self.console, self.options, self.highlighter = console, options, highlighter
        self.heading_style = heading_style or Style(bold=True)
        self.links = LinkNumbers()
        self._styles: dict[Style, Style] = {}
        self._new_line = False  # Rich's state after the Markdown rendered so far

    def render(self, piece: Piece) -> Chunk:
        blank = piece.glue is Glue.BLANK
        renderable: RenderableType
        if piece.markdown:
            markdown = ReaderMarkdown(piece.text, self.links, self.heading_style)
            carried, self._new_line = _new_line(markdown, self._new_line)
            blank = carried and piece.glue is Glue.MARKDOWN
            renderable = markdown
        else:
            renderable = Text(piece.text, style=piece.style or "")
        # not console.render_lines: that holds the console's lock, which the screen's own
        # painting takes too, for the whole chunk
        rendered = self.console.render(renderable, self.options)
        lines = Segment.split_and_crop_lines(
            rendered, self.options.max_width, include_new_lines=False, pad=False
        )
        return self._pack([[], *lines] if blank else list(lines))

    def _pack(self, lines: Iterable[list[Segment]]) -> Chunk:
        texts: list[bytes] = []
        ends, line_runs, run_starts = array("I"), array("I"), array("I")
        styles: list[Style | None] = []
        hits: list[tuple[int, int, int]] = []
        offset = 0
        for number, segments in enumerate(lines):
            line_runs.append(len(run_starts))
            line: list[str] = []
            for segment in segments:  # the one place rendered lines are taken in
                if segment.control:
                    continue
                run_starts.append(offset)
                style = segment.style
                # equal styles come out as new objects, line after line: keep one of each
                styles.append(style if style is None else self._styles.setdefault(style, style))
                shown = clean_rendered(segment.text)  # Markdown decodes `&#x202e;` after parsing
                line.append(shown)
                offset += len(shown.encode())
            ends.append(offset)
            text = "".join(line)
            texts.append(text.encode())
            if self.highlighter is not None and text:
                hits.extend((number, *span) for span in _cell_spans(text, self.highlighter))
        line_runs.append(len(run_starts))
        return Chunk(b"".join(texts), ends, line_runs, run_starts, styles, hits)


_NOT_ELEMENTS = {"text", "hardbreak", "softbreak", "link_open", "link_close", "html_inline"}


def _new_line(markdown: Markdown, new_line: bool) -> tuple[bool, bool]:
    """Whether Rich, rendering the whole Markdown, would put a blank line before this chunk
    that rendering the chunk alone leaves out; and Rich's ``new_line`` state after the chunk.

    Rich puts a blank line before each top-level element when the element closed last (a
    nested one included) asks for it (all but a rule or an image do). A chunk rendered alone
    starts without one: it differs from the whole only when its first top-level element is
    rendered before any element of the chunk has closed.
    """
    depth, carried = 0, None
    for token in _flatten(markdown.parsed):
        if token.type in _NOT_ELEMENTS or (
            token.tag in markdown.inlines and token.type not in ("fence", "code_block")
        ):
            continue
        if token.nesting == 1:
            depth += 1
            continue
        depth -= token.nesting == -1
        if carried is None:
            carried = new_line if depth == 0 else False
        element = markdown.elements.get(token.type)
        new_line = element.new_line if element is not None else True
    return bool(carried), new_line


def _flatten(tokens: list[Token]) -> Iterator[Token]:
    """The tokens in the order Rich's Markdown renders them (``Markdown._flatten_tokens``)."""
    for token in tokens:
        if token.children and not (token.tag == "img" or token.type == "fence"):
            yield from _flatten(token.children)
        else:
            yield token


def _cell_spans(text: str, highlighter: Highlighter) -> list[tuple[int, int]]:
    from rich.cells import cell_len

    if text.isascii():
        return highlighter(text)
    return [(cell_len(text[:start]), cell_len(text[:end])) for start, end in highlighter(text)]


# -- the lines the reader shows ----------------------------------------------------------------


class Hits:
    """(line, first cell, cell past the end) of every hit, in order, kept as arrays."""

    def __init__(self) -> None:
        self.lines, self.starts, self.ends = array("I"), array("I"), array("I")

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, index: int) -> tuple[int, int, int]:
        return self.lines[index], self.starts[index], self.ends[index]

    def on_line(self, line: int) -> list[tuple[int, int]]:
        first, last = bisect_left(self.lines, line), bisect_right(self.lines, line)
        return [(self.starts[index], self.ends[index]) for index in range(first, last)]


class ArticleLines:
    """The lines of one article at one width, as far as they are rendered yet."""

    def __init__(self, width: int, hit_style: Style) -> None:
        self.width = width
        self.hit_style = hit_style
        self.chunks: list[Chunk] = []
        self.starts = array("I")  # each chunk's first line
        self.hits = Hits()
        self.complete = False
        self._count = 0
        self._strips: dict[int, Strip] = {}

    def append(self, chunk: Chunk) -> None:
        first = self._count
        self.chunks.append(chunk)
        self.starts.append(first)
        self._count += len(chunk)
        for line, start, end in chunk.hits:
            self.hits.lines.append(first + line)
            self.hits.starts.append(start)
            self.hits.ends.append(end)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> Strip:
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        strip = self._strips.get(index)
        if strip is None:
            chunk, line = self.locate(index)
            strip = Strip(self.chunks[chunk].segments(line))
            spans = self.hits.on_line(index)
            if spans:
                strip = style_spans(strip, spans, self.hit_style)
            if len(self._strips) >= _CACHED_STRIPS:
                self._strips.clear()
            self._strips[index] = strip
        return strip

    def __iter__(self) -> Iterator[Strip]:
        return (self[index] for index in range(self._count))

    def locate(self, line: int) -> tuple[int, int]:
        """The chunk holding ``line`` (clamped to the lines there are), and the line in it."""
        if not self.chunks:
            return 0, 0
        line = max(0, min(line, self._count - 1))
        chunk = bisect_right(self.starts, line) - 1
        return chunk, line - self.starts[chunk]


def style_spans(strip: Strip, spans: list[tuple[int, int]], style: Style) -> Strip:
    """``strip`` with ``style`` laid over the cell ranges in ``spans``."""
    cuts = sorted({cut for span in spans for cut in span} | {strip.cell_length})
    starts = {start for start, _ in spans}
    parts = strip.divide(cuts)
    bounds = [0, *cuts]
    return Strip.join(
        Strip(Segment.apply_style(part, post_style=style), part.cell_length)
        if begin in starts
        else part
        for begin, part in zip(bounds, parts, strict=False)
    )
