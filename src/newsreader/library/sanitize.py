"""Make text from article files safe to show anywhere.

Article files are untrusted: a scraped page can carry terminal escape sequences (which could
clear the screen, retitle the window or write the clipboard), bidi overrides (which make text
read differently from how it is stored) and invisible characters (which break search). Every
parser passes every string it returns through :func:`clean_line` or :func:`clean_text`, so the
rest of the program never has to think about it.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["MAX_MARKS", "clean_line", "clean_rendered", "clean_text"]

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

MAX_MARKS = 8
"""Combining marks kept on one character. Real text stacks few: Vietnamese two, Thai two, Arabic
harakat three, Biblical Hebrew with its points and cantillation five, a Sanskrit stack in
Tibetan script five or six. "Zalgo" text stacks thousands, and a long run costs the terminal
renderer quadratic time (a title of one letter and 64,000 accents took 22 s to draw under a
dialog), and Unicode's own normalisation sorts a run in quadratic time too."""


def _combining_marks(codes: range) -> str:
    """The nonspacing and enclosing marks (categories Mn and Me) among ``codes``, as the inside
    of a character class. ``re`` has no ``\\p{Mn}``, so it is built from this Python's tables."""
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if unicodedata.category(chr(code)) not in ("Mn", "Me"):
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(
        re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else "")
        for first, last in ranges
    )


@functools.cache
def _mark_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A mark, or an astral character (of which only some are marks): one character class,
    which the regex engine scans for quickly; and a run of more than MAX_MARKS marks.

    The marks of the Basic Multilingual Plane and the others apart: a class of BMP characters
    only is a fast lookup table, a class with any other character a slow list of ranges, which
    the lookahead keeps for the rare characters beyond U+FFFF. All marks lie in U+0300..U+1FFFF,
    but for plane 14's variation selectors. Building the classes takes 10 ms: done by the first
    text with a mark, not at the app's start."""
    bmp = _combining_marks(range(0x300, 0x10000))
    other = _combining_marks(range(0x10000, 0x20000)) + "\U000e0100-\U000e01ef"
    mark = f"(?:[{bmp}]|(?=[\U00010000-\U0010ffff])[{other}])"
    any_mark = re.compile(f"[{bmp}\U00010000-\U0010ffff]")
    return any_mark, re.compile(f"(?=[{bmp}\U00010000-\U0010ffff])({mark}{{{MAX_MARKS}}}){mark}+")


def clean_line(s: str) -> str:
    """One line of plain text: every run of whitespace (newlines too) becomes one space.

    A printable line holds no whitespace but the space (nor does its NFC form; checked for every
    character), and nearly every line of an article has no space to remove: a test for a double
    or an outer space lets it through without splitting and joining it again, which was two
    fifths of cleaning a text file's lines."""
    if s.isprintable():  # no control, format or separator character: nothing to strip
        if not s.isascii():  # ASCII has nothing to compose
            s = unicodedata.normalize("NFC", _cap_marks(s))
        if "  " in s or s[:1] == " " or s[-1:] == " ":
            return " ".join(s.split())
        return s
    s = _ESCAPE_SEQUENCE.sub("", s)
    s = _LINE_BREAKS.sub(" ", s).replace("\t", " ")
    s = _INVISIBLE.sub("", s)
    s = _SPACES.sub(" ", unicodedata.normalize("NFC", _cap_marks(s))).strip()
    return _STRAY_JOINER.sub("", s)


def clean_text(s: str) -> str:
    """Several lines (a Markdown block, say): keeps ``\\n`` and the indentation that Markdown
    needs, expands tabs, and removes every other control, escape sequence and invisible mark.
    """
    s = _ESCAPE_SEQUENCE.sub("", s)
    s = _LINE_BREAKS.sub("\n", s).expandtabs(4)
    s = _INVISIBLE.sub(_keep_newlines, s)
    return _STRAY_JOINER.sub("", unicodedata.normalize("NFC", _cap_marks(s)))


def clean_rendered(text: str) -> str:
    """A piece of text a renderer made (one segment of a drawn line), just before it is drawn.

    The parsers already cleaned what went in; this catches what a renderer adds by decoding
    (Markdown character references such as ``&#x202e;``). It runs on every segment of every
    line drawn, so text with nothing to remove, nearly all of it, costs one ``isprintable``.
    Spacing is kept as it is, since the renderer has already laid the line out.
    """
    if text.isprintable():
        return text
    return _INVISIBLE.sub("", _ESCAPE_SEQUENCE.sub("", text))


def _cap_marks(s: str) -> str:
    """At most MAX_MARKS combining marks in a row. Called before normalising, which sorts each
    run of marks in quadratic time, and after removing invisibles, which could join two runs.

    Text with no mark at all, nearly all of it, is let through by a test that costs nothing
    (ASCII) or a plain scan for one (2.3x quicker than the run's pattern): 13 % of a cold
    index's parsing went to this pattern."""
    if s.isascii():
        return s
    any_mark, mark_run = _mark_patterns()
    if not any_mark.search(s):
        return s
    return mark_run.sub(r"\1", s)


def _keep_newlines(match: re.Match[str]) -> str:
    return "\n" * match.group().count("\n")
