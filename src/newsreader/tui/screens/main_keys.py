"""The main screen's keys: one list that feeds the Footer, the help screen and the palette.

Each binding's description is the words the Footer and the palette show; its tooltip the longer
hint the help screen adds. Kept apart from the screen, which routes each action to the
collaborator doing the work.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

MAIN_KEYS: list[BindingType] = [
    # priority: the keys typed right after "/" must reach the search bar, not the list
    Binding("slash", "focus_search", "Search", tooltip="Type to filter the list", priority=True),
    Binding("n", "next_unread(1)", "Next unread", tooltip="Open the next unread article"),
    Binding("p", "next_unread(-1)", "Prev unread", show=False, tooltip="Open the previous unread"),
    Binding("J", "next_article", "Next", show=False, tooltip="The next article, read or not"),
    Binding("K", "previous_article", "Prev", show=False, tooltip="The previous article"),
    Binding("b", "toggle_bookmark", "Bookmark", tooltip="Bookmark or unbookmark"),
    Binding("B", "bookmarks_only", "Bookmarks only", show=False, tooltip="Show only bookmarks"),
    Binding("u", "toggle_read", "Read/unread", show=False),
    Binding("A", "mark_all_read", "Mark all read", show=False, tooltip="Every article listed"),
    Binding("U", "undo_mark_all", "Undo mark all", show=False),
    Binding(
        "o",
        "open_url",
        "Open in browser",
        show=False,
        tooltip="Where no browser can start, copy the url and show it",
    ),
    Binding("y", "copy_url", "Copy url", show=False, tooltip="Copy the url to the clipboard"),
    Binding("e", "edit", "Edit", show=False, tooltip="Open the file in $VISUAL or $EDITOR"),
    Binding("s", "cycle_sort", "Sort", tooltip="Newest, oldest, title, source"),
    Binding("r", "rescan", "Rescan", show=False, tooltip="Look for new and changed files"),
    Binding("exclamation_mark", "problems", "Problems", show=False),
    Binding("S", "sources", "Sources", show=False, tooltip="Sources and folders, with counts"),
    Binding("c", "story", "Story", show=False, tooltip="Every report of this event"),
    Binding("C", "next_report", "Next report", show=False, tooltip="Of the same story"),
    Binding(
        "v",
        "one_per_story",
        "One per story",
        show=False,
        tooltip="Collapse the list to stories, or not",
    ),
    Binding("less_than_sign", "widen_list(-1)", "Narrower list", show=False, tooltip="5% a press"),
    Binding("greater_than_sign", "widen_list(1)", "Wider list", show=False),
    Binding("w", "toggle_reader", "List only", show=False, tooltip="Hide or show the reader"),
    Binding("escape", "clear_query", "Clear search", show=False, tooltip="Show every article"),
]
