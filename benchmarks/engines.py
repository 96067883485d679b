"""Which full-text engine should newsreader's library sit on: SQLite FTS5 or tantivy?

The search box answers every keystroke from a full-text index, and the app needs *every* match
(for counts and for its own tiered ordering), not a top 10. Typo tolerance comes from expanding a
typed word against the indexed vocabulary, so one query is an AND of ORs of up to 40 terms. Phrase
queries and proximity would need positions, which the current index (``detail='column'``) does not
keep. This script measures, on one parsed corpus and under the same conditions, what each design
costs, so the choice rests on numbers rather than on reputation:

- ``fts-column``: the cache as :mod:`newsreader.library.store` builds it (contentless,
  ``detail='column'``, each distinct word once);
- ``fts-full``: the same with ``detail='full'``, fed every word in order (phrases, proximity);
- ``tantivy``: head and body text fields with positions, a lower-casing, accent-folding analyzer
  without stemming, and a fast ``pos`` field holding the article's catalog position; built with
  one indexing thread (``tantivy-1t``) and with tantivy's default writer threads.

``python benchmarks/engines.py CORPUS [--copies 10] [--rounds 3] [--build-rounds 2] [--repeat 25]``

Every article is parsed once, with newsreader's own :func:`~newsreader.library.prepare.prepare`
(two worker processes), and pickled under ``benchmarks/out/engines/``; every build and every query
round then runs in a fresh child process, engines alternating, so that a busy neighbour on the
two cores slows both alike, and so that each child's peak RSS is its engine's memory. ``--copies``
indexes the corpus that many times under new positions, for the 1,000,000-article projection.
Results go to ``results-<corpus>-x<copies>.json`` beside the pickle; ``ENGINES.md`` reads them.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import pickle
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsreader.library.formats import DEFAULT_MAX_BYTES, SUFFIXES
from newsreader.library.prepare import prepare
from newsreader.library.rows import PreparedFile, unpack_body
from newsreader.library.scanner import FileStat, walk
from newsreader.library.store import Cache
from newsreader.library.tokens import words
from newsreader.library.vocabulary import Vocabulary

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "engines"
ENGINES = ("fts-column", "fts-full", "tantivy")
BUILDS = ("fts-column", "fts-full", "tantivy-1t", "tantivy")
TANTIVY_HEAP = 256_000_000
"""The writer's memory budget, shared by its threads (tantivy's default is 128 MB per writer)."""
TOP = 50

Record = tuple[int, str, str, str, str]
"""(catalog position, distinct head words, distinct body words, head words, body words)."""
Group = dict[str, Any]
"""One query word as the engines see it: ``{"terms": [...], "head": bool}``, an OR of terms."""


# -- parsing, once ---------------------------------------------------------------------------


def _prepare_one(job: tuple[Path, FileStat]) -> tuple[PreparedFile, list[tuple[str, str]]]:
    """newsreader's own preparation, plus the full word sequences ``detail='full'`` wants."""
    root, found = job
    prepared = prepare(root, found, DEFAULT_MAX_BYTES)
    full = [
        (
            " ".join(words(f"{article.title} {article.source or ''}")),
            " ".join(words(" ".join(unpack_body(article.packed_body)))),
        )
        for article in prepared.articles
    ]
    return prepared, full


def parsed(corpus: Path) -> Path:
    """The pickled, parsed corpus: made on first use, with two worker processes."""
    target = OUT / f"{corpus.name}.pickle"
    if target.exists():
        return target
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    found = [item for item in walk(corpus, SUFFIXES) if isinstance(item, FileStat)]
    with mp.Pool(2) as pool:
        results = pool.map(_prepare_one, [(corpus, item) for item in found], chunksize=200)
    files = [prepared for prepared, _ in results]
    full = [sequences for _, sequences in results]
    # Catalog order, as the app lists it: newest first, undated last, then by title.
    order = sorted(
        ((f, a) for f, prepared in enumerate(files) for a in range(len(prepared.articles))),
        key=lambda fa: _catalog_key(files[fa[0]], fa[1]),
    )
    records = [
        (
            position,
            files[f].articles[a].folded_head,
            files[f].articles[a].folded_body,
            *full[f][a],
        )
        for position, (f, a) in enumerate(order)
    ]
    corpus_bytes = sum(item.size for item in found)
    with target.with_suffix(".tmp").open("wb") as out:
        pickle.dump(
            {"files": files, "records": records, "corpus_bytes": corpus_bytes},
            out,
            protocol=pickle.HIGHEST_PROTOCOL,
        )
    target.with_suffix(".tmp").rename(target)
    print(f"parsed {len(records):,} articles in {time.perf_counter() - started:.0f} s", flush=True)
    return target


