"""Scraped plain-text articles: the seeds exactly, then the other shapes such files come in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsreader.library.formats import SUFFIXES, parse_file
from newsreader.library.models import Article, Problem

SEEDS = Path(__file__).resolve().parents[2] / "sample_feed"

BODY = (
    "MOSCOW -- Russian officials said on Tuesday that talks with NATO had been useful.\n\n"
    "The two sides agreed to meet again before the end of the year.\n"
)


def parse(path: Path) -> Article:
    result = parse_file(path, display_path=path.name)
    assert not isinstance(result, Problem), result
    assert len(result) == 1
    return result[0]


def article(tmp_path: Path, text: str, name: str = "article.txt") -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse(path)


def test_suffixes() -> None:
    assert {".txt", ".md", ".markdown"} <= SUFFIXES
    assert all(suffix == suffix.lower() and suffix.startswith(".") for suffix in SUFFIXES)


def test_seed_000() -> None:
    got = parse(SEEDS / "000_6db7329205bd8d60.txt")
    assert got.title == "NATO Encouraged By Talk Of Cooperation With Russia, Russia Less So"
    assert got.date is None
    assert got.url is None
    assert got.source is None
    assert got.markup == "text"
    assert got.body[0].startswith(
        ("NATO Secretary-General Anders Fogh Rasmussen", "NEW YORK -- NATO Secretary-General")
    )
    assert got.body[-1].endswith('"NATO has no intention of replacing the United Nations."')
    assert "Accessibility links" not in got.text
    assert "Breaking News" not in got.text
    assert "Clinton: U.S., Russia 'Not Adversaries'" in got.body
    assert got.title not in got.body


def test_seed_002() -> None:
    got = parse(SEEDS / "002_261cf5a0de67a3b0.txt")
    assert got.title == "NATO Seeks Strategic Partnership With Russia"
    assert got.date == dt.date(2010, 9, 22)
    assert (
        got.url
        == "https://www.themoscowtimes.com/2010/09/22/nato-seeks-strategic-partnership-with-russia-a1645"
    )
    assert got.source == "The Moscow Times"
    assert got.body[0].startswith(
        "NEW YORK — U.S. Secretary of State Hillary Clinton urged NATO and Russia"
    )
    joined = "prepare the groundwork for a NATO-Russia summit on Nov. 20 in Lisbon, Portugal."
    assert any(joined in paragraph for paragraph in got.body)
    assert "Original url" not in got.text
    assert "September 22, 2010" not in got.text
    assert all("\n" not in paragraph for paragraph in got.body)


@pytest.mark.parametrize(
    "navigation",
    [
        "Skip to main content\nMenu\n\nHome\nWorld\nEurope\n",
        "Accessibility links\n\nSign in\nSubscribe\n",
        "Home > World > Europe\n",
        "News | Sport | Weather | iPlayer | Sounds\n",
        "We use cookies to give you the best experience. By continuing you agree to this.\n"
        "Accept all cookies\nManage preferences\n",
        "Advertisement\n\nBREAKING NEWS\n\nLive\n",
    ],
)
def test_navigation_before_the_headline_is_skipped(tmp_path: Path, navigation: str) -> None:
    got = article(tmp_path, f"{navigation}\nRussia And NATO Agree To Talk Again\n\n{BODY}")
    assert got.title == "Russia And NATO Agree To Talk Again"
    assert got.body == tuple(BODY.strip().split("\n\n"))


def test_boilerplate_inside_the_body_is_dropped(tmp_path: Path) -> None:
    text = (
        "Talks Resume In Geneva\n\nShare this article\n\nThe talks resumed on Monday.\n\n"
        "Advertisement\n\nBoth sides called them useful.\n\nRead more\n"
    )
    got = article(tmp_path, text)
    assert got.body == ("The talks resumed on Monday.", "Both sides called them useful.")


def test_headline_first_file(tmp_path: Path) -> None:
    """The BBC News dataset's shape: the headline on line 1, then paragraphs."""
    text = (
        "Ad sales boost Time Warner profit\n\n"
        "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the "
        "three months to December, from $639m year-earlier.\n\n"
        "The firm, which is now one of the biggest investors in Google, benefited from sales "
        "of high-speed internet connections and higher advert sales.\n"
    )
    got = article(tmp_path, text, "001.txt")
    assert got.title == "Ad sales boost Time Warner profit"
    assert len(got.body) == 2
    assert got.body[0].startswith("Quarterly profits")
    assert got.date is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("September 22, 2010", dt.date(2010, 9, 22)),
        ("Sept. 22, 2010", dt.date(2010, 9, 22)),
        ("Sep 22, 2010", dt.date(2010, 9, 22)),
        ("22 September 2010", dt.date(2010, 9, 22)),
        ("22nd Sep 2010", dt.date(2010, 9, 22)),
        ("2010-09-22", dt.date(2010, 9, 22)),
        ("2010-09-22T15:15:00Z", dt.date(2010, 9, 22)),
        ("Wednesday, September 22, 2010 3:15 PM", dt.date(2010, 9, 22)),
        ("Wed 22 Sep 2010 15.15 BST", dt.date(2010, 9, 22)),
        ("22.09.2010", dt.date(2010, 9, 22)),
        ("22/09/2010", dt.date(2010, 9, 22)),
        ("09/22/2010", dt.date(2010, 9, 22)),
        ("Updated: September 22, 2010 at 3:15 p.m. EDT", dt.date(2010, 9, 22)),
        ("Published 22 September 2010", dt.date(2010, 9, 22)),
        ("Last updated on Sep 22, 2010 | 10:42 GMT", dt.date(2010, 9, 22)),
        ("Posted on: 2010/09/22", dt.date(2010, 9, 22)),
    ],
)
def test_date_line_under_the_headline(tmp_path: Path, line: str, expected: dt.date) -> None:
    got = article(tmp_path, f"NATO Seeks Partnership With Russia\n\n{line}\n\n{BODY}")
    assert got.date == expected
    assert got.body == tuple(BODY.strip().split("\n\n"))


