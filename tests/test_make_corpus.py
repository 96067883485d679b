"""The benchmark corpus generator: deterministic, realistic enough, shaped like the seed feed.

Benchmarks are only comparable across runs and machines if the corpus is byte-identical for a
seed, and only meaningful if its vocabulary, sizes and odd encodings resemble a real scrape.
"""

import importlib.util
import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "make_corpus.py"
URL = re.compile(r"https://www\.[a-z0-9.-]+/\d{4}/\d{2}/\d{2}/[a-z0-9-]+-a\d+")
DATE = re.compile(
    r"(\w+\.? \d{1,2}, \d{4}|\d{1,2} \w+ \d{4}|\d{4}-\d{2}-\d{2}"
    r"|\w+day, \w+ \d{1,2}, \d{4} \d{1,2}:\d{2} [AP]M)"
)


@pytest.fixture(scope="module")
def mc() -> ModuleType:
    """The script loaded by path, registered so that its forked workers can find it."""
    spec = importlib.util.spec_from_file_location("make_corpus", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def tree(root: Path) -> dict[str, bytes]:
    """Relative path -> content of every file under ``root``."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def decode(data: bytes) -> str:
    """Undo the generator's encodings (the reader's own detection is tested elsewhere)."""
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le")
    try:
        return data.decode()
    except UnicodeDecodeError:
        cyrillic = data.decode("cp1251")
        return cyrillic if re.search("[а-я]{3}", cyrillic) else data.decode("cp1252")


@pytest.fixture(scope="module")
def small(mc: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    root = tmp_path_factory.mktemp("small") / "corpus"
    return mc.make_corpus(300, root, seed=7, workers=1), root


@pytest.fixture(scope="module")
def large(mc: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("large") / "corpus"
    mc.make_corpus(2000, root, seed=7, workers=2)
    return tree(root)


def test_same_seed_gives_identical_tree(
    mc: ModuleType, small: tuple[Any, Path], tmp_path: Path
) -> None:
    mc.make_corpus(300, tmp_path / "again", seed=7, workers=1)
    assert tree(tmp_path / "again") == tree(small[1])


def test_other_seed_differs(mc: ModuleType, small: tuple[Any, Path], tmp_path: Path) -> None:
    mc.make_corpus(300, tmp_path / "other", seed=8, workers=1)
    other, first = tree(tmp_path / "other"), tree(small[1])
    assert len(other) == len(first) == 300
    assert set(other).isdisjoint(first)


def test_parallel_and_longer_runs_repeat_the_same_articles(
    small: tuple[Any, Path], large: dict[str, bytes]
) -> None:
    """Each article depends only on (seed, index): worker count and N don't change it."""
    first = tree(small[1])
    assert {name: large[name] for name in first} == first


def test_folders_of_a_thousand_and_file_names(large: dict[str, bytes]) -> None:
    folders = {name.split("/")[0] for name in large}
    assert folders == {"0000", "0001"}
    assert all(re.fullmatch(r"\d{4}/\d{8}_[0-9a-f]{8}\.(txt|md)", name) for name in large)


def test_refuses_a_non_empty_folder(mc: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        mc.make_corpus(1, tmp_path)


def test_vocabulary_is_large(mc: ModuleType, small: tuple[Any, Path]) -> None:
    stats, root = small
    words = {
        word.lower()
        for data in tree(root).values()
        for word in re.findall(r"[^\W\d_]+", decode(data))
    }
    assert len(words) > 5_000
    assert stats.lexicon_size == len(mc.LEXICON) > 20_000
    assert 5_000 < stats.distinct_words <= stats.lexicon_size


def test_average_size_is_about_3_kb(small: tuple[Any, Path]) -> None:
    stats, root = small
    sizes = [len(data) for data in tree(root).values()]
    assert stats.files == len(sizes) == 300
    assert stats.bytes == sum(sizes)
    assert 2_000 < stats.bytes / stats.files < 4_500


def test_format_and_encoding_mix(large: dict[str, bytes]) -> None:
    """Shares within ~3 standard deviations of the intended rates, for N=2000."""
    md = [data for name, data in large.items() if name.endswith(".md")]
    non_utf8 = [data for data in large.values() if not is_utf8(data)]
    assert 20 <= len(md) <= 60  # 2 %
    assert 15 <= len(non_utf8) <= 60  # 1 % cp1252 + 0.5 % UTF-16 + 0.3 % cp1251
    utf16 = [data for data in non_utf8 if data.startswith(b"\xff\xfe")]
    cyrillic = [data for data in non_utf8 if re.search("[а-я]{3}", decode(data))]
    assert 3 <= len(utf16) <= 20
    assert 1 <= len(cyrillic) <= 15
    assert len(utf16) + len(cyrillic) < len(non_utf8)  # the rest: Windows-1252, not plain ASCII
    crlf = [data for data in large.values() if is_utf8(data) and b"\r\n" in data]
    assert 3 <= len(crlf) <= 20


def is_utf8(data: bytes) -> bool:
    try:
        data.decode()
    except UnicodeDecodeError:
        return False
    return True


def blocks(text: str) -> list[str]:
    """Non-empty blank-line-separated blocks, as the reader splits paragraphs."""
    return [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]


def share(items: list[str], test: Callable[[str], bool]) -> float:
    return sum(map(test, items)) / len(items)


def test_text_articles_look_like_the_seed_feed(mc: ModuleType, large: dict[str, bytes]) -> None:
    texts = [decode(data) for name, data in large.items() if name.endswith(".txt")]
    for text in texts:
        parts = [b for b in blocks(text) if b not in mc.BOILERPLATE]
        headline = parts[0].split()
        assert 5 <= len(headline) <= 12, parts[0]
        if not re.search("[а-я]", parts[0]):  # Russian headlines capitalise the first word only
            assert all(word[0].isupper() for word in headline), parts[0]
        assert len(parts) >= 9  # headline + at least 8 paragraphs
        if "Original url:" in parts:
            assert parts[-2] == "Original url:"
            assert URL.fullmatch(parts[-1]), parts[-1]
    assert 0.5 < share(texts, lambda t: "Original url:" in blocks(t)) < 0.7
    assert 0.75 < share(texts, lambda t: any(DATE.fullmatch(b) for b in blocks(t)[:6])) < 0.95
    assert 0.3 < share(texts, lambda t: blocks(t)[0] in mc.BOILERPLATE) < 0.5
    assert share(texts, lambda t: "’" in t) > 0.5
    assert share(texts, lambda t: re.search(r'"[^"\n]+," \w', t) is not None) > 0.5


def test_markdown_has_front_matter(large: dict[str, bytes]) -> None:
    for name, data in large.items():
        if name.endswith(".md"):
            _, front, body = data.decode().split("---\n", 2)
            meta = yaml.safe_load(front)
            assert set(meta) == {"title", "date", "source", "url"}
            assert 2005 <= meta["date"].year <= 2024
            assert URL.fullmatch(meta["url"])
            assert len(blocks(body)) >= 8
