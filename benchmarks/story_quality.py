"""How well newsreader groups reports into stories: B-cubed precision, recall and F1.

``python benchmarks/story_quality.py [FIXTURES] [--show]``

The fixtures (``benchmarks/stories/fixtures.txt`` unless another file is given) hold topics with
two different events of the same kind (two earthquakes, two celebrities entering rehab, two
summits of one union, two rate rises, two rail strikes in one week), each told by several
outlets: different headlines, wording and lengths, some undated, some wire copies. They are
written into a temporary library (dated reports as Markdown with front matter, undated ones and
wire copies as scraped text), indexed with the library in its own temporary cache, and the
stories it finds are scored against the events.

B-cubed (Bagga and Baldwin, 1998) scores each article: precision is the share of its predicted
story that is truly its event, recall the share of its event that its story holds; both are
averaged over articles, and F1 is their harmonic mean. An article in no story is a story of one.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "stories" / "fixtures.txt"


@dataclass(frozen=True)
class Report:
    event: str
    date: str | None
    source: str
    wire: bool
    title: str
    paragraphs: tuple[str, ...]


def read_fixtures(path: Path) -> list[Report]:
    """The records of a fixtures file (its header comment says the format)."""
    reports: list[Report] = []
    for block in path.read_text(encoding="utf-8").split("\n=== ")[1:]:
        header, _, text = block.partition("\n")
        event, date, source, wire = (part.strip() for part in header.split("|"))
        title, *paragraphs = [part.strip() for part in text.strip().split("\n\n")]
        reports.append(
            Report(event, None if date == "-" else date, source, wire == "wire", title,
                   tuple(paragraphs))
        )  # fmt: skip
    return reports


def write_library(reports: list[Report], root: Path) -> dict[str, str]:
    """The reports as article files under ``root``; returns each file's event."""
    events: dict[str, str] = {}
    for number, report in enumerate(reports):
        name = f"{number:03d}-{report.event}"
        if report.date:
            front = f'---\ntitle: "{report.title}"\ndate: {report.date}\n'
            front += f"source: {report.source}\n---\n"
            (root / f"{name}.md").write_text(front + "\n\n".join(report.paragraphs) + "\n")
            events[f"{name}.md"] = report.event
        else:
            _scraped(root / f"{name}.txt", report.title, None, report.paragraphs)
            events[f"{name}.txt"] = report.event
        if report.wire:  # a paper running the wire story: its own page, the last paragraph cut
            _scraped(root / f"{name}-copy.txt", report.title, report.date, report.paragraphs[:-1])
            events[f"{name}-copy.txt"] = report.event
    return events


def _scraped(path: Path, title: str, date: str | None, paragraphs: tuple[str, ...]) -> None:
    parts = ["Accessibility links", "Breaking News", title]
    if date:
        parts.append(date)
    path.write_text("\n\n".join([*parts, *paragraphs, "Share this article"]) + "\n")


def b_cubed(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``predicted`` clusters against ``gold`` (item -> label)."""
    gold_sets: dict[str, set[str]] = {}
    predicted_sets: dict[str, set[str]] = {}
    for item, label in gold.items():
        gold_sets.setdefault(label, set()).add(item)
        predicted_sets.setdefault(predicted.get(item, f"alone:{item}"), set()).add(item)
    precision = recall = 0.0
    for item, label in gold.items():
        mine = predicted_sets[predicted.get(item, f"alone:{item}")]
        truth = gold_sets[label]
        both = len(mine & truth)
        precision += both / len(mine)
        recall += both / len(truth)
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def score(
    fixtures: Path = FIXTURES, *, show: bool = False, undated: bool = False
) -> tuple[float, float, float]:
    """Index the fixtures in a temporary library and cache; B-cubed of the stories found.

    ``undated`` drops every date first: the text alone must tell the events apart.
    """
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        from newsreader.library import Library

        root = Path(tmp) / "library"
        root.mkdir()
        reports = read_fixtures(fixtures)
        if undated:
            reports = [dataclasses.replace(report, date=None) for report in reports]
        gold = write_library(reports, root)
        library = Library(root)
        try:
            library.scan()
            paths = library.catalog.columns.paths
            predicted = {
                paths[position]: story.id
                for story in library.stories
                for position in story.positions
            }
            if show:
                for story in library.stories:
                    print(story.id, sorted(gold[paths[p]] for p in story.positions))
        finally:
            library.close()
    return b_cubed(gold, predicted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fixtures", nargs="?", type=Path, default=FIXTURES)
    parser.add_argument("--show", action="store_true", help="print the stories found")
    parser.add_argument("--undated", action="store_true", help="drop every date first")
    args = parser.parse_args(argv)
    precision, recall, f1 = score(args.fixtures, show=args.show, undated=args.undated)
    print(f"B-cubed precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
