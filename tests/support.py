"""Helpers the tests share: where the sample feed is, and writing article files."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE_FEED = REPO / "sample_feed"
SEEDS = ("000_6db7329205bd8d60.txt", "002_261cf5a0de67a3b0.txt")


def write_article(
    root: Path, name: str, title: str, *paragraphs: str, date: str = "", url: str = ""
) -> Path:
    """Write a scraped-text article file the way the seeds are laid out."""
    parts = [title]
    if date:
        parts.append(date)
    parts.extend(paragraphs)
    if url:
        parts += ["Original url:", url]
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path