def _catalog_key(prepared: PreparedFile, index: int) -> tuple[bool, int, str]:
    article = prepared.articles[index]
    return (article.date is None, -article.date.toordinal() if article.date else 0, article.title)


def _load(data: Path) -> dict[str, Any]:
    with data.open("rb") as source:
        loaded: dict[str, Any] = pickle.load(source)
    return loaded


def _copies(records: list[Record], copies: int) -> Iterator[Record]:
    """The corpus ``copies`` times over, each copy under positions of its own."""
    n = len(records)
    for copy in range(copies):
        for position, *columns in records:
            yield (copy * n + position, *columns)  # type: ignore[misc]


# -- building --------------------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")  # as the cache does
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def build_fts(path: Path, records: Iterator[Record], *, full: bool) -> None:
    """The store's index (``full=False``) or its positional twin; rowid = position + 1."""
    db = _connect(path)
    detail = "full" if full else "column"
    db.execute(
        f"CREATE VIRTUAL TABLE fts USING fts5(head, body, content='', detail='{detail}',"
        " tokenize='unicode61 remove_diacritics 0')"
    )
    db.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 8)")
    db.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, 'row')")
    db.execute("BEGIN IMMEDIATE")
    if full:
        rows = ((r[0] + 1, r[3], r[4]) for r in records)
    else:
        rows = ((r[0] + 1, r[1], r[2]) for r in records)
    db.executemany("INSERT INTO fts(rowid, head, body) VALUES (?, ?, ?)", rows)
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def _tantivy_index(path: Path, *, create: bool) -> Any:
    import tantivy

    schema = _tantivy_schema()
    index = tantivy.Index(schema, path=str(path), reuse=not create)
    # Lower-case and fold accents, no stemming: the same words the FTS5 index holds.
    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )
    index.register_tokenizer("fold", analyzer)
    return index


def _tantivy_schema() -> Any:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("head", tokenizer_name="fold", index_option="position")
    builder.add_text_field("body", tokenizer_name="fold", index_option="position")
    builder.add_integer_field("pos", indexed=False, fast=True)
    return builder.build()


def build_tantivy(path: Path, records: Iterator[Record], *, threads: int) -> None:
    """tantivy fed the same folded word sequences as ``fts-full``; ``threads=0``: its default."""
    import tantivy

    path.mkdir(parents=True)
    index = _tantivy_index(path, create=True)
    writer = index.writer(heap_size=TANTIVY_HEAP, num_threads=threads)
    for position, _, _, head, body in records:
        writer.add_document(tantivy.Document(head=head, body=body, pos=position))
    writer.commit()
    writer.wait_merging_threads()


def build_cache(path: Path, files: list[PreparedFile], texts: Path, records: list[Record]) -> None:
    """The whole current cache (catalog, bodies, index, snapshots), for its size; and a table of
    texts by position, for verifying phrases when the index has no positions."""
    cache, _ = Cache.open(path)
    with cache.scan_lock():
        cache.apply([], files)
        cache.refresh_snapshots()
    cache.close()
    db = _connect(texts)
    db.execute("CREATE TABLE texts (rowid INTEGER PRIMARY KEY, head TEXT, body TEXT)")
    db.execute("BEGIN")
    db.executemany("INSERT INTO texts VALUES (?, ?, ?)", ((r[0] + 1, r[3], r[4]) for r in records))
    db.execute("COMMIT")
    db.close()


def size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return sum(p.stat().st_size for p in path.parent.glob(f"{path.name}*") if p.is_file())


