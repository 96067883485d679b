"""Turning one file into rows for the cache: the CPU-bound half of a scan.

It is a plain function of a path so that a cold index can spread it over worker processes while
the main process only writes to SQLite.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from .formats import parse_file
from .identity import file_ids
from .models import Problem
from .outlets import outlet_name
from .rows import PreparedArticle, PreparedFile, fts_columns, pack_body
from .scanner import FileStat, display_path
from .story_features import story_terms, story_text
from .tokens import words


def prepare(root: Path, found: FileStat, max_bytes: int) -> PreparedFile:
    """Parse ``found`` and compute everything the cache stores for it (never raises)."""
    shown = display_path(found.rel)
    path = Path(os.fsdecode(os.path.join(os.fsencode(root), found.rel)))
    parsed = parse_file(path, display_path=shown, max_bytes=max_bytes)
    if isinstance(parsed, Problem):
        return PreparedFile(found.rel, shown, found.size, found.mtime_ns, problem=parsed.reason)
    parsed = tuple(
        dataclasses.replace(article, source=outlet_name(article.source)) for article in parsed
    )
    columns: list[tuple[str, str]] = []
    stories: list[tuple[str, bytes]] = []
    counts: list[int] = []
    for article in parsed:  # the body split once, for the count, the index and the stories
        story = story_text(article.body)
        rest = " ".join(article.body[story.paragraphs :])  # split in one go, not by paragraph
        body_words = [*story.lead_words, *story.tail_words, *words(rest)]
        columns.append(fts_columns(article.title, article.source, article.body, body_words))
        stories.append(story_terms(article.title, story))
        # Article.words
        counts.append(len(story.lead_tokens) + len(story.tail_tokens) + _token_count(rest))
    ids = file_ids(list(parsed), [body for _, body in columns])
    articles = [
        PreparedArticle(
            id=article_id,
            ordinal=ordinal,
            title=article.title,
            date=article.date,
            source=article.source,
            url=article.url,
            words=count,
            markup=article.markup,
            tags=article.tags,
            author=article.author,
            published=article.published,
            packed_body=pack_body(article.body),
            folded_head=head,
            folded_body=body,
            story_terms=terms,
            story_weights=weights,
        )
        for ordinal, (article, article_id, (head, body), (terms, weights), count) in enumerate(
            zip(parsed, ids, columns, stories, counts, strict=True)
        )
    ]
    return PreparedFile(found.rel, shown, found.size, found.mtime_ns, articles=tuple(articles))


def _token_count(text: str) -> int:
    """How many tokens ``text.split()`` would give, without making them when the text is
    spaced by single spaces alone (a printable text holds no whitespace but the space), as
    the parsers leave a body's paragraphs."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text.count(" ") + 1 if text else 0
    return len(text.split())


def prepare_batch(root: Path, batch: list[FileStat], max_bytes: int) -> list[PreparedFile]:
    """:func:`prepare` for a batch: one round trip to a worker process per batch, not per file."""
    return [prepare(root, found, max_bytes) for found in batch]
