"""RSS and Atom files: every item an article; anything else a clear problem, never a fetch."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from newsreader.library.formats import parse_file
from newsreader.library.models import Article, Problem
from support import SAMPLE_FEED


def parse(path: Path) -> tuple[Article, ...] | Problem:
    return parse_file(path, display_path=path.name)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rss_items_become_articles() -> None:
    articles = parse(SAMPLE_FEED / "2010-11-22_rferl-nato.rss")
    assert isinstance(articles, tuple) and len(articles) == 2
    first = articles[0]
    assert first.title == "After Lisbon, NATO and Russia Count What They Agreed"
    assert first.date == dt.date(2010, 11, 22)
    assert first.url == "https://www.rferl.org/a/after-lisbon-nato-russia/2010/11/22.html"
    assert first.source == "Sample Radio"
    assert first.tags == ("NATO", "Russia")
    assert first.body[0].startswith("LISBON -- Two days after the summit")
    assert "missile-defense" in first.body[0] and "<b>" not in first.body[0]
    assert first.body[1] == "Skeptics in Moscow said the words would have to be matched by deeds."


def test_atom_entries_become_articles() -> None:
    (entry,) = parse(SAMPLE_FEED / "2010-11-23_summit-wrap.atom")  # type: ignore[misc]
    assert entry.title == "What the Lisbon Summit Means for Europe's Missile Shield"
    assert entry.date == dt.date(2010, 11, 23)
    assert entry.url == "https://news.example.org/2010/11/23/lisbon-missile-shield"
    assert entry.source == "Sample Atom Desk"
    assert entry.body[0].startswith("BRUSSELS — The agreement")


def test_an_xml_file_that_is_not_a_feed_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "settings.xml", '<?xml version="1.0"?><settings><a>1</a></settings>')
    assert parse(path) == Problem("settings.xml", "not an RSS or Atom feed")


@pytest.mark.parametrize("content", ["http://127.0.0.1:9/feed.rss", "/etc/hostname"])
def test_a_url_or_path_as_content_is_never_fetched_or_opened(
    tmp_path: Path, content: str, monkeypatch
) -> None:
    import urllib.request

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the feed parser tried to fetch something")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    path = write(tmp_path, "trap.rss", content)
    assert parse(path) == Problem("trap.rss", "not an RSS or Atom feed")


def test_hostile_items_come_out_clean(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "evil.rss",
        """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Evil \x1b]0;pwned\x07Wire</title>
<item><title>[bold red]ALERT[/] \u202eesrever</title>
<link>javascript:alert(1)</link>
<description><![CDATA[<p>Text<script>alert(1)</script> \x1b[2Jmore</p>]]></description>
</item></channel></rss>""",
    )
    (item,) = parse(path)  # type: ignore[misc]
    assert item.title == "[bold red]ALERT[/] esrever"
    assert item.source == "Evil Wire"
    assert item.url is None, "only web addresses are kept as an article's url"
    assert item.body == ("Text more",)


def test_a_headline_given_as_html_is_read_as_text(tmp_path: Path) -> None:
    """RSS headlines are HTML to feedparser, and feeds put tags and entities in them: they are
    read, never shown. An Atom title of type text keeps what it says."""
    path = write(
        tmp_path,
        "markup.rss",
        """<?xml version="1.0"?>
<rss version="2.0"><channel><title>AT&amp;amp;T &lt;i&gt;Wire&lt;/i&gt;</title>
<item><title>AT&amp;amp;T &lt;b&gt;profits&lt;/b&gt; &amp;#8217;soar&amp;#8217;</title>
<description>x</description></item>
<item><title><![CDATA[<em>Storm</em> hits &amp; <b>coast</b>]]></title>
<description>y</description></item>
<item><title>Tom &amp; Jerry, 5 &lt; 6</title><description>z</description></item>
</channel></rss>""",
    )
    titles = [item.title for item in parse(path)]  # type: ignore[union-attr]
    assert titles == ["AT&T profits ’soar’", "Storm hits & coast", "Tom & Jerry, 5 < 6"]
    assert parse(path)[0].source == "AT&T Wire"  # type: ignore[index]
    atom = write(
        tmp_path,
        "typed.atom",
        """<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
<entry><title type="html">&lt;em&gt;Big&lt;/em&gt; day</title><content>a</content></entry>
<entry><title type="text">Why &lt;b&gt; is a tag</title><content>b</content></entry>
</feed>""",
    )
    assert [item.title for item in parse(atom)] == ["Big day", "Why <b> is a tag"]  # type: ignore[union-attr]


def test_an_entity_bomb_does_not_hang(tmp_path: Path) -> None:
    entities = "".join(
        f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10 if i else "lol"}">' for i in range(10)
    )
    path = write(
        tmp_path,
        "bomb.rss",
        f"""<?xml version="1.0"?>
<!DOCTYPE rss [{entities}]>
<rss version="2.0"><channel><title>Bomb</title>
<item><title>Laughs &e9;</title><description>x</description></item></channel></rss>""",
    )
    started = time.monotonic()
    result = parse(path)
    assert time.monotonic() - started < 5
    if isinstance(result, tuple):
        assert all(len(article.title) < 10_000 for article in result)


def test_a_feed_without_items_is_a_problem(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "empty.atom",
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Nothing</title></feed>',
    )
    assert parse(path) == Problem("empty.atom", "no articles in feed")
