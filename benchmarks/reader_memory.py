"""The reader's own memory for one big article: ``python benchmarks/reader_memory.py FILE``.

Parses FILE as the library does, starts an app holding only a Reader, resets the process's
peak RSS (``/proc/self/clear_refs``), shows the article with the hits of ``zanzibar``, waits for
every line, presses ``]`` five times, and prints one JSON line: the file's size, the growth of
the peak RSS, the hits and how long the rendering took. Linux only (``/proc``).
"""

from __future__ import annotations

import asyncio
import gc
import json
import re
import sys
import time
from pathlib import Path


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def _zanzibar(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in re.finditer(r"\bzanzibar\b", text)]


async def measure(path: Path) -> dict[str, object]:
    from textual.app import App, ComposeResult

    from newsreader.library.formats import parse_file
    from newsreader.tui.widgets.reader import Reader

    parsed = parse_file(path, display_path=path.name)
    assert isinstance(parsed, tuple), parsed
    article = parsed[0]

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield Reader()

    app = One()
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.query_one(Reader)
        reader.focus()
        await pilot.pause()
        gc.collect()
        Path("/proc/self/clear_refs").write_text("5")
        before = _peak_mb()
        started = time.perf_counter()
        reader.show_article(article, "big", highlighter=_zanzibar)
        while getattr(reader, "rendering", False):
            await pilot.pause(0.05)
        rendered = time.perf_counter() - started
        await pilot.press(*["right_square_bracket"] * 5)
        return {
            "file_mb": round(path.stat().st_size / 2**20, 2),
            "rss_growth_mb": round(_peak_mb() - before, 1),
            "hits": reader.hit_count,
            "hit_index": reader.hit_index,
            "rendered_s": round(rendered, 2),
        }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(measure(Path(sys.argv[1])))))
