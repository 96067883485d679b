"""System folders: the filesystem root and the kernel's pseudo-filesystems, which a scan skips.

People link folders from elsewhere into their library (an archive, a mount point such as
``/mnt/archive``), and those are followed. A link to ``/`` is not: it made one scan walk the
whole disk (1.16 million files, 415 s); nor is a link into ``/proc``, ``/sys`` or ``/dev``,
whose files are not articles and whose trees are endless (``/proc/self/root`` is ``/`` again).

On Linux a path's filesystem type comes from ``/proc/self/mountinfo``; elsewhere, or when that
cannot be read, the well-known folders ``/proc``, ``/sys`` and ``/dev`` stand in for it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["SystemFolders", "filesystem_type"]

PSEUDO_FILESYSTEMS = frozenset(
    {
        "proc",
        "sysfs",
        "devtmpfs",
        "devpts",
        "cgroup",
        "cgroup2",
        "debugfs",
        "tracefs",
        "securityfs",
        "bpf",
        "pstore",
        "efivarfs",
        "configfs",
        "fusectl",
        "mqueue",
        "hugetlbfs",
        "binfmt_misc",
        "rpc_pipefs",
        "nsfs",
        "selinuxfs",
    }
)
"""Kernel filesystems that hold no files of anyone's. Not tmpfs (``/tmp``), nor autofs, which
stands at a mount point such as ``/mnt/archive`` until the real filesystem is mounted there."""

FALLBACK_FOLDERS = (b"/proc", b"/sys", b"/dev")

MOUNTINFO = Path("/proc/self/mountinfo")

_OCTAL = re.compile(rb"\\([0-7]{3})")  # mountinfo writes a space in a path as \040


class SystemFolders:
    """Which paths are the root or inside a pseudo-filesystem: read once, asked per folder."""

    def __init__(self, mountinfo: Path = MOUNTINFO) -> None:
        self._pseudo = _pseudo_mount_points(mountinfo)
        try:
            root = os.stat(b"/")
            self._root: tuple[int, int] | None = (root.st_dev, root.st_ino)
        except OSError:
            self._root = None

    def is_root(self, info: os.stat_result) -> bool:
        """Whether ``info`` is the filesystem root's, under whatever name (a bind mount too)."""
        return (info.st_dev, info.st_ino) == self._root

    def system_folder(self, path: bytes) -> bytes | None:
        """``b"/"`` when ``path`` (links resolved) is the root; the outermost pseudo-filesystem
        mount point that holds it (``b"/proc"``, ``b"/sys"``) when there is one; else None."""
        real = _resolved(path)
        if real == b"/":
            return b"/"
        holders = [point for point in self._pseudo if _under(real, point)]
        return min(holders, key=len) if holders else None


def _pseudo_mount_points(mountinfo: Path) -> tuple[bytes, ...]:
    """Where pseudo-filesystems are mounted. A mount point mounted over again counts as its last
    mount, as the kernel shows it."""
    try:
        lines = mountinfo.read_bytes().splitlines()
    except OSError:
        return FALLBACK_FOLDERS
    kinds: dict[bytes, bool] = {}
    for line in lines:
        fields, separator, rest = line.partition(b" - ")
        parts, kind = fields.split(), rest.split()[:1]
        if not separator or len(parts) < 5 or not kind:
            continue
        point = _OCTAL.sub(lambda match: bytes([int(match.group(1), 8)]), parts[4])
        kinds[point] = kind[0].decode("ascii", "replace") in PSEUDO_FILESYSTEMS
    if not kinds:
        return FALLBACK_FOLDERS
    return tuple(point for point, pseudo in kinds.items() if pseudo)


def _resolved(path: bytes) -> bytes:
    """``path`` with its links resolved, or as far as the system lets us: a link it will not
    read through (another user's ``/proc/1/root``) is taken at its word, one step."""
    try:
        return os.path.realpath(path)
    except OSError:
        absolute = os.path.abspath(path)
        try:
            target = os.readlink(absolute)
        except OSError:
            return os.path.normpath(absolute)
        return os.path.normpath(os.path.join(os.path.dirname(absolute), target))


def _under(path: bytes, folder: bytes) -> bool:
    return path == folder or path.startswith(folder.rstrip(b"/") + b"/")


def filesystem_type(path: bytes, mountinfo: Path = MOUNTINFO) -> str | None:
    """The type of the filesystem holding ``path`` (``"ext4"``, ``"nfs4"``), or None where
    ``/proc/self/mountinfo`` can't tell (not Linux)."""
    try:
        lines = mountinfo.read_bytes().splitlines()
    except OSError:
        return None
    real, found, length = _resolved(path), None, -1
    for line in lines:  # the last mount over the deepest mount point that holds the path wins
        fields, separator, rest = line.partition(b" - ")
        parts, kind = fields.split(), rest.split()[:1]
        if not separator or len(parts) < 5 or not kind:
            continue
        point = _OCTAL.sub(lambda match: bytes([int(match.group(1), 8)]), parts[4])
        if _under(real, point) and len(point) >= length:
            found, length = kind[0].decode("ascii", "replace"), len(point)
    return found
