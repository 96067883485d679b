"""Generate a large, deterministic corpus of synthetic scraped-news articles for benchmarks.

The two real articles in ``sample_feed/`` are far too few to measure scanning, caching and
fuzzy search, so this script writes N look-alikes: the same shape (navigation boilerplate, a
Title Case headline, a date line in one of several formats, paragraphs separated by blank
lines, an ``Original url:`` footer), a realistic vocabulary (Zipf-distributed over a 40,000
word lexicon, so index and search sizes behave like real text rather than a 300-word toy),
and a few percent of the awkward inputs a real scraped folder holds (Markdown with front
matter, Windows-1252, UTF-16 with BOM, CRLF, Windows-1251 Russian).

Every random choice comes from a ``random.Random`` seeded per article from ``(seed, index)``,
so the same N and seed give byte-identical files on any machine and any Python hash seed.

``--shape feeds`` writes the same articles as RSS 2.0 files of 100 items each (a library of
downloaded feeds, where one file holds many articles).

Usage: ``python benchmarks/make_corpus.py N DIR [--seed S] [--workers W] [--shape text|feeds]``.
Tests and benchmark scripts import :func:`make_corpus` from this file by path (it is
deliberately not a package); register the module in ``sys.modules`` before ``exec_module`` to
get parallel workers.
"""

import argparse
import datetime as dt
import email.utils
import functools
import html
import itertools
import multiprocessing as mp
import os
import random
import re
import sys
import time
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # its word lists: it is loaded by path
from corpus_words import (
    ACCENTED_PLACES,
    AP_MONTHS,
    BOILERPLATE,
    CODAS,
    CONTRACTIONS,
    CORE_WORDS,
    FIRST_DAY,
    FIRST_NAMES,
    LAST_DAY,
    LAST_NAMES,
    MONTH_NAMES,
    ONSETS,
    ORGANIZATIONS,
    OUTLET_HOSTS,
    OUTLETS,
    PEOPLE,
    PLACES,
    RUSSIAN_WORDS,
    VOWELS,
    WEEKDAYS,
)

FILES_PER_FOLDER = 1000  # articles: in the feeds shape, 10 feed files of 100 items
ITEMS_PER_FEED = 100
SHAPES = ("text", "feeds")
LEXICON_SIZE = 40_000
ZIPF_EXPONENT = 1.1

# No `from __future__ import annotations`: with it, @dataclass looks the module up in
# sys.modules, which fails when a test loads this file by path without registering it.

SENTENCES_PER_PARAGRAPH = range(1, 6)
WORDS_PER_SENTENCE = range(5, 15)  # plus names and contractions: ~3 KB articles on average
# Cumulative share of articles per kind (the rest are plain UTF-8 text).
KIND_THRESHOLDS = [
    (0.020, "markdown"),
    (0.030, "cp1252"),
    (0.035, "utf16"),
    (0.040, "crlf"),
    (0.043, "cp1251"),
]


@dataclass(frozen=True)
class CorpusStats:
    """What was written: enough for a benchmark to report and a test to sanity-check."""

    files: int
    bytes: int
    distinct_words: int  # distinct lexicon words actually used (names excluded)
    lexicon_size: int


def build_lexicon(size: int = LEXICON_SIZE) -> list[str]:
    """Core words at the top ranks, then deterministic pseudo-words for the long tail."""
    rng = random.Random("newsreader-lexicon")  # fixed: the lexicon never depends on the seed
    words = list(dict.fromkeys(CORE_WORDS))  # dict keeps order; a set would not
    seen = set(words)
    tail: list[str] = []
    while len(words) + len(tail) < size:
        syllables = rng.choice((1, 2, 2, 2, 3, 3))
        word = "".join(
            rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)
        )
        if word not in seen:
            seen.add(word)
            tail.append(word)
    return words + tail


