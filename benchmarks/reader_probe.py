"""The reader on an article just under the 5 MB limit: first paint, keys while it renders, RSS.

``python benchmarks/reader_probe.py KIND [KIND...]`` (``txt``, ``md``, ``html``; all three by
default) prints one JSON line per kind, each measured in a fresh process with empty XDG dirs.

In each process, a library of two articles: a short one and a big one (``big_articles.py``),
both holding the word ``zanzibar``. The probe searches for it, opens the short article in the
reader, then presses ``n`` for the big one while keys are posted every 25 ms, the way the
terminal driver posts them. Figures:

- ``first_paint_ms``: from the reader being handed the big article to the first paint of its
  lines;
- ``key_worst_ms`` / ``key_median_ms``: from the moment a ``j`` is due (one every 25 ms, or
  as soon as the last was handled) to the reader's handling it, for the keys due while the
  article was being rendered (and at least ten): a key pressed while the loop is busy waits;
- ``rendered_s``: until every line is laid out and every hit found;
- ``rss_growth_mb``: the process's peak RSS growth from just before ``n`` (the peak is reset
  through ``/proc/self/clear_refs`` first), file reading and parsing included.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SIZE = (120, 40)


def _status(field: str) -> float:
    """A /proc/self/status figure, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


async def _until(condition: Any, timeout: float = 300.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("not reached in time")
        await asyncio.sleep(0.0005)


def _done(reader: Any) -> bool:
    """Every line laid out (an attribute of the new reader; the old one renders at once)."""
    return not getattr(reader, "rendering", False)


async def probe(root: Path) -> dict[str, object]:
    from textual import events

    from newsreader.tui.app import NewsReaderApp
    from newsreader.tui.screens.main import MainScreen
    from newsreader.tui.widgets.reader import Reader

    app = NewsReaderApp(root)
    app.animation_level = "none"
    figures: dict[str, object] = {}
    async with app.run_test(size=SIZE) as pilot:
        await _until(lambda: isinstance(app.screen, MainScreen))
        screen: Any = app.screen
        await _until(lambda: len(screen.articles.order) == 2 and not screen.scanning)
        await pilot.press("slash", *"zanzibar")
        await _until(lambda: screen.results is not None and len(screen.articles.order) == 2)
        await pilot.press("enter", "enter")
        reader = screen.query_one(Reader)
        await _until(lambda: app.focused is reader and reader.article is not None)
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        small_id = reader.article_id

        shown: dict[str, float] = {}
        show_article = reader.show_article

        def timed_show(*args: Any, **kwargs: Any) -> None:
            shown["start"] = time.perf_counter()
            show_article(*args, **kwargs)
            shown["returned"] = time.perf_counter()

        reader.show_article = timed_show  # type: ignore[method-assign]
        render_line = reader.render_line

        def traced_line(y: int) -> Any:
            if "start" in shown and "paint" not in shown and reader.article_id != small_id:
                shown["paint"] = time.perf_counter()
            return render_line(y)

        reader.render_line = traced_line  # type: ignore[method-assign]
        handled: list[float] = []
        scroll_lines = reader.action_scroll_lines

        def timed_scroll(delta: int) -> None:
            handled.append(time.perf_counter())
            scroll_lines(delta)

        reader.action_scroll_lines = timed_scroll  # type: ignore[method-assign]

        gc.collect()
        _reset_peak()
        before = _status("VmHWM")
        app.post_message(events.Key("n", "n"))
        latencies: list[float] = []
        due = time.perf_counter()
        while "start" not in shown or not _done(reader) or len(latencies) < 10:
            # a key the user presses at `due` waits in the terminal while the loop is busy
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            count = len(handled)
            app.post_message(events.Key("j", "j"))
            await _until(lambda count=count: len(handled) > count)
            latencies.append(handled[count] - due)
            due = max(due + 0.025, handled[count])
        finished = time.perf_counter()
        for _ in range(5):
            await pilot.press("right_square_bracket")
        figures.update(
            first_paint_ms=round((shown["paint"] - shown["start"]) * 1000, 1),
            show_article_call_ms=round((shown["returned"] - shown["start"]) * 1000, 1),
            key_worst_ms=round(max(latencies) * 1000, 1),
            key_median_ms=round(statistics.median(latencies) * 1000, 1),
            keys=len(latencies),
            rendered_s=round(finished - shown["start"], 2),
            lines=len(reader._lines),
            hits=reader.hit_count,
            subtitle=str(reader.border_subtitle),
            rss_growth_mb=round(_status("VmHWM") - before, 1),
        )
    return figures


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        root = Path(sys.argv[2])
        figures = asyncio.run(probe(root))
        print(json.dumps(figures))
        return
    sys.path.insert(0, str(HERE))
    import big_articles

    for kind in sys.argv[1:] or big_articles.KINDS:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder) / "news"
            root.mkdir()
            path = big_articles.write(root, kind)
            (root / "short.txt").write_text(
                "A Short Note\n\nJanuary 2, 2011\n\nThe zanzibar rule, briefly.\n", encoding="utf-8"
            )
            env = dict(os.environ)
            for name in ("CACHE", "DATA", "CONFIG"):
                env[f"XDG_{name}_HOME"] = str(Path(folder) / name.lower())
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(root)],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode:
                print(out.stderr, file=sys.stderr)
                continue
            figures = json.loads(out.stdout.strip().splitlines()[-1])
            print(json.dumps({"kind": kind, "file_mb": round(path.stat().st_size / 1e6, 2)}
                             | figures))  # fmt: skip


if __name__ == "__main__":
    main()
