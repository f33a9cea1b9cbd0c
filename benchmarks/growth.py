"""Grow the collection to a given number of films with the curated data's own shape.

Measured on the curated collection, per film: 1.85 titles, 2.07 credits, 0.37 studio links,
0.81 genres, 0.93 countries, 23 claims and 41 citations (counted over every record: a film's
own facts, its rows', and those of its people and studios). The synthetic films keep those
ratios, with:

- people and studios picked on a power law (a few with thousands of credits, most with one
  or none), Korean names in their real proportions (Kim, Ri, Pak… so that ``q=kim`` finds a
  realistic share), a few Japanese, Soviet, Chinese and European ones for co-productions,
  and romanization variants as name rows;
- co-productions on about 30% of the films, with a North Korean and a foreign partner
  (Japan, the Soviet Union, China, Italy, France, Britain…), some with a foreign studio;
- festival entries, shooting locations, years from 1945 to 2024;
- every fact cited by one to three citations, except 1% of the claims (so some films need a
  citation), and a few disputed fields (a competing year or title);
- a share of drafts: films, people and studios.

Rows are written straight into the base tables in batches — PostgreSQL's COPY, SQLite's
``executemany`` — never one ``save()`` per row, and no signals run: ``manage.py
rebuild_search_keys`` then rebuilds the derived data. The records' search keys are computed
here all the same (by ``search.keys``), so the collection is searchable as written.
"""

import bisect
import functools
import itertools
import random
import time
from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils.text import slugify

from catalog.models import (
    Citation,
    Claim,
    Country,
    Festival,
    FestivalEdition,
    FestivalEntry,
    Film,
    FilmTitle,
    Genre,
    Rank,
    ShootingLocation,
    Source,
    Status,
)
from coproductions.models import (
    Contribution,
    CoProduction,
    FilmStudio,
    Partner,
    Studio,
    StudioName,
)
from people.models import Credit, Person, PersonName, Role
from search.keys import search_key as key_of_names

BATCH = 50_000  # rows held per table before they are written

# Korean family names, with their share of the population (percent), and other spellings.
FAMILY_NAMES = [
    ("Kim", 21.5, ["Gim"]), ("Ri", 14.7, ["Lee", "Yi", "Rhee"]), ("Pak", 8.4, ["Park", "Bak"]),
    ("Choe", 4.7, ["Choi"]), ("Jong", 4.3, ["Jeong", "Chung"]), ("Kang", 2.3, ["Gang"]),
    ("Jo", 2.1, ["Cho"]), ("Yun", 2.1, ["Yoon"]), ("Jang", 2.0, ["Chang"]),
    ("Rim", 1.7, ["Lim", "Im"]), ("Han", 1.5, []), ("O", 1.5, ["Oh"]), ("So", 1.2, ["Seo"]),
    ("Sin", 1.2, ["Shin"]), ("Kwon", 1.4, ["Gwon"]), ("Hwang", 1.4, []), ("An", 1.4, ["Ahn"]),
    ("Song", 1.3, []), ("Ryu", 1.2, ["Yu", "Yoo"]), ("Jon", 1.1, ["Jeon", "Chun"]),
    ("Hong", 1.1, []), ("Ko", 0.9, ["Go"]), ("Mun", 0.9, ["Moon"]), ("Yang", 0.9, []),
    ("Son", 0.9, ["Sohn"]), ("Pae", 0.8, ["Bae"]), ("Paek", 0.7, ["Baek"]), ("Ho", 0.7, ["Heo"]),
    ("Nam", 0.6, []), ("Sim", 0.5, ["Shim"]), ("No", 0.4, ["Noh", "Roh"]), ("Ha", 0.4, []),
    ("Kwak", 0.4, ["Gwak"]), ("Cha", 0.4, []), ("Ju", 0.4, ["Joo"]), ("Min", 0.3, []),
    ("Chae", 0.3, []), ("Pyon", 0.3, ["Byeon"]), ("Tak", 0.1, []), ("Kye", 0.1, ["Gye"]),
]  # fmt: skip
GIVEN = [
    "chol", "su", "yong", "il", "song", "hui", "ok", "sun", "myong", "gwang", "chun", "nam",
    "jin", "hyok", "kyong", "ae", "bom", "chang", "dok", "gun", "ho", "hyon", "in", "mi",
    "ryon", "sik", "sok", "un", "yon", "hwa", "hak", "man", "ung", "pil", "sam", "ryong",
    "jun", "hun", "sung", "gil", "dong", "ran", "hye", "hyang", "ju", "mo", "se", "bong",
]  # fmt: skip
# Revised Romanization of the syllables above that it spells differently.
REVISED = {
    "chol": "cheol", "yong": "yeong", "song": "seong", "myong": "myeong", "kyong": "gyeong",
    "hyon": "hyeon", "ryon": "ryeon", "yon": "yeon", "dok": "deok", "gun": "geun",
    "hyok": "hyeok", "sok": "seok", "un": "eun", "sung": "seung", "chun": "cheon",
}  # fmt: skip
FOREIGN_NAMES = {
    "JP": (["Tanaka", "Suzuki", "Kimura", "Sato", "Yamada", "Nakamura", "Ito"],
           ["Hiroshi", "Kenji", "Yoko", "Takeshi", "Akira", "Keiko"]),
    "SU": (["Ivanov", "Petrov", "Smirnov", "Volkov", "Sokolov"],
           ["Sergei", "Anna", "Mikhail", "Yuri", "Olga"]),
    "CN": (["Wang", "Li", "Zhang", "Liu", "Chen"], ["Wei", "Fang", "Jun", "Lan", "Ming"]),
    "IT": (["Rossi", "Bianchi", "Romano"], ["Marco", "Giulia", "Paolo"]),
    "FR": (["Martin", "Bernard", "Dubois"], ["Jean", "Claire", "Luc"]),
    "GB": (["Smith", "Jones", "Taylor"], ["James", "Sarah", "Nicholas"]),
}  # fmt: skip
# Partner countries of co-productions, with weights.
PARTNER_COUNTRIES = [
    ("JP", 30), ("SU", 20), ("CN", 20), ("FR", 7), ("IT", 5), ("GB", 5), ("CS", 4), ("DE", 3),
    ("BE", 3), ("PL", 3),
]  # fmt: skip