def child_build(engine: str, data: Path, target: Path, copies: int) -> dict[str, Any]:
    loaded = _load(data)
    records: list[Record] = loaded["records"]
    rss_before = _rss_mb()
    started = time.perf_counter()
    if engine == "cache":
        build_cache(target, loaded["files"], target.with_name("texts.db"), records)
    elif engine.startswith("fts"):
        build_fts(target, _copies(records, copies), full=engine == "fts-full")
    else:
        build_tantivy(target, _copies(records, copies), threads=1 if engine == "tantivy-1t" else 0)
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {
        "seconds": seconds,
        "bytes": size(target),
        "articles": len(records) * copies,
        "corpus_bytes": loaded["corpus_bytes"] * copies,
        "build_rss_mb": _peak_mb() - rss_before,
    }
    if engine == "cache":
        db = sqlite3.connect(target)
        result["fts_bytes"] = db.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'fts%'"
        ).fetchone()[0]
        db.close()
    return result


# -- querying --------------------------------------------------------------------------------


class Fts:
    """Queries the store's way: one MATCH, all rowids as one comma-joined string."""

    def __init__(self, path: Path, texts: Path | None) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.texts = sqlite3.connect(texts) if texts is not None else None

    @staticmethod
    def expression(groups: list[Group]) -> str:
        parts = []
        for group in groups:
            ors = " OR ".join(f'"{term}"' for term in group["terms"])
            parts.append(f"head : ({ors})" if group["head"] else f"({ors})")
        return " AND ".join(parts)

    def run(self, expression: str, mode: str) -> list[int]:
        if mode == "all":
            row = self.db.execute(
                "SELECT group_concat(rowid) FROM fts WHERE fts MATCH ?", (expression,)
            ).fetchone()
            return [int(r) - 1 for r in row[0].split(",")] if row[0] else []
        order = "rank" if mode == "top50" else "rowid"
        rows = self.db.execute(
            f"SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY {order} LIMIT {TOP}", (expression,)
        ).fetchall()
        return [r[0] - 1 for r in rows]

    def verified_phrase(self, phrase: list[str]) -> list[int]:
        """A phrase without positions: the AND of its words, then each candidate's text read."""
        assert self.texts is not None
        each = [{"terms": [word], "head": False} for word in phrase]
        candidates = self.run(self.expression(each), "all")
        needle = f" {' '.join(phrase)} "
        found = []
        for start in range(0, len(candidates), 500):
            batch = [c + 1 for c in candidates[start : start + 500]]
            marks = ",".join("?" * len(batch))
            for rowid, head, body in self.texts.execute(
                f"SELECT rowid, head, body FROM texts WHERE rowid IN ({marks})", batch
            ):
                if needle in f" {head} " or needle in f" {body} ":
                    found.append(rowid - 1)
        return found


class Tantivy:
    """The same queries as tantivy objects; every match read through the ``pos`` fast field."""

    def __init__(self, path: Path) -> None:
        import tantivy

        self.t = tantivy
        self.index = _tantivy_index(path, create=False)
        self.schema = self.index.schema
        self.searcher = self.index.searcher()
        self.n = self.searcher.num_docs

    def anywhere(self, make: Callable[[str], Any], head_only: bool = False) -> Any:
        if head_only:
            return make("head")
        should = self.t.Occur.Should
        return self.t.Query.boolean_query([(should, make("head")), (should, make("body"))])

    def group(self, group: Group) -> Any:
        terms: list[str] = group["terms"]
        if len(terms) == 1:
            return self.anywhere(
                lambda f: self.t.Query.term_query(self.schema, f, terms[0]), group["head"]
            )
        return self.anywhere(
            lambda f: self.t.Query.term_set_query(self.schema, f, terms), group["head"]
        )

    def query(self, spec: dict[str, Any]) -> Any:
        q = self.t.Query
        if spec["kind"] == "phrase":
            return self.anywhere(lambda f: q.phrase_query(self.schema, f, spec["words"]))
        if spec["kind"] == "fuzzy":
            return self.anywhere(
                lambda f: q.fuzzy_term_query(
                    self.schema, f, spec["word"], spec["distance"], True, spec["prefix"]
                )
            )
        groups = [self.group(g) for g in spec["groups"]]
        if len(groups) == 1:
            return groups[0]
        return q.boolean_query([(self.t.Occur.Must, g) for g in groups])

    def run(self, spec: dict[str, Any], mode: str) -> list[int]:
        query = self.query(spec)
        if mode == "top50":
            hits = self.searcher.search(query, TOP, count=False).hits
            return list(self.searcher.fast_field_values("pos", [a for _, a in hits]))
        limit = self.n if mode == "all" else TOP
        hits = self.searcher.search(
            query, limit, count=False, order_by_field="pos", order=self.t.Order.Asc
        ).hits
        return [key for key, _ in hits]


