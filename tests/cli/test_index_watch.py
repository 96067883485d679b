"""`newsreader index --watch`, run as a user runs it: the console script, Ctrl-C to stop."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from support import write_article

SCRIPT = shutil.which("newsreader", path=str(Path(sys.executable).parent))


def lines_of(stream: object) -> queue.Queue[str]:
    """The lines a pipe gives, as they come (a reader thread, so a test can wait with a limit)."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True).start()  # type: ignore[attr-defined]
    return lines


def test_index_watch_prints_a_json_line_per_batch_and_stops_on_ctrl_c(seed_library: Path) -> None:
    assert SCRIPT
    process = subprocess.Popen(
        [SCRIPT, "index", "--watch", "--json", "--library", str(seed_library)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "NEWSREADER_WATCH": "auto"},
    )
    try:
        out = lines_of(process.stdout)
        first = json.loads(out.get(timeout=60))  # the index, once the watch is armed
        assert (first["new"], first["removed"]) == (2, 0)

        write_article(seed_library, "arrived.txt", "Arrived While Watching", "Body.")
        added = json.loads(out.get(timeout=30))
        assert (added["new"], added["changed"], added["removed"]) == (1, 0, 0)

        (seed_library / "arrived.txt").unlink()
        gone = json.loads(out.get(timeout=30))
        assert (gone["new"], gone["removed"]) == (0, 1)

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        assert process.stderr is not None
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
