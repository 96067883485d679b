"""Lines that are a site's furniture, not its article: "Share this story", "Advertisement",
"Related", "Read more", newsletter and cookie notices.

Scraped text and extracted web pages both carry them as lines (or paragraphs) of their own, so
the test is on a whole line, never on a word inside a sentence: "Read more about the vote in
our guide" and "The advertisement ran for a week" are the article's.
"""

from __future__ import annotations

import re

__all__ = ["is_boilerplate"]

# Site furniture wherever it appears (compared whole, case-insensitively).
_FURNITURE = re.compile(
    r"""(?:
    accessibility\s+links | skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|search)
    | breaking(?:\s+news)? | (?:main\s+|open\s+|close\s+)?menu | toggle\s+navigation
    | home(?:page)? | search | sign\s+(?:in|up|out) | log\s*(?:in|out) | register
    | subscribe(?:\s+now|\s+to\s+our\s+newsletter)? | newsletters? | follow\s+us(?:\s+on\s+\w+)?
    | share(?:\s+this)?(?:\s+(?:article|story|page|post))? | share\s+(?:on|via)\s+\w+
    | (?:facebook|twitter|whatsapp|linkedin|email|print|comments?|tweet)
    | advertisement | advertising | sponsored(?:\s+content)? | supported\s+by | ad
    | related(?:\s+(?:articles|stories|content|topics|coverage|links))? | read\s+more | see\s+also
    | more\s+on\s+this\s+story | most\s+(?:read|popular|viewed) | top\s+stories
    | (?:latest|more)\s+news | continue\s+reading | back\s+to\s+top | you\s+are\s+here
    | (?:cookie|privacy)\s+(?:settings|preferences|policy) | accept(?:\s+all)?(?:\s+cookies)?
    | reject\s+all | manage\s+(?:cookies|preferences|consent) | terms\s+of\s+(?:use|service)
    | (?:contact|about)\s+us | (?:image|photo|video)(?:\s+(?:caption|source|credit))?
    | listen(?:\s+to\s+this\s+article)? | watch(?:\s+live)? | loading | close | x
    )[\s:.!»›>|]*""",
    re.IGNORECASE | re.VERBOSE,
)
_MAX_FURNITURE = 60

# Notices: a site talking about itself (its cookies, its newsletter), or a "Read more:" pointer
# to another story. Each names the site's own thing ("our newsletter", "this site uses cookies"),
# which an article's sentence about newsletters or cookies in general does not.
_NOTICE = re.compile(
    r"""(?:
    (?:we|this\s+(?:web)?site|our\s+(?:web)?site)\s+uses?\s+cookies\b.*
    | by\s+(?:continuing|using\s+this\s+(?:web)?site).{0,60}\bcookies\b.*
    | (?:sign\s+up|subscribe|register)\s+(?:for|to)\s+(?:our|the)\b.{0,60}\bnewsletters?\b.*
    | (?:get|receive)\s+(?:our|the)\b.{0,40}\bnewsletters?\b.{0,80}\binbox\b.*
    | (?:read\s+more|related|see\s+also|also\s+read|more\s+from\s+\w+)\s*:.{0,150}
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_MAX_NOTICE = 300


def is_boilerplate(line: str) -> bool:
    """Whether ``line``, standing alone, is furniture or a notice rather than the article's."""
    if len(line) <= _MAX_FURNITURE and _FURNITURE.fullmatch(line):
        return True
    return len(line) <= _MAX_NOTICE and _NOTICE.fullmatch(line) is not None