LEXICON = build_lexicon()
CUM_WEIGHTS = list(itertools.accumulate(1.0 / r**ZIPF_EXPONENT for r in range(1, len(LEXICON) + 1)))


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _person(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return rng.choice(PEOPLE)
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _proper_noun(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.45:
        return _person(rng)
    return rng.choice(PLACES) if roll < 0.85 else rng.choice(ORGANIZATIONS)


def _sentence(rng: random.Random, words: list[str]) -> str:
    """Zipf words with a proper noun, a comma or a contraction now and then, maybe quoted."""
    words = words.copy()
    if rng.random() < 0.45:
        noun = _proper_noun(rng)
        at = int(rng.random() * (len(words) + 1))  # randrange is slow in this hot loop
        words.insert(at, noun + ("’s" if rng.random() < 0.2 else ""))
    if rng.random() < 0.1:
        words.insert(int(rng.random() * (len(words) + 1)), rng.choice(CONTRACTIONS))
    if len(words) > 6 and rng.random() < 0.4:
        words[2 + int(rng.random() * (len(words) - 4))] += ","
    text = _cap(" ".join(words))
    if rng.random() < 0.12:
        speaker = rng.choice(("he", "she", "officials", _person(rng)))
        return f'"{text}," {speaker} said.'
    return text + "."


def _date_line(rng: random.Random, day: dt.date) -> str:
    fmt = rng.randrange(5)
    if fmt == 0:
        return f"{MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"
    if fmt == 1:
        return f"{AP_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if fmt == 2:
        return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    if fmt == 3:
        return day.isoformat()
    hour, minute = rng.randint(1, 12), rng.randrange(60)
    return (
        f"{WEEKDAYS[day.weekday()]}, {MONTH_NAMES[day.month - 1]} {day.day}, {day.year} "
        f"{hour}:{minute:02d} {rng.choice(('AM', 'PM'))}"
    )


def _slug(headline: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", headline).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _body(rng: random.Random, *, russian: bool) -> tuple[list[str], list[str]]:
    """(paragraphs, words drawn): 8-20 paragraphs of 1-5 sentences from one bulk ``choices``."""
    per_paragraph = rng.choices(SENTENCES_PER_PARAGRAPH, k=rng.randint(8, 20))
    lengths = rng.choices(WORDS_PER_SENTENCE, k=sum(per_paragraph))
    if russian:
        pool = rng.choices(RUSSIAN_WORDS, k=sum(lengths))
    else:
        pool = rng.choices(LEXICON, cum_weights=CUM_WEIGHTS, k=sum(lengths))
    sentences, pos = [], 0
    for length in lengths:
        chunk = pool[pos : pos + length]
        pos += length
        sentences.append(_cap(" ".join(chunk)) + "." if russian else _sentence(rng, chunk))
    rest = iter(sentences)
    paragraphs = [" ".join(itertools.islice(rest, count)) for count in per_paragraph]
    if not russian and rng.random() < 0.6:
        paragraphs[0] = f"{rng.choice(PLACES).upper()} {rng.choice(('--', '—'))} {paragraphs[0]}"
    return paragraphs, pool


@dataclass(frozen=True)
class _Story:
    """An article's content before it becomes a file of one shape or the other."""

    rng: random.Random  # the article's RNG, part drawn: the text shape goes on drawing from it
    kind: str
    headline: str
    day: dt.date
    host: str
    url: str
    paragraphs: list[str]
    words: list[str]  # lexicon words used


def _story(index: int, seed: int) -> _Story:
    rng = random.Random(f"newsreader-corpus:{seed}:{index}")
    roll = rng.random()
    kind = next((k for limit, k in KIND_THRESHOLDS if roll < limit), "text")
    russian = kind == "cp1251"
    day = dt.date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY))
    if russian:
        headline = _cap(" ".join(rng.choices(RUSSIAN_WORDS, k=rng.randint(5, 12))))
        host = "rferl.org"
    else:
        head_words = rng.choices(LEXICON, cum_weights=CUM_WEIGHTS, k=rng.randint(4, 9))
        shown = head_words.copy()  # 4-9 words + a 1-3 word name: 5-12 words
        shown.insert(rng.randrange(len(shown) + 1), _proper_noun(rng))
        headline = " ".join(_cap(w) for w in shown)
        host = rng.choice(OUTLET_HOSTS)
    slug = _slug(headline) or "statya"  # a Cyrillic headline folds to nothing
    url = f"https://www.{host}/{day:%Y/%m/%d}/{slug}-a{rng.randrange(10, 99999)}"
    paragraphs, drawn = _body(rng, russian=russian)
    if kind == "cp1252":  # guarantee a non-ASCII byte, or the file is just ASCII
        paragraphs[0] += f" {_cap(rng.choice(CONTRACTIONS))} in {rng.choice(ACCENTED_PLACES)}."
    words = [] if russian else head_words + drawn
    return _Story(rng, kind, headline, day, host, url, paragraphs, words)


def make_article(index: int, seed: int) -> tuple[str, bytes, list[str]]:
    """(file name, file bytes, lexicon words used) for one article, from its own RNG."""
    story = _story(index, seed)
    rng, kind, headline, day, host = story.rng, story.kind, story.headline, story.day, story.host
    url, paragraphs, russian = story.url, story.paragraphs, story.kind == "cp1251"
    if kind == "markdown":
        front = f"---\ntitle: {headline}\ndate: {day.isoformat()}\nsource: {OUTLETS[host]}\n"
        text = front + f"url: {url}\n---\n\n" + "\n\n".join(paragraphs) + "\n"
    else:
        lines = rng.sample(BOILERPLATE, rng.randint(1, 3)) if rng.random() < 0.4 else []
        lines.append(headline)
        if not russian and rng.random() < 0.15:  # a photo caption, as in the first seed
            lines.append(_person(rng))
        if rng.random() < 0.85:
            lines.append(_date_line(rng, day))
        lines += paragraphs
        if rng.random() < 0.6:
            lines += ["Original url:", url]
        text = ("\n\n\n\n" if rng.random() < 0.2 else "\n\n").join(lines)
        if rng.random() < 0.1:  # the second seed article starts with a stray blank-ish line
            text = " \n\n\n" + text

    if kind == "cp1252":
        data = text.encode("cp1252")
    elif kind == "cp1251":
        data = text.encode("cp1251")
    elif kind == "utf16":  # explicit little-endian + BOM: "utf-16" would follow the host's order
        data = b"\xff\xfe" + text.encode("utf-16-le")
    elif kind == "crlf":
        data = text.replace("\n", "\r\n").encode()
    else:
        data = text.encode()
    suffix = ".md" if kind == "markdown" else ".txt"
    name = f"{index:08d}_{rng.getrandbits(32):08x}{suffix}"
    return name, data, story.words


def _feed_item(index: int, seed: int) -> tuple[str, list[str]]:
    """One RSS ``<item>`` of the article ``make_article`` writes as a file, and its words.

    The time of day comes from the index, not the RNG, so the text shape stays byte-identical.
    """
    story = _story(index, seed)
    when = dt.datetime.combine(story.day, dt.time(index % 24, index * 7 % 60), dt.UTC)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in story.paragraphs)
    item = (
        f"<item><title>{html.escape(story.headline)}</title><link>{html.escape(story.url)}</link>"
        f"<pubDate>{email.utils.format_datetime(when)}</pubDate>"
        f"<description>{html.escape(body)}</description>"
        f'<guid isPermaLink="false">newsreader-corpus-{seed}-{index}</guid></item>\n'
    )
    return item, story.words


