"""Keystrokes end to end: the real ``newsreader`` in a pseudo-terminal, timed on the bytes it sends.

``probe.py`` times a key inside the app (posted event to list painted). What the user feels
also holds the console script's own start-up, Textual's driver reading the key from the
terminal, and the frame's bytes written out. This probe starts ``newsreader --library ROOT``
in a pty of 120x40 (TERM=xterm-256color), feeds all it writes to ``pyte`` (a VT emulator), and
types queries letter by letter: a key is done when the emulated screen shows the search bar
holding that prefix, the terminal cursor after it (a typed space shows only there), the
header's ``N of M articles`` with the N that the library's search gives for that prefix, and
the list beginning with the title the search ranks first. (When an answer is the same as the
last key's, count and first title included, the screen cannot tell them apart: such a key is
done when its input is drawn.)

The expected answers come beforehand from ``Library.search`` with the saved read marks and
bookmarks: the call ``newsreader search`` makes (``--check-cli`` compares them with its JSON; at
a million articles that JSON is hundreds of MB a prefix, hence the library call). They are
computed in a child process, so the probe holds no catalog while the app runs.

Timing: a thread reads the pty and stamps each chunk on arrival; the main thread feeds pyte
and checks the screen. A key's time is from writing its byte to the arrival of the chunk that
completed the screen, so pyte's own parsing (about 2 MB/s, reported as ``emulator``) does not
count, unless the check falls so far behind that the next key waits for it.

``python benchmarks/pty_probe.py ROOT [--timeout S] [--check-cli]``: the library must be indexed
(``bench.py`` indexes it first; the app then starts warm). Prints one JSON line. Needs the
``bench`` extra: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import queue
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyte

from probe import summary  # run as a script: its folder is on the path

COLUMNS, ROWS = 120, 40
QUERY = "sergei lavrov misile"  # bench.py's: three words, the last with a typo
QUERIES = {"plain": QUERY, "filter": "is:unread lavrov", "source": "source:moscow lavrov"}
COUNT = re.compile(r"(\d[\d,]*) of (\d[\d,]*) articles")
NEWSREADER = shutil.which("newsreader", path=str(Path(sys.executable).parent)) or "newsreader"


def expected_counts(root: Path, queries: list[str]) -> dict[str, tuple[int, str]]:
    """Each prefix's result count and first title, as ``newsreader search`` computes them."""
    from newsreader.library import Library, StateStore
    from newsreader.library.locations import state_file

    library, state = Library(root), StateStore(state_file())
    try:
        marks = {"bookmarked": state.bookmarked_ids(), "read": state.read_ids()}
        prefixes = {q[:i] for q in queries for i in range(1, len(q) + 1)}
        answers = {}
        for prefix in sorted(prefixes):
            positions = library.search(prefix, **marks).positions
            top = library.entry(positions[0]).title if len(positions) else ""
            answers[prefix] = (len(positions), top)
        return answers
    finally:
        state.close()
        library.close()


def cli_count(root: Path, prefix: str) -> int:
    command = [NEWSREADER, "--library", str(root), "--no-scan", "search", "--json", prefix]
    return len(json.loads(subprocess.run(command, capture_output=True, check=True).stdout))