def child_query(engine: str, work: Path, plan: list[dict[str, Any]], repeat: int) -> dict[str, Any]:
    """Each query of the plan ``repeat`` times (after one untimed run), in every mode."""
    rss_open = _rss_mb()
    started = time.perf_counter()
    timings: dict[str, Any] = {}
    runner: Callable[[dict[str, Any], str], list[int]] | None = None
    if engine == "tantivy":
        tantivy = Tantivy(work / "tantivy")
        runner = tantivy.run
    else:
        texts = work / "texts.db"
        fts = Fts(work / f"{engine}.db", texts if texts.exists() else None)

        def run_fts(spec: dict[str, Any], mode: str) -> list[int]:
            if spec["kind"] == "phrase":
                if engine == "fts-full":
                    return fts.run(f'"{" ".join(spec["words"])}"', mode)
                if mode != "all" or fts.texts is None:
                    raise _NotSupported
                return fts.verified_phrase(spec["words"])
            if spec["kind"] == "fuzzy":
                raise _NotSupported
            return fts.run(Fts.expression(spec["groups"]), mode)

        runner = run_fts
    opened = time.perf_counter() - started
    for spec in plan:
        for mode in ("all", "top50", "newest50"):
            try:
                found = runner(spec, mode)
            except _NotSupported:
                continue
            samples = []
            for _ in range(repeat):
                started = time.perf_counter()
                runner(spec, mode)
                samples.append((time.perf_counter() - started) * 1000)
            timings[f"{spec['name']}|{mode}"] = {"ms": samples, "count": len(found)}
    return {"open_s": opened, "rss_open_mb": rss_open, "peak_mb": _peak_mb(), "timings": timings}


class _NotSupported(Exception):
    pass


def _rss_mb() -> float:
    return _status_mb("VmRSS:")


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    """This process's peak RSS (VmHWM: ru_maxrss would report the parent's peak, inherited)."""
    return _status_mb("VmHWM:")


# -- the plan: what a typed query becomes ----------------------------------------------------