def test_date_line_above_the_headline(tmp_path: Path) -> None:
    got = article(
        tmp_path, f"Menu\n22 September 2010\n\nNATO Seeks Partnership With Russia\n\n{BODY}"
    )
    assert got.date == dt.date(2010, 9, 22)
    assert got.title == "NATO Seeks Partnership With Russia"


@pytest.mark.parametrize("line", ["05/06/2010", "September 31, 2010", "Around 22 September 2010"])
def test_what_is_not_a_date_line(tmp_path: Path, line: str) -> None:
    got = article(tmp_path, f"NATO Seeks Partnership With Russia\n\n{line}\n\n{BODY}")
    assert got.date is None
    assert got.body[0] == line


def test_a_sentence_mentioning_a_date_is_not_a_date_line(tmp_path: Path) -> None:
    text = f"Talks Resume In Geneva\n\nThe talks began on September 22, 2010 in Geneva.\n\n{BODY}"
    got = article(tmp_path, text)
    assert got.date is None
    assert got.body[0] == "The talks began on September 22, 2010 in Geneva."


@pytest.mark.parametrize(
    "footer",
    [
        "Original url:\n\nhttps://www.rferl.org/a/nato_russia/2157456.html",
        "Original url: https://www.rferl.org/a/nato_russia/2157456.html",
        "ORIGINAL URL:\nhttps://www.rferl.org/a/nato_russia/2157456.html\n",
        "Source: https://www.rferl.org/a/nato_russia/2157456.html",
        "URL: https://www.rferl.org/a/nato_russia/2157456.html",
        "Originally published at https://www.rferl.org/a/nato_russia/2157456.html.",
        "https://www.rferl.org/a/nato_russia/2157456.html",
    ],
)
def test_url_footer(tmp_path: Path, footer: str) -> None:
    got = article(tmp_path, f"NATO Seeks Partnership With Russia\n\n{BODY}\n{footer}\n")
    assert got.url == "https://www.rferl.org/a/nato_russia/2157456.html"
    assert got.source == "RFE/RL"
    assert got.body == tuple(BODY.strip().split("\n\n"))


