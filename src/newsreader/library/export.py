"""Bookmarks as a Markdown document that any renderer shows as written.

Titles and sources come from article files, so they are data: ``<script>``, ``[x](javascript:..)``,
``*stars*`` or a leading ``#`` must come out of a Markdown renderer as that text, never as HTML,
a link, an image, emphasis or a heading. Only http and https urls become links, and a url is
written so that nothing in it can end the link early.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .markdown_escape import markdown_text, markdown_url

__all__ = ["markdown_bookmarks"]


def markdown_bookmarks(records: Iterable[Mapping[str, Any]]) -> str:
    """The Markdown export: a heading, then one list item per bookmark (title, source, date)."""
    lines = ["# Bookmarks", ""]
    for record in records:
        title = markdown_text(str(record["title"]))
        url = markdown_url(record.get("url"))
        line = f"[{title}]({url})" if url else title
        details = ", ".join(
            markdown_text(str(record[key])) for key in ("source", "date") if record.get(key)
        )
        lines.append(f"- {line}{f' — {details}' if details else ''}")
    return "\n".join(lines) + "\n"
