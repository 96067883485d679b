"""The cache's tables: their schema, and the row-level reads and writes a scan makes.

Kept apart from :mod:`store`, which decides when these run (on which connection, in which
transaction, and what to do when the file turns out damaged); here is only what the SQL does.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from . import story_tables
from .rows import PreparedFile, fts_columns, unpack_body

FORMAT_VERSION = 10
"""Bump when the schema or what the parsers extract changes: an older cache is then rebuilt."""

_SCHEMA = """
CREATE TABLE files (
    path BLOB PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    problem TEXT
) WITHOUT ROWID;
-- AUTOINCREMENT: a rowid is never given twice, so a catalog read before a rescan can never take
-- a new article's rowid for the deleted one it had.
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    file BLOB NOT NULL,
    ordinal INTEGER NOT NULL,
    display_path TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    source TEXT,
    url TEXT,
    words INTEGER NOT NULL,
    markup TEXT NOT NULL,
    tags TEXT NOT NULL,
    author TEXT,
    -- ISO 8601 with the file's zone when it gave one: julianday() reads the offset, so sorting
    -- by it orders moments, not local clock readings
    published TEXT
);
CREATE INDEX articles_file ON articles(file);
CREATE INDEX articles_id ON articles(id);
-- Bodies apart, so that listing every article reads 20 MB of rows, not 150 MB.
CREATE TABLE bodies (rowid INTEGER PRIMARY KEY, body BLOB NOT NULL);
-- A snapshot of fts5vocab, which walks the whole index (0.4 s at 100k articles) to answer.
CREATE TABLE terms (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
-- The catalog's columns, pickled, as of a generation (bumped by every write): a start reads one
-- blob instead of sorting 100,000 rows, and ignores a blob that a later write made stale.
CREATE TABLE generation (value INTEGER NOT NULL);
INSERT INTO generation VALUES (0);
CREATE TABLE snapshots (name TEXT PRIMARY KEY, generation INTEGER NOT NULL, data BLOB NOT NULL);
-- Which articles hold a word, and nothing more (detail='none'): no search asks where in an
-- article a word is (a headline's words are looked for in heads, below, and closeness and
-- phrases read the text). Column details doubled the index and cost the writer a fifth more
-- CPU.
CREATE VIRTUAL TABLE fts USING fts5(
    head, body, content='', detail='none', tokenize='unicode61 remove_diacritics 0'
);
-- Merge index segments 16 at a time (default 4): a cold index of 100k articles writes ~16%
-- faster at 8, and 400k another 12% at 16, with the same query times (a transaction writes
-- one segment of its 16 MB: see HASH_SIZE, so there are few to merge).
INSERT INTO fts(fts, rank) VALUES ('automerge', 16);
-- ... and a whole level at once only when 64 wait (default 16): at automerge 16 that default
-- merged a level in one go, ~8 s of one core stalling a cold index of a million articles.
INSERT INTO fts(fts, rank) VALUES ('crisismerge', 64);
CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, 'row');
-- The head column again, alone: a word looked for in headlines and sources (two letters being
-- typed, and every word's head set) read the word's whole list in fts, every article with it
-- anywhere, to keep the few with it in a headline: 35-55 ms for a two-letter key's 40 words at
-- a million articles, 2-6 ms here. 24 MB at a million.
CREATE VIRTUAL TABLE heads USING fts5(
    head, content='', detail='none', tokenize='unicode61 remove_diacritics 0'
);
"""


_PROBLEMS_INDEX = (
    "CREATE INDEX IF NOT EXISTS files_problems ON files(path) WHERE problem IS NOT NULL"
)
"""The few files with a problem, listed after every scan: without it, a look through every
file's row (1.2 s at a million). Added to caches made before it, when they are opened."""

PAGE_SIZE = 16384
"""Bytes of a page of a new cache file (SQLite's default: 4096). A cold index writes each page
to the log and again to the file, and the index's segments again as they merge: in pages of
16 KB, writing 400,000 articles took 2.6 s of the kernel's time, not 6.2, and 24.0 s of CPU in
all, not 27.8, with the same query times (32 KB: 23.4 s). Only a new file takes it."""

HASH_SIZE = 16 * 1024 * 1024
"""Bytes of new index entries FTS5 holds in memory before writing them as a segment. Its default,
1 MB, wrote two or three small segments per transaction of 2,000 files, each merged again later:
at 16 MB a transaction writes one, and the writing process spends 19 % less CPU at 400,000
articles (37.2 -> 30.2 s), with the same query times. Memory follows the transaction, not this
ceiling: the entries of 2,000 files take a few MB, and go when they are written. Set when a
cache is made: reading the index's settings at every open would meet a damaged index there,
not where a read can rebuild the cache."""


def ensure_schema(db: sqlite3.Connection) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == FORMAT_VERSION:
        db.execute("SELECT 1 FROM files LIMIT 1").fetchone()  # readable, without a scan
        with contextlib.suppress(sqlite3.OperationalError):  # a cache this process can't write
            db.execute(_PROBLEMS_INDEX)
        return
    if version != 0:
        raise Outdated(f"has format version {version}, this newsreader uses {FORMAT_VERSION}")
    with transaction(db):
        if db.execute("PRAGMA user_version").fetchone()[0] == 0:  # not made meanwhile
            if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise Outdated("is not a newsreader cache")
            # one statement at a time: executescript would commit midway
            for statement in (_SCHEMA + ";" + story_tables.SCHEMA + ";" + _PROBLEMS_INDEX).split(
                ";"
            ):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"INSERT INTO fts(fts, rank) VALUES ('hashsize', {HASH_SIZE})")
            db.execute(f"PRAGMA user_version={FORMAT_VERSION}")