def test_source_name_footer(tmp_path: Path) -> None:
    got = article(tmp_path, f"NATO Seeks Partnership With Russia\n\n{BODY}\nSource: Interfax\n")
    assert got.source == "Interfax"
    assert got.url is None
    assert "Interfax" not in got.text


def test_date_from_the_url(tmp_path: Path) -> None:
    url = "https://www.nytimes.com/2010/09/23/world/europe/23nato.html"
    got = article(tmp_path, f"NATO Seeks Partnership With Russia\n\n{BODY}\nOriginal url: {url}\n")
    assert got.date == dt.date(2010, 9, 23)
    assert got.source == "The New York Times"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.reuters.com/article/us-nato-russia-idUSTRE68L5RX20100922", None),
        ("https://apnews.com/world-news/2010-09-22-nato-russia", dt.date(2010, 9, 22)),
        ("https://example.com/news/20100922/nato.html", dt.date(2010, 9, 22)),
        ("https://example.com/news/12345678/nato.html", None),
    ],
)
def test_date_only_from_an_unambiguous_url(
    tmp_path: Path, url: str, expected: dt.date | None
) -> None:
    got = article(tmp_path, f"NATO Seeks Partnership With Russia\n\n{BODY}\nURL: {url}\n")
    assert got.date == expected


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://news.bbc.co.uk/2/hi/europe/8270000.stm", "BBC News"),
        ("https://www.bbc.com/news/world-europe-11394835", "BBC News"),
        ("https://www.theguardian.com/world/2010/sep/22/nato", "The Guardian"),
        ("https://edition.cnn.com/2010/WORLD/europe/09/22/nato/", "CNN"),
        ("https://www.example.co.uk/story", "example.co.uk"),
        ("https://news.example.com/story", "example.com"),
        ("http://192.168.1.1/story", None),
    ],
)
def test_source_from_the_url_host(tmp_path: Path, url: str, source: str | None) -> None:
    got = article(tmp_path, f"NATO Seeks Partnership With Russia\n\n{BODY}\nOriginal url: {url}\n")
    assert got.source == source


def test_a_file_without_a_headline_takes_its_name(tmp_path: Path) -> None:
    text = (
        "The talks between NATO and Russia resumed on Monday in Geneva, where both sides said "
        "they were ready to consider cooperation on missile defense and narcotics control.\n"
    )
    got = article(tmp_path, text, "2010-09-22_nato-talks.txt")
    assert got.title == "nato talks"
    assert got.date == dt.date(2010, 9, 22)
    assert got.body == (text.strip(),)


def test_the_name_gives_no_date_when_the_text_has_one(tmp_path: Path) -> None:
    got = article(tmp_path, f"NATO Talks\n\nSep 1, 2011\n\n{BODY}", "2010-09-22-x.txt")
    assert got.date == dt.date(2011, 9, 1)


def test_readable_name(tmp_path: Path) -> None:
    got = article(
        tmp_path, "A single sentence that is the whole article text.\n", "nato-talks_2010.txt"
    )
    assert got.title == "nato talks 2010"


def test_hard_wrapped_paragraphs_are_joined(tmp_path: Path) -> None:
    text = (
        "Talks Resume In Geneva\n\n"
        "The talks between NATO and Russia resumed on Monday in Geneva, where\n"
        "both sides said they were ready to consider cooperation on missile\n"
        "defense.\n\n"
        "Officials from both sides described the atmosphere as constructive and\n"
        "said they would meet again.\n"
    )
    got = article(tmp_path, text)
    assert got.body == (
        "The talks between NATO and Russia resumed on Monday in Geneva, where both sides said "
        "they were ready to consider cooperation on missile defense.",
        "Officials from both sides described the atmosphere as constructive and said they would "
        "meet again.",
    )


