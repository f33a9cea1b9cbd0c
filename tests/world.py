"""A small catalogue built with the factories, for the tests of pages, search, facets and the
API: fourteen films, the people, studios, festivals and sources around them, every fact
cited, some disputed. It is not the curated dataset (a curator's correction to
``data/nkfilms.json`` cannot change it); its names follow real ones where the test needs a
real romanization (Shin Sang-ok, Choi Eun-hee, Rim Chang-bom).

Every record is published. What each test relies on is said where it is built:

films, by year        countries     co-production partners           people (role)
Moranbong 1959        KP, FR        France (country)                 —
Flower Girl 1972      KP            —                                —
Emissary 1984         KP            —                                Shin (director), Choi (actor)
Eternal Comrades 1985 KP, SU        Mosfilm / Soviet Union           —
Thaw 1985             JP, KP        Chongryon Film Studio / Japan    Rim (director), Ko (actor)
Pulgasari 1986*       JP, KP        Toho / Japan                     Shin (director), Satsuma
                                                                     (suit performer, adviser)
From Spring 1988      KP, SU        Mosfilm / Soviet Union           —
Shore of Rescue 1990  KP, SU        Soviet Union (country)           —
Bird 1992             JP, KP        Japan (country)                  Rim (director)
Somi 1997             KP            —                                —
Meet in Pyongyang 2012 CN, KP       China (country)                  —
Big Bang 2014         KP, US        —                                Rodman (self)
Ambitious Girl —      KP            —                                Rim (director)
If There Is No Love — KP            China (country), announced*      —

* disputed: Pulgasari's year (1986 preferred, 1985), If There Is No Love's standing
(announced preferred, unknown), the Emissary's genre (historical preferred, spy deprecated).

Korean Film Studio co-produced Eternal Comrades, Thaw, From Spring and Somi; Toho co-produced
Pulgasari. Chongryon Film Studio and Choson Sinbo are units of Chongryon. The Flower Girl
won at Karlovy Vary (edition of no known year); Thaw played there in 1984.
"""

from django.apps import apps

from catalog.models import Rank, Source
from coproductions.models import CoProduction, Studio
from people.models import PersonName
from tests import factories as f

# The records tests ask for by name: name -> (model label, slug).
RECORDS = {}


def _keep(name, record):
    RECORDS[name] = (record._meta.label, record.slug)
    return record


def _film(name, title, year, countries, *, essay, genres=(), **fields):
    """A published film whose every fact the essay cites."""
    film = f.FilmFactory(
        title=title,
        year=year,
        countries=[f.country(code) for code in countries],
        genres=[f.GenreFactory(slug=g, name=g.title()) for g in genres],
        **fields,
    )
    for field in film.cited_fields:
        if film.has_value(field):
            f.cited(film, field, source=essay, locator=f"{title}, ¶ 1")
    return _keep(name, film)


def _row(row, source, locator="p. 1", quote=""):
    f.cited(row, source=source, locator=locator, quote=quote)
    return row


def _person(name, full_name, source, **fields):
    person = f.PersonFactory(name=full_name, **fields)
    for field in person.cited_fields:
        if person.has_value(field):
            f.cited(person, field, source=source, locator=f"on {full_name}")
    return _keep(name, person)


def _studio(name, studio_name, source, **fields):
    studio = f.StudioFactory(name=studio_name, **fields)
    for field in studio.cited_fields:
        if studio.has_value(field):
            f.cited(studio, field, source=source, locator=f"on {studio_name}")
    return _keep(name, studio)


def _coproduction(film, source, partners, standing=CoProduction.Standing.APPROVED):
    coproduction = f.CoProductionFactory(film=film, standing=standing)
    _row(coproduction, source, f"{film.title}, ¶ 2")
    f.cited(coproduction, "standing", source=source, locator=f"{film.title}, ¶ 3")
    for studio, code in partners:
        country = f.country(code) if code else None
        _row(f.PartnerFactory(coproduction=coproduction, studio=studio, country=country), source)
    return coproduction