ADJECTIVES = [
    "Red", "Eternal", "Unsung", "Golden", "Bright", "Distant", "Blue", "Young", "Burning",
    "Silent", "Flowering", "Loyal", "Brave", "Morning", "Last", "First", "Blooming", "Great",
    "Hidden", "Faithful", "White", "Sacred", "Endless", "Rising",
]  # fmt: skip
NOUNS = [
    "Flower", "Star", "River", "Mountain", "Song", "Sea", "Field", "Road", "Spring", "Village",
    "Heroes", "Family", "Destiny", "Bride", "Wind", "Echo", "Front", "Harvest", "Sun", "Shore",
    "Forest", "Fortress", "Letter", "Daughter", "Girl", "Soldier", "Comrade", "Bell", "Bridge",
    "Path", "Promise", "Dawn", "Winter", "Blood", "Mother", "Teacher", "Sword", "Ship",
]  # fmt: skip
PLACES = [
    "Korea", "Mount Paektu", "the Taedong", "Pyongyang", "Kaesong", "the Front", "the Homeland",
    "Wonsan", "Hamhung", "Chongjin", "Sinuiju", "Nampho", "Kumgang", "the Yalu", "Myohyang",
]  # fmt: skip
# Syllables of romanized Korean titles (McCune–Reischauer without its marks).
TITLE_SYLLABLES = [
    "kkot", "pa", "nun", "cho", "nyo", "pi", "ba", "da", "pyol", "san", "gang", "na", "ra",
    "sa", "rang", "ma", "ul", "o", "mo", "ni", "to", "ri", "gi", "ul", "pom", "ba", "ram",
    "hyang", "gi", "mun", "hak", "chon", "ji", "dal", "haen", "bok", "yong", "ung", "son",
]  # fmt: skip
STUDIO_KINDS = ["Feature Film Studio", "Documentary Film Studio", "Film Studio", "Science "
                "and Educational Film Studio", "Children's Film Studio", "Film Distribution "
                "Company", "Art Troupe", "Broadcasting Committee"]  # fmt: skip
