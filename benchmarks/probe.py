"""Measurements taken inside one fresh process; ``bench.py`` runs this and reads its JSON line.

Modes:
- ``bare T0``: a bare Textual app's start, from process start (``T0``, the parent's clock when
  it launched this process) to its first screen.
- ``app ROOT T0 QUERY``: the newsreader app on ROOT: start to the list's first rows with the
  library loaded; then QUERY typed letter by letter (key press to list updated); then cursor
  down and page down in the list; then the peak RSS.
- ``library ROOT QUERY``: the library's search call alone, for each prefix of QUERY.
- ``bulk ROOT SOURCE``: the app open on ROOT while the folder SOURCE (10,000 files, say) is
  copied in: keystrokes typed meanwhile (key to list painted), the batches the progress bar
  showed, the time until every article is listed and until the snapshots are stored again
  (the typing goes on until then); the copy is removed again.
- ``first ROOT``: the app's first index of ROOT (in a cache folder of its own, removed after):
  until its first rows, and until every file is indexed, with a query typed every few seconds
  (key to list painted); the reads of what was indexed so far, and the peak RSS.
- ``live ROOT``: a file written into ROOT, until the library's incremental path has it in the
  catalog, and until the open app (watching the folder) has painted its row; the files are
  removed again and the cache's snapshots stored, so later runs start as before.

Timed in a headless ``run_test`` app: the same event loop, compositor and widgets as in a
terminal, without the terminal's own drawing time. Keys are posted to the app the way the
terminal driver posts them, and a key counts as done when the change it causes has been painted
(the screen's compositor drew the list with the change in it); the pilot's ``press`` is not used
for timing, as it adds idle-detection sleeps of its own (60 ms a key even in a bare app).
"""

from __future__ import annotations

import asyncio
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

SIZE = (120, 40)
FILTER_QUERY = "is:unread lavrov"
SOURCE_QUERY = "source:moscow lavrov"
FOLDER_QUERY = "folder:0042 lavrov"
FIRST_TYPING_EVERY = 5.0
"""Seconds between two queries typed during a first index: typed without a pause for the six
minutes of a million, the searches alone took a core's minute or two from the index."""


def _since(t0: float) -> float:
    return round(time.time() - t0, 4)


async def _until(
    condition: Callable[[], bool], timeout: float = 60.0, *, quiet: bool = False
) -> None:
    """Wait for ``condition()``; after ``timeout`` seconds raise, or (``quiet``) return."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            if quiet:
                return
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.0005)


class _PaintClock:
    """Records when the screen last painted ``widget``'s lines while ``condition()`` held.

    Checked at paint time, not by polling after it: since a keystroke's input and list are
    painted together, the paint can come within a millisecond of the list's update, sooner
    than a poll would notice the update.
    """

    def __init__(self, screen: Screen[object], widget: Widget) -> None:
        self.condition: Callable[[], bool] = lambda: True
        self.painted = 0.0
        drawn = False
        render_line = widget.render_line

        def traced_line(y: int) -> Strip:
            nonlocal drawn
            drawn = drawn or self.condition()
            return render_line(y)

        widget.render_line = traced_line  # type: ignore[method-assign]
        refresh = screen._compositor_refresh

        def timed_refresh() -> None:
            nonlocal drawn
            drawn = False
            refresh()
            if drawn:
                self.painted = time.perf_counter()

        screen._compositor_refresh = timed_refresh  # type: ignore[method-assign]

    async def until_painted(self, condition: Callable[[], bool]) -> float:
        """Wait for a paint of the widget with ``condition()`` true; return its time."""
        self.condition, self.painted = condition, 0.0
        await _until(lambda: self.painted > 0)
        self.condition = lambda: True
        return self.painted


async def _key(app: App[object], clock: _PaintClock, key: str, done: Callable[[], bool]) -> float:
    """Seconds from posting ``key`` until the list is painted with ``done()`` holding."""
    character = " " if key == "space" else (key if len(key) == 1 else None)
    started = time.perf_counter()
    app.post_message(events.Key(key, character))
    return await clock.until_painted(done) - started


async def _type(app: App[object], pilot: Any, clock: _PaintClock, text: str) -> dict[str, float]:
    """Type ``text`` letter by letter into the focused search bar; each key's time to the list
    painted with that prefix's results."""
    screen = app.screen
    keys: list[float] = []
    for index, char in enumerate(text):
        prefix = text[: index + 1]

        def listed(prefix: str = prefix) -> bool:
            results = screen.results  # type: ignore[attr-defined]
            return results is not None and results.query.text == prefix and _showing(screen)

        keys.append(await _key(app, clock, "space" if char == " " else char, listed))
        await pilot.pause()  # let the reader catch up before the next key, as a typist would
    return summary(keys)


