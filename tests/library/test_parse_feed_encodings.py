"""Feeds as real sites serve them (issue 13): declared and undeclared legacy encodings, UTF-16
and UTF-32 without a byte-order mark, RSS 1.0 (.rdf), JSON Feed with either version url, items
without a title; each item keeps its author, its time and its links."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from legacy_samples import SAMPLES
from newsreader.library.formats import parse_file
from newsreader.library.models import Article, Problem


def articles(path: Path) -> tuple[Article, ...]:
    result = parse_file(path, display_path=path.name)
    assert not isinstance(result, Problem), result
    return result


def rss(text: str, declaration: str = '<?xml version="1.0"?>') -> str:
    return (
        f'{declaration}\n<rss version="2.0"><channel><title>Wire</title>'
        "<link>https://wire.example/</link><item>"
        f"<title>{text[:20]}</title><description>{text}</description>"
        "<link>https://wire.example/a/1</link>"
        "<pubDate>Tue, 21 Sep 2010 10:30:00 +0200</pubDate></item></channel></rss>\n"
    )


# the encodings a real feed of each script declares, as its label names it
DECLARED = {
    "gb2312": "GB2312",
    "big5": "Big5",
    "euc_kr": "EUC-KR",
    "shift_jis": "Shift_JIS",
    "euc_jp": "EUC-JP",
    "tis_620": "TIS-620",
    "cp1255": "windows-1255",
    "cp1250": "windows-1250",
    "cp1251": "windows-1251",
    "koi8_r": "KOI8-R",
}


@pytest.mark.parametrize("sample", sorted(DECLARED))
def test_a_declared_encoding_is_read(tmp_path: Path, sample: str) -> None:
    codec, text = SAMPLES[sample]
    declaration = f'<?xml version="1.0" encoding="{DECLARED[sample]}"?>'
    path = tmp_path / "feed.rss"
    path.write_bytes(rss(text, declaration).encode(codec))
    (item,) = articles(path)
    assert item.title == text[:20].strip()
    assert item.body == (text,)


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_an_undeclared_legacy_encoding_is_detected(tmp_path: Path, sample: str) -> None:
    codec, text = SAMPLES[sample]
    path = tmp_path / "feed.xml"
    path.write_bytes(rss(text).encode(codec))
    (item,) = articles(path)
    assert item.body == (text,)


@pytest.mark.parametrize("label", ["no-such-codec", "", "utf-8 "])
def test_a_declared_encoding_that_names_nothing_is_ignored(tmp_path: Path, label: str) -> None:
    path = tmp_path / "feed.rss"
    path.write_bytes(rss("Plain words.", f'<?xml version="1.0" encoding="{label}"?>').encode())
    (item,) = articles(path)
    assert item.body == ("Plain words.",)


def test_a_label_cut_by_a_nul_byte_is_a_binary_file(tmp_path: Path) -> None:
    """`utf\x00-8` once read as "utf" (UTF-8 takes a NUL) and feedparser failed on the label."""
    path = tmp_path / "feed.rss"
    path.write_bytes(rss("Plain words.", '<?xml version="1.0" encoding="utf\x00-8"?>').encode())
    result = parse_file(path, display_path=path.name)
    assert isinstance(result, Problem) and "binary" in result.reason, result


def test_gbk_bytes_under_a_gb2312_label_are_read(tmp_path: Path) -> None:
    text = "镕基总理说：经济增长保持稳定。"  # 镕 is in GBK, not in GB2312
    path = tmp_path / "feed.rss"
    path.write_bytes(rss(text, '<?xml version="1.0" encoding="gb2312"?>').encode("gbk"))
    (item,) = articles(path)
    assert item.body == (text,)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_byte_order_mark(tmp_path: Path, codec: str) -> None:
    text = SAMPLES["cp1251"][1]
    declaration = f'<?xml version="1.0" encoding="{codec[:6].upper()}"?>'
    path = tmp_path / "feed.atom"
    path.write_bytes(rss(text, declaration).encode(codec))
    (item,) = articles(path)
    assert item.body == (text,)


def test_rss_1_0_rdf_file(tmp_path: Path) -> None:
    path = tmp_path / "slashdot.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="https://news.example/"><title>Example News</title>'
        "<link>https://news.example/</link></channel>"
        '<item rdf:about="https://news.example/story/1"><title>Kernel 2.6 released</title>'
        "<link>https://news.example/story/1</link>"
        "<description>The new kernel brings a faster scheduler.</description>"
        "<dc:creator>Linus T.</dc:creator><dc:date>2003-12-18T09:10:00Z</dc:date></item>"
        "</rdf:RDF>\n",
        encoding="utf-8",
    )
    (item,) = articles(path)
    assert item.title == "Kernel 2.6 released"
    assert item.source == "Example News"
    assert item.author == "Linus T."
    assert item.published == dt.datetime(2003, 12, 18, 9, 10, tzinfo=dt.UTC)


def test_an_untitled_item_is_titled_by_its_first_words(tmp_path: Path) -> None:
    path = tmp_path / "scriptingNews.rss"
    path.write_text(
        rss("x").replace(
            "<title>x</title><description>x</description>",
            "<description>&lt;p&gt;The &lt;a href='https://a.example/'&gt;new release&lt;/a&gt;"
            " of the *outliner* is out today, with support for the new file format and a"
            " faster search.&lt;/p&gt;</description>",
        ),
        encoding="utf-8",
    )
    (item,) = articles(path)
    assert item.title == "The new release of the *outliner* is out today, with support for…"
    assert item.body == (
        "The [new release](https://a.example/) of the \\*outliner\\* is out today, with support"
        " for the new file format and a faster search.",
    )


def test_each_item_keeps_author_time_and_links(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Desk</title><entry><title>Vote passes</title>"
        '<link href="https://desk.example/vote"/><author><name>Ana Lima</name></author>'
        "<published>2021-05-04T18:45:00-03:00</published>"
        '<content type="html">&lt;h2&gt;Why&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;one&lt;/li&gt;'
        "&lt;li&gt;&lt;a href=&quot;https://desk.example/b&quot;&gt;two&lt;/a&gt;&lt;/li&gt;"
        "&lt;/ul&gt;&lt;blockquote&gt;It passed.&lt;/blockquote&gt;</content></entry></feed>",
        encoding="utf-8",
    )
    (item,) = articles(path)
    assert item.url == "https://desk.example/vote"
    assert item.author == "Ana Lima"
    assert item.published == dt.datetime(2021, 5, 4, 21, 45, tzinfo=dt.UTC)
    assert item.markup == "markdown"
    assert item.body == ("## Why", "- one\n- [two](https://desk.example/b)", "> It passed.")


@pytest.mark.parametrize("scheme", ["https", "http"])
def test_json_feed_with_either_version_url(tmp_path: Path, scheme: str) -> None:
    feed = {
        "version": f"{scheme}://jsonfeed.org/version/1",
        "title": "Scripting News",
        "items": [
            {
                "id": "1",
                "url": "https://scripting.example/2019/05/01.html#a1",
                "content_html": "<p>An untitled post with a <a href='https://x.example/'>link</a>"
                " and a few more words to make the title longer than twelve of them.</p>",
                "date_published": "2019-05-01T12:30:00-04:00",
                "authors": [{"name": "Dave"}],
            }
        ],
    }
    path = tmp_path / "scriptingNews.json"
    path.write_text(json.dumps(feed), encoding="utf-8")
    (item,) = articles(path)
    assert item.title == "An untitled post with a link and a few more words to…"
    assert item.body == (
        "An untitled post with a [link](https://x.example/) and a few more words to make the"
        " title longer than twelve of them.",
    )
    assert item.author == "Dave"
    assert item.published == dt.datetime(
        2019, 5, 1, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=-4))
    )
    assert item.date == dt.date(2019, 5, 1)
