"""The performance benchmark: newsreader against its targets, from 10,000 to 1,000,000 articles.

``python benchmarks/bench.py [--sizes 10000,100000 | --million] [--shapes text,feeds]
[--seed S] [--runs N] [--quick]``

For each size and shape it generates (once, then reuses) a synthetic corpus under
``benchmarks/out/`` (``text``: a file per article; ``feeds``: the same articles as RSS files of
100 items), and measures in fresh processes, each with its own empty XDG dirs:

- cold index (``newsreader index`` on an empty cache) beside the floor of reading every file
  once, and their ratio; a warm rescan with nothing changed;
- warm start (process start to the app's first rows, library loaded) beside a bare Textual
  app's start, and their difference;
- a 3-word query with a typo typed letter by letter in the app (key press to list updated),
  the library's search call alone, and ``fzf --filter`` over the titles when fzf is installed;
- the same keystrokes end to end (``pty_probe.py``): the real console script in a
  pseudo-terminal, from the key's byte written to the bytes that show the prefix's answer on an
  emulated screen, for the plain query, two filters and a title sort. It needs ``pyte``
  (``pip install -e '.[bench]'``); without it those rows are printed as skipped;
- keystrokes of a query with a filter (``is:unread lavrov``), keystrokes that refill a list sorted
  by title, and the first title sort of the whole library (key to list painted);
- cursor down and page down in the list; the app's peak RSS; the cache's size on disk;
- what stories cost (``stories_probe.py``): grouping at the end of the cold index plus the story
  terms the workers compute, a rescan bringing 100 new files, the stories' first load.
- a file written into the library while it is open: until the library's incremental update has
  it in the catalog, and until the app (watching the folder) has painted its row;
- a folder of 10,000 files (a tenth of a smaller library) copied in while the app is open and a
  query is typed over and over: the keystrokes meanwhile, until the last file is listed and on
  until the app has stored its snapshots again;
- the app's own first index of the corpus (an empty cache of its own): until its first rows
  and until every file is indexed, the reads of what was indexed so far, keystrokes typed all
  along, and the peak RSS.

It prints one JSON line per figure as it is measured (``{"size", "shape", "figure", "value",
"unit", "target"}``), and a table of them all at the end. Targets depend on the size (below
100,000; from 100,000; from 1,000,000: the million-article issue's). No figure fails the run:
targets are for reading, and CI runs this as a smoke test with ``--quick`` at a small size.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import shutil
import stat
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
PYTHON = sys.executable
NEWSREADER = shutil.which("newsreader", path=str(Path(PYTHON).parent)) or "newsreader"
QUERY = "sergei lavrov misile"
"""Three words, the last with a typo (missile), typed letter by letter."""
BULK_FILES = 10_000
"""Files copied into the open library at once (a tenth of a smaller one), another seed's."""


@dataclass(frozen=True)
class Figure:
    size: int
    figure: str
    value: float | None  # None: not measured (see ``note``)
    unit: str
    target: str = ""
    shape: str = "text"
    note: str = ""


def target(size: int, small: str, large: str | None = None, million: str | None = None) -> str:
    """The target for ``size``: ``small`` below 100,000 articles, ``large`` from 100,000 (by
    default the same), ``million`` from 1,000,000 (by default ``large``)."""
    large = small if large is None else large
    if size >= 1_000_000:
        return large if million is None else million
    return large if size >= 100_000 else small


def corpus(size: int, seed: int, shape: str = "text") -> Path:
    """The corpus for ``size`` articles, generated on first use (a marker says it is whole)."""
    name = f"corpus-{size}-seed{seed}" if shape == "text" else f"corpus-{shape}-{size}-seed{seed}"
    root = OUT / name
    if (root / ".complete").exists():
        return root
    if root.exists():
        shutil.rmtree(root)
    started = time.perf_counter()
    command = [PYTHON, str(HERE / "make_corpus.py"), str(size), str(root), "--seed", str(seed)]
    subprocess.run([*command, "--shape", shape], check=True, stdout=subprocess.DEVNULL)
    (root / ".complete").write_text("")
    took = time.perf_counter() - started
    print(f"generated {size:,} articles ({shape}) in {took:.1f} s", flush=True)
    return root


