"""Articles just under the 5 MB file limit, one per body kind the reader renders differently.

- ``txt``: scraped plain text, thousands of paragraphs;
- ``md``: Markdown of headings, paragraphs full of links and tight lists of links;
- ``html``: ``<p>`` paragraphs in an ``<article>``, which the library turns into plain text.

Deterministic (seeded), so figures compare across runs. Every 40th paragraph holds the word
``zanzibar``, so a search for it has hits from the top to the bottom of the article.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

SIZE = 4_900_000
KINDS = ("txt", "md", "html")
WORD = "zanzibar"
_WORDS = (
    "court ruling appeal statute contract party clause liability damages evidence witness "
    "counsel judge tribunal jurisdiction merits claim defendant plaintiff section article "
    "treaty minister council amendment provision hearing order motion brief record finding"
)
_VOCABULARY = _WORDS.split()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_VOCABULARY) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, number: int) -> str:
    text = " ".join(_sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(3, 7)))
    return f"{text} The {WORD} rule applies." if number % 40 == 0 else text


def _link(rng: random.Random, number: int) -> str:
    label = " ".join(rng.choice(_VOCABULARY) for _ in range(rng.randint(2, 5)))
    return f"[{label}](https://example.org/cases/{number}/{label.replace(' ', '-')})"


def article(kind: str, seed: int = 1, size: int = SIZE) -> str:
    """The text of one article file of ``kind`` (``txt``, ``md`` or ``html``), about ``size``
    bytes."""
    rng = random.Random(seed)
    title = f"The Big {kind.upper()} Judgment"
    parts: list[str] = []
    used = 0
    number = 0
    while used < size - 2_000:
        if kind == "md":
            if number % 12 == 0:
                part = f"## Part {number // 12}"
            elif number % 3 == 0:
                part = "\n".join(f"- {_link(rng, number * 100 + i)}" for i in range(12))
            else:
                links = " ".join(_link(rng, number * 100 + i) for i in range(3))
                part = f"{_paragraph(rng, number)} See {links}."
        elif kind == "html":
            part = f"<p>{_paragraph(rng, number)}</p>"
        else:
            part = _paragraph(rng, number)
        parts.append(part)
        used += len(part) + 2
        number += 1
    if kind == "md":
        return f"# {title}\n\n" + "\n\n".join(parts) + "\n"
    if kind == "html":
        body = "\n".join(parts)
        return (
            f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\n"
            f"{body}\n</article></body></html>\n"
        )
    return f"{title}\n\nJanuary 2, 2010\n\n" + "\n\n".join(parts) + "\n"


def write(folder: Path, kind: str, size: int = SIZE) -> Path:
    path = folder / f"big.{kind}"
    path.write_text(article(kind, size=size), encoding="utf-8")
    return path


if __name__ == "__main__":
    for kind in sys.argv[2:] or KINDS:
        print(write(Path(sys.argv[1]), kind))