class Terminal:
    """The app in a pty, its output stamped on arrival by a reader thread, shown by pyte."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                        start_new_session=True, close_fds=True)  # fmt: skip
        os.close(slave)
        self.fd = master
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.screen.write_process_input = self.answer  # type: ignore[method-assign]
        self.stream = pyte.ByteStream(self.screen)
        self.chunks: queue.Queue[tuple[float, bytes]] = queue.Queue()
        self.fed_bytes, self.feed_s = 0, 0.0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.05)
                data = os.read(self.fd, 1 << 20) if ready else None
            except OSError:  # EIO: the child closed its side
                return
            if data == b"":
                return
            if data:
                self.chunks.put((time.perf_counter(), data))

    def answer(self, data: str) -> None:
        """The terminal's replies to the app's queries (device attributes and the like)."""
        os.write(self.fd, data.encode())

    def write(self, data: bytes) -> float:
        started = time.perf_counter()
        os.write(self.fd, data)
        return started

    def until(self, condition: Callable[[], bool], timeout: float) -> float | None:
        """Arrival time of the chunk after which ``condition()`` held; None after ``timeout``."""
        deadline = time.perf_counter() + timeout
        while True:
            try:
                arrived, data = self.chunks.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                return None
            started = time.perf_counter()
            self.stream.feed(data)
            self.feed_s += time.perf_counter() - started
            self.fed_bytes += len(data)
            if condition():
                return arrived
            if self.process.poll() is not None or time.perf_counter() > deadline:
                return None

    def quiet(self, gap: float = 0.03, timeout: float = 2.0) -> None:
        """Feed what has come until nothing arrives for ``gap`` s: the app is idle."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                _, data = self.chunks.get(timeout=gap)
            except queue.Empty:
                return
            self.stream.feed(data)
            self.fed_bytes += len(data)

    def cpu_s(self) -> float | None:
        """The app's CPU time so far (Linux), to tell when its start-up rescan is over."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def settle(self, window: float = 0.3, timeout: float = 120.0) -> float:
        """Feed output until the app used under 5 % of a core for ``window`` s; return the wait.

        The app rescans the folder after its first rows, with no sign on screen when nothing
        changed (3 s allowed at a million articles): ``probe.py`` waits for it to end, so this
        does too, or the first keys would pay for it."""
        started = time.perf_counter()
        before = self.cpu_s()
        while before is not None and time.perf_counter() - started < timeout:
            self.quiet(gap=window, timeout=window)
            now = self.cpu_s()
            if now is None or now - before < 0.05 * window:
                break
            before = now
        return time.perf_counter() - started

    def row(self, y: int) -> str:
        line = self.screen.buffer[y]
        return "".join(line[x].data for x in range(COLUMNS))

    def text(self) -> str:
        return "\n".join(self.row(y) for y in range(ROWS))

    def close(self) -> None:
        """Quit the app as a user does (ctrl+c), then kill its process group if it stays."""
        if self.process.poll() is None:
            try:
                os.write(self.fd, b"\x03")
                self.process.wait(5)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if self.process.poll() is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(self.process.pid, sig)
                    self.process.wait(3)
                    break
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    continue
        os.close(self.fd)


class Typist:
    """Types queries into the app's search bar and times each key to the screen's answer."""

    def __init__(self, term: Terminal, answers: dict[str, list[Any]], timeout: float) -> None:
        self.term, self.timeout = term, timeout
        self.counts = {prefix: int(count) for prefix, (count, _) in answers.items()}
        self.tops = {prefix: str(top) for prefix, (_, top) in answers.items()}
        self.verbose = False
        self.search_row = 1
        self.search_x = 0

    def shows(self, prefix: str) -> Callable[[], bool]:
        screen, term = self.term.screen, self.term
        want = self.counts[prefix]

        def done() -> bool:
            cursor = screen.cursor
            if cursor.y != self.search_row or cursor.x != self.search_x + len(prefix):
                return False
            if term.row(self.search_row).strip() != prefix.strip():
                return False
            found = COUNT.search(term.row(0))
            if found is None or int(found.group(1).replace(",", "")) != want:
                return False
            return self.top_matches(prefix)

        return done

    def focus_search(self) -> None:
        """``/``, then wait for the terminal cursor on the search bar's row (its placeholder's)."""
        term, screen = self.term, self.term.screen
        rows = [y for y in range(ROWS) if term.row(y).strip().startswith("Search")]
        self.search_row = rows[0] if rows else 1
        term.write(b"/")
        if term.until(lambda: screen.cursor.y == self.search_row, self.timeout) is None:
            raise TimeoutError("the search bar did not take the focus")
        term.quiet()  # the cursor may pass through the row before it settles in the bar
        self.search_x = screen.cursor.x

    def type(self, text: str) -> dict[str, Any]:
        self.term.quiet()
        self.focus_search()
        samples: list[float] = []
        failures: list[str] = []
        fed_bytes, feed_s = self.term.fed_bytes, self.term.feed_s
        for index in range(1, len(text) + 1):
            if self.term.process.poll() is not None:
                raise RuntimeError(f"the app exited ({self.term.process.returncode})")
            self.term.quiet()  # as a typist would: the last answer painted before the next key
            started = self.term.write(text[index - 1].encode())
            arrived = self.term.until(self.shows(text[:index]), self.timeout)
            if arrived is None:
                cursor, bar = self.term.screen.cursor, self.term.row(self.search_row).strip()
                failures.append(f"{text[:index]!r}: header {self.term.row(0).strip()!r}, "
                                f"bar {bar!r}, cursor {cursor.x},{cursor.y}, "
                                f"list {self.top_rows()[:2]!r}")  # fmt: skip
            else:
                samples.append(arrived - started)
            if self.verbose:
                took = failures[-1] if arrived is None else f"{(arrived - started) * 1000:.1f} ms"
                print(f"{text[:index]!r} ({self.counts[text[:index]]}): {took}", file=sys.stderr)
        self.clear()
        keys = len(text)
        return {
            **summary(samples),
            "keys": keys,
            "failures": failures,
            "emulator_kb_per_key": round((self.term.fed_bytes - fed_bytes) / keys / 1024, 1),
            "emulator_ms_per_key": round((self.term.feed_s - feed_s) / keys * 1000, 2),
        }

    def top_rows(self, lines: int = 4) -> list[str]:
        """The list's first lines, marks stripped: the first row's title (or its start) is one,
        after a notice line such as "no article has every word"."""
        rows = [y for y in range(ROWS) if self.term.row(y).startswith("╭")]  # the list's top
        cells = [self.term.row(y).split("│") for y in range(rows[0] + 1, ROWS)] if rows else []
        shown = [re.sub(r"^[^\w\"']*", "", c[1]).strip() for c in cells[:lines] if len(c) > 1]
        return [line.rstrip("…") for line in shown]

    def top_matches(self, prefix: str) -> bool:
        title = " ".join(self.tops[prefix].split())
        return any(
            title.startswith(line) and len(line) >= min(5, len(title)) for line in self.top_rows()
        )

    def clear(self) -> None:
        """Esc, and wait until the header counts the whole library again. Textual reads a lone
        esc only after a pause (it may begin a sequence): a key sent sooner would make alt+key."""
        self.term.write(b"\x1b")
        if self.term.until(lambda: COUNT.search(self.term.row(0)) is None, self.timeout) is None:
            raise TimeoutError(f"esc did not clear the query: {self.term.row(0).strip()!r}")

    def sort_label(self) -> str:
        found = re.search(r"─ by (\w+) ─", self.term.text())
        return found.group(1) if found else ""

    def _changed(self, before: str) -> Callable[[], bool]:
        return lambda: self.sort_label() != before

    def sort_by(self, label: str) -> None:
        """Press ``s`` until the list's border says ``by LABEL``, each time waiting for the
        border to change (a library's first title sort is done in a worker, and takes time)."""
        for _ in range(6):
            self.term.quiet()
            if self.sort_label() == label:
                return
            self.term.write(b"s")
            if self.term.until(self._changed(self.sort_label()), self.timeout) is None:
                break
        raise TimeoutError(f"no sort by {label}: the list is {self.sort_label()!r}")


def run(root: Path, timeout: float, check_cli: bool, verbose: bool = False) -> dict[str, Any]:
    command = [sys.executable, __file__, str(root), "--counts"]
    counts = json.loads(subprocess.run(command, capture_output=True, check=True).stdout)
    result: dict[str, Any] = {}
    if check_cli:
        result["cli_mismatches"] = [p for p, (n, _) in counts.items() if cli_count(root, p) != n]
    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(ROWS))
    sys.setswitchinterval(0.0005)  # the reader thread stamps chunks promptly while pyte parses
    started = time.perf_counter()
    term = Terminal([NEWSREADER, "--library", str(root)], env)
    try:
        first = term.until(lambda: bool(re.search(r"[\d,]+ articles", term.row(0))), 60.0)
        if first is None:
            raise TimeoutError(f"no first rows in 60 s: {term.text()!r}")
        result["start_to_first_rows_s"] = round(first - started, 4)
        result["settled_after_s"] = round(term.settle(), 2)
        typist = Typist(term, counts, timeout)
        typist.verbose = verbose
        for name, query in QUERIES.items():
            result[name] = typist.type(query)
        typist.sort_by("title")
        result["title_sorted"] = typist.type(QUERY)
        typist.sort_by("newest")  # as it was: later runs start newest first
    finally:
        term.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds a key may take")
    parser.add_argument("--check-cli", action="store_true", help="compare counts with the CLI's")
    parser.add_argument("--verbose", action="store_true", help="each key's time on stderr")
    parser.add_argument("--counts", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the child is closed on a kill
    if args.counts:
        print(json.dumps(expected_counts(args.root, list(QUERIES.values()))))
        return 0
    print(json.dumps(run(args.root, args.timeout, args.check_cli, args.verbose)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
