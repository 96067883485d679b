"""What every format needs to find out about an article besides its text: when it was published,
where it came from, and a title when the file has none.

The date is only ever taken from the article itself, its URL or its file name, never from the
file's modification time: a folder copied yesterday would otherwise make every article "new".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..markdown_escape import markdown_plain
from ..sanitize import clean_line

__all__ = [
    "date_from_name",
    "date_from_url",
    "find_url",
    "footer_label",
    "only_url",
    "parse_date",
    "source_from_url",
    "tags_field",
    "text_field",
    "title_from_body",
    "title_from_name",
    "title_from_words",
    "url_field",
]

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# "Sept." and "September" as well as "Sep": any name that starts with a month's three letters.
_MONTH = r"(?P<month>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# The ways a page labels its date line; they are dropped before the date itself is read.
_PREFIX = re.compile(
    r"(?:(?:last\s+|first\s+)?(?:updated|published|posted|modified|date|dated)"
    r"(?:\s+(?:on|at))?\s*:?\s*)+",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_DATES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"{_MONTH}\s*{_DAY},?\s+{_YEAR}",  # September 22, 2010 / Sept. 22 2010
        rf"{_DAY}\.?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",  # 22 September 2010 / 22. Sep 2010
        rf"{_YEAR}-(?P<month>\d\d)-(?P<day>\d\d)"
        r"(?:[T ](?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d)(?:\.\d+)?)?)?",
        rf"{_YEAR}/(?P<month>\d\d?)/(?P<day>\d\d?)",
        rf"(?P<day>\d\d?)\.(?P<month>\d\d?)\.{_YEAR}",  # 22.09.2010, day first in Europe
        rf"(?P<first>\d\d?)/(?P<second>\d\d?)/{_YEAR}",  # only when the day is > 12
    )
)
# What may follow the date on a date line: a time, a time zone, another "Updated ..." label.
_AFTER_DATE = re.compile(
    r"[\s,|·•@–—-]*(?:(?:at|updated|last\s+updated(?:\s+at)?)\s+)?"
    r"(?:(?P<hour>\d\d?)[:.](?P<minute>\d\d)(?::(?P<second>\d\d))?\s*"
    r"(?P<half>[ap])?\.?(?:m\.?)?)?\s*"
    r"(?P<zone>Z|[+-]\d\d:?\d\d|\(?(?-i:[A-Z]{2,5})(?:[+-]\d\d?(?::?\d\d)?)?\)?)?\s*$",
    re.IGNORECASE,
)
# Zones as date lines name them; others (ambiguous IST, CST) leave the time without a zone.
_ZONES = {
    "Z": 0, "UTC": 0, "GMT": 0, "UT": 0, "BST": 60, "CET": 60, "CEST": 120, "EET": 120,
    "EEST": 180, "MSK": 180, "EST": -300, "EDT": -240, "PST": -480, "PDT": -420, "MST": -420,
    "MDT": -360, "JST": 540, "AEST": 600, "AEDT": 660,
}  # fmt: skip
_MAX_DATE_LINE = 80

# The footer labels that introduce an article's URL (or its outlet's name).
_FOOTER_LABEL = re.compile(
    r"""(?:
    (?:original\s+(?:url|link|article|source)|url|link|source|canonical(?:\s+url)?)\s*:
    | originally\s+(?:published|posted|appeared)(?:\s+(?:at|on|in|by))?\b:?
    | read\s+(?:more|the\s+(?:original|full)(?:\s+(?:article|story))?)\s+(?:at|on)\b:?
    )\s*(?P<rest>.*)""",
    re.IGNORECASE | re.VERBOSE,
)

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'\]\[)(]+", re.IGNORECASE)
# A date in a URL path: /2010/09/22/, -2010-09-22, or eight digits standing alone (20100922 glued
# to letters is part of an id, as in Reuters' idUSTRE68L5RX20100922, and is not trusted).
_URL_DATES = (
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>\d\d?)/(?P<day>\d\d?)(?:/|$|[-_.])"),
    re.compile(r"[/_-](?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)(?!\d)"),
    re.compile(
        r"(?<![0-9A-Za-z])(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?![0-9A-Za-z])"
    ),
)
_TITLE_WORDS = 12
_NAME_DATE = re.compile(r"^(?P<year>(?:19|20)\d\d)[-_](?P<month>\d\d)[-_](?P<day>\d\d)(?!\d)")
# A name with spaces between its words, as a person types one, keeps the hyphens and dots inside
# them ("Wal-Mart to pay.txt"); a name without any is a url slug or a tool's, whose hyphens are
# the spaces ("nato-talks_2010.txt").
_NAME_SPACES = re.compile(r"\s+")
_WORD_SEPARATORS = re.compile(r"[\s_+]+")
_SLUG_SEPARATORS = re.compile(r"[\s_.+-]+")

# Outlets readers know by name rather than by domain; subdomains (www., news., edition.) match.
_OUTLETS = {
    "abcnews.go.com": "ABC News",
    "aljazeera.com": "Al Jazeera",
    "aljazeera.net": "Al Jazeera",
    "apnews.com": "AP News",
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "bloomberg.com": "Bloomberg",
    "cbsnews.com": "CBS News",
    "cnn.com": "CNN",
    "dw.com": "DW",
    "economist.com": "The Economist",
    "euronews.com": "Euronews",
    "france24.com": "France 24",
    "ft.com": "Financial Times",
    "guardian.co.uk": "The Guardian",
    "independent.co.uk": "The Independent",
    "kyivindependent.com": "The Kyiv Independent",
    "meduza.io": "Meduza",
    "nbcnews.com": "NBC News",
    "npr.org": "NPR",
    "nytimes.com": "The New York Times",
    "politico.com": "Politico",
    "politico.eu": "Politico",
    "reuters.com": "Reuters",
    "rferl.org": "RFE/RL",
    "spiegel.de": "Der Spiegel",
    "tass.com": "TASS",
    "telegraph.co.uk": "The Telegraph",
    "theguardian.com": "The Guardian",
    "themoscowtimes.com": "The Moscow Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
}
# Second-level labels under which country domains register names (example.co.uk, abc.net.au).
_SECOND_LEVEL = frozenset({"ac", "co", "com", "edu", "gov", "net", "org", "or", "ne", "go"})
_IP_ADDRESS = re.compile(r"^[\d.]+$|:")


def parse_date(line: str) -> dt.date | None:
    """The date when ``line`` is nothing but a date (with an optional label, weekday and time),
    as pages print it under a headline; ``None`` for a sentence that merely mentions a date.
    """
    if len(line) > _MAX_DATE_LINE:
        return None
    found = parse_date_line(line)
    return found[0] if found else None


def parse_date_line(line: str) -> tuple[dt.date, dt.datetime | None] | None:
    """Like :func:`parse_date`, with the moment too when the line gives a time of day (aware
    when it names a zone: `September 22, 2010 14:05 GMT`, `2010-09-22T14:05+04:00`)."""
    if len(line) > _MAX_DATE_LINE:
        return None
    text = line.strip(" \t*_()[]")
    text = text[_match_end(_PREFIX, text) :]
    text = text[_match_end(_WEEKDAY, text) :]
    for pattern in _DATES:
        match = pattern.match(text)
        after = match and _AFTER_DATE.fullmatch(text, match.end())
        if match and after:
            date = _date_from_match(match)
            return (date, _moment(date, match, after)) if date else None
    return None


def _moment(date: dt.date, match: re.Match[str], after: re.Match[str]) -> dt.datetime | None:
    """The date line's time of day, if it gives one, in its zone if the zone is known."""
    clock = match if match.groupdict().get("hour") else after
    if not clock.group("hour"):
        return None
    hour, minute = int(clock.group("hour")), int(clock.group("minute"))
    half = (after.group("half") or "").lower()
    if half and not 1 <= hour <= 12:
        return None
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
    zone = _zone((after.group("zone") or "").strip("()"))
    try:
        return dt.datetime.combine(
            date, dt.time(hour, minute, int(clock.group("second") or 0)), tzinfo=zone
        )
    except ValueError:
        return None


