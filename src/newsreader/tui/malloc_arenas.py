"""Fewer malloc arenas for the app's process, so that memory freed by one thread serves another.

glibc gives each thread that allocates its own arena, up to eight per core, and memory freed in
one arena is not handed to a thread allocating in another. The app allocates in many threads (a
search, the folder watch, a scan, the state writer), each for a while: the same run at a
million articles peaked at 365-418 MB of RSS, depending on which thread happened to allocate
what. With two arenas it peaks at 335-352 MB, and keystrokes take as long.
"""

from __future__ import annotations

import ctypes
import sys

_M_ARENA_MAX = -8
"""From glibc's <malloc.h>: the most arenas the allocator makes."""

ARENAS = 2


def use_few_arenas() -> None:
    """Ask glibc for at most :data:`ARENAS` arenas; nothing where that cannot be asked (another
    system, or another C library, such as musl, which keeps no arenas)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(_M_ARENA_MAX, ARENAS)
    except (OSError, AttributeError):
        return
