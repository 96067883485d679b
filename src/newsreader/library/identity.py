"""Stable article ids.

An id is derived from what the article *is*, not where its file lies: its canonical url when it
has one, else its folded title and text. So it survives renaming or moving the file and deleting
the cache, and a bookmark keeps pointing at the same article.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from .models import Article
from .tokens import fold

ID_LENGTH = 12
"""48 bits: a collision among 100,000 articles has odds of about one in 56,000."""


def canonical_url(url: str) -> str:
    """The url without scheme, ``www.``, fragment or trailing slash: http and https copies agree."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def article_id(article: Article, folded_body: str) -> str:
    """The article's id, from its url or else its title and ``folded_body`` (its indexed words)."""
    if article.url:
        return _digest("url:" + canonical_url(article.url))
    return _digest("text:" + fold(article.title) + "\n" + folded_body)


def duplicate_id(first_id: str, display_path: str, ordinal: int) -> str:
    """The id of a second copy of an article already in the library, told apart by its place."""
    return _digest(f"{first_id}\0{display_path}\0{ordinal}")


def _digest(key: str) -> str:
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()[
        :ID_LENGTH
    ]
