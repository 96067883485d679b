"""The article list: one or two lines per article, drawn with the Line API.

ListView mounts a widget per row and OptionList/DataTable lay out every row up front; both are
unusable at 100,000 articles. This widget only ever renders the rows on screen, so filling it is
assigning a list of integers, and moving the cursor costs a couple of rows' worth of work.

It knows nothing about the library: the screen hands it entries, the display order and the
bookmark/read sets, and it posts :class:`ArticleList.Highlighted` and :class:`ArticleList.Selected`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...library import Entry, folder_of
from ...library.search import Highlighter
from ...library.stories import Stories
from ..contrast import readable
from .list_rows import MetaColumns, RowLooks, RowText, render_row, row_height

_ROW_CACHE_LIMIT = 2000


class ArticleList(ScrollView, can_focus=True):
    """A cursor over ``order`` (catalog positions), rendering only the visible rows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("enter,right,l", "select", "Read", tooltip="Focus the reader"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--cursor-blurred",
        "article-list--meta",
        "article-list--unread",
        "article-list--bookmark",
        "article-list--match",
        "article-list--read",
        "article-list--message",
    }

    DEFAULT_CSS = """
    ArticleList {
        overflow-x: hidden;
        & > .article-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .article-list--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .article-list--meta { color: $text-muted; }
        & > .article-list--unread { color: $accent; text-style: bold; }
        & > .article-list--bookmark { color: $warning; }
        & > .article-list--match { color: $text-warning; text-style: bold underline; }
        & > .article-list--read { color: $text-muted; }
        & > .article-list--message { color: $text-muted; }
    }
    """

    virtual_size: reactive[Size] = reactive(Size(0, 0), layout=False)
    """Redeclared without ``layout``: a new result count re-lays out the whole screen otherwise,
    several milliseconds a keystroke; :meth:`show` updates the scrollbar itself instead."""

    cursor: reactive[int] = reactive(0, always_update=True, init=False)
    """Index into ``order`` of the highlighted row."""

    class Highlighted(Message):
        """The cursor moved to the article at catalog ``position`` (None: the list is empty)."""

        def __init__(self, position: int | None) -> None:
            super().__init__()
            self.position = position

    class Selected(Message):
        """The user chose the article at catalog ``position`` (Enter, or a click on the row)."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: Sequence[Entry] = ()
        self.order: Sequence[int] = ()
        self.bookmarked: set[str] = set()
        self.read: Collection[str] = frozenset()
        self.message: str = ""
        self.columns = MetaColumns()
        self.stories: Stories | None = None
        """The catalog's stories, once loaded: a row says how many other reports its story has."""
        self.row_height = 1
        """Lines per row: 2 where one line cannot hold a long headline (see ``list_rows``)."""
        self._highlighter: Highlighter | None = None
        self._rows: dict[tuple[int, int, int, tuple[tuple[int, int], ...]], list[Strip]] = {}
        self._looks_cache: dict[tuple[Style, int], RowLooks] = {}

    # -- what the screen calls -----------------------------------------------------------------

    def show(
        self,
        entries: Sequence[Entry],
        order: Sequence[int],
        *,
        highlighter: Highlighter | None = None,
        cursor_position: int | None = None,
        message: str = "",
        columns: MetaColumns | None = None,
    ) -> None:
        """Replace the rows. ``cursor_position`` is a catalog position to keep highlighted;
        ``columns`` says which of the source and date columns any article has."""
        if entries is not self.entries:
            self._rows.clear()  # a new catalog: positions name other articles
        self.entries = entries
        self.order = order
        self.message = message
        self._highlighter = highlighter
        if columns is not None and columns != self.columns:
            self.columns = columns
            self._rows.clear()
        self._lay_out(self.size.width)
        # the scrollbar's length and visibility (a change of visibility still asks for a layout)
        self._scroll_update(self.virtual_size)
        index = 0
        if cursor_position is not None:
            try:
                index = order.index(cursor_position)
            except ValueError:
                index = 0
        self.cursor = index
        top = max(0, index - self._rows_on_screen() // 3) * self.row_height
        self.scroll_to(y=top, animate=False, immediate=True)
        self.refresh()

    def _lay_out(self, width: int) -> None:
        """The row height for this width, and the scrollable height it gives."""
        inner = self.scrollable_content_region.width or width
        height = row_height(inner, self.columns)
        if height != self.row_height:
            self.row_height = height
            self._rows.clear()
        self.virtual_size = Size(width, len(self.order) * self.row_height)

    def _rows_on_screen(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height)

    def show_stories(self, stories: Stories | None) -> None:
        """The stories of the entries shown (loaded after them, in a worker)."""
        self.stories = stories
        self.refresh_marks()

    def refresh_marks(self) -> None:
        """Redraw after a bookmark or read change (the sets are shared with the screen)."""
        self._rows.clear()
        self.refresh()

    @property
    def highlighted(self) -> int | None:
        """The catalog position under the cursor, if any."""
        if 0 <= self.cursor < len(self.order):
            return self.order[self.cursor]
        return None

    # -- cursor --------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.order) - 1)) if self.order else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_cursor_into_view()
        self.post_message(self.Highlighted(self.highlighted))

    def _refresh_row(self, index: int) -> None:
        first = index * self.row_height - int(self.scroll_y)
        for y in range(first, first + self.row_height):
            if 0 <= y < self.size.height:
                self.refresh_line(y)

    def _scroll_cursor_into_view(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        top, first = int(self.scroll_y), self.cursor * self.row_height
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif first + self.row_height > top + height:
            self.scroll_to(y=first + self.row_height - height, animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.order) - 1

    def action_page_up(self) -> None:
        self.cursor -= max(1, self._rows_on_screen() - 1)

    def action_page_down(self) -> None:
        self.cursor += max(1, self._rows_on_screen() - 1)

    def action_select(self) -> None:
        position = self.highlighted
        if position is not None:
            self.post_message(self.Selected(position))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (int(self.scroll_y) + offset.y) // self.row_height
        if 0 <= index < len(self.order):
            self.cursor = index
            if event.chain >= 2:
                self.action_select()

    def _on_focus(self, event: events.Focus) -> None:
        self._refresh_row(self.cursor)  # the row cache keys on focus: only this row changes

    def _on_blur(self, event: events.Blur) -> None:
        self._refresh_row(self.cursor)

    def on_resize(self, event: events.Resize) -> None:
        self._rows.clear()
        self._lay_out(event.size.width)
        self._scroll_cursor_into_view()

    # -- rendering -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        line = int(self.scroll_y) + y
        index, part = divmod(line, self.row_height)
        base = self.rich_style
        if not self.order:
            return self._message_line(y, width, base)
        if index >= len(self.order):
            return Strip.blank(width, base)
        state = (2 if self.has_focus else 1) if index == self.cursor else 0
        position = self.order[index]
        entry = self.entries[position]
        # keyed by the matched spans, not the query: a row whose matches did not change with
        # the keystroke is not drawn again
        spans = tuple(self._highlighter(entry.title)) if self._highlighter is not None else ()
        key = (position, width, state, spans)
        strips = self._rows.get(key)
        if strips is None or len(strips) != self.row_height:
            if len(self._rows) > _ROW_CACHE_LIMIT:
                self._rows.clear()
            story = self.stories.of(position) if self.stories is not None else None
            text = RowText(
                title=entry.title,
                source=entry.source or folder_of(entry.path),
                date=entry.date.isoformat() if entry.date else "",
                unread=entry.id not in self.read,
                bookmarked=entry.id in self.bookmarked,
                spans=spans,
                also=len(story) - 1 if story is not None else 0,
            )
            looks = self._looks(base, state)
            strips = render_row(text, width, self.row_height, self.columns, looks)
            self._rows[key] = strips
        return strips[part]

    def _message_line(self, y: int, width: int, base: Style) -> Strip:
        """The empty list's explanation, wrapped to the pane (it is plain text, never markup)."""
        lines = Text(self.message, style=self.get_component_rich_style("article-list--message"))
        wrapped = lines.wrap(self.app.console, max(10, width - 2))
        if 1 <= y <= len(wrapped):
            line = wrapped[y - 1]
            segments = [Segment(" "), *line.render(self.app.console)]
            return Strip(segments).adjust_cell_length(width).apply_style(base)
        return Strip.blank(width, base)

    def _looks(self, base: Style, state: int) -> RowLooks:
        """The styles of a row's parts, worked out once per theme, not once per row."""
        looks = self._looks_cache.get((base, state))
        if looks is None:
            cursor = {2: "article-list--cursor", 1: "article-list--cursor-blurred"}.get(state)
            # the cursor's colours go underneath, so marks and matched words stay visible on it
            row = base + self.get_component_rich_style(cursor) if cursor else base
            if cursor and row.bgcolor is not None:
                row += Style(color=readable(row.color, row.bgcolor))

            def part(name: str) -> Style:
                full = self.get_component_rich_style(name)
                color = full.color
                if cursor and row.bgcolor is not None:  # on the cursor: only what reads on it
                    color = readable(color, row.bgcolor, row.color)
                return row + Style(
                    color=color, bold=full.bold, underline=full.underline, italic=full.italic
                )

            looks = self._looks_cache[(base, state)] = RowLooks(
                row=row,
                read=part("article-list--read"),
                unread=part("article-list--unread"),
                bookmark=part("article-list--bookmark"),
                match=part("article-list--match"),
                meta=part("article-list--meta"),
            )
        return looks

    def notify_style_update(self) -> None:
        """A new theme or stylesheet: every cached look and row is out of date."""
        super().notify_style_update()
        self._looks_cache.clear()
        self._rows.clear()
