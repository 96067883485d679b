"""Make text from article files safe to show anywhere.

Article files are untrusted: a scraped page can carry terminal escape sequences (which could
clear the screen, retitle the window or write the clipboard), bidi overrides (which make text
read differently from how it is stored) and invisible characters (which break search). Every
parser passes every string it returns through :func:`clean_line` or :func:`clean_text`, so the
rest of the program never has to think about it.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_line", "clean_text"]

# Whole escape sequences, not just the ESC byte: dropping only ESC would leave "[2J" or
# "]52;c;..." behind as visible garbage. String sequences (OSC, DCS, SOS, PM, APC) run to BEL or
# ST; an unterminated one stops at the end of its line so it cannot swallow the whole article.
# Every branch is a run of single character classes, so matching stays linear.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b) [0-?]* [\x20-/]* [@-~]?                          # CSI: ESC [ or 8-bit CSI
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]) [^\x07\x1b\x9c\n]*
      (?:\x07|\x1b\\|\x9c)?                                          # OSC, DCS, SOS, PM, APC
    | \x1b [\x20-/]* [0-~]?                                          # any other escape
    """,
    re.VERBOSE,
)

# C0 and C1 controls (the ones that mean "new line" or "tab" are handled before this runs),
# every format character (Unicode category Cf: bidi embeddings, overrides, isolates and marks,
# U+FEFF, zero-width space, soft hyphen, invisible operators, tag characters used to smuggle
# hidden text) except ZWNJ and ZWJ, and lone surrogates, which cannot be encoded for output.
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\ud800-\udfff]+"
)

# ZWNJ and ZWJ shape Persian, Indic scripts and emoji sequences, so they stay inside words; at
# a word's edge they only make two equal-looking strings compare unequal.
_STRAY_JOINER = re.compile(r"(?:(?<=\s)|^)[\u200c\u200d]+|[\u200c\u200d]+(?=\s|$)", re.MULTILINE)

# Characters that end a line as far as a reader is concerned, including the Unicode ones that
# str.splitlines() knows and a terminal does not.
_LINE_BREAKS = re.compile("\r\n|[\r\v\f\x1c-\x1e\x85\u2028\u2029]")

_SPACES = re.compile(r"\s+")


def clean_line(s: str) -> str:
    """One line of plain text: every run of whitespace (newlines too) becomes one space."""
    if s.isprintable():  # no control, format or separator character: nothing to strip
        return " ".join(unicodedata.normalize("NFC", s).split())
    s = _ESCAPE_SEQUENCE.sub("", s)
    s = _LINE_BREAKS.sub(" ", s).replace("\t", " ")
    s = _INVISIBLE.sub("", s)
    s = _SPACES.sub(" ", unicodedata.normalize("NFC", s)).strip()
    return _STRAY_JOINER.sub("", s)


def clean_text(s: str) -> str:
    """Several lines (a Markdown block, say): keeps ``\\n`` and the indentation that Markdown
    needs, expands tabs, and removes every other control, escape sequence and invisible mark.
    """
    s = _ESCAPE_SEQUENCE.sub("", s)
    s = _LINE_BREAKS.sub("\n", s).expandtabs(4)
    s = _INVISIBLE.sub(_keep_newlines, s)
    return _STRAY_JOINER.sub("", unicodedata.normalize("NFC", s))


def _keep_newlines(match: re.Match[str]) -> str:
    return "\n" * match.group().count("\n")
