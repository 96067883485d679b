"""A scan's worker processes never outlive it, even when the scanning process is SIGKILLed."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from support import write_article

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")

# A scan that stops after its first batch and says so: the workers are then busy with the
# batches in flight, and the test kills the parent while they are.
SCAN = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from newsreader.library import Library

    os.cpu_count = lambda: 2  # worker processes even on a one-CPU machine
    library = Library(Path(sys.argv[1]), cache_path=Path(sys.argv[2]))

    def progress(done, total):
        if done:
            print("parsing", flush=True)
            time.sleep(60)

    library.scan(progress)
    """
)


def _stat(pid: int) -> tuple[str, int] | None:
    """A process's state letter and parent pid, or None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    state, ppid = text[text.rindex(")") + 2 :].split()[:2]
    return state, int(ppid)


def _descendants(root: int) -> set[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (found := _stat(int(entry.name))) is not None:
            parents[int(entry.name)] = found[1]
    family, grew = {root}, True
    while grew:
        more = {pid for pid, ppid in parents.items() if ppid in family} - family
        family |= more
        grew = bool(more)
    return family - {root}


def _alive(pid: int) -> bool:
    found = _stat(pid)
    return found is not None and found[0] != "Z"  # a zombie has exited; only its reaper is late


def _read_line(process: subprocess.Popen[str], seconds: float) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], seconds)
    return process.stdout.readline() if ready else ""


def _gone_within(pids: set[int], seconds: float) -> set[int]:
    """Poll until none of ``pids`` is alive; returns those still alive at the deadline."""
    deadline = time.monotonic() + seconds
    while (alive := {pid for pid in pids if _alive(pid)}) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def test_workers_exit_when_the_scanning_process_is_killed(tmp_path: Path) -> None:
    root = tmp_path / "library"
    for i in range(3000):
        write_article(root, f"d{i % 6}/a{i:05}.txt", f"Article {i}", f"Body of article {i}.")
    process = subprocess.Popen(
        [sys.executable, "-c", SCAN, str(root), str(tmp_path / "cache.db")],
        stdout=subprocess.PIPE,
        text=True,
    )
    children: set[int] = set()
    try:
        assert _read_line(process, 30) == "parsing\n"
        children = _descendants(process.pid)
        workers = [pid for pid in children if b"spawn_main" in _cmdline(pid)]
        assert len(workers) == 3, children  # a worker per core, and one more
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
        left = _gone_within(children, 10)
        assert not left, f"still running after their parent was killed: {sorted(left)}"
    finally:
        process.kill()
        process.wait()
        for pid in children:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


# The fallback for systems without prctl: a watcher thread. Here a middle process starts the
# worker, as the scanning process would, and is killed.
ORPHAN = textwrap.dedent(
    """
    import os, time
    from newsreader.library import workers

    workers._kill_on_parent_death = lambda: False  # as on a system without prctl
    workers.die_with_parent(os.getppid())
    print(os.getpid(), flush=True)
    time.sleep(60)
    """
)
MIDDLE = textwrap.dedent(
    """
    import subprocess, sys, time
    subprocess.Popen([sys.executable, "-c", sys.argv[1]])
    time.sleep(60)
    """
)


def test_without_prctl_a_watcher_thread_ends_the_orphan() -> None:
    middle = subprocess.Popen(
        [sys.executable, "-c", MIDDLE, ORPHAN], stdout=subprocess.PIPE, text=True
    )
    orphan = 0
    try:
        orphan = int(_read_line(middle, 30))
        os.kill(middle.pid, signal.SIGKILL)
        middle.wait(10)
        assert not _gone_within({orphan}, 5), "the orphan outlived its parent"
    finally:
        middle.kill()
        middle.wait()
        if orphan and _alive(orphan):
            os.kill(orphan, signal.SIGKILL)


def test_a_worker_whose_parent_already_died_exits_at_once() -> None:
    # the parent it was told of is not its parent: that one died before the worker got going
    script = "from newsreader.library import workers; workers.die_with_parent(1); print('alive')"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30
    )
    assert (done.returncode, done.stdout) == (1, "")
