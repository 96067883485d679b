"""The reader: one article, in a column of at most ``reader_width`` cells centred in the pane,
with the query's words highlighted.

It owns the article's rendered lines (:mod:`.article_lines`) and draws them with the Line API.
Owning the lines is what makes the search features exact: a hit is a (line, column) pair, so
``]`` scrolls precisely to it and the counter says ``hit 2/7``. Markdown articles go through
Rich's Markdown renderer with hyperlinks off (:mod:`.reader_markdown`): a link is shown as its
text and a number, ``label[1]``, its url listed under the article, and is never emitted to the
terminal as an escape sequence; plain-text articles are ``Text`` built from the strings, never
parsed as markup. The header (:mod:`.reader_header`) is laid out for the column by hand.

An article is either previewed (the list's cursor passed over it: shown from the top) or opened
for reading (:attr:`Reader.reading`): only then is its place worth keeping and restoring.

The first screenful (or a whole short article) is rendered at once; the rest of a long one in a
thread worker, a few KB at a time, so a 5 MB article no longer freezes the app for seconds.
While it renders, the counter says ``hit 3/40+``. A new width is rendered the same way while the
old lines stay on screen, and swapped in at the same place in the text once it gets there.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...library import Article
from ...library.search import Highlighter
from .article_lines import ArticleLines, Chunk, Hits, Piece, Renderer, style_spans
from .reader_bindings import READER_BINDINGS, READER_CSS, READER_PARTS
from .reader_header import ArticleStyles, article_pieces, progress
from .reader_job import SYNC_CHARACTERS, RenderJob, same_text_line
from .reader_markdown import LinkNumbers


class Reader(ScrollView, can_focus=True):
    """Shows an :class:`Article` (or a message) and moves between the query's hits."""

    BINDINGS: ClassVar[list[BindingType]] = READER_BINDINGS
    COMPONENT_CLASSES: ClassVar[set[str]] = READER_PARTS
    DEFAULT_CSS = READER_CSS

    class Back(Message):
        """The user wants the article list again."""

    class LinksWanted(Message):
        """The user wants the article's links: the picker, on link ``number`` if given."""

        def __init__(self, number: int | None) -> None:
            super().__init__()
            self.number = number

    def __init__(
        self, *, column: int = 80, id: str | None = None, classes: str | None = None
    ) -> None:
        """``column``: the widest the text grows, in cells (0: the whole pane)."""
        super().__init__(id=id, classes=classes)
        self.column = column
        self.article: Article | None = None
        self.article_id: str | None = None
        self.message = ""
        self.reading = False
        """Opened for reading (Enter, n/p), not previewed: its place is worth keeping."""
        self.bookmarked = False
        self.also = ""
        self._highlighter: Highlighter | None = None
        self._layout = ArticleLines(-1, Style())
        self._job: RenderJob | None = None
        self._link_numbers = LinkNumbers()
        self.hit_index = -1
        self._first_hit_wanted = False
        self._line_wanted: int | None = None
        self._placed: int | None = None  # where this widget last scrolled itself to
        self._keys = (False, False)  # whether the hit keys and the link key are offered

    # -- what the screen calls -----------------------------------------------------------------

    def show_article(
        self,
        article: Article,
        article_id: str,
        *,
        highlighter: Highlighter | None = None,
        line: int | None = None,
        reading: bool = False,
        bookmarked: bool = False,
        to_hit: bool = True,
        also: str = "",
    ) -> None:
        """Show ``article``: at its first hit when there are any (and ``to_hit``), else at
        ``line``. ``also`` names the other reports of its story, under the header."""
        self.article, self.article_id, self.message = article, article_id, ""
        self.also = also
        self.reading, self.bookmarked = reading, bookmarked
        self._highlighter = highlighter
        self.hit_index = -1
        self._first_hit_wanted = highlighter is not None and to_hit
        self._line_wanted = line or 0
        self._placed = None
        self._start(new_text=True)
        self._place()
        if self._line_wanted is not None:  # not rendered that far yet: show the top meanwhile
            self._scroll_line(0)
        self._update_subtitle()

    def resume(self, line: int) -> None:
        """The previewed article is now read: go to ``line``, where the reader left it, unless
        the user has moved in the preview or the query's first hit is the place to be."""
        self.reading = True
        if self._highlighter is None and int(self.scroll_y) == 0 and self._placed in (0, None):
            self._line_wanted = line
            self._place()

    def set_bookmarked(self, bookmarked: bool) -> None:
        """Show or take away the bookmark mark: the text again, at the same place."""
        if self.article is not None and bookmarked != self.bookmarked:
            self.bookmarked = bookmarked
            self._start(new_text=False)

    def set_also(self, also: str) -> None:
        """Name the story's other reports (known once stories load): the text again, in place."""
        if self.article is not None and also != self.also:
            self.also = also
            self._start(new_text=False)

    def show_message(self, message: str) -> None:
        """No article: explain why (empty library, no results), as plain text."""
        self.article, self.article_id, self.message = None, None, message
        self.reading = self.bookmarked = False
        self._highlighter = None
        self.hit_index = -1
        self._first_hit_wanted, self._line_wanted = False, None
        self._start(new_text=True)
        self.scroll_to(y=0, animate=False, immediate=True)
        self._update_subtitle()

    @property
    def highlighter(self) -> Highlighter | None:
        """What marks the query's words in the article shown."""
        return self._highlighter

    @property
    def hit_count(self) -> int:
        return len(self._hits)

    @property
    def links(self) -> list[str]:
        """The urls of the article's numbered links, as far as it is rendered: link N is
        ``links[N - 1]``."""
        return self._link_numbers.urls()

    @property
    def rendering(self) -> bool:
        """Lines (or a new width's lines) are still being rendered in the background."""
        return self._job is not None and not self._job.lines.complete

    @property
    def _lines(self) -> ArticleLines:
        return self._layout

    @property
    def _hits(self) -> Hits:
        return self._layout.hits

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
        self._first_hit_wanted, self._line_wanted = False, None  # the user chose a place
        self._scroll_to_hit()
        self._update_subtitle()
        self.refresh()

    def action_back(self) -> None:
        self.post_message(self.Back())

    def action_links(self, number: int | None = None) -> None:
        self.post_message(self.LinksWanted(number))

    def on_key(self, event: events.Key) -> None:
        """A digit is a link's number: the picker, on that link (not a binding: nine of them
        would crowd the help screen)."""
        if event.character in tuple("123456789") and len(self._link_numbers):
            event.stop()
            self.action_links(int(event.character))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hit":
            return bool(self._hits)
        if action == "links":
            return bool(len(self._link_numbers))
        return True

    def _scroll_to_hit(self) -> None:
        line = self._hits[self.hit_index][0]
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_y)
        if not top <= line < top + height - 1:
            self._scroll_line(max(0, line - height // 3))

    def _scroll_line(self, line: int) -> None:
        """Scroll to ``line`` now, and again after layout if the pane was not sized yet."""
        self._placed = line
        self.scroll_to(y=line, animate=False, immediate=True)
        if int(self.scroll_y) != line:
            self.call_after_refresh(self._scroll_to_placed)

    def _scroll_to_placed(self) -> None:
        """The deferred half of :meth:`_scroll_line`: to where this widget last meant to be.
        Not the line it meant when deferred: two resizes in a row (two widths) each place the
        text, and the first one's deferred scroll, coming last, put the reader paragraphs back."""
        if self._placed is not None:
            self.scroll_to(y=self._placed, animate=False, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        """``hit 2/7 · 45%``: the hit shown, and how far through the article the pane's bottom
        is (once the article is rendered to its end: before, the total is not known)."""
        count = len(self._hits)
        more = "+" if self._highlighter is not None and self.rendering else ""
        parts = [f"hit {self.hit_index + 1}/{count}{more}"] if count else []
        if self.article is not None and self._layout.complete:
            height = self.scrollable_content_region.height
            parts.append(progress(int(self.scroll_y), height, len(self._layout)))
        self.border_subtitle = " · ".join(part for part in parts if part)
        keys = (bool(count), bool(len(self._link_numbers)))
        if keys != self._keys:  # the hit keys come and go with hits, the link key with links
            self._keys = keys
            self.refresh_bindings()

    # -- rendering -----------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self._width() != self._layout.width:
            self._start(new_text=False)

    def _width(self) -> int:
        """The column's width: the pane's, up to ``column`` cells."""
        pane = max(10, self.scrollable_content_region.width)
        return min(pane, self.column) if self.column else pane

    def _start(self, *, new_text: bool) -> None:
        """Render the text (a new one, or the one shown at a new width): a screenful, or a short
        article whole, now; the rest in a worker."""
        width = self._width()
        console = self.app.console
        options = console.options.update_width(width)
        renderer = Renderer(console, options, self._highlighter, self._style("reader--heading"))
        styles = ArticleStyles(
            *(self._style(f"reader--{name}") for name in ("title", "meta", "heading"))
        )
        pieces = (
            article_pieces(self.article, width, renderer.links, styles, self.bookmarked, self.also)
            if self.article is not None
            else iter([Piece(self.message, self._style("reader--message"))])
        )
        job = RenderJob(pieces, renderer, ArticleLines(width, self._style("reader--hit")))
        self._job = job
        height = self.scrollable_content_region.height or self.app.size.height
        body = self.article.body if self.article is not None else (self.message,)
        job.render_first(height, short=sum(map(len, body)) <= SYNC_CHARACTERS)
        if new_text:
            self._layout, self._link_numbers = job.lines, renderer.links
            self.virtual_size = Size(width, len(job.lines))
            self.refresh()
        else:
            self._line_wanted = None  # a saved line counts in the old width's lines
            self._swap_in(job)
        if not job.lines.complete:
            self.run_worker(
                lambda: job.render_rest(
                    lambda chunks, complete: self.app.call_from_thread(
                        self._receive, job, chunks, complete
                    )
                ),
                thread=True,
                exclusive=True,
                group="reader-render",
                exit_on_error=False,
            )

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    def _receive(self, job: RenderJob, chunks: list[Chunk], complete: bool) -> None:
        if job is not self._job:
            return  # another article or width came since
        for chunk in chunks:
            job.lines.append(chunk)
        job.lines.complete = complete
        if job.lines is self._layout:
            self.virtual_size = Size(job.lines.width, len(job.lines))
            self._place()
            self._update_subtitle()
            self.refresh()
        else:
            self._swap_in(job)

    def _place(self) -> None:
        """Go to the first hit, else the saved line, as soon as they are rendered, unless the
        user has moved meanwhile."""
        if self._placed is not None and int(self.scroll_y) != self._placed:
            self._first_hit_wanted, self._line_wanted = False, None
        lines = self._layout
        if self._hits and self.hit_index < 0:
            self.hit_index = 0
            if self._first_hit_wanted:
                self._first_hit_wanted, self._line_wanted = False, None
                self._scroll_to_hit()
                return
        if self._line_wanted is not None and (self._line_wanted < len(lines) or lines.complete):
            line, self._line_wanted = self._line_wanted, None
            self._scroll_line(min(line, len(lines)))

    def _swap_in(self, job: RenderJob) -> None:
        """Show a new width's lines once they reach the place read in the old ones."""
        old, new = self._layout, job.lines
        height = max(1, self.scrollable_content_region.height)
        chunk, line = old.locate(int(self.scroll_y))
        if not new.complete:
            if len(new.chunks) <= chunk or self.hit_index >= len(new.hits):
                return
            if len(new) < new.starts[chunk] + height * 2:
                return
        hit_shown = 0 <= self.hit_index < len(old.hits) and (
            int(self.scroll_y) <= old.hits[self.hit_index][0] < int(self.scroll_y) + height
        )
        top = 0
        if chunk < len(new.chunks) and old.chunks:
            top = new.starts[chunk] + same_text_line(old.chunks[chunk], line, new.chunks[chunk])
        self._layout, self._link_numbers = new, job.renderer.links
        self.virtual_size = Size(new.width, len(new))
        self.hit_index = min(self.hit_index, len(new.hits) - 1)
        self._scroll_line(top)
        if hit_shown and self.hit_index >= 0:
            self._scroll_to_hit()
        self._update_subtitle()
        self.refresh()

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
                current = self._style("reader--current-hit")
                strip = style_spans(strip, [(start, end)], current)
        margin = (width - self._lines.width) // 2  # the column, centred in a wider pane
        if margin > 0:
            strip = Strip.join([Strip.blank(margin), strip])
        return strip.crop_extend(0, width, None).apply_style(base)
