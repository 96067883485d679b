"""Worker processes that die with the process that started them.

A cold scan parses in a pool of spawned processes. They wait on a pipe for work, and every one of
them holds that pipe's write end too (the queue is pickled whole into each), so when the parent
is killed outright (``kill -9``, the OOM killer) no worker ever sees end-of-file: they and the
resource tracker that waits on them used to stay behind, 88 MB for good. Closing the pool
cleanly can't help a parent that runs no more code, so each worker watches its parent itself.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection

_PR_SET_PDEATHSIG = 1
"""From <linux/prctl.h>: the signal the kernel sends this process when its parent dies."""

POLL_SECONDS = 1.0
"""How often the fallback watcher looks at the parent: an orphan lives at most this long."""


def spawned_pool(workers: int) -> concurrent.futures.ProcessPoolExecutor:
    """A pool of ``workers`` fresh processes that die with this one.

    Spawned, not forked: the app starts them from a thread, and forking a threaded process is
    unsafe. They import only the library, never Textual.
    """
    return concurrent.futures.ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )


def run_apart(
    function: Callable[..., object], *args: object, cancelled: Callable[[], bool] = lambda: False
) -> bool:
    """Run ``function(*args)`` in a process of its own; whether it ran to the end (it raises
    here what it raised there).

    For seconds of pure-Python work (grouping thousands of new articles into stories, storing
    the catalog's snapshot at 100,000 articles) that, run on one of the app's threads, would
    hold the interpreter lock against every keystroke meanwhile. Starting the process costs
    about 0.3 s, so callers keep small jobs here. Where no process can start (a sandbox), or
    it dies without a word, the work runs in this one after all.

    The work must be worth nothing half done (a transaction): when ``cancelled()`` turns true
    (polled every tenth of a second), or this process is interrupted (Ctrl-C), the process is
    killed at once. A pool would wait for it: Ctrl-C on an index of a million articles waited
    19 s for the snapshot to be stored.
    """
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(
        target=_run_and_send, args=(os.getpid(), sending, function, args), daemon=True
    )
    try:
        process.start()
    except OSError:
        function(*args)
        return True
    finally:
        sending.close()
    try:
        while not receiving.poll(0.1):
            if cancelled():
                process.kill()
                return False
        done, raised = receiving.recv()
    except EOFError:  # it died (killed, out of memory): its transaction is rolled back
        function(*args)
        return True
    except BaseException:
        process.kill()
        raise
    finally:
        receiving.close()
        process.join()
    if not done:
        raise raised
    return True


def _run_and_send(
    parent: int, sending: Connection, function: Callable[..., object], args: tuple[object, ...]
) -> None:
    die_with_parent(parent)
    # it may start a helper of its own (see cache_snapshots.refresh_at), which multiprocessing
    # refuses a daemon; die_with_parent still ends it with its parent, and its helper with it
    multiprocessing.current_process().daemon = False
    try:
        function(*args)
        outcome: tuple[bool, BaseException | None] = (True, None)
    except Exception as error:  # raised in the caller's process
        outcome = (False, error)
    sending.send(outcome)


def die_with_parent(parent: int) -> None:
    """The pool's initializer: end this worker as soon as process ``parent`` is gone.

    On Linux the kernel sends SIGKILL the moment the parent dies, with no thread to run. The
    signal is armed only now, after the worker started, so a parent killed in between is caught
    by looking once: a worker whose parent pid is no longer ``parent`` was already orphaned.
    Elsewhere (or if prctl refuses) a daemon thread polls the parent pid instead.
    """
    if not (sys.platform == "linux" and _kill_on_parent_death()):
        threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _kill_on_parent_death() -> bool:
    """Ask the kernel for SIGKILL when the parent dies; False if this system can't."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    # a dead parent's children are handed to init (or a subreaper): the parent pid changes
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(1)