def make_feed(first: int, count: int, seed: int) -> tuple[str, bytes, list[str]]:
    """An RSS 2.0 file of articles ``first`` .. ``first + count - 1``, as an aggregator's.

    The channel's title and link are empty: the reader takes a feed's title as every item's
    source, and these items come from many outlets; without one, each source comes from its
    url, as in the text shape, so ``source:moscow`` finds the same articles in both.
    """
    items, words = [], []
    for index in range(first, first + count):
        item, used = _feed_item(index, seed)
        items.append(item)
        words += used
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
    head += "<title></title><link></link><description>Synthetic news</description>\n"
    text = head + "".join(items) + "</channel></rss>\n"
    return f"feed-{first:08d}.xml", text.encode(), words


def _write_folder(
    root: Path, n: int, seed: int, shape: str, folder_index: int
) -> tuple[int, set[str]]:
    """Write one folder's articles (as files, or as feeds of 100); return (bytes, words used)."""
    folder = root / f"{folder_index:04d}"
    folder.mkdir(parents=True)
    total, used = 0, set()
    first = folder_index * FILES_PER_FOLDER
    last = min(n, first + FILES_PER_FOLDER)
    step = ITEMS_PER_FEED if shape == "feeds" else 1
    for index in range(first, last, step):
        if shape == "feeds":
            name, data, words = make_feed(index, min(step, last - index), seed)
        else:
            name, data, words = make_article(index, seed)
        (folder / name).write_bytes(data)
        total += len(data)
        used.update(words)
    return total, used


def make_corpus(
    n: int, root: Path, seed: int = 0, workers: int | None = None, shape: str = "text"
) -> CorpusStats:
    """Write ``n`` articles under ``root`` in folders of 1000, so the scanner meets nesting.

    Folders are written by ``workers`` forked processes (default: one per CPU); the output does
    not depend on it, since each article has its own RNG. Workers find :func:`_write_folder` by
    module name, so when this file was loaded by path without being registered in
    ``sys.modules``, or ``fork`` is unavailable, it runs in-process instead.
    """
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty; refusing to mix corpora")
    folders = range(-(-n // FILES_PER_FOLDER))
    workers = min(workers or os.cpu_count() or 1, len(folders))
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}")
    task = functools.partial(_write_folder, root, n, seed, shape)
    forkable = "fork" in mp.get_all_start_methods() and __name__ in sys.modules
    if workers > 1 and forkable:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            return _tally(n, pool.map(task, folders))
    return _tally(n, map(task, folders))


def _tally(n: int, results: Iterable[tuple[int, set[str]]]) -> CorpusStats:
    """Sum per-folder results as they arrive: holding all 100 word sets costs ~250 MB."""
    total, used = 0, set()
    for size, words in results:
        total += size
        used |= words
    return CorpusStats(n, total, len(used), len(LEXICON))


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; prints a one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("dir", type=Path, help="output folder (created; must be empty)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, help="processes (default: one per CPU)")
    parser.add_argument("--shape", choices=SHAPES, default="text",
                        help="a file per article, or RSS files of 100 items")  # fmt: skip
    args = parser.parse_args(argv)
    start = time.perf_counter()
    stats = make_corpus(args.n, args.dir, args.seed, args.workers, args.shape)
    seconds = time.perf_counter() - start
    print(
        f"{stats.files} files, {stats.bytes / 1e6:.1f} MB, {stats.distinct_words} distinct words "
        f"(lexicon {stats.lexicon_size}) in {seconds:.1f} s -> {args.dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