def forget(db: sqlite3.Connection, rel: bytes) -> int:
    """Delete a file's rows; returns how many articles went with it.

    The index is contentless, so deleting a row from it means handing it the exact words it
    indexed: they are computed again from the stored title, source and body.
    """
    rows = db.execute(
        "SELECT a.rowid, title, source, body FROM articles AS a JOIN bodies USING (rowid)"
        " WHERE file = ?",
        (rel,),
    ).fetchall()
    for rowid, title, source, body in rows:
        head, text = fts_columns(title, source, unpack_body(body))
        db.execute(
            "INSERT INTO fts(fts, rowid, head, body) VALUES('delete', ?, ?, ?)",
            (rowid, head, text),
        )
        db.execute("INSERT INTO heads(heads, rowid, head) VALUES('delete', ?, ?)", (rowid, head))
        db.execute("DELETE FROM bodies WHERE rowid = ?", (rowid,))
    db.execute("DELETE FROM articles WHERE file = ?", (rel,))
    story_tables.forget(db, [row[0] for row in rows])
    db.execute("DELETE FROM files WHERE path = ?", (rel,))
    return len(rows)


def insert(db: sqlite3.Connection, prepared: list[PreparedFile]) -> None:
    """Bulk-insert files, articles and index rows; rowids are given so the three agree."""
    last = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'articles'").fetchone()
    rowid = (last[0] if last else 0) + 1
    articles, bodies, indexed, stories = [], [], [], []
    for item in prepared:
        for article in item.articles:
            articles.append((
                rowid, article.id, item.rel, article.ordinal, item.display_path,
                article.title, article.date.isoformat() if article.date else None,
                article.source, article.url, article.words, article.markup,
                "\x1f".join(article.tags), article.author,
                article.published.isoformat() if article.published else None,
            ))  # fmt: skip
            bodies.append((rowid, article.packed_body))
            indexed.append((rowid, article.folded_head, article.folded_body))
            stories.append((rowid, article.date, article.story_terms, article.story_weights))
            rowid += 1
    db.executemany(
        "INSERT INTO files VALUES (?, ?, ?, ?)",
        [(item.rel, item.size, item.mtime_ns, item.problem) for item in prepared],
    )
    db.executemany(
        "INSERT INTO articles (rowid, id, file, ordinal, display_path, title, date, source,"
        " url, words, markup, tags, author, published)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        articles,
    )
    db.executemany("INSERT INTO bodies VALUES (?, ?)", bodies)
    db.executemany("INSERT INTO fts(rowid, head, body) VALUES (?, ?, ?)", indexed)
    db.executemany("INSERT INTO heads(rowid, head) VALUES (?, ?)", [row[:2] for row in indexed])
    story_tables.add(db, stories)


def files_under(db: sqlite3.Connection, rel: bytes) -> dict[bytes, tuple[int, int]]:
    """What the cache knows of the file or folder ``rel`` and every file below it: path ->
    (size, mtime_ns). Two lookups in the path index, however many files the cache holds."""
    rows = db.execute(
        "SELECT path, size, mtime_ns FROM files WHERE path = ? OR (path >= ? AND path < ?)",
        (rel, rel + b"/", rel + b"0"),  # b"0" sorts right after b"/"
    )
    return {path: (size, mtime) for path, size, mtime in rows}  # BLOBs: bytes already


def top_names(db: sqlite3.Connection) -> set[bytes]:
    """The names at the top of the library that the cache holds files under (or files).

    One lookup in the path index per name, each skipping past the files under the one before:
    reading every path took 0.13 s at a million files."""
    names: set[bytes] = set()
    after = b""
    while row := db.execute(
        "SELECT path FROM files WHERE path >= ? ORDER BY path LIMIT 1", (after,)
    ).fetchone():
        path = bytes(row[0])
        name, slash, _ = path.partition(b"/")
        names.add(name)
        after = name + b"0" if slash else path + b"\0"  # b"0" sorts right after b"/"
    return names


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """A write transaction, taken at once so a second writer waits instead of failing."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


class Outdated(Exception):
    """The cache was written by another format version, or is not ours."""
