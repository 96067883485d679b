"""The word lists the benchmark corpus is written from (see ``make_corpus.py``): news words by
frequency, the sounds of made-up words, names, places, outlets and dates.

Apart from the generator, so that it reads as the generator.
"""

import datetime as dt


def _table(text: str, sep: str | None = None) -> list[str]:
    """Split a block of text: the tables below read better as prose than as long list literals."""
    return [item.strip() for item in text.split(sep)]


# The ~300 most frequent ranks: real function and news words, roughly by frequency.
CORE_WORDS = _table("""
the of and to a in that is for on was with he it as at by said from his be has have an
are not but they this were had which who their been will its or would after also more
one two new year than about up other first people last over government out into when
there can all so she her could we against president minister state officials what some
united states time percent only years told no because since while three most before if
him them those such any many between week under country military police during where
just now then security party members foreign former national public made being
should including political may our election city report both even us these through
meeting talks leaders group news day million months war forces support world power law
court office plan american russian european international economic companies market
company bank billion money prices oil gas energy spokesman agency official defense
secretary council general army troops attack killed children region border peace deal
agreement treaty cooperation relations ties issue issues policy decision vote
parliament opposition protest protests crisis economy growth trade exports sanctions
according added says want wanted asked called expected announced reported believe
began continue continued help held took make take give get found come came went see
well still back another same very much little part second third left right high long
own next several few each every four five six ten hundred thousand local central
northern southern eastern western capital prime ministry chief head leader
director committee commission union alliance summit conference statement interview
television newspaper radio website network online media press reporters journalists
however although until without within among across around toward whether again already
least less early late major key
""")

# Pronounceable syllables for the long tail of the lexicon (rare words, names of things).
ONSETS = _table("b c d f g h j k l m n p r s t v w z bl br ch cl cr dr fl gr pl pr sh st str th tr")
VOWELS = _table("a e i o u a e i o ai ea ou io")
CODAS = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "rk", "ng", "x"]

PEOPLE = _table(
    """Anders Fogh Rasmussen; Hillary Clinton; Sergei Lavrov; Dmitry Medvedev; Robert Gates;
    Anatoly Serdyukov; Angela Merkel; Nicolas Sarkozy; Jean-Claude Juncker; Ban Ki-moon;
    José Manuel Barroso; Viktor Yanukovych""",
    ";",
)
FIRST_NAMES = _table("""John Maria Olga Ivan Anna Peter Fatima Ahmed Chen Elena Pierre Sofia Mikhail
Laura Tomás Ingrid Kwame Yuki Rafael Nadia Jürgen Zoë Andrés Hannah David Irina Omar Lucía""")
LAST_NAMES = _table("""Smith Petrov Kowalski Nguyen Müller García Johansson Okafor Tanaka Rossi
Dubois Novak Ivanova Schmidt Hernández Larsen Brown Kuznetsov Moreau Silva Andersen
Horváth Öztürk""")
# Names and places stay within Windows-1252 so any article can be written in that encoding.
PLACES = _table(
    """Moscow; Washington; Brussels; Lisbon; Kyiv; Tbilisi; Berlin; Paris; London; Geneva; Zürich;
    Kraków; Warsaw; Prague; Vienna; Ankara; Beijing; Tokyo; Kabul; Tehran; Cairo; Nairobi; Bogotá;
    Brasília; Reykjavík; Málaga; Córdoba; Düsseldorf; Göteborg; Montréal; Québec; São Paulo;
    New York; Buenos Aires; Central Asia""",
    ";",
)
ACCENTED_PLACES = [place for place in PLACES if not place.isascii()]
ORGANIZATIONS = ["NATO", "the UN", "the European Union", "the Kremlin", "the IMF", "OSCE"]
CONTRACTIONS = ["don’t", "it’s", "won’t", "isn’t", "didn’t", "can’t", "that’s", "we’re"]
BOILERPLATE = _table(
    """Accessibility links; Breaking News; Skip to main content; Menu; Share this; Advertisement;
    Sign in; Most Read""",
    ";",
)
OUTLETS = dict(
    pair.split("=")
    for pair in _table(
        """themoscowtimes.com=The Moscow Times; rferl.org=Radio Free Europe; bbc.co.uk=BBC News;
        nytimes.com=The New York Times; theguardian.com=The Guardian; reuters.com=Reuters;
        apnews.com=AP News; aljazeera.com=Al Jazeera; dw.com=Deutsche Welle; ft.com=FT;
        france24.com=France 24; euronews.com=Euronews; washingtonpost.com=The Washington Post;
        kyivpost.com=Kyiv Post; example-news.org=Example News""",
        ";",
    )
)
OUTLET_HOSTS = list(OUTLETS)
MONTHS = "January February March April May June July August September October November December"
MONTH_NAMES = _table(MONTHS)
AP_MONTHS = _table("Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.")
WEEKDAYS = _table("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
FIRST_DAY = dt.date(2005, 1, 1).toordinal()
LAST_DAY = dt.date(2024, 12, 31).toordinal()
RUSSIAN_WORDS = _table("""Москва Россия НАТО президент министр правительство заявил сказал встреча
переговоры сотрудничество безопасность договор США Европа неделе году было будет который
также однако после против между военные страны вопрос решение политика экономика рынок
""")
