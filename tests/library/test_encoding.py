"""Decoding article files: Unicode with and without BOMs, legacy code pages, damaged files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from legacy_samples import SAMPLES
from newsreader.library.encoding import DecodeError, decode
from newsreader.library.formats import parse_file
from newsreader.library.models import Problem

RUSSIAN = (
    "Министр иностранных дел России Сергей Лавров заявил в среду, что Москва готова к диалогу "
    "с НАТО по вопросам противоракетной обороны. По его словам, сотрудничество должно строиться "
    "на принципах равноправия и взаимного уважения. Мы не считаем альянс противником, но и "
    "партнёром его пока назвать трудно, сказал Лавров журналистам в Нью-Йорке."
)
FRENCH = (
    "Le secrétaire général de l'OTAN s'est déclaré « très encouragé » par les discussions "
    "tenues à New York. Selon lui, la coopération avec la Russie doit être renforcée avant le "
    "sommet de Lisbonne, prévu en novembre. Les ministres ont évoqué la défense antimissile."
)
GERMAN = (
    "Der NATO-Generalsekretär äußerte sich am Mittwoch zufrieden über die Gespräche mit "
    "Russland. Die Außenminister würden die Zusammenarbeit bei der Raketenabwehr prüfen. "
    "Für Moskau sei das Treffen „ein Schritt in die richtige Richtung“ gewesen."
)
ENGLISH = (
    "NEW YORK — U.S. Secretary of State Hillary Clinton urged NATO and Russia to expand "
    "cooperation. “We believe that the best way to achieve this is by reinforcing the "
    "pillars,” she said. The café owner’s résumé was naïve."
)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (ENGLISH, "utf-8"),
        (RUSSIAN, "utf-8"),
        (ENGLISH, "utf-8-sig"),
        (RUSSIAN, "utf-16"),  # the codec writes a BOM in the machine's byte order
        (ENGLISH, "utf-32"),
    ],
)
def test_unicode(text: str, codec: str) -> None:
    assert decode(text.encode(codec)) == text


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_in_either_byte_order(bom: bytes, codec: str) -> None:
    assert decode(bom + RUSSIAN.encode(codec)) == RUSSIAN


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (FRENCH, "cp1252"),
        (GERMAN, "cp1252"),
        (ENGLISH, "cp1252"),
        (FRENCH.replace("«", '"').replace("»", '"'), "latin-1"),
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8-r"),
        (RUSSIAN[:60], "cp1251"),
        (RUSSIAN[:60], "koi8-r"),
    ],
)
def test_legacy_code_pages(text: str, codec: str) -> None:
    assert decode(text.encode(codec)) == text


def test_single_accented_letter_is_windows_1252() -> None:
    assert decode("Caf\xe9".encode("cp1252")) == "Café"
    assert decode("Caf\xe9 noir".encode("cp1252")) == "Café noir"


def test_never_replacement_characters() -> None:
    for data in (RUSSIAN.encode("cp1251"), FRENCH.encode("cp1252"), bytes(range(0x80, 0x100))):
        assert "\ufffd" not in decode(data)


def test_line_endings() -> None:
    assert decode(b"a\r\nb\rc\n\r\nd") == "a\nb\nc\n\nd"
    assert decode("a\r\nb".encode("utf-16")) == "a\nb"


def test_truncated_utf8_drops_the_cut_character() -> None:
    data = ENGLISH.encode() + "é".encode()[:1]
    assert decode(data) == ENGLISH
    assert decode(RUSSIAN.encode()[:-1]) == RUSSIAN[:-1]
    assert decode("a — b".encode()[:-3]) == "a "


def test_truncated_utf16_drops_the_odd_byte() -> None:
    assert decode(RUSSIAN.encode("utf-16")[:-1]) == RUSSIAN[:-1]
    assert decode(codecs.BOM_UTF32_LE + "ab".encode("utf-32-le")[:-2]) == "a"


def test_utf8_with_a_few_windows_bytes() -> None:
    data = ENGLISH.encode() + b" \x93quoted\x94 na\xefve \x81"
    assert decode(data) == ENGLISH + " “quoted” naïve \x81"


def test_cyrillic_that_happens_to_contain_utf8_pairs_is_still_cp1251() -> None:
    text = "Агентство ТАСС» сообщило, что переговоры в Женеве продолжатся на следующей неделе."
    assert decode(text.encode("cp1251")) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG image)"),
        (b"%PDF-1.4\n", "binary file (PDF document)"),
        (b"text\x00with NUL", "binary file (NUL bytes)"),
        (bytes(range(1, 32)) * 20, "binary file (control characters)"),
    ],
)
def test_binary(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        decode(data)


def test_nul_bytes_are_text_with_a_utf16_bom() -> None:
    assert decode(codecs.BOM_UTF16_LE + "plain ascii".encode("utf-16-le")) == "plain ascii"


def test_escape_sequences_are_text_not_binary() -> None:
    assert decode(b"\x1b[2J\x1b]0;title\x07hello") == "\x1b[2J\x1b]0;title\x07hello"


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r", "utf-16"])
def test_parse_file_decodes(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(f"Лавров о НАТО и России\n\n{RUSSIAN}\n".encode(codec))
    result = parse_file(path, display_path="ru.txt")
    assert not isinstance(result, Problem)
    assert result[0].title == "Лавров о НАТО и России"
    assert result[0].body == (RUSSIAN,)


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_undeclared_legacy_encodings_of_every_script(sample: str) -> None:
    """Chinese, Korean, Japanese, Thai, Hebrew, Czech and Polish as well as Western and Russian:
    the old detector, which knew three code pages, read 4 of these 14 right."""
    codec, text = SAMPLES[sample]
    assert decode(text.encode(codec)) == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_byte_order_mark(codec: str) -> None:
    text = '<?xml version="1.0"?>\n<rss><title>Лавров: 会谈 "useful"</title></rss>\n'
    assert decode(text.encode(codec)) == text


def test_nul_bytes_that_fall_anywhere_are_still_binary() -> None:
    with pytest.raises(DecodeError):
        decode(bytes(range(256)) * 8)
