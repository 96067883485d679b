"""The catalog in title order and in source order: computed once, stored, patched, not redone.

Sorting a million titles folds and compares every one: 1.2 s and 136 MB of key strings at the
app's first title sort. So the title order is computed where time and memory are cheap (when
the catalog's snapshot is stored, in a worker process for a big cache), stored with the
snapshot, and read back with the columns; an update that adds or removes a few articles patches
it (the rest keep their relative order, and each new one is placed by binary search), so it is
never computed twice for one library. Sources are few distinct names: their order is the order
of their codes, one NumPy sort.

Both orders are stable: articles with one title keep the catalog's own order (newest first).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .column_types import CodedColumn
from .tokens import fold

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

LAST = "\uffff"
"""The key of an article without a title or source: after every name."""


def _key(value: str | None) -> str:
    return fold(value) if value else LAST


def title_order(titles: Sequence[str | None]) -> npt.NDArray[np.int32]:
    """Positions by folded title (an article without one last), ties in catalog order."""
    import numpy as np

    keys = [_key(title) for title in titles]
    return np.array(sorted(range(len(keys)), key=keys.__getitem__), dtype=np.int32)


def source_order(sources: Sequence[str | None]) -> npt.NDArray[np.int32]:
    """Positions by folded source (an article without one last), ties in catalog order."""
    import numpy as np

    if not isinstance(sources, CodedColumn):  # a small catalog made by hand: as titles are
        return title_order(sources)
    names = sources.values  # None among them: an article without a source
    rank = np.empty(len(names), dtype=np.int32)
    rank[sorted(range(len(names)), key=lambda code: _key(names[code]))] = np.arange(len(names))
    codes = np.frombuffer(sources.codes, dtype=np.int32)
    return np.argsort(rank[codes], kind="stable").astype(np.int32)


def patched_title_order(
    order: Sequence[int],
    moved: npt.NDArray[np.int64],
    added: Sequence[int],
    titles: Sequence[str],
) -> npt.NDArray[np.int32]:
    """The title order of a patched catalog, from the old one.

    ``moved`` gives each old position's new one (-1: gone), ``added`` the new positions of the
    articles added, and ``titles`` is the patched catalog's. The old articles keep their
    relative order; each added one is placed by binary search (a few folds each).
    """
    import numpy as np

    kept = moved[np.asarray(order, dtype=np.int32)]
    kept = kept[kept >= 0].astype(np.int32)

    def key(position: int) -> tuple[str, int]:
        return _key(titles[position]), position

    fresh = sorted(added, key=key)
    at = [bisect_left(kept, key(position), key=lambda p: key(int(p))) for position in fresh]
    return np.insert(kept, at, np.array(fresh, dtype=np.int32)).astype(np.int32)


__all__ = ["patched_title_order", "source_order", "title_order"]
