"""Stable article ids.

An id is derived from what the article *is*, not where its file lies: its canonical url when it
has one, else its folded title and text. So it survives renaming or moving the file and deleting
the cache, and a bookmark keeps pointing at the same article. Two copies of one article (the same
feed item saved on two days) have one id and are one article in the library.
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


def file_ids(articles: list[Article], folded_bodies: list[str]) -> list[str]:
    """The ids of the articles of one file: each :func:`article_id`, except that items sharing
    a url but not a headline (a feed that links every item to its home page) are told apart by
    their headline. Only the file's own content counts, never what else the library holds, so
    an id is the same whatever order copies and moves happen in.
    """
    ids = [article_id(article, body) for article, body in zip(articles, folded_bodies, strict=True)]
    titles: dict[str, set[str]] = {}
    for article, found in zip(articles, ids, strict=True):
        titles.setdefault(found, set()).add(fold(article.title))
    return [
        _digest(f"{found}\0{fold(article.title)}") if len(titles[found]) > 1 else found
        for article, found in zip(articles, ids, strict=True)
    ]


def _digest(key: str) -> str:
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()[
        :ID_LENGTH
    ]
