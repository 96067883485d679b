"""Running newsreader on a real terminal (a pty) and keeping every byte it writes.

Steps wait for what the program shows, not for a fixed time: a slow machine makes a test slower,
never wrong.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path

SCRIPT = shutil.which("newsreader", path=str(Path(sys.executable).parent))

Step = tuple[bytes, bytes]
"""``(expected, keys)``: wait until the program has written ``expected``, then type ``keys``."""


def run_in_pty(
    args: Sequence[str],
    *,
    keys: bytes = b"",
    seconds: float = 0.0,
    steps: Sequence[Step] = (),
    timeout: float = 60.0,
) -> bytes:
    """Run ``args`` on a 120x40 pty; return all it wrote until it exits.

    ``steps`` wait for output (each looks only at what came after the previous step's keys);
    ``keys`` are typed ``seconds`` after the start when there are no steps. A step whose output
    never comes within ``timeout`` fails the test, showing the end of what was written.
    """
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    process = subprocess.Popen(
        list(args), stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True
    )
    os.close(follower)
    output = bytearray()
    pending = list(steps) if steps else ([(b"", keys)] if keys else [])
    since = 0
    started = time.monotonic()
    deadline = started + timeout
    try:
        while time.monotonic() < deadline:
            if pending:
                expected, typed = pending[0]
                ready = (
                    expected in output[since:] if expected else time.monotonic() - started > seconds
                )
                if ready:
                    os.write(leader, typed)
                    since = len(output)
                    pending.pop(0)
            ready_fds, _, _ = select.select([leader], [], [], 0.05)
            if ready_fds:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the child closed the pty
                    break
                if not chunk:
                    break
                output += chunk
            elif process.poll() is not None and not pending:
                break
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        os.close(leader)
    if pending:
        tail = bytes(output[-2000:])
        raise AssertionError(f"never saw {pending[0][0]!r} within {timeout} s; the end: {tail!r}")
    return bytes(output)


def newsreader(*args: str) -> list[str]:
    """The command line that runs the installed ``newsreader`` with ``args``."""
    assert SCRIPT, "newsreader is not installed in this environment"
    return [SCRIPT, *args]
