"""What a query's filters let through: `is:unread`, `source:`, `folder:`, `story:`, `after:`...

The answer is a NumPy mask over the catalog's positions, built from its columns, and kept
for the next keystroke: while words are typed after `is:unread`, the filters and the marks they
read stay the same objects, and cost nothing again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from .catalog import Catalog, LookupProblem
from .query import Query
from .stories import Stories
from .tokens import fold

if TYPE_CHECKING:  # imported where used: a start never loads NumPy
    import numpy as np
    import numpy.typing as npt

_FORGIVING = 80
"""rapidfuzz partial ratio from which a name counts as meant (`mocsow times`)."""


class Filters:
    """The filters' answers for one catalog."""

    def __init__(self, catalog: Catalog, stories: Callable[[], Stories] | None = None) -> None:
        self._catalog = catalog
        self._stories = stories
        """The catalog's stories, read only when a `story:` filter asks."""
        self._lock = threading.Lock()
        self._kept: tuple[object, tuple[object, ...], npt.NDArray[np.bool_]] | None = None

    def allowed(
        self, query: Query, bookmarked: Collection[str], read: Collection[str]
    ) -> npt.NDArray[np.bool_] | None:
        """True at the positions the filters let through (never changed by the caller), or
        None when nothing is filtered."""
        if not query.has_filters:
            return None
        marks = (
            bookmarked if query.bookmarked else None,
            read if query.unread or query.read else None,
        )
        key = (
            query.bookmarked, query.unread, query.read, query.sources, query.folders,
            query.stories, query.after, query.before,
        )  # fmt: skip
        with self._lock:
            kept = self._kept
        if kept is not None and kept[0] == key and all(map(_same, kept[1], marks)):
            return kept[2]
        import numpy as np  # loaded on the first filter, not at start

        catalog = self._catalog
        mask = np.ones(len(catalog), dtype=bool)
        if query.bookmarked:
            mask &= catalog.mask_of_ids(bookmarked)
        if query.unread:
            mask &= ~catalog.mask_of_ids(read)
        if query.read:
            mask &= catalog.mask_of_ids(read)
        if query.sources:
            mask &= catalog.mask_of_sources(matching_sources(query.sources, catalog.sources))
        if query.folders:
            mask &= catalog.mask_of_folders(matching_folders(query.folders, catalog.folders))
        if query.stories:
            mask &= self._story_mask(query.stories)
        if query.after or query.before:
            dated = catalog.date_range(
                query.after.isoformat() if query.after else None,
                query.before.isoformat() if query.before else None,
            )
            in_range = np.zeros(len(catalog), dtype=bool)
            in_range[dated.start : dated.stop] = True
            mask &= in_range
        mask.flags.writeable = False  # kept for the next keystroke
        with self._lock:
            self._kept = (key, marks, mask)
        return mask

    def _story_mask(self, wanted: tuple[str, ...]) -> npt.NDArray[np.bool_]:
        """The reports of the stories named (several `story:` filters: any of them); an id
        that names no story, or more than one, lets nothing through."""
        import numpy as np

        mask = np.zeros(len(self._catalog), dtype=bool)
        stories = self._stories() if self._stories is not None else None
        for key in wanted:
            try:
                story = stories.get(key) if stories is not None else None
            except LookupProblem:
                continue
            if story is not None:
                mask[list(story.positions)] = True
        return mask


def _same(kept: object, given: object) -> bool:
    return kept is given


def matching_sources(wanted: Iterable[str], sources: Iterable[str]) -> set[str]:
    """The sources a forgiving ``source:`` filter means: `moscow`, `mocsow times`, `bbc`."""
    folded = {fold(name): name for name in sources}
    names: set[str] = set()
    for want in wanted:
        key = fold(want)
        names.update(name for f, name in folded.items() if key in f)
        for match, _, _ in process.extract(
            key, list(folded), scorer=fuzz.partial_ratio, score_cutoff=_FORGIVING, limit=None
        ):
            names.add(folded[match])
    return names


def matching_folders(wanted: Iterable[str], folders: Iterable[str]) -> set[str]:
    """The folders a forgiving ``folder:`` filter means, each with the folders inside it:
    `folder:bbc` is `bbc` and `bbc/sport`, `folder:sport` is `bbc/sport`, `folder:spotr` too.

    A folder is named by its path in the library or by any of its names; parents count even
    when they hold no article of their own.
    """
    folders = set(folders)
    named = folders | {parent for folder in folders for parent in _parents(folder)}
    meant: set[str] = set()
    for want in wanted:
        key = fold(want).strip("/")
        # a path or one of its names exactly, else (a typo) the forgiving match of a source
        exact = {f for f in named if key == fold(f) or key in fold(f).split("/")}
        meant |= exact or matching_sources([want], named)
    # each folder against its own parents, not against every folder meant: `folder:0` means
    # every folder with a 0 in its name, and a thousand of each took a quarter of a second
    return {folder for folder in folders if meant.intersection([folder, *_parents(folder)])}


def _parents(folder: str) -> list[str]:
    parts = folder.split("/")
    return ["/".join(parts[:n]) for n in range(1, len(parts))]
