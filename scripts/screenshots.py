"""Write SVG screenshots of the app into ``screenshots/``, driven headless on the sample feed.

    python scripts/screenshots.py [OUTPUT_DIR]

Runs with its own temporary XDG folders, so it neither reads nor changes your bookmarks, cache
or config, and the pictures are the same on every machine.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# (file name, terminal size, keys pressed before the picture, add a broken file)
SHOTS: Sequence[tuple[str, tuple[int, int], Sequence[str], bool]] = (
    ("main.svg", (120, 34), ("j", "enter", "escape", "j"), False),
    ("search-typo.svg", (120, 34), ("slash", *"rusia lisbn"), False),
    (
        "reader-hits.svg",
        (120, 30),
        ("slash", *"rusia", "enter", "enter", "right_square_bracket"),
        False,
    ),
    ("bookmarks.svg", (120, 34), ("j", "b", "j", "j", "j", "b", "B", "down"), False),
    ("help.svg", (120, 56), ("question_mark",), False),
    ("narrow.svg", (80, 30), ("j", "enter"), False),
    ("reader.svg", (200, 50), ("enter",), False),
    ("problems.svg", (120, 34), ("exclamation_mark",), True),
    ("sources.svg", (120, 34), ("S",), False),
    ("story.svg", (140, 40), ("G", "c"), False),
    ("side-by-side.svg", (160, 44), ("G", "c", "up", "d"), False),
)


async def shoot(root: Path, out: Path, size: tuple[int, int], presses: Sequence[str]) -> None:
    from newsreader.tui.app import NewsReaderApp

    app = NewsReaderApp(root)
    app.animation_level = "none"
    async with app.run_test(size=size) as pilot:

        async def settle() -> None:
            for _ in range(3):
                await pilot.pause()
                await app.workers.wait_for_complete()

        await settle()
        for key in presses:
            await pilot.press(key)
            await settle()
        await pilot.pause(0.2)
        await settle()
        app.clear_notifications()
        await pilot.pause()
        app.save_screenshot(filename=out.name, path=str(out.parent))


async def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else REPO / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    # no folder watch: its worker never ends, and a picture waits for every worker to finish
    os.environ["NEWSREADER_WATCH"] = "off"
    with tempfile.TemporaryDirectory(prefix="newsreader-shots-") as temp:
        for name, size, presses, broken in SHOTS:
            home = Path(temp) / name
            for kind in ("CACHE", "DATA", "CONFIG"):
                os.environ[f"XDG_{kind}_HOME"] = str(home / kind.lower())
            root = home / "sample_feed"
            shutil.copytree(REPO / "sample_feed", root)
            for path in root.iterdir():
                path.chmod(0o644)
            if broken:
                (root / "broken.txt").write_bytes(b"\x00\x01\x02 an image renamed .txt")
                (root / "blank.md").write_text("   \n", encoding="utf-8")
            await shoot(root, out_dir / name, size, presses)
            print(out_dir / name)
    return 0


if __name__ == "__main__":  # the guard matters: big scans start worker processes
    sys.exit(asyncio.run(main(sys.argv[1:])))
