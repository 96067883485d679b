"""One rendering of the text a reader shows, at one width: a screenful at once, the rest in a
worker thread, handed to the event loop in batches."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from textual.worker import get_current_worker

from .article_lines import ArticleLines, Chunk, Piece, Renderer

SYNC_CHARACTERS = 16_000
"""An article this short is rendered whole at once, before the first paint (a few ms), so it
never flickers; of a longer one, only the first two screenfuls."""
BATCH_SECONDS = 0.05
"""How often the worker hands rendered lines to the screen."""
PAUSE_SECONDS = 0.002
"""The worker's rest after each chunk (about 5 ms of work). Without it the event loop, which
lets go of the GIL at every turn and waits up to 5 ms to get it back, needed 50-150 ms for the
dozen turns a key takes on a busy machine; with it, a key takes 10-40 ms and the article 20 %
longer."""


class RenderJob:
    """One rendering of the text shown at one width: its pieces, renderer and lines so far.

    ``step`` runs on the event loop for the first screenful, then only in the job's worker.
    """

    def __init__(self, pieces: Iterator[Piece], renderer: Renderer, lines: ArticleLines) -> None:
        self._pieces = pieces
        self.renderer = renderer
        self.lines = lines

    def step(self) -> Chunk | None:
        piece = next(self._pieces, None)
        if piece is None:
            return None
        return self.renderer.render(piece)

    def render_first(self, height: int, short: bool) -> None:
        """On the event loop: a short text whole, else two screenfuls of ``height`` lines."""
        while short or len(self.lines) < 2 * height:
            chunk = self.step()
            if chunk is None:
                self.lines.complete = True
                return
            self.lines.append(chunk)

    def render_rest(self, deliver: Callable[[list[Chunk], bool], None]) -> None:
        """In a thread worker: render the remaining chunks, handing them to ``deliver`` (with
        whether they are the last) every few dozen ms, until done or cancelled."""
        worker = get_current_worker()
        batch: list[Chunk] = []
        handed = time.monotonic()
        while not worker.is_cancelled:
            chunk = self.step()
            time.sleep(PAUSE_SECONDS)
            if chunk is not None:
                batch.append(chunk)
            if chunk is None or time.monotonic() - handed >= BATCH_SECONDS:
                if worker.is_cancelled:
                    return
                deliver(batch, chunk is None)
                if chunk is None:
                    return
                batch, handed = [], time.monotonic()


def same_text_line(old: Chunk, line: int, new: Chunk) -> int:
    """The line of ``new`` (the same text at another width) that holds the text ``old``'s
    ``line`` starts with. Wrapping moves the line breaks, not the text, so the characters
    before the line, spaces aside, are the same count at any width: an exact anchor, where a
    proportion of lines drifted by paragraphs of unequal length."""

    def shown_before(chunk: Chunk, at: int) -> int:
        head = chunk.text[: chunk.ends[at - 1]] if at else b""
        return len(head) - head.count(b" ")

    wanted = shown_before(old, min(line, len(old) - 1))
    low, high = 0, max(0, len(new) - 1)
    while low < high:  # the last line that starts at or before the wanted text
        middle = (low + high + 1) // 2
        if shown_before(new, middle) <= wanted:
            low = middle
        else:
            high = middle - 1
    return low
