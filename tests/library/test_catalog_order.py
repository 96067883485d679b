"""Orders and filters computed with arrays must agree with the plain definition, for any subset."""

from __future__ import annotations

import random

import numpy as np
import pytest

from newsreader.library import Catalog
from newsreader.library.catalog_columns import Columns
from newsreader.library.filters import Filters
from newsreader.library.query import parse_query
from newsreader.library.tokens import fold


def _catalog(count: int, seed: int = 5) -> Catalog:
    rng = random.Random(seed)
    words = ["Zürich", "alpha", "Beta", "gamma", "Delta", "épée", "", "omega"]
    dated = sorted(
        (
            f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            for _ in range(count)
        ),
        reverse=True,
    )
    dates = [d if rng.random() > 0.2 else None for d in dated]
    dates = [d for d in dates if d] + [None] * dates.count(None)  # the catalog's order
    return Catalog(
        Columns(
            rowids=tuple(range(1, count + 1)),
            ids=tuple(f"{n:012x}" for n in range(count)),
            titles=tuple(" ".join(rng.choices(words, k=3)) for _ in range(count)),
            dates=tuple(dates),
            sources=tuple(
                rng.choice(["The Guardian", "BBC", None, "Reuters"]) for _ in range(count)
            ),
            urls=(None,) * count,
            paths=tuple(f"{n}.txt" for n in range(count)),
            words=(10,) * count,
            markups=("text",) * count,
            ordinals=(0,) * count,
            published=(None,) * count,
        )
    )


def _plain(catalog: Catalog, positions: list[int], sort: str) -> list[int]:
    c = catalog.columns
    if sort == "newest":
        return sorted(positions)
    if sort == "oldest":
        dated = [p for p in positions if c.dates[p] is not None]
        return sorted(dated, reverse=True) + sorted(p for p in positions if c.dates[p] is None)
    column = c.titles if sort == "title" else c.sources
    return sorted(positions, key=lambda p: (fold(column[p] or "\uffff"), p))


@pytest.mark.parametrize("sort", ["newest", "oldest", "title", "source"])
@pytest.mark.parametrize("share", [0.001, 0.05, 0.5, 1.0])
def test_sorted_positions_agree_with_a_plain_sort(sort: str, share: float) -> None:
    catalog = _catalog(3000)
    positions = random.Random(7).sample(range(3000), max(1, int(3000 * share)))
    assert list(catalog.sorted_positions(positions, sort)) == _plain(catalog, positions, sort)  # type: ignore[arg-type]
    assert list(catalog.order(sort)) == _plain(catalog, list(range(3000)), sort)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("after", "before"),
    [(None, None), ("2015-01-01", None), (None, "2018-05-15"), ("2012-03-10", "2020-07-19"),
     ("2030-01-01", None), (None, "2000-01-01"), ("2019-01-01", "2011-01-01")],
)  # fmt: skip
def test_a_date_range_is_the_run_of_dated_articles_inside_it(
    after: str | None, before: str | None
) -> None:
    catalog = _catalog(2000)
    dates = catalog.columns.dates
    expected = [
        p
        for p, d in enumerate(dates)
        if d is not None and (after is None or d >= after) and (before is None or d <= before)
    ]
    assert list(catalog.date_range(after, before)) == expected


def test_filters_follow_a_change_of_marks_and_keep_nothing_stale() -> None:
    catalog = _catalog(500)
    engine = Filters(catalog)
    ids = catalog.columns.ids

    def allowed(query: str, read: frozenset[str]) -> set[int]:
        mask = engine.allowed(parse_query(query), (), read)
        assert mask is not None
        return set(np.flatnonzero(mask).tolist())

    read = frozenset(ids[:100])
    assert allowed("is:unread", read) == set(range(100, 500))
    unread = engine.allowed(parse_query("is:unread"), (), read)
    assert engine.allowed(parse_query("is:unread"), (), read) is unread  # kept for typing
    read_more = frozenset(ids[:200])  # a new set: an article was opened
    assert allowed("is:unread", read_more) == set(range(200, 500))
    guardian = allowed("source:guardian is:read", read_more)
    assert guardian == {p for p in range(200) if catalog.columns.sources[p] == "The Guardian"}
