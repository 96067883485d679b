"""What a web page says about its article besides the text: headline, time, author, address.

Publishers fill in the same facts several times over, for search engines (JSON-LD), social
networks (``og:*``, ``twitter:*``), browsers (``<title>``) and readers (``<h1>``), and each copy
fails on some sites: the first ``<h1>`` is a section name ("Allergies Health Center"), the
``<title>`` carries the site's name, an ``og:title`` is a teaser. So the headline is the text
that most of them agree on, and the date is the most precise stated one (JSON-LD, then meta
tags, then a ``<time>`` element), with its time of day and zone.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ..sanitize import clean_line
from .markdown_blocks import plain_text
from .meta import find_url, parse_date

__all__ = ["PageMeta", "page_meta", "parse_moment"]

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "date",
    "article:modified_time",
    "datemodified",
)
_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")
_ARTICLE_TYPES = re.compile(r"article|posting|report|blog", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[|\-–—:·»/]\s+|\s+::\s+")
_NOT_WORDS = re.compile(r"[\W_]+")
_MAX_H1 = 5
_MAX_JSON_LD = 20
_MAX_TAGS = 50
_SHORT_H1 = 2  # words: an <h1> this short that agrees with nothing is a section name


@dataclass(frozen=True, slots=True)
class PageMeta:
    headline: str
    date: dt.date | None
    published: dt.datetime | None
    author: str | None
    url: str | None
    site: str | None
    tags: tuple[str, ...]


def page_meta(tree: etree._Element) -> PageMeta:
    meta: dict[str, str] = {}
    canonical = ""
    h1s: list[str] = []
    title = ""
    times: list[str] = []
    ld: list[Mapping[str, Any]] = []
    for element in tree.iter("meta", "link", "title", "h1", "time", "script"):
        tag = element.tag
        if tag == "meta":
            key = element.get("property") or element.get("name") or element.get("itemprop")
            content = element.get("content")
            if key and content:
                meta.setdefault(key.strip().lower(), content)
        elif tag == "link":
            if "canonical" in (element.get("rel") or "").lower().split() and not canonical:
                canonical = element.get("href") or ""
        elif tag == "title" and not title:
            title = plain_text(element)
        elif tag == "h1" and len(h1s) < _MAX_H1:
            h1s.append(plain_text(element))
        elif tag == "time":
            times.append(element.get("datetime") or "")
        elif tag == "script" and "ld+json" in (element.get("type") or "").lower():
            ld.extend(_json_ld(element.text or "") if len(ld) < _MAX_JSON_LD else ())
    site = clean_line(meta.get("og:site_name", "")) or None
    article = next((item for item in ld if _ARTICLE_TYPES.search(str(item.get("@type")))), {})
    url = find_url(clean_line(canonical or meta.get("og:url", "") or _str(article.get("url"))))
    moments = (
        _str(article.get("datePublished")),
        *(meta.get(key, "") for key in _DATE_META),
        _str(article.get("dateModified")),
        *times,
    )
    date, published = next(
        (found for value in moments if (found := parse_moment(value))[0]), (None, None)
    )
    return PageMeta(
        headline=_headline(
            [
                ("json-ld", clean_line(_str(article.get("headline")))),
                ("og", clean_line(meta.get("og:title", ""))),
                ("twitter", clean_line(meta.get("twitter:title", ""))),
                *(("h1", h1) for h1 in h1s),
            ],
            title,
            site,
        ),
        date=date,
        published=published,
        author=_author(article.get("author")) or _meta_author(meta),
        url=url,
        site=site,
        tags=_tags(meta.get("keywords") or meta.get("news_keywords") or ""),
    )


def _json_ld(text: str) -> Iterator[Mapping[str, Any]]:
    """The objects of a JSON-LD script, ``@graph`` members included; broken JSON gives none."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item[:_MAX_JSON_LD])
        elif isinstance(item, Mapping):
            if isinstance(item.get("@graph"), list):
                stack.extend(item["@graph"][:_MAX_JSON_LD])
            yield item


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _key(text: str) -> str:
    return _NOT_WORDS.sub(" ", text.casefold()).strip()


def _headline(candidates: list[tuple[str, str]], title: str, site: str | None) -> str:
    """The candidate most others agree with; on a tie the most deliberate one (JSON-LD, then
    og:title, then the first <h1>), but never a short <h1> that agrees with nothing over the
    page's <title>."""
    parts = [part for part in _SEPARATORS.split(title) if part.strip()] if title else []
    # the site's name, as og:site_name gives it or as the <title> ends
    sites = {_key(site or ""), _key(parts[-1]) if len(parts) > 1 else ""} - {""}
    candidates = [(kind, _without_site(text, sites)) for kind, text in candidates if text]
    title_keys = {_key(" - ".join(parts[:n])) for n in range(1, len(parts) + 1)} | {_key(title)}
    if candidates:
        keys = [_key(text) for _, text in candidates]

        def support(index: int) -> int:
            key = keys[index]
            return sum(other == key for other in keys) - 1 + (key in title_keys)

        best = max(range(len(candidates)), key=lambda i: (support(i), -i))
        kind, text = candidates[best]
        if support(best) or kind != "h1" or len(text.split()) > _SHORT_H1 or not title:
            return text
    return _cut_site(parts, title, site)


def _without_site(text: str, sites: set[str]) -> str:
    """``text`` without a trailing " | Site Name": some sites put it in og:title too."""
    last = next(reversed(list(_SEPARATORS.finditer(text))), None)
    if last is not None and last.start() > 0 and _key(text[last.end() :]) in sites:
        return text[: last.start()]
    return text


def _cut_site(parts: list[str], title: str, site: str | None) -> str:
    """The ``<title>`` without the site's name and section: the longest of its parts."""
    if len(parts) < 2:
        return clean_line(title)
    site_key = _key(site or "")
    kept = [part for part in parts if _key(part) != site_key] or parts
    return clean_line(max(kept, key=len))


def parse_moment(value: str) -> tuple[dt.date | None, dt.datetime | None]:
    """A stated date, and its moment when it gives a time of day (aware when it names a zone).
    ``2024-03-05T08:30:00+01:00`` is 5 March at 8:30 in that zone; ``2024-03-05`` a day."""
    value = clean_line(value)
    if not value:
        return None, None
    moment = _moment(value)
    if moment:
        return moment.date(), moment
    return parse_date(value), None


def _moment(value: str) -> dt.datetime | None:
    """ISO 8601 as JSON-LD and most meta tags write it, or RFC 2822 as some copy it from their
    feed ("Tue, 05 Mar 2024 08:30:00 GMT"); only with a time of day."""
    if ":" not in value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace(" ", "T", 1).replace("z", "Z"))
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (ValueError, TypeError, IndexError, OverflowError):
            return None
    return moment if moment.year >= 1900 else None


def _author(value: object) -> str | None:
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        name = item.get("name") if isinstance(item, Mapping) else item
        name = clean_line(name) if isinstance(name, str) else ""
        if name and not find_url(name) and name not in names:
            names.append(name)
    return ", ".join(names[:10]) or None


def _meta_author(meta: Mapping[str, str]) -> str | None:
    for key in _AUTHOR_META:
        name = clean_line(meta.get(key, ""))
        if name and not find_url(name):
            return name
    return None


def _tags(keywords: str) -> tuple[str, ...]:
    tags: list[str] = []
    for raw in keywords.split(","):
        tag = clean_line(raw)
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags[:_MAX_TAGS])
