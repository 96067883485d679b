"""A cache or saved state whose -wal/-shm file this process can't write: a warning, no crash.

SQLite opens such a -shm read-only without a word, and the first write then fails with "attempt
to write a readonly database": a scan died with a traceback and every save failed unexplained.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.library import Library, StateStore
from newsreader.library.locations import cache_file, state_file
from newsreader.library.sqlite_files import UnusableSideFile, check_side_files
from support import SEEDS

NEWSREADER = Path(sys.executable).with_name("newsreader")
_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def test_missing_or_usable_side_files_pass(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    check_side_files(database)
    Path(f"{database}-shm").write_bytes(b"\0" * 32768)
    check_side_files(database)


def test_a_side_file_that_is_a_folder_means_a_cache_in_memory(seed_library: Path) -> None:
    library = Library(seed_library)
    library.scan()
    library.close()
    Path(f"{cache_file(seed_library)}-shm").mkdir()
    with pytest.raises(UnusableSideFile, match="not a regular file"):
        check_side_files(cache_file(seed_library))

    library = Library(seed_library)
    assert library.cache.path is None, "working in memory"
    assert "sqlite3-shm is not a regular file" in library.warnings[0]
    assert library.scan().new == 2  # and a scan works there
    library.close()


def _without_file_permission_override() -> None:
    """In the child, before exec: root loses the right to ignore file modes, as a user lacks it."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
            if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _as_a_user(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        preexec_fn=_without_file_permission_override,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="drops a Linux capability to act as a user")
def test_a_read_only_shm_left_behind_is_a_warning_not_a_crash(seed_library: Path) -> None:
    library = Library(seed_library)
    library.scan()
    library.close()
    StateStore(state_file()).close()
    # what a `sudo newsreader` killed mid-run leaves: -shm files the user may read, not write
    for database in (cache_file(seed_library), state_file()):
        shm = Path(f"{database}-shm")
        shm.write_bytes(b"\0" * 32768)
        shm.chmod(0o444)
    probe = _as_a_user(sys.executable, "-c", f"open({str(shm)!r}, 'r+b')")
    if probe.returncode == 0:
        pytest.skip("cannot drop the right to write read-only files here")

    done = _as_a_user(str(NEWSREADER), "index", "--library", str(seed_library))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("2 new, 0 changed, 0 removed")  # from a cache in memory
    assert "sqlite3-shm is not writable by this user); working without a cache" in done.stderr
    # index never opens the saved state; a command that does reads it and says it can't save
    marked = _as_a_user(str(NEWSREADER), "bookmark", SEEDS[0], "--library", str(seed_library))
    assert "Traceback" not in marked.stderr
    assert "bookmarks and read marks will not be saved" in marked.stderr
    assert marked.returncode == 1 and "cannot save" in marked.stderr