FESTIVAL_CITIES = [
    ("Moscow", "SU"),
    ("Tashkent", "SU"),
    ("Karlovy Vary", "CS"),
    ("Leipzig", "DE"),
    ("Berlin", "DE"),
    ("Venice", "IT"),
    ("Pesaro", "IT"),
    ("Nantes", "FR"),
    ("Paris", "FR"),
    ("London", "GB"),
    ("Edinburgh", "GB"),
    ("Krakow", "PL"),
    ("Beijing", "CN"),
    ("Shanghai", "CN"),
    ("Tokyo", "JP"),
    ("Osaka", "JP"),
    ("Brussels", "BE"),
    ("Rotterdam", "NL"),
    ("Manila", "PH"),
    ("Busan", "KR"),
]
LOCATIONS = [
    "Pyongyang", "Mount Paektu", "Kaesong", "Wonsan", "the Kumgang mountains", "Hamhung",
    "Chongjin", "Sinuiju", "Nampho", "Mount Myohyang", "the Korean Film Studio lot", "Haeju",
    "Sariwon", "Rason", "Hyesan", "Kanggye", "the Taedong river", "the West Sea barrage",
]  # fmt: skip
SYNOPSIS = (
    "A story of {a} {b} in {p}, told through the lives of one family over a generation; "
    "a synthetic record grown for the benchmark."
)


@functools.lru_cache(maxsize=200_000)
def name_segments(name):
    """The segments of one name's search key (names repeat: computed once each)."""
    return tuple(key_of_names([name]).strip("|").split("|")) if name else ()


def search_key(names):
    """``search.keys.search_key(names)``, from each name's cached segments: the key is every
    name's segments in order, each once, between bars."""
    segments = dict.fromkeys(s for name in names for s in name_segments(name) if s)
    return "|" + "|".join(segments) + "|" if segments else ""


def weighted(pairs):
    """A sampler for (value, weight) pairs: ``sample(rng)`` picks one value."""
    values = [value for value, _ in pairs]
    cumulative = list(itertools.accumulate(weight for _, weight in pairs))
    total = cumulative[-1]

    def sample(rng):
        return values[bisect.bisect(cumulative, rng.random() * total)]

    return sample


def power_law(items, exponent):
    """A sampler picking item i (from 1) with weight 1 / i^exponent: a few very frequent."""
    return weighted([(item, 1 / (rank + 1) ** exponent) for rank, item in enumerate(items)])


PARTNER_COUNTRY = weighted(PARTNER_COUNTRIES)
FOREIGN_NAME_COUNTRY = weighted([(c, w) for c, w in PARTNER_COUNTRIES if c in FOREIGN_NAMES])
FILM_KIND = weighted(
    [("feature", 70), ("documentary", 15), ("animation", 7), ("short", 5), ("series", 3)]
)
GENRE_COUNT = weighted([(0, 30), (1, 59), (2, 11)])  # 0.81 genres per film
TITLE_COUNT = weighted([(1, 35), (2, 45), (3, 20)])  # 1.85 titles per film
LOCATION_COUNT = weighted([(0, 55), (1, 30), (2, 15)])
CREDIT_COUNT = weighted([(0, 6), (1, 32), (2, 30), (3, 17), (4, 9), (5, 6)])  # about 2.07
CREDIT_ROLE = weighted(
    [(Role.ACTOR, 40), (Role.CO_DIRECTOR, 12), (Role.WRITER, 15), (Role.CINEMATOGRAPHER, 10),
     (Role.COMPOSER, 10), (Role.PRODUCER, 8), (Role.OTHER, 5)]
)  # fmt: skip
STUDIO_COUNT = weighted([(0, 69), (1, 25), (2, 6)])  # 0.37 studio links per film
STUDIO_ROLE = weighted(
    [("producer", 50), ("co-producer", 30), ("facilities", 10), ("distributor", 10)]
)
STANDING = weighted(
    [("approved", 60), ("unknown", 15), ("disowned", 5), ("unreleased", 5), ("shelved", 5),
     ("announced", 10)]
)  # fmt: skip


