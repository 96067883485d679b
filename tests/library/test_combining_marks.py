"""Runs of combining marks are capped, titles are capped, and real scripts read as they did."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest

from newsreader.library.formats import MAX_TITLE, parse_file, short_title
from newsreader.library.models import Article
from newsreader.library.sanitize import MAX_MARKS, clean_line, clean_text

# Real text with stacked diacritics, NFC and NFD: every one must come out of cleaning unchanged.
REAL_SCRIPTS = {
    "vietnamese": "Tiếng Việt có dấu: người Việt Nam ở Hà Nội, phở bò, đường phố.",
    "hindi": "हिन्दी भाषा: स्त्री, क्ष्म्य, द्वन्द्व, अँग्रेज़ी, ज़िन्दगी, कृष्ण।",
    "thai": "ภาษาไทย: กิ่งไม้ น้ำ ปั้น ผู้ใหญ่ ที่นี่ เรื่อง",
    "hebrew-points": "בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ",
    "hebrew-cantillation": "בְּרֵאשִׁ֖ית בָּרָ֣א אֱלֹהִ֑ים אֵ֥ת הַשָּׁמַ֖יִם וְאֵ֥ת הָאָֽרֶץ׃",
    # shin with dagesh, shin dot, qamats, meteg and an accent: five marks on one letter
    "hebrew-five-marks": "\u05e9\u05bc\u05c1\u05b8\u05bd\u0596\u05dd",
    "arabic": "بِسْمِ ٱللَّٰهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ",
    "tibetan-sanskrit": "ཧྨྱཱུ བསྒྲུབས",
    "emoji": "keycap 1\ufe0f\u20e3 family \U0001f468\u200d\U0001f469\u200d\U0001f467 ok",
    "zalgo-light": "z̸̢̛̤a̶̧͎l̷̡̛g̵̨̛o̸̢̧",
}


@pytest.mark.parametrize("text", REAL_SCRIPTS.values(), ids=REAL_SCRIPTS.keys())
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_real_scripts_are_unchanged_by_the_cap(text: str, form: str) -> None:
    written = unicodedata.normalize(form, text)
    expected = unicodedata.normalize("NFC", text)
    assert clean_line(written) == expected
    assert clean_text(f"{written}\n\n{written}") == f"{expected}\n\n{expected}"


def _longest_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if unicodedata.category(char) in ("Mn", "Me") else 0
        longest = max(longest, run)
    return longest


@pytest.mark.parametrize(
    "marks",
    ["\u0301", "\u0301\u0316", "\U0001d167\u0301", "\U000e0100", "\u20dd"],
    ids=["acute", "above-and-below", "musical-and-acute", "variation-selector", "enclosing"],
)
def test_a_long_run_of_marks_is_cut_to_a_few(marks: str) -> None:
    hostile = "a" + marks * 40_000 + " end"
    started = time.perf_counter()
    line, text = clean_line(hostile), clean_text(f"{hostile}\nline two")
    assert time.perf_counter() - started < 1
    assert line.endswith(" end") and len(line) <= 1 + MAX_MARKS + len(" end")
    assert _longest_run(line) <= MAX_MARKS and _longest_run(text) <= MAX_MARKS
    assert text.endswith(" end\nline two")


def test_marks_joined_by_removing_an_invisible_are_capped_too() -> None:
    hostile = "a" + "\u0301" * 6 + "\u200b" + "\u0316" * 6
    assert _longest_run(clean_line(hostile)) <= MAX_MARKS
    assert _longest_run(clean_text(hostile)) <= MAX_MARKS


def test_a_64000_mark_title_parses_fast_to_a_short_title(tmp_path: Path) -> None:
    path = tmp_path / "zalgo.txt"
    title = " stacks accents on its first letter"
    path.write_text("Z" + "\u0301" * 64_000 + title + "\n\nThe body.\n", encoding="utf-8")
    started = time.perf_counter()
    parsed = parse_file(path, display_path="zalgo.txt")
    assert time.perf_counter() - started < 1
    assert isinstance(parsed, tuple)
    assert parsed[0].title == "Ź" + "\u0301" * (MAX_MARKS - 1) + title


def test_a_long_title_is_cut_at_a_word_with_an_ellipsis(tmp_path: Path) -> None:
    words = " ".join(f"word{n}" for n in range(400))
    (tmp_path / "long.json").write_text(
        '{"version": "https://jsonfeed.org/version/1.1", "items": ['
        f'{{"id": "1", "title": "{words}", "content_text": "Body."}}]}}',
        encoding="utf-8",
    )
    parsed = parse_file(tmp_path / "long.json", display_path="long.json")
    assert isinstance(parsed, tuple) and isinstance(parsed[0], Article)
    title = parsed[0].title
    assert len(title) <= MAX_TITLE and title.endswith("…")
    assert words.startswith(title[:-1]) and words[len(title) - 1] == " "


def test_short_title_keeps_short_titles_and_cuts_one_huge_word() -> None:
    assert short_title("A headline") == "A headline"
    cut = short_title("x" * 5000)
    assert len(cut) == MAX_TITLE and cut == "x" * (MAX_TITLE - 1) + "…"
