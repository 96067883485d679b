"""The reader: one article, wrapped to the pane, with the query's words highlighted.

It renders the article once per width into a list of :class:`Strip` lines and draws them with the
Line API. Owning the lines is what makes the search features exact: a hit is a (line, column)
pair, so ``]`` scrolls precisely to it and the counter says ``hit 2/7``. Markdown articles go
through Rich's Markdown renderer with hyperlinks off, so a link in an article is shown as text
(``label (url)``) and can never be clicked or emitted to the terminal as an escape sequence;
plain-text articles are ``Text`` built from the strings, never parsed as markup.
"""

from __future__ import annotations

import math
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...library import Article
from ...library.sanitize import clean_rendered
from ...library.search import Highlighter

WORDS_PER_MINUTE = 200


class Reader(ScrollView, can_focus=True):
    """Shows an :class:`Article` (or a message) and moves between the query's hits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll_lines(-1)", "Scroll up", show=False),
        Binding("down,j", "scroll_lines(1)", "Scroll down", show=False),
        Binding("space,pagedown", "page(1)", "Page down", show=False),
        Binding("shift+space,pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "top", "Top", show=False),
        Binding("end,G", "bottom", "Bottom", show=False),
        # shown in the reader's border (`hit 2/7`), not the Footer: at 80 columns it has no room
        Binding("right_square_bracket", "hit(1)", "Next hit", show=False),
        Binding("left_square_bracket", "hit(-1)", "Prev hit", show=False),
        Binding("escape,left,h", "back", "Back", tooltip="Back to the article list"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--title",
        "reader--meta",
        "reader--hit",
        "reader--current-hit",
        "reader--message",
    }

    DEFAULT_CSS = """
    Reader {
        overflow-x: hidden;
        scrollbar-gutter: stable;
        & > .reader--title { text-style: bold; color: $text-primary; }
        & > .reader--meta { color: $text-muted; }
        & > .reader--hit { background: $warning 30%; }
        & > .reader--current-hit { background: $warning; color: $background; text-style: bold; }
        & > .reader--message { color: $text-muted; }
    }
    """

    class Back(Message):
        """The user wants the article list again."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.article_id: str | None = None
        self.message = ""
        self._highlighter: Highlighter | None = None
        self._lines: list[Strip] = []
        self._rendered_width = -1
        self._hits: list[tuple[int, int, int]] = []
        self.hit_index = -1

    # -- what the screen calls -----------------------------------------------------------------

    def show_article(
        self,
        article: Article,
        article_id: str,
        *,
        highlighter: Highlighter | None = None,
        line: int | None = None,
    ) -> None:
        """Show ``article``: at its first hit when there are any, else at ``line``."""
        self.article, self.article_id, self.message = article, article_id, ""
        self._highlighter = highlighter
        self._render_lines(force=True)
        if self._hits:
            self.hit_index = 0
            self._scroll_to_hit()
        else:
            self.hit_index = -1
            self._scroll_line(line or 0)
        self._update_subtitle()

    def show_message(self, message: str) -> None:
        """No article: explain why (empty library, no results), as plain text."""
        self.article, self.article_id, self.message = None, None, message
        self._highlighter = None
        self._hits, self.hit_index = [], -1
        self._render_lines(force=True)
        self.scroll_to(y=0, animate=False, immediate=True)
        self._update_subtitle()

    @property
    def highlighter(self) -> Highlighter | None:
        """What marks the query's words in the article shown."""
        return self._highlighter

    @property
    def hit_count(self) -> int:
        return len(self._hits)

    # -- actions -------------------------------------------------------------------------------

    def action_scroll_lines(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_y + delta, animate=False, immediate=True)

    def action_page(self, direction: int) -> None:
        page = max(1, self.scrollable_content_region.height - 2)
        self.scroll_to(y=self.scroll_y + direction * page, animate=False, immediate=True)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def action_hit(self, step: int) -> None:
        if not self._hits:
            self.notify("No matches in this article", timeout=2)
            return
        self.hit_index = (self.hit_index + step) % len(self._hits)
        self._scroll_to_hit()
        self._update_subtitle()
        self.refresh()

    def action_back(self) -> None:
        self.post_message(self.Back())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hit":
            return bool(self._hits)
        return True

    def _scroll_to_hit(self) -> None:
        line = self._hits[self.hit_index][0]
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_y)
        if not top <= line < top + height - 1:
            self._scroll_line(max(0, line - height // 3))

    def _scroll_line(self, line: int) -> None:
        """Scroll to ``line`` now, and again after layout if the pane was not sized yet."""
        self.scroll_to(y=line, animate=False, immediate=True)
        if int(self.scroll_y) != line:
            self.call_after_refresh(self.scroll_to, y=line, animate=False, immediate=True)

    def _update_subtitle(self) -> None:
        had_hits = bool(self.border_subtitle)
        self.border_subtitle = f"hit {self.hit_index + 1}/{len(self._hits)}" if self._hits else ""
        if had_hits != bool(self._hits):  # the hit keys come and go with hits
            self.refresh_bindings()

    # -- rendering -----------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._render_lines()

    def _render_lines(self, force: bool = False) -> None:
        """Wrap the article to the pane's width and find the hits: once per article and width."""
        width = max(10, self.scrollable_content_region.width)
        if width == self._rendered_width and not force:
            return
        top_line = int(self.scroll_y)
        old_count = max(1, len(self._lines))
        self._rendered_width = width
        console = self.app.console
        options = console.options.update_width(width)
        lines = console.render_lines(self._renderable(), options, pad=False)
        hit_style = self.get_component_rich_style("reader--hit")
        self._hits = []
        strips: list[Strip] = []
        for number, segments in enumerate(lines):
            strip = Strip(Segment(clean_rendered(t), s, c) for t, s, c in segments)
            if self._highlighter is not None:
                strip = self._mark_hits(strip, number, hit_style)
            strips.append(strip)
        self._lines = strips
        self.virtual_size = Size(width, len(strips))
        if not force and self.hit_index < 0:  # keep the same place in the text across widths
            self.scroll_to(y=top_line * len(strips) // old_count, animate=False, immediate=True)
        self.hit_index = min(self.hit_index, len(self._hits) - 1)
        self.refresh()

    def _renderable(self) -> RenderableType:
        style = self.get_component_rich_style
        if self.article is None:
            return Text(self.message, style=style("reader--message"))
        article = self.article
        head = Text(article.title or "(untitled)", style=style("reader--title"))
        meta = Text(_metadata(article), style=style("reader--meta"))
        if article.markup == "markdown":
            body: RenderableType = Markdown("\n\n".join(article.body), hyperlinks=False)
        else:
            body = Text("\n\n".join(article.body))
        return Group(head, meta, Text(""), body, Text(""))

    def _mark_hits(self, strip: Strip, number: int, hit_style: Style) -> Strip:
        """Style the query's words on one rendered line and record them as hits."""
        assert self._highlighter is not None
        text = strip.text
        spans = [
            (cell_len(text[:start]), cell_len(text[:end])) for start, end in self._highlighter(text)
        ]
        if not spans:
            return strip
        self._hits.extend((number, start, end) for start, end in spans)
        return _style_spans(strip, spans, hit_style)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        index = int(self.scroll_y) + y
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._lines[index]
        if 0 <= self.hit_index < len(self._hits):
            line, start, end = self._hits[self.hit_index]
            if line == index:
                current = self.get_component_rich_style("reader--current-hit")
                strip = _style_spans(strip, [(start, end)], current)
        return strip.crop_extend(0, width, None).apply_style(base)


def _metadata(article: Article) -> str:
    """``source · date · N min read · url``, leaving out what the article doesn't have."""
    minutes = max(1, math.ceil(article.words / WORDS_PER_MINUTE))
    parts = [
        article.source,
        article.date.isoformat() if article.date else None,
        f"{minutes} min read",
        article.url,
    ]
    return " · ".join(part for part in parts if part)


def _style_spans(strip: Strip, spans: list[tuple[int, int]], style: Style) -> Strip:
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
