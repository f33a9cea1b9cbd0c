"""Bad input gets a clear validation error in full_clean() (and so in the admin)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.models import Citation, Festival, Film, Genre, Source
from coproductions.models import CoProduction, Partner, Studio, StudioName
from people.models import Person
from tests import factories as f


@pytest.mark.parametrize("year", [1894, timezone.now().year + 2])
def test_film_year_outside_cinema_history_is_refused(db, year):
    film = Film(slug="too-early-or-late", title="Out of range", year=year)
    with pytest.raises(ValidationError) as error:
        film.full_clean()
    assert "is not a plausible year" in str(error.value.message_dict["year"])


def test_next_year_is_allowed_for_announced_films(db):
    Film(slug="announced", title="Announced", year=timezone.now().year + 1).full_clean()


def test_series_cannot_end_before_it_starts(db):
    film = Film(slug="series", title="Series", kind="series", year=1981, end_year=1979)
    with pytest.raises(ValidationError) as error:
        film.full_clean()
    assert "cannot come before" in error.value.message_dict["end_year"][0]


def test_duplicate_slug_is_a_validation_error_not_a_crash(db):
    f.FilmFactory(slug="pulgasari", title="Pulgasari")
    with pytest.raises(ValidationError) as error:
        Film(slug="pulgasari", title="Another Pulgasari").full_clean()
    assert "already exists" in error.value.message_dict["slug"][0]


def test_quote_longer_than_25_words_is_refused(db):
    film = f.FilmFactory()
    claim = f.cited(film, "title", source=f.SourceFactory())
    citation = Citation(claim=claim, source=claim.citations.first().source, locator="p. 2")
    citation.quote = " ".join(["word"] * 26)
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "at most 25 words" in error.value.message_dict["quote"][0]


def test_citation_needs_a_locator(db):
    film = f.FilmFactory()
    claim = f.cited(film, "title", source=f.SourceFactory())
    with pytest.raises(ValidationError) as error:
        Citation(claim=claim, source=Source.objects.get(), locator="").full_clean()
    assert "locator" in error.value.message_dict


@pytest.mark.parametrize("date", ["2012-13", "12 June 2012", "2012-06-32"])
def test_source_dates_must_be_iso_as_precise_as_known(db, date):
    source = Source(slug="dated", kind="article", title="Dated", date=date)
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "YYYY" in error.value.message_dict["date"][0]


def test_partial_source_dates_are_accepted(db):
    for date in ("2012", "2012-09", "2012-09-03"):
        Source(slug=f"d{date}", kind="article", title="Dated", date=date).full_clean()


def test_a_person_born_before_cinema_is_accepted(db):
    # Hong Myong-hui, whose novel became Rim Kkok Jong.
    writer = Person(slug="hong-myong-hui", name="Hong Myong-hui", birth_year=1888, death_year=1968)
    writer.full_clean()
    writer.save()


@pytest.mark.parametrize("field", ["birth_year", "death_year"])
def test_a_life_year_before_1800_or_in_the_future_is_refused(db, field):
    for year in (1799, timezone.now().year + 1):
        person = Person(slug="out-of-range", name="Out of range", **{field: year})
        with pytest.raises(ValidationError) as error:
            person.full_clean()
        assert "is not a plausible year" in error.value.message_dict[field][0]


def test_a_person_cannot_die_before_being_born(db):
    person = Person(slug="backwards", name="Backwards", birth_year=1950, death_year=1940)
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert error.value.message_dict == {
        "death_year": ["The year of death cannot come before the year of birth."]
    }


def test_the_database_refuses_a_death_before_birth_too(db):
    person = f.PersonFactory(birth_year=1950)
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=person.pk).update(death_year=1940)


@pytest.mark.parametrize("field", ["founded", "dissolved"])
def test_a_studio_year_before_1800_is_refused(db, field):
    studio = Studio(slug="old", name="Old", kind=Studio.Kind.PUBLISHER, **{field: 1799})
    with pytest.raises(ValidationError) as error:
        studio.full_clean()
    assert "is not a plausible year" in error.value.message_dict[field][0]


def test_a_publisher_founded_before_cinema_is_accepted(db):
    Studio(
        slug="asahi", name="Asahi Shimbun", kind=Studio.Kind.PUBLISHER, founded=1879
    ).full_clean()


def test_a_studio_cannot_be_dissolved_before_it_was_founded(db):
    studio = Studio(slug="s", name="S", kind=Studio.Kind.STATE_STUDIO, founded=1947, dissolved=1945)
    with pytest.raises(ValidationError) as error:
        studio.full_clean()
    assert "dissolved before it was founded" in error.value.message_dict["dissolved"][0]


def test_a_studio_name_cannot_end_before_it_starts_nor_be_out_of_range(db):
    studio = Studio.objects.create(slug="s", name="S", kind=Studio.Kind.STATE_STUDIO)
    name = StudioName(studio=studio, name="Old name", kind="former", start_year=1960, end_year=1950)
    with pytest.raises(ValidationError) as error:
        name.full_clean()
    assert "before it was first used" in error.value.message_dict["end_year"][0]
    name.start_year, name.end_year = 1960, 20100
    with pytest.raises(ValidationError) as error:
        name.full_clean()
    assert "is not a plausible year" in error.value.message_dict["end_year"][0]


@pytest.fixture
def coproduction(db):
    """A co-production and the two kinds of partner: a studio and a country."""
    studio = Studio.objects.create(slug="shin-films", name="Shin Films", kind="production-company")
    made = CoProduction.objects.create(film=f.FilmFactory())
    return made, {"studio": studio, "country": f.country("JP")}


@pytest.mark.parametrize("side", ["studio", "country"])
def test_a_partner_named_twice_on_its_own_is_refused(coproduction, side):
    made, partners = coproduction
    Partner.objects.create(coproduction=made, **{side: partners[side]})
    with pytest.raises(ValidationError, match=f"This {side} is already a partner"):
        Partner(coproduction=made, **{side: partners[side]}).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.create(coproduction=made, **{side: partners[side]})


def test_a_studio_may_be_a_partner_both_alone_and_with_its_country(coproduction):
    made, partners = coproduction
    Partner.objects.create(coproduction=made, studio=partners["studio"])
    Partner(coproduction=made, **partners).full_clean()


@pytest.mark.parametrize(
    "record",
    [
        lambda: Film(slug="Pulgasari", title="Pulgasari"),
        lambda: Person(slug="Shin-Sang-ok", name="Shin Sang-ok"),
        lambda: Studio(slug="Shin-Films", name="Shin Films", kind="production-company"),
        lambda: Festival(slug="Cannes", name="Cannes"),
        lambda: Source(slug="Schonherr-2012", kind="article", title="Co-productions"),
        lambda: Genre(slug="Monster", name="Monster"),
    ],
)
def test_a_slug_with_upper_case_is_refused(db, record):
    record = record()
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert error.value.message_dict["slug"] == [f"Use lower case in a slug: {record.slug.lower()}."]
