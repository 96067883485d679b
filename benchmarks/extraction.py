"""How well saved web pages are read: our HTML parser against labelled pages, beside the parser
at an older revision and trafilatura's own plain-text output.

``python benchmarks/extraction.py [--old REV] [--repeat N]``

The pages and their labels are ``tests/fixtures/pages/`` (each failure class of issue 13: teaser
cards, text in ``<div>``/``<br>``/``<li>``, comments and related stories, a ``<form>`` wrapper,
a section-name ``<h1>``, JSON-LD dates, text that looks like Markdown). For each extractor it
prints body token F1 (words, case-folded, of the body against the labelled paragraphs; Markdown
blocks are rendered to text first), headlines exactly right, dates right, times of day right,
authors right, and pages per second over ``--repeat`` passes. ``--old`` loads
``src/newsreader/library/formats/html.py`` as it was at that git revision (say ``4cae252``, the
``<p>``-collecting parser before trafilatura).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura
from markdown_it import MarkdownIt

from newsreader.library.formats import html as current_html
from newsreader.library.models import Article

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "fixtures" / "pages"
_WORDS = re.compile(r"\w+")
_MARKDOWN = MarkdownIt("commonmark")

Extractor = Callable[[str, str], Article | None]


def plain(article: Article) -> str:
    """The body as a reader sees it: Markdown rendered, then its text."""
    if article.markup != "markdown":
        return article.text
    texts = []
    for block in article.body:
        rendered = _MARKDOWN.render(block)
        texts.append(lxml.html.fromstring(f"<div>{rendered}</div>").text_content())
    return "\n".join(texts)


def token_f1(got: str, want: str) -> float:
    got_tokens = Counter(_WORDS.findall(got.casefold()))
    want_tokens = Counter(_WORDS.findall(want.casefold()))
    common = sum((got_tokens & want_tokens).values())
    if not common:
        return 0.0
    precision = common / sum(got_tokens.values())
    recall = common / sum(want_tokens.values())
    return 2 * precision * recall / (precision + recall)


def ours(module: Any) -> Extractor:
    def extract(markup: str, name: str) -> Article | None:
        result = module.parse_html(markup, name)
        return result[0] if isinstance(result, tuple) and result else None

    return extract


def trafilatura_plain(markup: str, name: str) -> Article | None:
    """trafilatura's own text and metadata, for reference (its title and date as it finds them)."""
    found = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False)
    if found is None:
        return None
    date = dt.date.fromisoformat(found.date) if found.date else None
    return Article(
        title=found.title or "", body=(found.text or "",), date=date, author=found.author
    )


def old_module(revision: str) -> Any:
    """The HTML parser as it was at ``revision``, loaded beside the current one."""
    source = subprocess.run(
        ["git", "show", f"{revision}:src/newsreader/library/formats/html.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    name = "newsreader.library.formats._html_at_revision"
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "newsreader.library.formats"
    sys.modules[name] = module
    exec(compile(source, f"html.py@{revision}", "exec"), module.__dict__)
    return module


def score(extract: Extractor, labels: dict[str, Any], repeat: int) -> dict[str, float]:
    pages = {name: (PAGES / name).read_text(encoding="utf-8") for name in labels}
    f1s: list[float] = []
    right = Counter[str]()
    for name, label in labels.items():
        article = extract(pages[name], name)
        if article is None:
            f1s.append(0.0)
            continue
        f1s.append(token_f1(plain(article), "\n".join(label["body"])))
        right["headline"] += article.title == label["title"]
        right["date"] += str(article.date) == label["date"]
        published = article.published.isoformat() if article.published else None
        right["time"] += published == label["published"]
        right["author"] += article.author == label["author"]
    started = time.perf_counter()
    for _ in range(repeat):
        for name, markup in pages.items():
            extract(markup, name)
    seconds = time.perf_counter() - started
    return {
        "body F1": sum(f1s) / len(f1s),
        **{f"{key} right": right[key] for key in ("headline", "date", "time", "author")},
        "pages/s": repeat * len(pages) / seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", help="git revision of the HTML parser to compare with")
    parser.add_argument("--repeat", type=int, default=20, help="passes for pages per second")
    args = parser.parse_args()
    labels = json.loads((PAGES / "labels.json").read_text(encoding="utf-8"))
    extractors: dict[str, Extractor] = {"newsreader": ours(current_html)}
    if args.old:
        extractors[f"newsreader@{args.old}"] = ours(old_module(args.old))
    extractors["trafilatura (plain text)"] = trafilatura_plain
    print(f"{len(labels)} labelled pages in {PAGES.relative_to(ROOT)}")
    for label, extract in extractors.items():
        figures = score(extract, labels, args.repeat)
        shown = ", ".join(
            f"{key} {value:.3f}" if key == "body F1" else f"{key} {value:.0f}"
            for key, value in figures.items()
        )
        print(f"{label:28} {shown}")
        print(json.dumps({"extractor": label, **figures}))


if __name__ == "__main__":
    main()
