"""The performance benchmark: newsreader against its targets at 10,000 and 100,000 articles.

``python benchmarks/bench.py [--sizes 10000,100000] [--seed S] [--runs N] [--quick]``

For each size it generates (once, then reuses) a synthetic corpus under ``benchmarks/out/``,
and measures in fresh processes, each with its own empty XDG dirs:

- cold index (``newsreader index`` on an empty cache) beside the floor of reading every file
  once, and their ratio; a warm rescan with nothing changed;
- warm start (process start to the app's first rows, library loaded) beside a bare Textual
  app's start, and their difference;
- a 3-word query with a typo typed letter by letter in the app (key press to list updated),
  the library's search call alone, and ``fzf --filter`` over the titles when fzf is installed;
- keystrokes of a query with a filter (``is:unread lavrov``), keystrokes that refill a list sorted
  by title, and the first title sort of the whole library (key to list painted);
- cursor down and page down in the list; the app's peak RSS; the cache's size on disk;
- what stories cost (``stories_probe.py``): grouping at the end of the cold index plus the story
  terms the workers compute, a rescan bringing 100 new files, the stories' first load.
- a file written into the library while it is open: until the library's incremental update has
  it in the catalog, and until the app (watching the folder) has painted its row.

It prints a table and one JSON line per figure (``{"size", "figure", "value", "unit",
"target"}``). No figure fails the run: targets are for reading, and CI runs this as a smoke test
with ``--quick`` at a small size.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
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


@dataclass(frozen=True)
class Figure:
    size: int
    figure: str
    value: float
    unit: str
    target: str = ""


def corpus(size: int, seed: int) -> Path:
    """The corpus for ``size`` articles, generated on first use (a marker says it is whole)."""
    root = OUT / f"corpus-{size}-seed{seed}"
    if (root / ".complete").exists():
        return root
    if root.exists():
        shutil.rmtree(root)
    started = time.perf_counter()
    subprocess.run([PYTHON, str(HERE / "make_corpus.py"), str(size), str(root), "--seed",
                    str(seed)], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    (root / ".complete").write_text("")
    print(f"generated {size:,} articles in {time.perf_counter() - started:.1f} s", flush=True)
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
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(size: int, seed: int, runs: int) -> list[Figure]:
    root = corpus(size, seed)
    figures: list[Figure] = []

    def add(name: str, value: float, unit: str, target: str = "") -> None:
        figures.append(Figure(size, name, round(value, 4), unit, target))

    with tempfile.TemporaryDirectory(prefix="newsreader-bench-") as home:
        env = isolated_env(Path(home))
        floor = read_floor(root)
        cold, _ = timed([NEWSREADER, "index", "--json", "--library", str(root)], env)
        add("cold index", cold, "s", "<= 3 s at 10k, <= 30 s at 100k")
        add("read every file once", floor, "s")
        add("cold index / reading", cold / floor, "x")
        warm = median_of(runs, lambda: timed(
            [NEWSREADER, "index", "--json", "--library", str(root)], env)[0])  # fmt: skip
        add("warm rescan, nothing changed", warm, "s", "<= 1.5 s")

        bare = median_of(runs, lambda: probe(env, "bare", "{t0}")["bare_start_s"])
        starts = [probe(env, "app", str(root), "{t0}", QUERY) for _ in range(runs)]
        app = statistics.median(run["app_start_s"] for run in starts)
        add("warm start to first rows", app, "s", "<= 0.6 s")
        add("bare Textual app start", bare, "s")
        add("start - bare app", app - bare, "s", "<= 0.3 s")
        last = starts[-1]
        add("keystroke to list, median", last["keystroke"]["median_ms"], "ms",
            "<= 16 ms at 10k, <= 50 ms at 100k")  # fmt: skip
        add("keystroke to list, p95", last["keystroke"]["p95_ms"], "ms", "<= 100 ms at 100k")
        for key, label in (("filter_keystroke", "keystroke, is:unread lavrov"),
                           ("source_keystroke", "keystroke, source:moscow lavrov"),
                           ("folder_keystroke", "keystroke, folder:0042 lavrov"),
                           ("title_sorted_keystroke", "keystroke, sorted by title")):  # fmt: skip
            add(f"{label}, median", last[key]["median_ms"], "ms", "<= 50 ms at 100k")
            add(f"{label}, p95", last[key]["p95_ms"], "ms", "<= 100 ms at 100k")
        add("first title sort", last["first_title_sort_ms"], "ms", "<= 100 ms at 100k")
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
        add("peak RSS of the app", last["peak_rss_mb"], "MB", "<= 200 MB")
        stories = run_probe("stories_probe.py", env, str(root))
        add("stories: cold index extra", stories["cold_group_s"] + stories["features_s"], "s",
            "<= 10 s at 100k")  # fmt: skip
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
        add("cache / corpus", cache / corpus_bytes, "x", "<= 2.5 x")
    return figures


def print_table(figures: list[Figure]) -> None:
    width = max(len(f.figure) for f in figures)
    print(f"\n{'size':>8}  {'figure':<{width}}  {'value':>10}  unit  target")
    for f in figures:
        print(f"{f.size:>8,}  {f.figure:<{width}}  {f.value:>10.3f}  {f.unit:<4}  {f.target}")
    print()
    for f in figures:
        print(json.dumps({"size": f.size, "figure": f.figure, "value": f.value, "unit": f.unit,
                          "target": f.target}))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per start figure")
    parser.add_argument("--quick", action="store_true", help="one run each: a smoke test")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    figures: list[Figure] = []
    for size in (int(s) for s in args.sizes.split(",")):
        figures += measure(size, args.seed, runs)
    print_table(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