def _zone(name: str) -> dt.tzinfo | None:
    if not name:
        return None
    if name[0] in "+-" and name[1:].replace(":", "").isdigit():
        digits = name[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
        return dt.timezone(dt.timedelta(minutes=minutes if name[0] == "+" else -minutes))
    offset = _ZONES.get(name.upper())
    return None if offset is None else dt.timezone(dt.timedelta(minutes=offset))


def date_from_url(url: str) -> dt.date | None:
    """A date written into a URL's path, as most news sites do (``/2010/09/22/``)."""
    path = _url_path(url)
    for pattern in _URL_DATES:
        match = pattern.search(path)
        if match:
            date = _date_from_match(match)
            if date:
                return date
    return None


def date_from_name(name: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` date at the start of a file name, the usual way to file articles."""
    match = _NAME_DATE.match(name)
    return _date_from_match(match) if match else None


def title_from_name(name: str) -> str:
    """A readable title for a file without one: ``2010-09-22_nato-talks.txt`` -> ``nato talks``,
    ``Wal-Mart to pay.txt`` -> ``Wal-Mart to pay``."""
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    match = _NAME_DATE.match(stem)
    rest = stem[match.end() :] if match else ""
    words = (rest or stem).strip(" _.+-")
    separators = _WORD_SEPARATORS if _NAME_SPACES.search(words) else _SLUG_SEPARATORS
    title = clean_line(separators.sub(" ", words))
    return title or clean_line(name) or "untitled"


def title_from_words(text: str) -> str:
    """A title for an untitled feed item: its first words, as a list shows a tweet."""
    words = text.split()
    return " ".join(words[:_TITLE_WORDS]) + ("…" if len(words) > _TITLE_WORDS else "")


def title_from_body(blocks: tuple[str, ...]) -> str:
    """As :func:`title_from_words`, from the first of an item's Markdown blocks."""
    return title_from_words(markdown_plain(blocks[0])) if blocks else ""


def find_url(text: str) -> str | None:
    """The first URL in ``text``, without trailing sentence punctuation."""
    match = _URL.search(text)
    if not match:
        return None
    url = match.group().rstrip(".,;:!?")
    return url if url.lower().startswith("http") else f"https://{url}"


def only_url(line: str) -> str | None:
    """The URL when ``line`` is just a URL (perhaps in brackets), else ``None``."""
    stripped = line.strip(" <>()[]")
    if not stripped or " " in stripped:
        return None
    url = find_url(stripped)
    return url if url and len(url) >= len(stripped) - 1 else None


def footer_label(line: str) -> str | None:
    """What follows an "Original url:" style label (perhaps nothing), or ``None`` if ``line``
    is not such a label.
    """
    match = _FOOTER_LABEL.fullmatch(line)
    return match.group("rest") if match else None


def source_from_url(url: str | None) -> str | None:
    """The outlet's name for well-known sites, else the site's domain; ``None`` without a host."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = host.rstrip(".").lower()
    if not host or "." not in host or _IP_ADDRESS.search(host):
        return None
    labels = host.split(".")
    for start in range(len(labels) - 1):
        name = _OUTLETS.get(".".join(labels[start:]))
        if name:
            return name
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _url_path(url: str) -> str:
    try:
        return urlsplit(url).path
    except ValueError:
        return ""


def _match_end(pattern: re.Pattern[str], text: str) -> int:
    match = pattern.match(text)
    return match.end() if match else 0


def _date_from_match(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            day, month = second, first
        else:
            return None  # 05/06/2010: May 6 in the US, 5 June elsewhere
    else:
        day = int(groups["day"])
        raw_month = groups["month"]
        month = int(raw_month) if raw_month.isdigit() else _MONTHS[raw_month[:3].lower()]
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# -- fields of parsed feeds (JSON Feed, RSS, Atom): untrusted values of any type ------------------

_MAX_TAGS = 50


def text_field(value: object) -> str | None:
    """A feed field as one clean line; None when it is missing, empty or not text at all."""
    return clean_line(value) or None if isinstance(value, str) else None


def url_field(value: object) -> str | None:
    """A feed field holding a web address (http or https), else None."""
    text = text_field(value)
    return find_url(text) if text else None


def tags_field(values: Iterable[object]) -> tuple[str, ...]:
    """Distinct tags, in order, at most a few dozen: a feed may carry thousands."""
    tags: list[str] = []
    for value in values:
        tag = text_field(value)
        if tag and tag not in tags:
            tags.append(tag)
            if len(tags) == _MAX_TAGS:
                break
    return tuple(tags)