def _showing(screen: Any) -> bool:
    """The list shows what was last asked for: these results, in this sort."""
    return bool(screen.list_is_current())


def peak_rss_mb() -> float:
    """This process's own peak RSS (``VmHWM``), in MB.

    Not ``ru_maxrss``: a process that subprocess starts (vfork, then exec) inherits its
    parent's peak there. After the 1M text part, bench.py's own 507-514 MB were reported as the
    app's at 1M feeds, whose own peak was 355-362 MB. Elsewhere than Linux, ``ru_maxrss`` is
    what there is."""
    try:
        with Path("/proc/self/status").open() as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def summary(samples: list[float]) -> dict[str, float]:
    """Median, 95th percentile and maximum of times in seconds, in milliseconds ({} if none)."""
    if not samples:
        return {}
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(p95 * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


async def bare(t0: float) -> dict[str, object]:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return {"bare_start_s": _since(t0)}


async def _first_rows(news: App[None]) -> tuple[Any, _PaintClock]:
    """The app's main screen once its first rows are painted, and the clock on its list."""
    from newsreader.tui.screens.main import MainScreen

    await _until(lambda: isinstance(news.screen, MainScreen))
    screen = news.screen
    assert isinstance(screen, MainScreen)
    clock = _PaintClock(screen, screen.articles)
    await clock.until_painted(lambda: len(screen.articles.order) > 0)
    return screen, clock


async def app(root: Path, t0: float, query: str) -> dict[str, object]:
    from newsreader.tui.app import NewsReaderApp

    news = NewsReaderApp(root)
    async with news.run_test(size=SIZE) as pilot:
        screen, clock = await _first_rows(news)
        figures: dict[str, object] = {
            "app_start_s": _since(t0),
            "articles": len(screen.catalog or ()),
        }
        await _until(lambda: not screen.scanning)

        await pilot.press("slash")
        await pilot.pause()
        figures["keystroke"] = await _type(news, pilot, clock, query)
        figures["results"] = len(screen.articles.order)
        await pilot.press("escape")
        await _until(lambda: screen.results is None)
        await pilot.pause()

        # a filter and words: the filter's set is built once, then kept while words are typed
        await pilot.press("slash")
        figures["filter_keystroke"] = await _type(news, pilot, clock, FILTER_QUERY)
        await pilot.press("escape")
        await _until(lambda: screen.results is None)
        await pilot.pause()

        # forgiving name filters, then words: each name is matched once, then kept
        for key, query in (("source_keystroke", SOURCE_QUERY), ("folder_keystroke", FOLDER_QUERY)):
            await pilot.press("slash")
            figures[key] = await _type(news, pilot, clock, query)
            await pilot.press("escape")
            await _until(lambda: screen.results is None)
            await pilot.pause()

        # every article marked read (A, then y to confirm): until the header counts none unread,
        # and typing meanwhile answered; then undone (U), so later runs start as before
        started = time.perf_counter()
        news.post_message(events.Key("A", "A"))
        await _until(lambda: type(news.screen).__name__ == "ConfirmScreen")
        news.post_message(events.Key("y", "y"))
        await _until(lambda: str(screen.sub_title).endswith(" 0 unread"))
        figures["mark_all_read_s"] = round(time.perf_counter() - started, 3)
        await pilot.press("U")
        await _until(lambda: not str(screen.sub_title).endswith(" 0 unread"))
        await pilot.pause()

        # the first title sort of the whole library, then a filter typed while sorted by title
        # (no words: every keystroke refills the list in title order)
        while screen.sort != "oldest":
            await pilot.press("s")
            await _until(lambda: not screen.scanning)
        started = time.perf_counter()
        news.post_message(events.Key("s", "s"))
        figures["first_title_sort_ms"] = round(
            (await clock.until_painted(lambda: screen.sort == "title" and _showing(screen))
             - started) * 1000, 2)  # fmt: skip
        await pilot.pause()
        await pilot.press("slash")
        figures["title_sorted_keystroke"] = await _type(news, pilot, clock, "is:unread")
        await pilot.press("escape")
        await _until(lambda: screen.results is None)
        while screen.sort != "newest":  # as it was: the next start opens newest first
            await pilot.press("s")
        await pilot.pause()
        for key, label, count in (("down", "cursor_down", 60), ("pagedown", "page_down", 30)):
            moves: list[float] = []
            for _ in range(count):
                before = screen.articles.cursor
                moves.append(
                    await _key(news, clock, key, lambda b=before: screen.articles.cursor != b)
                )
                await pilot.pause()
            figures[label] = summary(moves)
        figures["peak_rss_mb"] = peak_rss_mb()
        return figures


def library(root: Path, query: str) -> dict[str, object]:
    from newsreader.library import Library

    lib = Library(root)
    started = time.perf_counter()
    lib.catalog  # noqa: B018 - loads it
    loaded = time.perf_counter() - started
    lib.search("warm up the vocabulary")
    samples = []
    for index in range(1, len(query) + 1):
        started = time.perf_counter()
        lib.search(query[:index])
        samples.append(time.perf_counter() - started)
    return {"catalog_load_s": round(loaded, 4), "search": summary(samples)}


LIVE_RUNS = 5


def _live_file(root: Path, index: int) -> tuple[Path, str]:
    title = f"Live probe article number {index}"
    path = root / f"zz-live-probe-{index}.md"
    path.write_text(f"---\ntitle: {title}\ndate: 2099-01-01\n---\n\nWritten live.\n")
    return path, title


async def live(root: Path) -> dict[str, object]:
    import os

    from newsreader.library import Library
    from newsreader.tui.app import NewsReaderApp

    lib = Library(root)
    lib.catalog  # noqa: B018 - loads it
    to_catalog: list[float] = []
    for index in range(LIVE_RUNS):
        path, title = _live_file(root, index)
        started = time.perf_counter()
        lib.update([path])
        assert lib.catalog.entries[0].title == title
        to_catalog.append(time.perf_counter() - started)
        path.unlink()
        lib.update([path])
    lib.close()

    os.environ["NEWSREADER_WATCH"] = "auto"
    to_row: list[float] = []
    news = NewsReaderApp(root)
    try:
        async with news.run_test(size=SIZE) as pilot:
            screen, clock = await _first_rows(news)
            await _until(lambda: not screen.scanning)
            for index in range(LIVE_RUNS):
                await pilot.pause(0.5)
                started = time.perf_counter()
                path, title = _live_file(root, index)
                shown = await clock.until_painted(
                    lambda title=title: (
                        screen.articles.entries[screen.articles.order[0]].title == title
                    )
                )
                to_row.append(shown - started)
                path.unlink()
                await _until(lambda title=title: screen.articles.entries[0].title != title)
    finally:
        for index in range(LIVE_RUNS):
            (root / f"zz-live-probe-{index}.md").unlink(missing_ok=True)
        lib = Library(root)
        lib.scan()  # the probe's files gone, the snapshots stored: later starts as before
        lib.close()
    return {"to_catalog": summary(to_catalog), "to_row": summary(to_row)}


async def bulk(root: Path, source: Path) -> dict[str, object]:
    import os
    import shutil
    import threading

    from newsreader.tui.app import NewsReaderApp

    os.environ["NEWSREADER_WATCH"] = "auto"
    copy = root / "bulk-copy"
    news = NewsReaderApp(root)
    try:
        async with news.run_test(size=SIZE) as pilot:
            screen, clock = await _first_rows(news)
            await _until(lambda: not screen.scanning)
            before = len(screen.catalog or ())
            expected = before + sum(
                not name.startswith(".") for _, _, names in os.walk(source) for name in names
            )
            batches: set[int] = set()
            show = screen.loader.show_progress

            def progress(done: int, total: int) -> None:
                if done < total:
                    batches.add(total)
                show(done, total)

            screen.loader.show_progress = progress  # type: ignore[method-assign]
            started = time.perf_counter()
            copier = threading.Thread(target=shutil.copytree, args=(source, copy))
            copier.start()
            await pilot.press("slash")
            keys: list[float] = []

            async def type_while(going: Callable[[], bool]) -> None:
                while going():
                    for text in ("lavrov", "\b" * 6):
                        for char in text:
                            key = "backspace" if char == "\b" else char
                            keys.append(await _key(news, clock, key, lambda: _showing(screen)))
                            await pilot.pause(0.05)
                    if time.perf_counter() - started > 600:
                        raise TimeoutError("the copy was not indexed in 10 minutes")

            await type_while(lambda: len(screen.catalog or ()) < expected)
            indexed = time.perf_counter() - started
            listed = len(keys)
            # and on, until the app has stored the snapshots once the changes stopped
            await type_while(lambda: not screen.library.cache.snapshots_current())
            copier.join()
            return {
                "files": expected - before,
                "indexed_s": round(indexed, 2),
                "snapshots_stored_s": round(time.perf_counter() - started, 2),
                "batches_with_progress": len(batches),
                "keystroke": summary(keys),
                "keystroke_until_listed": summary(keys[:listed]),
            }
    finally:
        shutil.rmtree(copy, ignore_errors=True)


async def first(root: Path) -> dict[str, object]:
    import os
    import shutil
    import tempfile

    from newsreader.tui.app import NewsReaderApp

    os.environ["XDG_CACHE_HOME"] = cache = tempfile.mkdtemp(prefix="newsreader-first-")
    started = time.perf_counter()
    news = NewsReaderApp(root)
    try:
        async with news.run_test(size=SIZE) as pilot:
            screen, clock = await _first_rows(news)
            first_rows = time.perf_counter() - started
            reads: list[float] = []
            reload = screen.library.reload_catalog

            def timed_reload() -> Any:
                began = time.perf_counter()
                try:
                    return reload()
                finally:
                    reads.append(time.perf_counter() - began)

            screen.library.reload_catalog = timed_reload  # type: ignore[method-assign]
            await pilot.press("slash")
            keys: list[float] = []
            while screen.scanning:  # a query typed and taken back every few seconds
                for text in ("lavrov", "\b" * 6):
                    for char in text:
                        key = "backspace" if char == "\b" else char
                        keys.append(await _key(news, clock, key, lambda: _showing(screen)))
                        await pilot.pause(0.05)
                await _until(lambda: not screen.scanning, FIRST_TYPING_EVERY, quiet=True)
            return {
                "articles": len(screen.catalog or ()),
                "first_rows_s": round(first_rows, 2),
                "indexed_s": round(time.perf_counter() - started, 2),
                "reads": len(reads),
                "read_s": round(sum(reads), 2),
                "keystroke": summary(keys),
                "peak_rss_mb": peak_rss_mb(),
            }
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def main(argv: list[str]) -> None:
    mode = argv[0]
    if mode == "bare":
        result = asyncio.run(bare(float(argv[1])))
    elif mode == "app":
        result = asyncio.run(app(Path(argv[1]), float(argv[2]), argv[3]))
    elif mode == "library":
        result = library(Path(argv[1]), argv[2])
    elif mode == "live":
        result = asyncio.run(live(Path(argv[1])))
    elif mode == "first":
        result = asyncio.run(first(Path(argv[1])))
    elif mode == "bulk":
        result = asyncio.run(bulk(Path(argv[1]), Path(argv[2])))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