@f.at_once
def build():
    """Build the world in the current database; ``World`` reads it back."""
    essay = _keep(
        "essay",
        f.SourceFactory(
            slug="coproductions-essay",
            title="North Korea’s Movie Co-Productions: a test essay",
            authors=["Schönherr, Johannes"],
            kind=Source.Kind.ARTICLE,
            date="2012",
            language="en",
        ),
    )
    listicle = _keep(
        "listicle",
        f.SourceFactory(
            slug="six-films-list",
            title="6 North Korean films worth watching",
            authors=[],
            container="Zoom Boola",
            kind=Source.Kind.WEB_PAGE,
            url="https://example.org/six-films",
            date="2015-06",
        ),
    )
    book = _keep(
        "book",
        f.SourceFactory(
            slug="a-book-of-films",
            title="Illusions on Screen",
            authors=["Kim, Suk-Young"],
            kind=Source.Kind.BOOK,
            publisher="McFarland",
            date="2010",
        ),
    )

    # Studios.
    korean = _studio(
        "korean_film_studio",
        "Korean Film Studio",
        essay,
        kind=Studio.Kind.STATE_STUDIO,
        country=f.country("KP"),
    )
    _row(f.StudioNameFactory(studio=korean, name="Korea Art Film Studio", end_year=1980), essay)
    chongryon = _studio(
        "chongryon", "Chongryon", essay, kind=Studio.Kind.ORGANISATION, country=f.country("JP")
    )
    chongryon_films = _studio(
        "chongryon_film_studio",
        "Chongryon Film Studio",
        essay,
        kind=Studio.Kind.FILM_COLLECTIVE,
        country=f.country("JP"),
        parent=chongryon,
    )
    _studio("choson_sinbo", "Choson Sinbo", essay, kind=Studio.Kind.PUBLISHER, parent=chongryon)
    mosfilm = _studio(
        "mosfilm", "Mosfilm", book, kind=Studio.Kind.STATE_STUDIO, country=f.country("SU")
    )
    toho = _studio("toho", "Toho", book, country=f.country("JP"))
    for code in ("KP", "KR"):  # two studios of one name, told apart by their country
        _studio(
            f"shin_films_{code.lower()}",
            "Shin Films",
            book,
            slug=f"shin-films-{code.lower()}",
            country=f.country(code),
        )
    _studio("mcfarland", "McFarland", book, kind=Studio.Kind.PUBLISHER)  # no country

    # People.
    # Shin has no "Sin" variant: searches for Sin Sang-ok find him by romanization alone.
    shin = _person("shin", "Shin Sang-ok", essay, hangul_name="신상옥", nationality=f.country("KR"))
    choi = _person("choi", "Choi Eun-hee", essay)
    _row(PersonName.objects.create(person=choi, name="Ch'oe Ŭn-hŭi", kind="romanization"), essay)
    rim = _person("rim", "Rim Chang-bom", essay, nationality=f.country("KP"))
    _row(PersonName.objects.create(person=rim, name="Rim Chang Bom", kind="spelling"), essay)
    ko = _person("ko", "Ko Hak-rim", essay, nationality=f.country("JP"))
    satsuma = _person("satsuma", "Kenpachiro Satsuma", listicle, nationality=f.country("JP"))
    rodman = _person("rodman", "Dennis Rodman", listicle, nationality=f.country("US"))

    # Films, in year order.
    moranbong = _film("moranbong", "Moranbong", 1959, ["KP", "FR"], essay=essay)
    _coproduction(moranbong, essay, [(None, "FR")])

    flower_girl = _film(
        "flower_girl",
        "The Flower Girl",
        1972,
        ["KP"],
        essay=essay,
        genres=["drama"],
        original_title="꽃파는 처녀",
    )
    for title, kind, script in (
        ("꽃파는 처녀", "original", "Hang"),
        ("Kkot Paneun Choenyo", "romanized", "Latn"),
    ):
        _row(
            f.FilmTitleFactory(
                film=flower_girl, title=title, language="ko", kind=kind, script=script
            ),
            book,
        )

    f.GenreFactory(slug="spy", name="Spy")  # a genre one source gives, deprecated
    emissary = _film(
        "emissary", "An Emissary Unreturned", 1984, ["KP"], essay=essay, genres=["historical"]
    )
    f.cited(
        emissary,
        "genres",
        source=listicle,
        value="spy",
        rank=Rank.DEPRECATED,
        note="A misreading of the plot.",
    )
    _row(f.FilmTitleFactory(film=emissary, title="Hero Noreturn", kind="release"), listicle)
    _row(f.CreditFactory(film=emissary, person=shin, role="director"), essay)
    _row(f.CreditFactory(film=emissary, person=choi, role="actor", order=1), essay)

    eternal = _film(
        "eternal_comrades",
        "Eternal Comrades-In-Arms",
        1985,
        ["KP", "SU"],
        essay=essay,
        genres=["war"],
    )
    _row(f.FilmStudioFactory(film=eternal, studio=korean, role="co-producer"), essay)
    _coproduction(eternal, essay, [(mosfilm, "SU")])

    thaw = _film("thaw", "Thaw", 1985, ["JP", "KP"], essay=essay)
    _row(f.FilmTitleFactory(film=thaw, title="Snow Melts in Spring", kind="literal"), essay)
    _row(f.CreditFactory(film=thaw, person=rim, role="director"), essay)
    _row(f.CreditFactory(film=thaw, person=ko, role="actor", order=1), essay)
    _row(f.FilmStudioFactory(film=thaw, studio=korean, role="co-producer"), essay)
    _coproduction(thaw, essay, [(chongryon_films, "JP")])

    pulgasari = _film(
        "pulgasari",
        "Pulgasari",
        1986,
        ["JP", "KP"],
        essay=essay,
        genres=["action", "fantasy", "monster"],
    )
    f.cited(
        pulgasari,
        "year",
        source=listicle,
        value="1985",
        rank=Rank.NORMAL,
        locator="Pulgasari (1985)",
    )
    for title, kind, script, romanization in (
        ("불가사리", "original", "Hang", ""),
        ("Bulgasari", "romanized", "Latn", "rr"),
    ):
        _row(
            f.FilmTitleFactory(
                film=pulgasari,
                title=title,
                language="ko",
                kind=kind,
                script=script,
                romanization=romanization,
            ),
            essay,
        )
    _row(f.CreditFactory(film=pulgasari, person=shin, role="director"), essay)
    _row(f.CreditFactory(film=pulgasari, person=satsuma, role="suit-performer", order=1), listicle)
    _row(f.CreditFactory(film=pulgasari, person=satsuma, role="adviser", order=2), listicle)
    _row(f.FilmStudioFactory(film=pulgasari, studio=toho, role="co-producer"), essay)
    _coproduction(pulgasari, essay, [(toho, "JP")])

    spring = _film("from_spring", "From Spring to Summer", 1988, ["KP", "SU"], essay=essay)
    _row(f.FilmStudioFactory(film=spring, studio=korean, role="co-producer"), essay)
    _coproduction(spring, essay, [(mosfilm, "SU")])

    shore = _film("shore_of_rescue", "The Shore of Rescue", 1990, ["KP", "SU"], essay=essay)
    _coproduction(shore, essay, [(None, "SU")])

    bird = _film("bird", "Bird", 1992, ["JP", "KP"], essay=essay, synopsis="A bird story.")
    _row(f.CreditFactory(film=bird, person=rim, role="director"), essay)
    _coproduction(bird, essay, [(None, "JP")])

    somi = _film(
        "somi",
        "Somi – the Taekwon-do Woman",
        1997,
        ["KP"],
        essay=essay,
        slug="somi-the-taekwon-do-woman",
    )
    _row(f.FilmStudioFactory(film=somi, studio=korean, role="co-producer"), essay)

    meet = _film("meet_in_pyongyang", "Meet in Pyongyang", 2012, ["CN", "KP"], essay=essay)
    _row(
        f.FilmTitleFactory(
            film=meet,
            title="Pingrang zhi yue",
            language="zh",
            script="Latn",
            romanization="pinyin",
            kind="release",
        ),
        book,
    )
    _row(f.FilmTitleFactory(film=meet, title="Promise in P'yongyang"), book)
    _coproduction(meet, essay, [(None, "CN")])

    big_bang = _film("big_bang", "Big Bang in Pyongyang", 2014, ["KP", "US"], essay=listicle)
    _row(f.CreditFactory(film=big_bang, person=rodman, role="self"), listicle)

    ambitious = _film("ambitious_girl", "An Ambitious Girl", None, ["KP"], essay=essay)
    _row(f.CreditFactory(film=ambitious, person=rim, role="director"), essay)

    no_love = _film("no_love", "If There Is No Love", None, ["KP"], essay=essay)
    coproduction = _coproduction(no_love, essay, [(None, "CN")], standing="announced")
    f.cited(coproduction, "standing", source=listicle, value="unknown", rank=Rank.NORMAL)

    # Festivals.
    karlovy = f.FestivalFactory(
        name="Karlovy Vary International Film Festival",
        slug="karlovy-vary",
        city="Karlovy Vary",
        country=f.country("CZ"),
    )
    f.cited(karlovy, "name", source=book)
    f.cited(karlovy, "city", source=book)
    f.cited(karlovy, "country", source=book)
    _keep("karlovy_vary", karlovy)
    for year, film, award in ((None, flower_girl, "Special Prize"), (1984, thaw, "")):
        edition = _row(f.FestivalEditionFactory(festival=karlovy, year=year), book)
        _row(
            f.FestivalEntryFactory(
                edition=edition, film=film, award=award, result="won" if award else "screened"
            ),
            book,
        )


class World:
    """The world's records, read afresh from the database: ``world.pulgasari``."""

    def __getattr__(self, name):
        try:
            label, slug = RECORDS[name]
        except KeyError:
            raise AttributeError(name) from None
        return apps.get_model(label).objects.get(slug=slug)

    def slug(self, name):
        return RECORDS[name][1]
