"""Links to / or into /proc, /sys, /dev are problems, never walked; other links are followed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsreader.library import Library
from newsreader.library.formats import SUFFIXES
from newsreader.library.mounts import SystemFolders
from newsreader.library.scanner import FileStat, WalkProblem, system_folder, walk
from support import write_article

SCRIPT = str(Path(sys.executable).parent / "newsreader")
HAS_PROC = Path("/proc/self").is_dir()


def _walk(root: Path) -> tuple[set[bytes], dict[bytes, str]]:
    """The files and problems of a walk that must stay in ``root``: one that wanders off (into
    the whole disk) fails within seconds instead of running for minutes."""
    files: set[bytes] = set()
    problems: dict[bytes, str] = {}
    started = time.monotonic()
    for item in walk(root, SUFFIXES):
        if isinstance(item, FileStat):
            files.add(item.rel)
        else:
            assert isinstance(item, WalkProblem)
            problems[item.rel] = item.reason
        assert len(files) < 100 and time.monotonic() - started < 10, "the walk left the library"
    return files, problems


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    write_article(root, "one.txt", "The First Real Article Of This Library", "Body text here.")
    write_article(root, "inner/two.txt", "The Second Real Article Of This Library", "Body.")
    return root


def test_a_link_to_the_root_is_a_problem_and_not_walked(library: Path) -> None:
    (library / "everything").symlink_to("/")
    (library / "inner" / "up").symlink_to("/../")
    files, problems = _walk(library)
    assert files == {b"one.txt", b"inner/two.txt"}
    assert problems == {
        b"everything": "links to / (not followed)",
        b"inner/up": "links to / (not followed)",
    }


@pytest.mark.skipif(not HAS_PROC, reason="no /proc here")
@pytest.mark.parametrize("target", ["/proc", "/proc/self", "/proc/self/root", "/sys", "/dev"])
def test_a_link_into_a_system_folder_is_a_problem_and_not_walked(
    library: Path, target: str
) -> None:
    (library / "system").symlink_to(target)
    files, problems = _walk(library)
    assert files == {b"one.txt", b"inner/two.txt"}
    expected = "/" if target == "/proc/self/root" else "/" + target.split("/")[1]
    if expected == "/":
        assert problems == {b"system": "links to / (not followed)"}
    else:
        assert problems == {b"system": f"links into a system folder {expected} (not followed)"}


def test_a_link_to_a_folder_outside_the_library_is_still_read(
    library: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    write_article(archive, "old.txt", "An Article From The Linked Archive", "Body text.")
    (library / "archive").symlink_to(archive)
    files, problems = _walk(library)
    assert files == {b"one.txt", b"inner/two.txt", b"archive/old.txt"}
    assert problems == {}


@pytest.mark.skipif(not HAS_PROC, reason="no /proc here")
def test_scan_reports_them_as_problems_fast(library: Path) -> None:
    (library / "everything").symlink_to("/")
    (library / "kernel").symlink_to("/proc")
    opened = Library(library)
    try:
        report = opened.scan()
        assert report.seconds < 10
        assert sorted(entry.title for entry in opened.catalog.entries) == [
            "The First Real Article Of This Library",
            "The Second Real Article Of This Library",
        ]
        assert sorted(str(problem) for problem in report.problems) == [
            "everything: links to / (not followed)",
            "kernel: links into a system folder /proc (not followed)",
        ]
    finally:
        opened.close()


@pytest.mark.skipif(not HAS_PROC, reason="no /proc here")
def test_index_lists_them(library: Path) -> None:
    (library / "kernel").symlink_to("/proc")
    result = subprocess.run(
        [SCRIPT, "index", "--library", str(library)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "  kernel: links into a system folder /proc (not followed)" in result.stdout


@pytest.mark.parametrize("folder", ["/", "/proc", "/proc/self", "/sys", "/dev"])
@pytest.mark.parametrize("command", [["list"], ["index"], []], ids=["list", "index", "app"])
def test_a_system_folder_is_refused_as_the_library(folder: str, command: list[str]) -> None:
    if not Path(folder).is_dir():
        pytest.skip(f"no {folder} here")
    result = subprocess.run(
        [SCRIPT, *command, "--library", folder],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsreader: error: library folder")
    assert ("the whole disk" if folder == "/" else "in the system folder") in lines[0]


def test_system_folder_of_ordinary_folders_is_none(tmp_path: Path) -> None:
    assert system_folder(tmp_path) is None
    assert system_folder(tmp_path / "missing") is None
    assert system_folder(Path("/")) == "/"


def test_without_mountinfo_the_well_known_folders_stand_in(tmp_path: Path) -> None:
    folders = SystemFolders(mountinfo=tmp_path / "no-mountinfo")
    assert folders.system_folder(b"/proc/1/root/etc") == b"/proc"
    assert folders.system_folder(b"/sys/fs/cgroup") == b"/sys"
    assert folders.system_folder(b"/dev/shm") == b"/dev"
    assert folders.system_folder(b"/") == b"/"
    assert folders.system_folder(os.fsencode(tmp_path)) is None
    assert folders.system_folder(b"/devices-of-mine") is None


def test_mountinfo_decides_the_filesystem_type(tmp_path: Path) -> None:
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_bytes(
        b"1 0 8:1 / / rw - ext4 /dev/sda1 rw\n"
        b"2 1 0:5 / /mnt/odd\\040name rw - proc proc rw\n"
        b"3 1 0:6 / /mnt/archive rw - autofs systemd-1 rw\n"
        b"4 3 8:2 / /mnt/archive rw - ext4 /dev/sdb1 rw\n"
        b"5 1 0:7 / /tmp rw - tmpfs tmpfs rw\n"
        b"6 1 0:8 / /sys rw shared:7 - sysfs sysfs rw\n"
        b"7 6 0:9 / /sys/fs/cgroup rw - tmpfs tmpfs rw\n"
    )
    folders = SystemFolders(mountinfo=mountinfo)
    assert folders.system_folder(b"/mnt/odd name/1") == b"/mnt/odd name"
    assert folders.system_folder(b"/mnt/archive/2010") is None
    assert folders.system_folder(b"/tmp/library") is None
    assert folders.system_folder(b"/sys/fs/cgroup/cpu") == b"/sys"
    assert folders.system_folder(b"/proc/self") is None, "not a pseudo-filesystem here"
