"""The ways out of an article: its url in the browser or the clipboard, its links, its file in
the user's editor.

Opening a url goes through ``App.open_url`` (the browser, or the browser of a Textual Web
session), but only where a browser can be started: over SSH or on a headless machine Python's
``webbrowser`` finds none, and ``open_url`` would silently do nothing. Then the url is copied to
the clipboard with the terminal's OSC 52 (``App.copy_to_clipboard``, which works over SSH in most
terminals) and shown in the notice, so it can be copied by hand where even that fails.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import webbrowser
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported
from textual.worker import get_current_worker

from ...library import Article
from .. import texts
from .link_picker import LinkPicker

if TYPE_CHECKING:
    from .main import MainScreen


def browser_available() -> bool:
    """Whether ``webbrowser`` can start a browser that is not a text-mode one.

    A text-mode browser (lynx, w3m: what ``webbrowser`` finds without a display) would take over
    the terminal the app is drawing on; a graphical one is started in the background.
    """
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    return type(browser) is not webbrowser.GenericBrowser


def editor_command() -> list[str] | None:
    """``$VISUAL``, else ``$EDITOR``, split as a shell would (``code --wait``); None if unset."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError:
                continue
    return None


class ReadingActions:
    """What ``o``, ``y``, ``e`` and the link keys do, for the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        self._screen = screen

    def _url(self) -> str | None:
        """The highlighted article's url, or None after saying why it cannot be used."""
        screen = self._screen
        position = screen.articles.highlighted
        if position is None or screen.catalog is None:
            return None
        url = screen.catalog.entries[position].url
        refusal = texts.url_refusal(url)
        if refusal is not None:
            screen.notify(refusal, severity="warning", markup=False)
            return None
        return url

    # -- urls ----------------------------------------------------------------------------------

    def open_url(self, url: str | None = None) -> None:
        """Open ``url`` (the article's by default) in the browser, or copy it where there is
        none. Finding the browser may run a program (``xdg-settings``): it is done in a thread."""
        url = url or self._url()
        if url is None:
            return
        screen = self._screen
        if screen.app.is_web:
            screen.app.open_url(url)
            return

        def find() -> None:
            available = browser_available()
            if not get_current_worker().is_cancelled:
                screen.app.call_from_thread(self._open_or_copy, url, available)

        screen.run_worker(find, thread=True, group="browser", exit_on_error=False)

    def _open_or_copy(self, url: str, available: bool) -> None:
        if available:
            self._screen.app.open_url(url)
            return
        self._screen.app.copy_to_clipboard(url)
        self._screen.notify(
            f"No browser can be started here; the url is copied to the clipboard:\n{url}",
            severity="warning",
            timeout=10,
            markup=False,
        )

    def copy_url(self, url: str | None = None) -> None:
        url = url or self._url()
        if url is not None:
            self._screen.app.copy_to_clipboard(url)
            self._screen.notify(f"Copied {url}", timeout=3, markup=False)

    # -- the article's links -------------------------------------------------------------------

    def pick_link(self, number: int | None) -> None:
        """The picker of the article's links, on link ``number`` when given."""
        links = self._screen.reader.links
        if not links:
            self._screen.notify("No links in this article", timeout=2)
            return
        if number is not None and not 1 <= number <= len(links):
            self._screen.notify(f"No link {number}: this article has {len(links)}", timeout=2)
            number = None

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                what, url = choice
                (self.open_url if what == "open" else self.copy_url)(url)

        self._screen.app.push_screen(LinkPicker(links, number), chosen)

    # -- the file ------------------------------------------------------------------------------

    def edit(self) -> None:
        """Open the article's file in the user's editor, the app suspended meanwhile; then read
        it again and show the article where the reader was."""
        screen = self._screen
        position = screen.articles.highlighted
        if position is None or screen.catalog is None:
            return
        entry = screen.catalog.entries[position]
        command = editor_command()
        if command is None:
            screen.notify("Set $VISUAL or $EDITOR to edit articles", severity="warning")
            return
        reader = screen.reader
        line = int(reader.scroll_y) if reader.article_id == entry.id else 0
        failed: OSError | None = None
        try:
            with self.suspended():
                try:  # inside: Textual resumes the app only when the block ends normally
                    subprocess.run([*command, str(screen.library.root / entry.path)], check=False)
                except OSError as error:
                    failed = error
        except SuspendNotSupported:
            screen.notify("This terminal cannot hand over to an editor", severity="warning")
            return
        if failed is not None:
            reason = failed.strerror or str(failed)
            screen.notify(f"Cannot start {command[0]}: {reason}", severity="error", markup=False)
            return
        screen.loader.scan(manual=False, then=lambda: self._reopen(entry.id, line))

    def suspended(self) -> AbstractContextManager[None]:
        """The app handing the terminal over (a seam: the test driver cannot suspend)."""
        return self._screen.app.suspend()

    def _reopen(self, article_id: str, line: int) -> None:
        screen = self._screen

        def read() -> None:
            article = screen.library.article_by_id(article_id)
            if article is not None and not get_current_worker().is_cancelled:
                screen.app.call_from_thread(show, article)

        def show(article: Article) -> None:
            reader = screen.reader
            if reader.article_id == article_id:
                reader.show_article(
                    article,
                    article_id,
                    highlighter=reader.highlighter,
                    line=line,
                    to_hit=False,
                    reading=reader.reading,
                    bookmarked=reader.bookmarked,
                )

        screen.run_worker(read, thread=True, group="article", exit_on_error=False)
