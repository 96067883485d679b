"""The lxml fast path for feeds gives feedparser's very articles, and leaves it every feed it is
not sure of: each fixture is read both ways and the articles compared."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import feedparser
import pytest

from newsreader.library.formats import feeds
from newsreader.library.formats.feed_bytes import feed_bytes
from newsreader.library.formats.feed_tree import read_tree
from support import SAMPLE_FEED

_NS = (
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"'
)


def rss(items: str, channel: str = "<title>Wire</title><link>https://wire.example/</link>") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" {_NS}><channel>{channel}'
        f"{items}</channel></rss>"
    )


def atom(entries: str, head: str = "<title>Desk</title>") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"{head}<id>urn:desk</id>{entries}</feed>"
    )


def rdf(
    items: str, channel: str = "<title>Old Wire</title><link>https://old.example/</link>"
) -> str:
    return (
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f'<channel rdf:about="https://old.example/">{channel}<items><rdf:Seq>'
        '<rdf:li rdf:resource="https://old.example/1"/></rdf:Seq></items></channel>'
        f"{items}</rdf:RDF>"
    )


_BODY = (
    "&lt;p&gt;CAIRO -- The talks &lt;b&gt;resumed&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;"
)

FAST = {
    "rss content:encoded": rss(
        "<item><title>Talks</title><link>https://wire.example/a?x=1&amp;y=2</link>"
        "<description>Short</description><content:encoded><![CDATA[<p>Full <i>text</i></p>"
        "<ul><li>one</li></ul>]]></content:encoded><pubDate>Mon, 22 Nov 2010 09:30:00 +0000"
        "</pubDate></item>"
    ),
    "rss content before description": rss(
        f"<item><title>T</title><content:encoded>{_BODY}</content:encoded>"
        "<description>Short one</description></item>"
    ),
    "rss blank content": rss(
        "<item><title>T</title><content:encoded>  </content:encoded>"
        f"<description>{_BODY}</description></item>"
    ),
    "rss description only": rss(f"<item><title>T</title><description>{_BODY}</description></item>"),
    "rss guid permalink": rss(
        "<item><title>G</title><guid>https://wire.example/g/1</guid></item>"
        '<item><title>H</title><guid isPermaLink="false">tag:1</guid></item>'
        '<item><title>I</title><guid isPermaLink="true">https://wire.example/g/2</guid>'
        "<link>https://wire.example/link</link></item>"
        "<item><title>J</title><link></link><guid>https://wire.example/g/3</guid></item>"
    ),
    "rss authors": rss(
        "<item><title>A</title><dc:creator>Jo Smith</dc:creator></item>"
        "<item><title>B</title><author>jo@example.com (Jo Smith)</author></item>"
        "<item><title>C</title><author>jo@example.com</author></item>"
    ),
    "rss categories": rss(
        '<item><title>C</title><category domain="x">NATO</category><category>Russia</category>'
        "<category>NATO</category><dc:subject>Europe</dc:subject><category></category></item>"
    ),
    "rss dates": rss(
        "<item><title>D1</title><pubDate>Tue, 23 Nov 2010 07:45:00 GMT</pubDate></item>"
        "<item><title>D2</title><pubDate>23 Nov 2010</pubDate></item>"
        "<item><title>D3</title><dc:date>2010-11-23T07:45:00+01:00</dc:date></item>"
        "<item><title>D4</title><dc:date>2010-11-23</dc:date></item>"
        "<item><title>D5</title><pubDate>not a date</pubDate><dc:date>2010-11-24T01:00Z</dc:date>"
        "</item><item><title>D6</title><dcterms:modified>2010-11-25T10:00:00Z</dcterms:modified>"
        "<dcterms:created>2010-11-20T10:00:00Z</dcterms:created></item>"
        "<item><title>D7</title><link>https://wire.example/2010/11/26/story</link></item>"
        "<item><title>D8</title><pubDate>Wed, 31 Feb 2010 10:00:00 GMT</pubDate></item>"
    ),
    "rss html titles": rss(
        "<item><title>AT&amp;amp;T &lt;b&gt;profits&lt;/b&gt;</title></item>"
        "<item><title>AT&amp;T profits</title></item>"
        "<item><title>Q3 &lt;rising&gt; sharply</title></item>"
        "<item><title>Caf&amp;eacute; &amp;copy; 1 &lt; 2</title></item>"
        "<item><title>x &lt;/blink&gt;</title></item>",
        channel="<title>Wire &amp;amp; Co</title>",
    ),
    "rss no title": rss(f"<item><description>{_BODY}</description></item><item></item>"),
    "rss outlet from link": rss(
        "<item><title>O</title></item>",
        channel="<title></title><link>https://www.apnews.com/</link>",
    ),
    "rss mojibake": rss(
        "<item><title>CafÃ© \u0093quoted\u0094</title><description>Ã©tÃ©</description></item>"
    ),
    "rss extras": rss(
        '<item><title>E</title><comments>https://c</comments><enclosure url="https://e.mp3"/>'
        '<source url="https://src.example/rss">Src</source><media:content url="https://m.jpg"/>'
        '<media:thumbnail url="https://t.jpg"/></item><!-- a comment -->',
        channel='<title>W</title><atom:link rel="self" href="https://wire.example/rss"/>'
        "<description>d</description><language>en</language><image><title>W logo</title>"
        "<url>https://wire.example/logo.png</url><link>https://wire.example/</link></image>"
        "<lastBuildDate>Mon, 22 Nov 2010 09:30:00 +0000</lastBuildDate><ttl>5</ttl>",
    ),
    "atom contents": atom(
        '<entry><title type="html">AT&amp;amp;T &lt;b&gt;Q3&lt;/b&gt;</title>'
        '<link href="https://desk.example/1"/><id>urn:1</id>'
        "<published>2010-11-23T07:45:00Z</published><updated>2010-11-23T08:00:00Z</updated>"
        f'<content type="html">{_BODY}</content><summary>Short</summary></entry>'
        '<entry><title type="text">Plain &lt;b&gt; text</title><id>urn:2</id>'
        "<updated>2010-11-24T08:00:00+02:00</updated>"
        '<content type="text">Just text &amp; more</content></entry>'
        "<entry><title>X</title><id>https://desk.example/by-id</id>"
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p class="Lead">One'
        ' <a href="https://x.example/?a=1&amp;b=2" rel="NoFollow">link</a></p><br/>'
        "<!-- note --><p>Two &lt; three</p></div></content></entry>"
        '<entry><title>Y</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
        '<p>a</p></div><div xmlns="http://www.w3.org/1999/xhtml"><p>b</p></div></content>'
        '<summary type="html">&lt;p&gt;S&lt;/p&gt;</summary></entry>'
    ),
    "atom summary only": atom(
        f'<entry><title>S</title><summary type="html">{_BODY}</summary></entry>'
        '<entry><title>T</title><summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
        "<p>Para</p> tail</div></summary></entry>"
    ),
    "atom links": atom(
        '<entry><title>L</title><link rel="self" href="https://desk.example/self"/>'
        '<link rel="alternate" type="text/html" href="https://desk.example/alt"/>'
        '<link rel="enclosure" href="https://desk.example/a.mp3"/>'
        '<link rel="alternate" type="application/pdf" href="https://desk.example/a.pdf"/>'
        "<id>urn:l</id></entry>"
        '<entry><title>M</title><id>https://desk.example/m</id><link rel="edit" '
        'href="https://desk.example/edit"/></entry>'
        '<entry><title>N</title><link href="https://desk.example/n1"/>'
        '<link rel="Alternate" href="https://desk.example/n2"/></entry>',
        head='<title type="html">Desk &amp;amp; Co</title><link href="https://desk.example/"/>',
    ),
    "atom authors": atom(
        "<entry><title>A</title><author><name>Jo Smith</name><email>jo@example.com</email>"
        "</author></entry>"
        "<entry><title>B</title><author><email>jo@example.com</email><name>Jo</name></author>"
        "</entry><entry><title>B2</title><author>CafÃ© Staff</author></entry>"
        "<entry><title>C</title><author><name>Only Name</name>"
        "<uri>https://jo.example/</uri></author></entry>"
        "<entry><title>D</title><author><uri>https://jo.example/</uri></author></entry>"
        "<entry><title>E</title><author><email>e@example.com</email></author>"
        "<contributor><name>Helper</name></contributor></entry>",
        head="<title>Desk</title><author><name>Desk Staff</name></author>",
    ),
    "atom categories": atom(
        '<entry><title>C</title><category term="nato"/><category term="nato" label="NATO"/>'
        '<category scheme="s"/><category term="eu">ignored?</category></entry>'
    ),
    "atom updated only": atom(
        "<entry><title>U</title><updated>2010-11-23</updated></entry>"
        "<entry><title>V</title><updated>2010-11-23T10:00:00.5-05:00</updated></entry>",
        head="<title></title>",
    ),
    "rss 1.0": rdf(
        '<item rdf:about="https://old.example/1"><title>R1</title>'
        "<link>https://old.example/1</link><description>D &amp;amp; E</description>"
        "<dc:date>2004-03-01T10:00:00Z</dc:date><dc:creator>Ann</dc:creator>"
        "<dc:subject>Old</dc:subject></item>"
        '<item rdf:about="https://old.example/2"><title>R2 &lt;i&gt;x&lt;/i&gt;</title>'
        f"<content:encoded>{_BODY}</content:encoded></item>"
    ),
}


def both(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    fast = feeds.parse_feed(data, "feed.xml")
    with monkeypatch.context() as patch:
        patch.setattr(feeds, "read_tree", lambda raw: None)
        slow = feeds.parse_feed(data, "feed.xml")
    return fast, slow


@pytest.mark.parametrize("name", sorted(FAST))
def test_the_fast_path_reads_as_feedparser_does(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = FAST[name].encode("utf-8")
    assert read_tree(feed_bytes(data)) is not None, "the fast path should take this feed"
    fast, slow = both(data, monkeypatch)
    assert isinstance(slow, tuple) and slow
    assert fast == slow


@pytest.mark.parametrize("path", sorted([*SAMPLE_FEED.glob("*.rss"), *SAMPLE_FEED.glob("*.atom")]))
def test_the_sample_feeds_read_the_same_both_ways(
    path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = SAMPLE_FEED.joinpath(str(path)).read_bytes()
    assert read_tree(feed_bytes(data)) is not None
    fast, slow = both(data, monkeypatch)
    assert isinstance(fast, tuple) and fast == slow


_FIELDS = ("title", "link", "summary", "author", "published", "updated", "created")


def _fields(entry: Mapping[str, Any]) -> dict[str, object]:
    """What an Article is made of, field by field, stricter than the Articles themselves (as
    stored: feedparser's ``updated`` falls back to ``published`` when read)."""
    fields: dict[str, object] = {key: dict.get(entry, key) for key in _FIELDS}
    for key in ("published", "updated", "created"):
        fields[f"{key}_parsed"] = dict.get(entry, f"{key}_parsed")
    fields["type"] = (entry.get("title_detail") or {}).get("type")
    fields["content"] = [c.get("value") for c in entry.get("content") or ()]
    fields["tags"] = [t.get("term") for t in entry.get("tags") or ()]
    return fields


@pytest.mark.parametrize("name", sorted(FAST))
def test_the_fast_path_gives_feedparser_s_fields(name: str) -> None:
    raw = feed_bytes(FAST[name].encode("utf-8"))
    read = read_tree(raw)
    assert read is not None
    parsed = feedparser.parse(io.BytesIO(raw), resolve_relative_uris=False, sanitize_html=False)
    assert [_fields(entry) for entry in read[1]] == [_fields(e) for e in parsed.entries]
    assert read[0].get("link") == parsed.feed.get("link")
    assert read[0].get("title") == parsed.feed.get("title")


_ITEM = "<item><title>Kept</title><description>Body text.</description></item>"
FALLBACK = {
    "malformed xml": rss(_ITEM + "<item><title>Broken & kept</title></item>"),
    "doctype": rss(_ITEM).replace("<rss", '<!DOCTYPE rss [<!ENTITY w "Wire">]>\n<rss', 1),
    "unknown root": '<?xml version="1.0"?><rss091><channel>' + _ITEM + "</channel></rss091>",
    "xml:base": rss(_ITEM.replace("<item>", '<item xml:base="https://wire.example/">')),
    "unknown item element": rss(_ITEM.replace("</item>", "<Title>Other</Title></item>")),
    "two titles": rss(_ITEM.replace("</item>", "<title>Second</title></item>")),
    "atom content src": atom('<entry><title>Kept</title><content src="https://x/"/></entry>'),
    "atom content of another type": atom(
        '<entry><title>Kept</title><content type="image/png">AAAA</content></entry>'
    ),
    "atom 0.3": '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title>Kept</title>'
    "</entry></feed>",
}


@pytest.mark.parametrize("name", sorted(FALLBACK))
def test_what_the_fast_path_does_not_know_feedparser_reads(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = FALLBACK[name].encode("utf-8")
    assert read_tree(feed_bytes(data)) is None
    fast, slow = both(data, monkeypatch)
    assert isinstance(fast, tuple) and fast == slow
    assert fast[0].title == "Kept"


def test_a_declared_legacy_encoding_is_read_the_same_both_ways(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = rss("<item><title>Caf\u00e9 \u201cquoted\u201d \u20ac5</title></item>")
    data = text.replace("utf-8", "windows-1252").encode("cp1252")
    assert read_tree(feed_bytes(data)) is not None
    fast, slow = both(data, monkeypatch)
    assert isinstance(fast, tuple) and fast == slow
    assert fast[0].title == "Caf\u00e9 \u201cquoted\u201d \u20ac5"