def make_plan(work: Path, articles: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The queries, expanded by newsreader's own :class:`Vocabulary` over the index's terms."""
    db = sqlite3.connect(work / "fts-column.db")
    started = time.perf_counter()
    terms = db.execute("SELECT term, doc FROM vocab").fetchall()
    read_s = time.perf_counter() - started
    db.close()
    started = time.perf_counter()
    vocabulary = Vocabulary(list(terms))
    built_s = time.perf_counter() - started
    docs = dict(terms)
    notes: dict[str, Any] = {
        "terms": len(terms), "vocab_read_s": read_s, "vocab_build_s": built_s, "expand_ms": {},
    }  # fmt: skip

    def expand(word: str, *, prefix: bool, head: bool = False) -> Group:
        samples = []
        for _ in range(7):
            started = time.perf_counter()
            expansion = vocabulary.expand(word, prefix=prefix)
            samples.append((time.perf_counter() - started) * 1000)
        notes["expand_ms"][f"{word}{'*' if prefix else ''}"] = statistics.median(samples)
        return {"terms": sorted(expansion.terms) or [word], "head": head}

    def word(term: str) -> Group:
        return {"terms": [term], "head": False}

    plan: list[dict[str, Any]] = [
        {"name": "common word: government", "kind": "and", "groups": [word("government")]},
        {"name": "AND: sergei lavrov", "kind": "and", "groups": [word("sergei"), word("lavrov")]},
        {
            "name": "AND of ORs: sergei lavrov misile*",
            "kind": "and",
            "groups": [word("sergei"), word("lavrov"), expand("misile", prefix=True)],
        },
        {
            "name": "AND of ORs: sergei lavrov europen*",
            "kind": "and",
            "groups": [word("sergei"), word("lavrov"), expand("europen", prefix=True)],
        },
        {"name": 'phrase: "foreign minister"', "kind": "phrase", "words": ["foreign", "minister"]},
        {"name": 'phrase: "sergei lavrov"', "kind": "phrase", "words": ["sergei", "lavrov"]},
        {"name": 'phrase: "of the"', "kind": "phrase", "words": ["of", "the"]},
        {"name": "prefix: pre* (40 terms)", "kind": "and", "groups": [expand("pre", prefix=True)]},
        {
            "name": "prefix: mi* in head (40 terms)",
            "kind": "and",
            "groups": [expand("mi", prefix=True, head=True)],
        },
        {"name": "expanded: misile (d=1)", "kind": "and",
         "groups": [expand("misile", prefix=False)]},
        {"name": "fuzzy: misile (d=1)", "kind": "fuzzy", "word": "misile", "distance": 1,
         "prefix": False},
        {"name": "expanded: goverment (d=2)", "kind": "and",
         "groups": [expand("goverment", prefix=False)]},
        {"name": "fuzzy: goverment (d=2)", "kind": "fuzzy", "word": "goverment", "distance": 2,
         "prefix": False},
        {"name": "fuzzy prefix: misile* (d=1)", "kind": "fuzzy", "word": "misile", "distance": 1,
         "prefix": True},
    ]  # fmt: skip
    for share in (0.01, 0.1, 0.25, 0.5, 0.9):
        words_only = [t for t in docs if t.isalpha() and len(t) > 2]
        term = min(words_only, key=lambda t: abs(docs[t] / articles - share))
        plan.append(
            {
                "name": f"growth: {term} ({docs[term] / articles:.0%} of articles)",
                "kind": "and",
                "groups": [word(term)],
            }
        )
    notes["expansions"] = {
        spec["name"]: [len(g["terms"]) for g in spec["groups"]]
        for spec in plan
        if spec["kind"] == "and"
    }
    return plan, notes


# -- orchestration ---------------------------------------------------------------------------


def _child(args: list[str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "child", *args], capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"child {args[:2]} failed:\n{done.stderr[-3000:]}")
    output = done.stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def _target(work: Path, engine: str) -> Path:
    return work / ("tantivy" if engine.startswith("tantivy") else f"{engine}.db")


def _clear(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    for side in path.parent.glob(f"{path.name}*"):
        side.unlink()


def run(corpus: Path, copies: int, rounds: int, build_rounds: int, repeat: int) -> Path:
    data = parsed(corpus)
    work = OUT / f"{corpus.name}-x{copies}"
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"corpus": str(corpus), "copies": copies, "builds": {}}
    if copies == 1:
        _clear(work / "cache.db")
        _clear(work / "texts.db")
        results["cache"] = _child(["build", "cache", str(data), str(work / "cache.db"), "1"])
        print("whole cache:", results["cache"], flush=True)
    # Builds alternate engines; the last build of each stays for the queries.
    for turn in range(build_rounds):
        order = BUILDS[turn % len(BUILDS) :] + BUILDS[: turn % len(BUILDS)]
        for engine in order:
            target = _target(work, engine)
            _clear(target)
            built = _child(["build", engine, str(data), str(target), str(copies)])
            results["builds"].setdefault(engine, []).append(built)
            print(engine, {k: round(v, 1) for k, v in built.items()}, flush=True)
    if order[-1] != "tantivy":  # the queries want the default writer's segments, as shipped
        _clear(work / "tantivy")
        _child(["build", "tantivy", str(data), str(work / "tantivy"), str(copies)])
    articles = results["builds"]["fts-column"][0]["articles"]
    plan, notes = make_plan(work, articles)
    results["plan"], results["notes"] = plan, notes
    (work / "plan.json").write_text(json.dumps(plan))
    queries: dict[str, list[dict[str, Any]]] = {}
    for turn in range(rounds):
        order = ENGINES[turn % 3 :] + ENGINES[: turn % 3]
        for engine in order:
            answer = _child(["query", engine, str(work), str(repeat)])
            queries.setdefault(engine, []).append(answer)
            print(f"round {turn + 1} {engine}: open {answer['open_s']:.2f} s, "
                  f"peak {answer['peak_mb']:.0f} MB", flush=True)  # fmt: skip
    results["queries"] = queries
    out = OUT / f"results-{corpus.name}-x{copies}.json"
    out.write_text(json.dumps(results))
    print(summary(results))
    return out


def summary(results: dict[str, Any]) -> str:
    """The tables, in markdown."""
    lines = [f"### {results['corpus']} x{results['copies']}", ""]
    builds = results["builds"]
    lines += ["| build | articles | seconds (median) | runs | index MB | x corpus | build RSS MB |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for engine, runs in builds.items():
        corpus_mb = runs[0]["corpus_bytes"] / 1e6
        mb = runs[-1]["bytes"] / 1e6
        lines.append(
            f"| {engine} | {runs[0]['articles']:,} "
            f"| {statistics.median(r['seconds'] for r in runs):.1f} "
            f"| {', '.join(format(r['seconds'], '.0f') for r in runs)} "
            f"| {mb:.0f} | {mb / corpus_mb:.2f} "
            f"| {max(r['build_rss_mb'] for r in runs):.0f} |"
        )
    if "cache" in results:
        cache = results["cache"]
        corpus_mb = cache["corpus_bytes"] / 1e6
        rest = (cache["bytes"] - cache["fts_bytes"]) / 1e6
        lines += [
            "",
            f"Corpus {corpus_mb:.0f} MB. Whole current cache {cache['bytes'] / 1e6:.0f}"
            f" MB ({cache['bytes'] / 1e6 / corpus_mb:.2f}x), of which FTS"
            f" {cache['fts_bytes'] / 1e6:.0f} MB; everything else {rest:.0f} MB.",
            "",
        ]
        for engine, runs in builds.items():
            whole = rest + runs[-1]["bytes"] / 1e6
            lines.append(f"- cache with {engine}: {whole:.0f} MB = {whole / corpus_mb:.2f}x corpus")
    queries = results["queries"]
    lines += ["", "| query | mode | " + " | ".join(f"{e} median / p95 ms" for e in queries)
              + " | matches |", "| --- | --- |" + " ---: |" * (len(queries) + 1)]  # fmt: skip
    keys = list(dict.fromkeys(k for e in queries for k in queries[e][0]["timings"]))
    for key in keys:
        name, mode = key.split("|")
        cells: list[str] = []
        counts: set[int] = set()
        for engine in queries:
            samples = [x for r in queries[engine] if key in r["timings"]
                       for x in r["timings"][key]["ms"]]  # fmt: skip
            if not samples:
                cells.append("n/a")
                continue
            counts.update(r["timings"][key]["count"] for r in queries[engine])
            p95 = statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]
            cells.append(f"{statistics.median(samples):.2f} / {p95:.2f}")
        lines.append(f"| {name} | {mode} | " + " | ".join(cells)
                     + f" | {'/'.join(map(str, sorted(counts)))} |")  # fmt: skip
    lines += ["", "| engine | open s | RSS after open MB | peak RSS while querying MB |",
              "| --- | ---: | ---: | ---: |"]  # fmt: skip
    for engine, runs in queries.items():
        lines.append(
            f"| {engine} | {statistics.median(r['open_s'] for r in runs):.3f} "
            f"| {statistics.median(r['rss_open_mb'] for r in runs):.0f} "
            f"| {statistics.median(r['peak_mb'] for r in runs):.0f} |"
        )
    notes = results["notes"]
    lines += ["", f"Vocabulary: {notes['terms']:,} terms, read {notes['vocab_read_s']:.2f} s, "
              f"built {notes['vocab_build_s']:.2f} s; expansion ms: "
              + ", ".join(f"{w} {ms:.1f}" for w, ms in notes["expand_ms"].items())]  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        kind, engine, *rest = sys.argv[2:]
        if kind == "build":
            data, target, copies = rest
            result = child_build(engine, Path(data), Path(target), int(copies))
        else:
            work, repeat = Path(rest[0]), int(rest[1])
            plan = json.loads((work / "plan.json").read_text())
            result = child_query(engine, work, plan, repeat)
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--build-rounds", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--summary", action="store_true", help="print the saved results' tables")
    args = parser.parse_args()
    if args.summary:
        saved = OUT / f"results-{args.corpus.name}-x{args.copies}.json"
        print(summary(json.loads(saved.read_text())))
        return
    run(args.corpus, args.copies, args.rounds, args.build_rounds, args.repeat)


if __name__ == "__main__":
    main()
