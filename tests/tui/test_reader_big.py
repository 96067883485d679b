"""Articles just under the 5 MB limit: the app answers keys while the reader renders them, and
the reader's memory stays a small multiple of the file (issue #9: 6-7 s frozen, +135-180 MB)."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from textual import events

from newsreader.tui.app import NewsReaderApp

from .conftest import reader, settle, type_query

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
KEY_BOUND = 0.1
"""The issue's bound, for 9 keys in 10 here (the benchmark's worst key, on a quiet machine, was
21-62 ms; a key pressed as a 5 MB article opened used to wait 6-7 s)."""
WORST_BOUND = 0.3
"""For every key: two test processes and other work on two cores make a key now and then wait
for the CPU itself (up to ~150 ms seen at a load average of 6)."""


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


big_articles = _load("big_articles")


async def _until(condition: Callable[[], bool], seconds: float = 60) -> None:
    """Poll ``condition`` every millisecond: ``wait_for``'s 50 ms pauses would be the latency."""
    deadline = time.perf_counter() + seconds
    while not condition():
        assert time.perf_counter() < deadline, f"not reached in {seconds} s"
        await asyncio.sleep(0.001)


@pytest.mark.parametrize("kind", ["txt", "md", "html"])
async def test_keys_are_answered_while_a_big_article_renders(
    make_app: Callable[..., NewsReaderApp], kind: str
) -> None:
    app = make_app()
    text = big_articles.article(kind)
    (app.root / f"big.{kind}").write_text(text, encoding="utf-8")
    (app.root / "short.txt").write_text(
        "A Short Zanzibar Note\n\nJanuary 2, 2030\n\nThe zanzibar rule, briefly.\n",
        encoding="utf-8",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "zanzibar")
        await pilot.press("enter", "enter")  # the short article (newest), in the reader
        await settle(pilot)
        pane = reader(app)
        assert pane.has_focus and pane.article is not None
        assert pane.article.title == "A Short Zanzibar Note"
        handled: list[float] = []
        scroll_lines = pane.action_scroll_lines

        def timed(delta: int) -> None:
            handled.append(time.perf_counter())
            scroll_lines(delta)

        pane.action_scroll_lines = timed  # type: ignore[method-assign]
        app.post_message(events.Key("n", "n"))  # the big one
        latencies: list[float] = []
        while_rendering = 0
        subtitles: set[str] = set()
        due = time.perf_counter()
        deadline = time.perf_counter() + 240
        while time.perf_counter() < deadline:
            # a key pressed at `due` waits in the terminal while the event loop is busy
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            count = len(handled)
            shown = pane.article is not None and pane.article.title.startswith("The Big")
            app.post_message(events.Key("j", "j"))
            await _until(lambda count=count: len(handled) > count)  # type: ignore[misc]
            if shown:  # before: the library reads and parses the file, not the reader's job
                latencies.append(handled[count] - due)
            due = max(due + 0.02, handled[count])
            big = pane.article is not None and pane.article.title.startswith("The Big")
            if big and getattr(pane, "rendering", False):
                while_rendering += 1
                subtitles.add(str(pane.border_subtitle))
            elif big and (while_rendering or len(latencies) >= 10):
                break
        ordered = sorted(latencies)
        assert ordered[len(ordered) * 9 // 10] < KEY_BOUND, [round(x * 1000) for x in ordered]
        assert ordered[-1] < WORST_BOUND, [round(x * 1000) for x in ordered]
        assert while_rendering >= 10
        assert any(subtitle.endswith("+") for subtitle in subtitles)  # hit 1/40+
        assert pane.hit_count == text.count("zanzibar")
        assert str(pane.border_subtitle).startswith(f"hit 1/{pane.hit_count} · ")
        await pilot.press("left_square_bracket")  # to the last hit, at the end of the article
        line = pane._hits[pane.hit_index][0]
        assert "zanzibar" in pane._lines[line].text
        assert pane.scroll_y <= line < pane.scroll_y + pane.scrollable_content_region.height


@pytest.mark.parametrize("kind", ["txt", "md", "html"])
def test_memory_grows_by_a_few_times_the_file(tmp_path: Path, kind: str) -> None:
    path = big_articles.write(tmp_path, kind)
    if not Path("/proc/self/clear_refs").exists():
        pytest.skip("needs Linux's /proc")
    out = subprocess.run(
        [sys.executable, str(BENCHMARKS / "reader_memory.py"), str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    assert figures["hits"] == path.read_text(encoding="utf-8").count("zanzibar")
    assert figures["hit_index"] == 5  # the ] presses moved from hit 1 to hit 6
    assert figures["rss_growth_mb"] <= 4 * figures["file_mb"], figures