class Table:
    """Rows of one model's table, held in memory and written in batches."""

    def __init__(self, model, database):
        self.model = model
        self.database = database
        self.table = model._meta.db_table
        self.fields = [f for f in model._meta.concrete_fields]
        self.columns = [f.column for f in self.fields]
        self.defaults = {}
        now = datetime.now(UTC)
        for field in self.fields:
            if field.primary_key:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.defaults[field.attname] = now
            else:  # its default; else None if it can be null, else "" (text fields)
                self.defaults[field.attname] = field.get_default()
        assert self.fields[0].primary_key
        self.plan = [
            (f.attname, self.defaults[f.attname], f if isinstance(f, models.JSONField) else None)
            for f in self.fields[1:]
        ]
        self.rows = []
        self.written = 0
        self.next_id = (model._base_manager.aggregate(models.Max("pk"))["pk__max"] or 0) + 1

    def add(self, **values):
        """Queue a row; returns its id (given ids are kept)."""
        pk = values.pop("id", None)
        if pk is None:
            pk = self.next_id
            self.next_id += 1
        row = [pk]
        for attname, default, field in self.plan:
            value = values.get(attname, default)
            if field is not None:  # JSON: as the database takes it
                value = field.get_db_prep_value(value, connection)
            row.append(value)
        self.rows.append(row)
        return pk

    def flush(self):
        if not self.rows:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
                with cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
                cursor.executemany(
                    f"INSERT INTO {self.table} ({columns}) VALUES ({marks})", self.rows
                )
        self.written += len(self.rows)
        self.rows = []