def test_one_paragraph_per_line(tmp_path: Path) -> None:
    first = "The talks between NATO and Russia resumed on Monday in Geneva, " * 3 + "end."
    second = "Officials from both sides described the atmosphere as constructive. " * 3
    got = article(tmp_path, f"Talks Resume In Geneva\n{first}\n{second}\n")
    assert got.body == (first, second.strip())


def test_a_subheading_stays_its_own_paragraph(tmp_path: Path) -> None:
    long = "Earlier, the secretary of state strongly endorsed the plans to build cooperation. " * 2
    got = article(tmp_path, f"Talks Resume In Geneva\n\nClinton: 'Not Adversaries'\n{long}\n")
    assert got.body == ("Clinton: 'Not Adversaries'", long.strip())


def test_sentence_broken_by_a_blank_line_is_rejoined(tmp_path: Path) -> None:
    text = "Talks Resume\nIn Geneva Today\n\nThe meeting was held in\n\n\n\ngeneva on Monday.\n"
    got = article(tmp_path, text)
    assert got.body[-1] == "The meeting was held in geneva on Monday."


def test_finished_paragraph_is_not_joined(tmp_path: Path) -> None:
    got = article(tmp_path, "Talks Resume In Geneva\n\nIt ended: \n\nnothing was agreed.\n")
    assert got.body == ("It ended:", "nothing was agreed.")


def test_crlf_and_whitespace(tmp_path: Path) -> None:
    text = "Menu\r\n\r\nTalks  Resume\tIn Geneva\r\n\r\nThe talks\u00a0 resumed   on Monday.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode())
    got = parse(path)
    assert got.title == "Talks Resume In Geneva"
    assert got.body == ("The talks resumed on Monday.",)


def test_only_a_headline(tmp_path: Path) -> None:
    got = article(tmp_path, "Talks Resume In Geneva\n")
    assert got.title == "Talks Resume In Geneva"
    assert got.body == ()


def test_only_navigation_is_no_text(tmp_path: Path) -> None:
    path = tmp_path / "nav.txt"
    path.write_text("Menu\n\nHome\n\nSign in\n")
    assert parse_file(path, display_path="nav.txt") == Problem("nav.txt", "no text")


def test_uppercase_suffix(tmp_path: Path) -> None:
    assert article(tmp_path, f"Talks Resume In Geneva\n\n{BODY}", "A.TXT").title == (
        "Talks Resume In Geneva"
    )


def test_notices_standing_alone_are_dropped_but_sentences_with_their_words_stay(
    tmp_path: Path,
) -> None:
    kept = (
        "Read more about the vote in our guide, which the council published on Monday.",
        "The advertisement ran for a week before the regulator stepped in.",
        "Related talks in Vienna were called off.",
        "Publishers said readers who subscribe to a newsletter stay longer.",
    )
    notices = (
        "Sign up for our daily newsletter to get the best stories in your inbox.",
        "We use cookies to give you the best experience on our website.",
        "Read more: Talks collapse after a week",
        "Related",
        "Share this story",
    )
    text = "Talks Resume In Geneva\n\n" + "\n\n".join(
        line for pair in zip(kept, notices, strict=False) for line in pair
    )
    text += "\n\n" + notices[-1] + "\n"
    assert article(tmp_path, text).body == kept


def test_a_headline_may_trail_off(tmp_path: Path) -> None:
    got = article(tmp_path, "What the vote means for the talks...\n\n" + BODY)
    assert got.title == "What the vote means for the talks..."
    assert got.body == tuple(BODY.strip().split("\n\n"))


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Wal-Mart to pay in gun suit.txt", "Wal-Mart to pay in gun suit"),
        ("2010-09-22_state-run_e-mail probe.txt", "state-run e-mail probe"),
        ("2010-09-22_nato-talks.txt", "nato talks"),  # a url slug: its hyphens are spaces
    ],
)
def test_a_title_from_the_file_name_keeps_hyphens_inside_words(
    tmp_path: Path, name: str, title: str
) -> None:
    assert article(tmp_path, "It was said. And it was done.\n", name).title == title
