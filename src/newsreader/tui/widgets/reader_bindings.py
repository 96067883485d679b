"""The reader's keys and the styles of its parts: what it offers, apart from how it draws."""

from __future__ import annotations

from textual.binding import Binding, BindingType

READER_BINDINGS: list[BindingType] = [
    Binding("up,k", "scroll_lines(-1)", "Scroll up", show=False),
    Binding("down,j", "scroll_lines(1)", "Scroll down", show=False),
    Binding("space,pagedown", "page(1)", "Page down", show=False),
    Binding("minus,pageup,shift+space", "page(-1)", "Page up", show=False),
    Binding("home,g", "top", "Top", show=False),
    Binding("end,G", "bottom", "Bottom", show=False),
    # shown in the reader's border (`hit 2/7`), not the Footer: at 80 columns it has no room
    Binding("right_square_bracket", "hit(1)", "Next hit", show=False),
    Binding("left_square_bracket", "hit(-1)", "Prev hit", show=False),
    # the Footer shows the first key shown of an action, in the order ScrollView bound
    # them (left, an arrow, came first): q, which quits in the list, is the one to show
    Binding("q,escape", "back", "Back", tooltip="Back to the article list"),
    Binding("left,h", "back", "Back", show=False, tooltip="Back to the article list"),
    Binding(
        "f",
        "links",
        "Links",
        tooltip="The article's links, to open or copy; or type a link's number (1-9)",
    ),
]

READER_PARTS = {
    "reader--title",
    "reader--meta",
    "reader--heading",
    "reader--hit",
    "reader--current-hit",
    "reader--message",
}
"""The component classes the reader draws its parts in."""

READER_CSS = """
Reader {
    overflow-x: hidden;
    scrollbar-gutter: stable;
    & > .reader--title { text-style: bold; color: $text-primary; }
    & > .reader--meta { color: $text-muted; }
    & > .reader--heading { text-style: bold; color: $text-primary; }
    & > .reader--hit { background: $warning 30%; }
    & > .reader--current-hit { background: $warning; color: $background; text-style: bold; }
    & > .reader--message { color: $text-muted; }
}
"""
