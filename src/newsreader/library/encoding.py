"""Turn an article file's bytes into text, whatever encoding it was saved in.

Scraped news comes from two decades of web pages: UTF-8 with and without a BOM, UTF-16 and
UTF-32 from Windows tools (with or without a BOM), the legacy single-byte code pages (Windows-1252
and Latin-1 for Western text, Windows-1251 and KOI8-R for Russian, Windows-1250, -1255, TIS-620)
and the multi-byte ones of China, Taiwan, Korea and Japan. Text is never decoded as UTF-8 with
replacement characters, because that silently destroys every accented or Cyrillic letter; a
legacy code page is guessed instead.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the first legacy file decoded, not at the app's start
    import charset_normalizer

__all__ = ["DecodeError", "decode"]


class DecodeError(ValueError):
    """The bytes are not text; ``str(error)`` is a short lower-case reason for the user."""


# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str, int], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", 4),
    (codecs.BOM_UTF32_BE, "utf-32-be", 4),
    (codecs.BOM_UTF8, "utf-8", 1),
    (codecs.BOM_UTF16_LE, "utf-16-le", 2),
    (codecs.BOM_UTF16_BE, "utf-16-be", 2),
)

# Files that are often renamed or mis-saved as .txt; most contain NUL bytes anyway, but naming
# the format makes the problem report useful.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
)

# The legacy code pages worth telling apart, most likely first: on a tie (too little text to
# judge) Western text is the better bet. Letting charset-normalizer consider every code page
# makes it pick near-identical ones (Windows-1250 for German, ISO-8859-10 for French) whose
# few differing letters then come out wrong.
_LEGACY = ("cp1252", "cp1251", "koi8_r")
# Code pages of other scripts, which charset-normalizer tells apart from the ones above and from
# each other reliably (14 of 14 samples in tests/fixtures/legacy_samples.py, inside feeds too):
# Chinese (GB2312 and GBK as their superset GB18030, Big5), Korean, Japanese (Shift_JIS as
# Windows' superset cp932, EUC-JP), Thai (TIS-620 as cp874), Hebrew, Central European.
_OTHER_SCRIPTS = ("gb18030", "big5", "cp949", "cp932", "euc_jp", "cp874", "cp1255", "cp1250")
# Letters only Central European languages write. Windows-1250 puts most others (č, à, é) where
# Windows-1252 has French and Spanish letters, so only these tell Czech or Polish from French.
_CENTRAL_EUROPEAN = frozenset("řěůłąśżźőűľťňŘĚŮŁĄŚŻŹŐŰĽŤŇ")
_AMBIGUOUS = frozenset("čŕĺďńćęČŔĹĎŃĆĘ")

# A valid UTF-8 multi-byte sequence (slightly generous: a heuristic, not a validator).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_ASCII = bytes(range(128))

# Controls that never occur in text, even text with escape sequences (ESC, BEL and BS do).
_BINARY_CONTROLS = re.compile("[\x00-\x06\x0e-\x1a\x1c-\x1f]")
_SAMPLE = 64 * 1024
_WIDE_SAMPLE = 4096
_WIDE_ZEROS = 0.3  # of UTF-16's high bytes: markup and spaces alone give more

_FALLBACK_ERRORS = "newsreader-cp1252"
_LATIN1_ERRORS = "newsreader-latin1"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejected as Windows-1252 (Latin-1 for its five undefined bytes):
    a UTF-8 file with a few pasted-in Windows bytes then reads right throughout.
    """
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors=_LATIN1_ERRORS), error.end


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error(_FALLBACK_ERRORS, _cp1252_fallback)
codecs.register_error(_LATIN1_ERRORS, _latin1_fallback)