def isolated_env(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "NEWSREADER_LIBRARY"}
    for name in ("CACHE", "DATA", "CONFIG"):
        env[f"XDG_{name}_HOME"] = str(home / name.lower())
    return env


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - started, result.stdout


def probe(env: dict[str, str], *args: str) -> dict[str, Any]:
    """Run ``probe.py`` in a fresh process; its process start is ``time.time()`` at launch."""
    command = [PYTHON, str(HERE / "probe.py"), *args]
    command = [part.replace("{t0}", repr(time.time())) for part in command]
    result = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def run_probe(script: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    """A probe script's last line of JSON, run in a fresh process."""
    command = [PYTHON, str(HERE / script), *args]
    result = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def read_floor(root: Path) -> float:
    """Reading every article file once, in a fresh process: no parser can beat it."""
    code = (
        "import os, sys\n"
        "for folder, _, names in os.walk(sys.argv[1]):\n"
        "    for name in names:\n"
        "        with open(os.path.join(folder, name), 'rb') as f: f.read()\n"
    )
    return timed([PYTHON, "-c", code, str(root)], dict(os.environ))[0]


def fzf_latency(root: Path, env: dict[str, str]) -> float | None:
    """Median ``fzf --filter`` time per prefix of the query over every title, if fzf exists."""
    fzf = shutil.which("fzf")
    if not fzf:
        return None
    listing = subprocess.run([NEWSREADER, "list", "--no-scan", "--library", str(root)], env=env,
                             check=True, capture_output=True).stdout  # fmt: skip
    samples = []
    for index in range(1, len(QUERY) + 1):
        started = time.perf_counter()
        subprocess.run([fzf, "--filter", QUERY[:index]], input=listing, capture_output=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def disk_usage(folder: Path) -> int:
    """Bytes of the files under ``folder``. Not ``rglob``, which in Python 3.11 keeps every path
    it yields in a set: half a gigabyte of this process's memory at a million files."""
    total = 0
    for parent, _, names in os.walk(folder):
        for path in map(Path(parent).joinpath, names):
            with contextlib.suppress(OSError):  # a broken link, or a file gone meanwhile
                info = path.stat()  # one stat, not is_file() and then stat() again
                total += info.st_size if stat.S_ISREG(info.st_mode) else 0
    return total


PTY_QUERIES = (
    ("plain", ""),
    ("filter", ", is:unread lavrov"),
    ("source", ", source:moscow lavrov"),
    ("title_sorted", ", sorted by title"),
)


def pty_keystrokes(root: Path, env: dict[str, str]) -> dict[str, Any] | str:
    """``pty_probe.py``'s figures, or why there are none (no pyte, or the probe failed)."""
    if importlib.util.find_spec("pyte") is None:
        return "pyte not installed: pip install -e '.[bench]'"
    try:
        return run_probe("pty_probe.py", env, str(root))
    except subprocess.CalledProcessError as error:
        lines = (error.stderr or "").strip().splitlines()
        return f"pty probe failed: {lines[-1] if lines else error}"


def measure(size: int, seed: int, runs: int, shape: str = "text") -> list[Figure]:
    root = corpus(size, seed, shape)
    figures: list[Figure] = []

    def add(name: str, value: float | None, unit: str, goal: str = "", note: str = "") -> None:
        value = None if value is None else round(value, 4)
        figures.append(Figure(size, name, value, unit, goal, shape, note))
        print(json_line(figures[-1]), flush=True)  # as it comes: a later failure keeps it

    def goal(small: str, large: str | None = None, million: str | None = None) -> str:
        return target(size, small, large, million)

    with tempfile.TemporaryDirectory(prefix="newsreader-bench-") as home:
        env = isolated_env(Path(home))
        floor = read_floor(root)
        cold, _ = timed([NEWSREADER, "index", "--json", "--library", str(root)], env)
        add("cold index", cold, "s", goal("<= 3 s", "<= 30 s", "<= 300 s"))
        add("read every file once", floor, "s")
        add("cold index / reading", cold / floor, "x")
        warm = median_of(runs, lambda: timed(
            [NEWSREADER, "index", "--json", "--library", str(root)], env)[0])  # fmt: skip
        add("warm rescan, nothing changed", warm, "s", goal("<= 1.5 s", million="<= 3 s"))

        bare = median_of(runs, lambda: probe(env, "bare", "{t0}")["bare_start_s"])
        starts = [probe(env, "app", str(root), "{t0}", QUERY) for _ in range(runs)]
        app = statistics.median(run["app_start_s"] for run in starts)
        add("warm start to first rows", app, "s", goal("<= 0.6 s", million="<= 1 s"))
        add("bare Textual app start", bare, "s")
        add("start - bare app", app - bare, "s", goal("<= 0.3 s", million=""))
        last = starts[-1]
        add("keystroke to list, median", last["keystroke"]["median_ms"], "ms",
            goal("<= 16 ms", "<= 50 ms"))  # fmt: skip
        add("keystroke to list, p95", last["keystroke"]["p95_ms"], "ms", goal("", "<= 100 ms"))
        for key, label in (("filter_keystroke", "keystroke, is:unread lavrov"),
                           ("source_keystroke", "keystroke, source:moscow lavrov"),
                           ("folder_keystroke", "keystroke, folder:0042 lavrov"),
                           ("title_sorted_keystroke", "keystroke, sorted by title")):  # fmt: skip
            add(f"{label}, median", last[key]["median_ms"], "ms", goal("", "<= 50 ms"))
            add(f"{label}, p95", last[key]["p95_ms"], "ms", goal("", "<= 100 ms"))
        pty = pty_keystrokes(root, env)
        for key, label in PTY_QUERIES:
            name = f"keystroke end to end (pty){label}"
            if isinstance(pty, str):
                add(name, None, "ms", goal("<= 50 ms"), note=pty)
                continue
            add(f"{name}, median", pty[key].get("median_ms"), "ms", goal("<= 50 ms"))
            add(f"{name}, p95", pty[key].get("p95_ms"), "ms", goal("<= 100 ms"))
            add(f"{name}, keys timed out", len(pty[key]["failures"]), "", "0",
                note="; ".join(pty[key]["failures"][:3]))  # fmt: skip
        if not isinstance(pty, str):
            add("end to end: process start to first rows", pty["start_to_first_rows_s"], "s",
                goal("<= 0.6 s", million="<= 1 s"))  # fmt: skip
            plain = pty["plain"]
            add("end to end: emulator parse per key", plain["emulator_ms_per_key"], "ms")
            add("end to end: bytes per key", plain["emulator_kb_per_key"], "KB")
        add("first title sort", last["first_title_sort_ms"], "ms", goal("", "<= 100 ms", ""))
        add("mark every article read (A)", last["mark_all_read_s"], "s", "<= 1 s")
        library = probe(env, "library", str(root), QUERY)
        add("library search, median", library["search"]["median_ms"], "ms")
        add("library search, p95", library["search"]["p95_ms"], "ms")
        fzf = fzf_latency(root, env)
        if fzf is not None:
            add("fzf --filter titles, median", fzf * 1000, "ms")
            add("app keystroke / fzf", last["keystroke"]["median_ms"] / (fzf * 1000), "x")
        add("cursor down, median", last["cursor_down"]["median_ms"], "ms", "<= 10 ms")
        add("page down, median", last["page_down"]["median_ms"], "ms", "<= 10 ms")
        rss = goal("<= 200 MB", million="<= 400 MB")
        each = ", ".join(f"{run['peak_rss_mb']:.0f}" for run in starts)  # one run's may stand out
        add("peak RSS of the app", last["peak_rss_mb"], "MB", rss, note=f"each run: {each} MB")
        stories = run_probe("stories_probe.py", env, str(root))
        add("stories: cold index extra", stories["cold_group_s"] + stories["features_s"], "s",
            goal("", "<= 10 s", ""))  # fmt: skip
        add("stories: grouping at cold index", stories["cold_group_s"], "s")
        add("stories: story terms, per worker", stories["features_s"], "s")
        add("stories: 100-new-file rescan extra", stories["rescan_group_s"], "s", "<= 0.2 s")
        add("stories: 100-new-file rescan", stories["rescan_s"], "s")
        add("stories: first load", stories["stories_load_s"], "s")
        add("stories of 2 or more", stories["stories"], "")
        live = probe(env, "live", str(root))
        add("file written -> in the catalog, median", live["to_catalog"]["median_ms"], "ms",
            "<= 1000 ms")  # fmt: skip
        add("file written -> row shown, median", live["to_row"]["median_ms"], "ms", "<= 1000 ms")
        add("file written -> row shown, max", live["to_row"]["max_ms"], "ms")
        cache = disk_usage(Path(home) / "cache")
        corpus_bytes = disk_usage(root)
        add("cache on disk", cache / 2**20, "MB")
        add("corpus on disk", corpus_bytes / 2**20, "MB")
        add("cache / corpus", cache / corpus_bytes, "x", "<= 1.5 x")
        copied = min(size // 10, BULK_FILES)
        bulk = probe(env, "bulk", str(root), str(corpus(copied, seed + 1)))
        name = f"keystroke while {copied:,} files are copied in"
        add(f"{name}, median", bulk["keystroke"]["median_ms"], "ms", goal("", "<= 50 ms"))
        add(f"{name}, p95", bulk["keystroke"]["p95_ms"], "ms", goal("", "<= 100 ms"))
        add(f"{name}, max", bulk["keystroke"]["max_ms"], "ms")
        add(f"{copied:,} files copied in -> all listed", bulk["indexed_s"], "s")
        add("... -> snapshots stored again", bulk["snapshots_stored_s"], "s")
        first = probe(env, "first", str(root))
        add("first index in the app", first["indexed_s"], "s", goal("", "", "<= 300 s"))
        add("... its first rows", first["first_rows_s"], "s")
        add("... reads of the articles so far", first["read_s"], "s",
            note=f"{first['reads']} reads")  # fmt: skip
        add(
            "... keystroke meanwhile, p95",
            first["keystroke"].get("p95_ms"),
            "ms",
            goal("", "<= 100 ms"),
        )
        add("... keystroke meanwhile, max", first["keystroke"].get("max_ms"), "ms")
        add("... peak RSS", first["peak_rss_mb"], "MB", goal("", "", "<= 400 MB"))
    return figures


def print_table(figures: list[Figure]) -> None:
    width = max(len(f.figure) for f in figures)
    print(f"\n{'size':>8}  {'shape':<5}  {'figure':<{width}}  {'value':>10}  unit  target")
    for f in figures:
        value = "skipped" if f.value is None else f"{f.value:.3f}"
        note = f"  ({f.note})" if f.note else ""
        print(f"{f.size:>8,}  {f.shape:<5}  {f.figure:<{width}}  {value:>10}  {f.unit:<4}  "
              f"{f.target}{note}")  # fmt: skip


def json_line(f: Figure) -> str:
    record = {"size": f.size, "shape": f.shape, "figure": f.figure, "value": f.value,
              "unit": f.unit, "target": f.target}  # fmt: skip
    return json.dumps({**record, "note": f.note} if f.note else record)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--million", action="store_true", help="the same as --sizes 100000,1000000")
    parser.add_argument("--shapes", default="text", help="comma-separated: text, feeds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per start figure")
    parser.add_argument("--quick", action="store_true", help="one run each: a smoke test")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    sizes = "100000,1000000" if args.million else args.sizes
    shapes = args.shapes.split(",")
    if unknown := set(shapes) - {"text", "feeds"}:
        parser.error(f"unknown shapes: {', '.join(sorted(unknown))}")
    figures: list[Figure] = []
    for size in (int(s) for s in sizes.split(",")):
        for shape in shapes:
            figures += measure(size, args.seed, runs, shape)
    print_table(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