class Grower:
    """Writes the synthetic records; ``grow(total)`` is the one entry point."""

    def __init__(self, seed=1948):
        self.rng = random.Random(seed)
        models_in_order = [
            Source, Person, PersonName, Studio, StudioName, Festival, FestivalEdition, Film,
            Film.genres.through, Film.countries.through, FilmTitle, ShootingLocation, Credit,
            FilmStudio, CoProduction, Partner, FestivalEntry, Claim, Citation,
        ]  # fmt: skip
        self.tables = {model: Table(model, connection) for model in models_in_order}
        self.types = {
            model: ContentType.objects.get_for_model(model).pk
            for model in models_in_order
            if not model._meta.auto_created
        }
        self.sources = list(Source.objects.values_list("pk", flat=True))
        self.countries = dict(Country.objects.values_list("code", "pk"))
        self.genres = list(Genre.objects.values_list("slug", "pk"))

    # Writing ------------------------------------------------------------------------
    def add(self, model, **values):
        table = self.tables[model]
        pk = table.add(**values)
        if len(table.rows) >= BATCH:
            self.flush()
        return pk

    def flush(self):
        """Write every table's rows, records before the rows that point at them."""
        for table in self.tables.values():
            table.flush()

    def claim(self, model, pk, field="", value="", rank=None, cited=True):
        """A claim about ``model`` ``pk`` (a field's value, or the row), with 1–3 citations;
        1% of claims are left uncited."""
        if rank is None:
            rank = Rank.NORMAL if field == "" else Rank.PREFERRED
        claim = self.add(
            Claim,
            content_type_id=self.types[model],
            object_id=pk,
            field=field,
            value=value,
            rank=rank,
        )
        if not cited or self.rng.random() < 0.01:
            return claim
        rng = self.rng
        for n in range(self.citations_per_claim(rng)):
            self.add(
                Citation,
                claim_id=claim,
                source_id=self.source(rng),
                locator=f"p. {rng.randint(1, 400)}" if n == 0 else f"ch. {rng.randint(1, 30)}",
                quote="",
                note="",
            )
        return claim

    def facts(self, model, pk, values):
        """The row claim and a preferred claim for each field with a value."""
        self.claim(model, pk)
        for field, value in values.items():
            if value not in (None, ""):
                self.claim(model, pk, field, str(value))

    def numbers(self, model, count):
        """Numbers for ``count`` new records' slugs: their ids-to-be, so never used before."""
        start = self.tables[model].next_id
        return range(start, start + count)

    # Names --------------------------------------------------------------------------
    def korean_name(self):
        family, _, others = self.family(self.rng)
        given = self.rng.sample(GIVEN, 2)
        return family, given, others

    # The collection -----------------------------------------------------------------
    def grow(self, total, log=print):
        """Add films until the collection has ``total``; returns counts and seconds."""
        started = time.perf_counter()
        existing = Film.objects.count()
        count = max(0, total - existing)
        self.family = weighted([((n, w, v), w) for n, w, v in FAMILY_NAMES])
        self.citations_per_claim = weighted([(1, 35), (2, 50), (3, 15)])
        self.add_sources(max(10, count // 100))
        self.source = power_law(self.sources, 0.8)
        people = self.add_people(int(count * 1.67))
        foreign_people = {code: ids for code, ids in people.items() if code != "KP"}
        self.person = power_law(people["KP"], 0.75)
        self.foreign_person = {c: power_law(ids, 0.75) for c, ids in foreign_people.items()}
        studios = self.add_studios(max(40, count // 10))
        self.studio = power_law(studios["KP"], 0.9)
        self.foreign_studio = {c: power_law(ids, 0.9) for c, ids in studios.items() if ids}
        self.festivals = self.add_festivals(20 + count // 2000)
        self.flush()
        log(f"  people, studios, festivals and sources: {time.perf_counter() - started:.0f} s")
        self.editions = {
            (festival, year): pk
            for pk, festival, year in FestivalEdition.objects.values_list("pk", "festival", "year")
        }
        for done, n in enumerate(self.numbers(Film, count)):
            self.add_film(n)
            if done and done % 20_000 == 0:
                log(f"  {done} films: {time.perf_counter() - started:.0f} s")
        self.flush()
        written = {
            model._meta.label: table.written
            for model, table in self.tables.items()
            if table.written
        }
        return written

    def add_sources(self, count):
        for n in self.numbers(Source, count):
            family, given, _ = self.korean_name()
            title = f"{self.rng.choice(ADJECTIVES)} {self.rng.choice(NOUNS)}: notes on film, {n}"
            authors = [f"{family}, {given[0].capitalize()}-{given[1]}"]
            pk = self.add(
                Source,
                slug=f"bench-source-{n}",
                kind=self.rng.choice(["book", "article", "article", "interview", "web-page"]),
                authors=authors,
                title=title,
                date=str(self.rng.randint(1950, 2024)),
                search_key=search_key([title, *authors]),
            )
            self.sources.append(pk)

    def add_people(self, count):
        """People, most Korean; returns their ids by nationality, in power-law order."""
        rng = self.rng
        found = {"KP": []}
        for n in self.numbers(Person, count):
            foreign = rng.random() < 0.06
            variants = []
            if foreign:
                code = FOREIGN_NAME_COUNTRY(rng)
                families, givens = FOREIGN_NAMES[code]
                name = f"{rng.choice(families)} {rng.choice(givens)}"
            else:
                code = "KP"
                family, (first, second), others = self.korean_name()
                name = f"{family} {first.capitalize()}-{second}"
                if rng.random() < 0.55:  # curated: 0.55 name variants per person
                    spelled = rng.choice(others) if others else family
                    variant = (
                        f"{spelled} {REVISED.get(first, first).capitalize()}"
                        f"{REVISED.get(second, second)}"
                    )
                    if variant != name:
                        variants.append(variant)
            status = Status.DRAFT if rng.random() < 0.03 else Status.PUBLISHED
            birth = rng.randint(1900, 1990) if rng.random() < 0.4 else None
            death = birth + rng.randint(30, 70) if birth and rng.random() < 0.5 else None
            if death and death > 2024:
                death = None
            bio = "A synthetic person grown for the benchmark." if rng.random() < 0.6 else ""
            pk = self.add(
                Person,
                slug=f"{slugify(name)}-{n}",
                name=name,
                status=status,
                birth_year=birth,
                death_year=death,
                nationality_id=self.countries.get(code),
                bio=bio,
                search_key=search_key([name, *variants]),
            )
            self.facts(
                Person,
                pk,
                {
                    "name": name,
                    "bio": bio,
                    "nationality": code,
                    "birth_year": birth,
                    "death_year": death,
                },
            )
            for variant in variants:
                row = self.add(PersonName, person_id=pk, name=variant, kind="romanization")
                self.claim(PersonName, row)
            found.setdefault(code, []).append(pk)
        return found

    def add_studios(self, count):
        """Studios, most North Korean; returns their ids by country, in power-law order."""
        rng = self.rng
        found = {"KP": []}
        for n in self.numbers(Studio, count):
            code = "KP" if rng.random() < 0.7 else PARTNER_COUNTRY(rng)
            if code == "KP":
                place = rng.choice(PLACES).removeprefix("the ")
                name = f"{place} {rng.choice(STUDIO_KINDS)} No. {n}"
            else:
                family = rng.choice(FOREIGN_NAMES.get(code, (["Nova"], []))[0])
                name = f"{family} {rng.choice(['Films', 'Pictures', 'Productions'])} {n}"
            kind = "state-studio" if code == "KP" else "production-company"
            status = Status.DRAFT if rng.random() < 0.02 else Status.PUBLISHED
            variants = [f"{name} (former name)"] if rng.random() < 0.2 else []
            pk = self.add(
                Studio,
                slug=f"{slugify(name)}",
                name=name,
                kind=kind,
                status=status,
                country_id=self.countries.get(code),
                search_key=search_key([name, *variants]),
            )
            self.facts(Studio, pk, {"name": name, "kind": kind, "country": code})
            for variant in variants:
                row = self.add(StudioName, studio_id=pk, name=variant, kind="former")
                self.claim(StudioName, row)
            found.setdefault(code, []).append(pk)
        return found

    def add_festivals(self, count):
        rng = self.rng
        found = list(Festival.objects.published().values_list("pk", flat=True))
        for n in self.numbers(Festival, count):
            city, code = FESTIVAL_CITIES[n % len(FESTIVAL_CITIES)]
            name = f"{city} {rng.choice(['International', 'Film', 'Documentary'])} Festival {n}"
            pk = self.add(
                Festival,
                slug=slugify(name),
                name=name,
                city=city,
                country_id=self.countries.get(code),
                status=Status.PUBLISHED,
                search_key=search_key([name, city]),
            )
            self.facts(Festival, pk, {"name": name, "city": city, "country": code})
            found.append(pk)
        return found

    def edition(self, festival, year):
        key = (festival, year)
        if key not in self.editions:
            pk = self.add(FestivalEdition, festival_id=festival, year=year)
            self.claim(FestivalEdition, pk)
            self.editions[key] = pk
        return self.editions[key]

    def english_title(self):
        rng = self.rng
        adjective, noun, other = rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(NOUNS)
        pattern = rng.randrange(6)
        if pattern == 0:
            return f"The {adjective} {noun}"
        if pattern == 1:
            return f"{noun} of {rng.choice(PLACES)}"
        if pattern == 2:
            return f"The {noun} of the {other}"
        if pattern == 3:
            return f"{adjective} {noun}"
        if pattern == 4:
            return f"A {noun} in {rng.choice(PLACES)}"
        return f"{noun} and {other}"

    def korean_title(self):
        rng = self.rng
        words = (
            "".join(rng.choice(TITLE_SYLLABLES) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(1, 3))
        )
        return " ".join(word.capitalize() for word in words)

    def hangul(self):
        rng = self.rng
        return " ".join(
            "".join(chr(0xAC00 + rng.randrange(11172)) for _ in range(rng.randint(2, 3)))
            for _ in range(rng.randint(1, 3))
        )

    def add_film(self, n):
        rng = self.rng
        title = self.english_title()
        year = min(2024, max(1945, int(rng.gauss(1982, 17))))
        kind = FILM_KIND(rng)
        original = self.hangul() if rng.random() < 0.8 else ""
        coproduction = rng.random() < 0.3
        partner = PARTNER_COUNTRY(rng) if coproduction else None
        # North Korean cinema, as the curated films cited for context are not multiplied
        scope = "coproduction" if coproduction else "production"
        countries = []
        roll = rng.random()
        if roll < 0.88:
            countries.append("KP")
        if partner and rng.random() < 0.17:
            countries.append(partner)  # ~0.93 production countries per film in all
        countries = [c for c in countries if c in self.countries]
        genre_count = GENRE_COUNT(rng)
        genres = rng.sample(self.genres, genre_count)
        runtime = rng.randint(60, 150) if rng.random() < 0.5 else None
        colour = rng.choice(["colour", "black-and-white"]) if rng.random() < 0.4 else ""
        synopsis = (
            SYNOPSIS.format(
                a=rng.choice(ADJECTIVES).lower(), b=rng.choice(NOUNS).lower(), p=rng.choice(PLACES)
            )
            if rng.random() < 0.6
            else ""
        )
        titles = [("romanized", "ko", self.korean_title())]
        title_count = TITLE_COUNT(rng)
        if title_count > 1:
            titles.append(("alternative", "en", self.english_title()))
        if title_count > 2:
            titles.append(rng.choice([("romanized", "ja", ""), ("romanized", "ru", ""),
                                      ("release", "fr", "")]))  # fmt: skip
            titles[-1] = (*titles[-1][:2], self.korean_title())
        status = Status.DRAFT if rng.random() < 0.03 else Status.PUBLISHED
        pk = self.add(
            Film,
            slug=f"{slugify(title)}-{year}-{n}",
            title=title,
            original_title=original,
            year=year,
            kind=kind,
            scope=scope,
            runtime=runtime,
            colour=colour,
            synopsis=synopsis,
            status=status,
            # the names in the order Film.search_names reads them (FilmTitle's ordering)
            search_key=search_key([title, original, *(t for _, _, t in sorted(titles))]),
        )
        self.facts(
            Film,
            pk,
            {
                "title": title,
                "original_title": original,
                "year": year,
                "kind": kind,
                "scope": scope,
                "runtime": runtime,
                "colour": colour,
                "synopsis": synopsis,
                "countries": ",".join(sorted(countries)),
                "genres": ",".join(sorted(slug for slug, _ in genres)),
            },
        )
        roll = rng.random()
        if roll < 0.04:  # a few disputed fields: a competing year, or a competing title
            self.claim(Film, pk, "year", str(year + rng.choice([-1, 1])), Rank.NORMAL)
        elif roll < 0.06:
            self.claim(Film, pk, "title", self.english_title(), Rank.NORMAL)
        elif roll < 0.062:
            self.claim(Film, pk, "year", str(year + 2), Rank.DEPRECATED)
        for code in countries:
            self.add(Film.countries.through, film_id=pk, country_id=self.countries[code])
        for _, genre in genres:
            self.add(Film.genres.through, film_id=pk, genre_id=genre)
        for kind_, language, text in titles:
            row = self.add(FilmTitle, film_id=pk, title=text, language=language, kind=kind_)
            self.claim(FilmTitle, row)
        for place in rng.sample(LOCATIONS, LOCATION_COUNT(rng)):
            row = self.add(ShootingLocation, film_id=pk, place=place)
            self.claim(ShootingLocation, row)
        self.add_credits(pk, partner)
        self.add_studio_links(pk)
        if coproduction:
            self.add_coproduction(pk, partner)
        if rng.random() < (0.5 if coproduction else 0.15):
            festival = rng.choice(self.festivals)
            edition = self.edition(festival, min(2024, year + rng.choice([0, 0, 1])))
            result = rng.choice(["screened", "screened", "nominated", "won"])
            row = self.add(
                FestivalEntry,
                edition_id=edition,
                film_id=pk,
                result=result,
                award="Best Film" if result in ("won", "nominated") else "",
            )
            self.claim(FestivalEntry, row)

    def add_credits(self, film, partner):
        rng = self.rng
        count = CREDIT_COUNT(rng)
        seen = set()
        for order in range(count):
            role = Role.DIRECTOR if order == 0 else CREDIT_ROLE(rng)
            if partner in self.foreign_person and rng.random() < 0.25:
                person = self.foreign_person[partner](rng)
            else:
                person = self.person(rng)
            if (person, role) in seen:
                continue
            seen.add((person, role))
            row = self.add(Credit, film_id=film, person_id=person, role=role, order=order)
            self.claim(Credit, row)

    def add_studio_links(self, film):
        rng = self.rng
        seen = set()
        for _ in range(STUDIO_COUNT(rng)):
            studio = self.studio(rng)
            role = STUDIO_ROLE(rng)
            if (studio, role) in seen:
                continue
            seen.add((studio, role))
            row = self.add(FilmStudio, film_id=film, studio_id=studio, role=role)
            self.claim(FilmStudio, row)

    def add_coproduction(self, film, partner):
        rng = self.rng
        standing = STANDING(rng)
        coproduction = self.add(CoProduction, film_id=film, standing=standing)
        self.facts(CoProduction, coproduction, {"standing": standing})
        contributions = Contribution.values
        sides = [("KP", self.studio(rng) if rng.random() < 0.5 else None)]
        foreign = self.foreign_studio.get(partner)
        sides.append((partner, foreign(rng) if foreign and rng.random() < 0.4 else None))
        for code, studio in sides:
            if code not in self.countries:
                continue
            row = self.add(
                Partner,
                coproduction_id=coproduction,
                studio_id=studio,
                country_id=self.countries[code],
                contributions=rng.sample(contributions, rng.randint(1, 3)),
            )
            self.claim(Partner, row)


def reset_sequences():
    """Point the id sequences past the ids written (PostgreSQL; SQLite needs nothing)."""
    if connection.vendor != "postgresql":
        return
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def grow(total, log=print):
    """Grow the collection to ``total`` films; returns (rows written per table, seconds)."""
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        written = Grower().grow(total, log=log)  # COPY per batch, records before their rows
    else:
        with transaction.atomic():
            written = Grower().grow(total, log=log)
    reset_sequences()
    return written, time.perf_counter() - started