def decode(data: bytes) -> str:
    """Decode an article file; line endings come out as ``\\n``.

    Raises :class:`DecodeError` when the bytes are evidently not text (a known binary format,
    NUL bytes without a UTF-16/32 BOM, or a run of control characters).
    """
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise DecodeError(f"binary file ({kind})")
    for bom, codec, unit in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            if unit == 1:
                text = _decode_unmarked(body)
            else:
                # A file cut short by a partial download loses half a character, not the file.
                body = body[: len(body) - len(body) % unit]
                text = body.decode(codec, errors="replace")
            break
    else:
        if b"\x00" not in data:
            text = _decode_unmarked(data)
        elif wide := _unmarked_wide(data):
            codec, unit = wide
            text = data[: len(data) - len(data) % unit].decode(codec, errors="replace")
        else:
            raise DecodeError("binary file (NUL bytes)")
    sample = text[:_SAMPLE]
    if len(_BINARY_CONTROLS.findall(sample)) > max(4, len(sample) // 100):
        raise DecodeError("binary file (control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_unmarked(data: bytes) -> str:
    """Strict UTF-8, else UTF-8 with a few stray Windows bytes, else a legacy code page."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    try:
        # final=False holds back an incomplete sequence at the very end: a truncated file.
        text = utf8.decode(data, final=False)
    except UnicodeDecodeError:
        pass
    else:
        tail = len(utf8.getstate()[0])
        # A single high byte at the end of otherwise ASCII text is a Windows "é", not half
        # of a UTF-8 letter.
        if tail == 0 or tail > 1 or _UTF8_SEQUENCE.search(data):
            return text
    non_ascii = len(data.translate(None, _ASCII))
    valid = sum(len(sequence) for sequence in _UTF8_SEQUENCE.findall(data))
    if valid >= 0.8 * non_ascii:
        decoder = codecs.getincrementaldecoder("utf-8")(_FALLBACK_ERRORS)
        return decoder.decode(data, final=False)
    return _decode_legacy(data)


def _unmarked_wide(data: bytes) -> tuple[str, int] | None:
    """UTF-32 or UTF-16 without a byte-order mark, told by where the zero bytes fall: text has
    ASCII (markup, digits, spaces) whose high bytes are zero, a binary file's zeros fall anywhere.
    """
    sample = data[: _WIDE_SAMPLE - _WIDE_SAMPLE % 4]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 4:
        return None
    lanes = [sample[lane::4].count(0) / (len(sample) // 4) for lane in range(4)]
    if lanes[2] == lanes[3] == 1 and lanes[0] < 1:
        codec, unit = "utf-32-le", 4
    elif lanes[0] == lanes[1] == 1 and lanes[3] < 1:
        codec, unit = "utf-32-be", 4
    else:
        even = (lanes[0] + lanes[2]) / 2
        odd = (lanes[1] + lanes[3]) / 2
        if odd >= _WIDE_ZEROS and even <= odd / 10:
            codec, unit = "utf-16-le", 2
        elif even >= _WIDE_ZEROS and odd <= even / 10:
            codec, unit = "utf-16-be", 2
        else:
            return None
    try:
        sample.decode(codec)
    except UnicodeDecodeError:
        return None
    return codec, unit


def _decode_legacy(data: bytes) -> str:
    """The most coherent of the candidate code pages; on a tie (too little text to judge) the
    earlier in ``_LEGACY + _OTHER_SCRIPTS``: Western text is the better bet."""
    import charset_normalizer

    order = _LEGACY + _OTHER_SCRIPTS
    matches = [
        (match, min(order.index(name) for name in names))
        for match in charset_normalizer.from_bytes(data, cp_isolation=list(order))
        # the names of every code page that decodes these bytes to the same text
        if (names := [name for name in match.could_be_from_charset if name in order])
    ]
    matches.sort(key=lambda pair: (*_score(pair[0]), pair[1]))
    for match, rank in matches:  # Czech or Polish ties with Western text: its letters decide
        tied = _score(match) == _score(matches[0][0])
        if tied and order[rank] == "cp1250" and _central_european(str(match)):
            return str(match)
    for match, rank in matches:
        encoding = order[rank]
        if encoding == "cp1252":
            break
        if encoding != "cp1250" or _central_european(str(match)):
            return str(match)
    # Windows-1252 decodes any byte (Latin-1 fills its gaps), so text is never refused here.
    return data.decode("cp1252", errors=_LATIN1_ERRORS)


def _score(match: charset_normalizer.CharsetMatch) -> tuple[float, float]:
    return round(match.chaos, 2), -round(match.coherence, 2)


def _central_european(text: str) -> bool:
    """Whether Windows-1250 letters that no Western language writes outweigh the ones that
    stand where French and Spanish letters do (à and è read as ŕ and č)."""
    strong = sum(char in _CENTRAL_EUROPEAN for char in text)
    return strong * 3 > sum(char in _AMBIGUOUS for char in text)
