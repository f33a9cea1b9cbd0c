"""factory_boy factories for every kind of record and row, and a helper for a cited fact.

Records are published unless a test asks for a draft (``status=Status.DRAFT``); slugs and
names are numbered so that any number can be made. A test names what it needs and lets the
rest default::

    film = FilmFactory(title="Pulgasari", year=1986)
    CreditFactory(film=film, person__name="Shin Sang-ok", role="director")
    cited(film, "year", source=SourceFactory(), value="1985", rank=Rank.NORMAL)
"""

import functools

import factory
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
    Source,
    Status,
)
from coproductions.models import CoProduction, FilmStudio, Partner, Studio, StudioName
from people.models import Credit, Person, PersonName
from search.index import deferred


def many():
    """Make many records at once: the search index takes in the films they touch once, on
    the way out, not after every save (as a bulk load does)."""
    return deferred()


def at_once(build):
    """A function that builds many records, inside ``many()``."""

    @functools.wraps(build)
    def building(*args, **kwargs):
        with many():
            return build(*args, **kwargs)

    return building


class _Factory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True  # post-generation adds rows; the record is saved once

    @classmethod
    def create_batch(cls, size, **kwargs):
        with many():
            return super().create_batch(size, **kwargs)


def _slug_of(field):
    """A slug made from the record's name or title, so records read as themselves."""
    return factory.LazyAttribute(lambda o: slugify(getattr(o, field)) or "record")


def _many(name):
    """A post-generation hook that sets a many-to-many field from a list, if one is given."""

    def hook(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, name).set(extracted)

    hook.__name__ = name
    return factory.PostGeneration(hook)


# -- reference --------------------------------------------------------------------------


class CountryFactory(_Factory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    name = factory.LazyAttribute(lambda o: f"Country {o.code}")


KNOWN_COUNTRIES = {
    "KP": "North Korea",
    "KR": "South Korea",
    "JP": "Japan",
    "SU": "Soviet Union",
    "CN": "China",
    "IT": "Italy",
    "FR": "France",
    "GB": "United Kingdom",
    "BE": "Belgium",
    "CZ": "Czech Republic",
    "US": "United States",
}


def country(code):
    """The country with ``code``, named as people know it (North Korea, Japan…)."""
    return CountryFactory(code=code, name=KNOWN_COUNTRIES.get(code, f"Country {code}"))


class GenreFactory(_Factory):
    class Meta:
        model = Genre
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Genre {n}")
    slug = _slug_of("name")


class SourceFactory(_Factory):
    class Meta:
        model = Source
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"A test article {n}")
    slug = _slug_of("title")
    kind = Source.Kind.ARTICLE
    authors = factory.LazyFunction(lambda: ["Tester, Ada"])


# -- films ------------------------------------------------------------------------------


class FilmFactory(_Factory):
    class Meta:
        model = Film

    title = factory.Sequence(lambda n: f"Film {n}")
    slug = _slug_of("title")
    status = Status.PUBLISHED
    genres = _many("genres")
    countries = _many("countries")


class FilmTitleFactory(_Factory):
    class Meta:
        model = FilmTitle

    film = factory.SubFactory(FilmFactory)
    title = factory.Sequence(lambda n: f"Another title {n}")
    language = "en"
    kind = FilmTitle.Kind.ALTERNATIVE


# -- people -----------------------------------------------------------------------------


class PersonFactory(_Factory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = _slug_of("name")
    status = Status.PUBLISHED


class PersonNameFactory(_Factory):
    """A name variant of a person."""

    class Meta:
        model = PersonName

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Variant {n}")
    kind = PersonName.Kind.SPELLING


class CreditFactory(_Factory):
    class Meta:
        model = Credit

    film = factory.SubFactory(FilmFactory)
    person = factory.SubFactory(PersonFactory)
    role = "actor"


# -- studios and co-productions ---------------------------------------------------------


class StudioFactory(_Factory):
    class Meta:
        model = Studio

    name = factory.Sequence(lambda n: f"Studio {n}")
    slug = _slug_of("name")
    kind = Studio.Kind.PRODUCTION_COMPANY
    status = Status.PUBLISHED


class StudioNameFactory(_Factory):
    class Meta:
        model = StudioName

    studio = factory.SubFactory(StudioFactory)
    name = factory.Sequence(lambda n: f"Studio name {n}")
    kind = StudioName.Kind.FORMER


class FilmStudioFactory(_Factory):
    """A studio's part in a film."""

    class Meta:
        model = FilmStudio

    film = factory.SubFactory(FilmFactory)
    studio = factory.SubFactory(StudioFactory)
    role = FilmStudio.Role.PRODUCER


class CoProductionFactory(_Factory):
    class Meta:
        model = CoProduction
        django_get_or_create = ("film",)

    film = factory.SubFactory(FilmFactory)
    standing = CoProduction.Standing.APPROVED


class PartnerFactory(_Factory):
    """One side of a co-production; give a studio, a country, or both."""

    class Meta:
        model = Partner

    coproduction = factory.SubFactory(CoProductionFactory)


# -- festivals --------------------------------------------------------------------------


class FestivalFactory(_Factory):
    class Meta:
        model = Festival

    name = factory.Sequence(lambda n: f"Festival {n}")
    slug = _slug_of("name")
    status = Status.PUBLISHED


class FestivalEditionFactory(_Factory):
    class Meta:
        model = FestivalEdition
        django_get_or_create = ("festival", "year")

    festival = factory.SubFactory(FestivalFactory)
    year = 1986


class FestivalEntryFactory(_Factory):
    class Meta:
        model = FestivalEntry

    edition = factory.SubFactory(FestivalEditionFactory)
    film = factory.SubFactory(FilmFactory)


# -- claims and citations ---------------------------------------------------------------


class ClaimFactory(_Factory):
    """A claim about a field of a record (``field``) or about a whole row (field empty)."""

    class Meta:
        model = Claim

    subject = factory.SubFactory(FilmFactory)
    field = ""
    value = factory.LazyAttribute(lambda o: o.subject.claim_value(o.field) if o.field else "")
    rank = factory.LazyAttribute(lambda o: Rank.PREFERRED if o.field else Rank.NORMAL)


class CitationFactory(_Factory):
    class Meta:
        model = Citation

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    locator = "p. 1"


def cited(
    subject, field="", *, source=None, value=None, rank=None, locator="p. 1", quote="", note=""
):
    """A cited fact: a claim that ``subject.field`` has ``value`` (the record's own value by
    default; a whole row when ``field`` is empty), with one citation to ``source`` (a new
    source by default). Preferred unless ``rank`` says otherwise; a row claim is normal.
    Returns the claim."""
    fields = {"subject": subject, "field": field, "note": note}
    if value is not None:
        fields["value"] = value
    if rank is not None:
        fields["rank"] = rank
    claim = ClaimFactory(**fields)
    CitationFactory(claim=claim, source=source or SourceFactory(), locator=locator, quote=quote)
    return claim
