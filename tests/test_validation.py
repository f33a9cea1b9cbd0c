"""Bad input gets a clear validation error in full_clean() (and so in the admin)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from catalog.models import Citation, Film, Source
from tests import factories


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


def test_duplicate_slug_is_a_validation_error_not_a_crash(empty_catalogue):
    factories.film("pulgasari")
    with pytest.raises(ValidationError) as error:
        Film(slug="pulgasari", title="Another Pulgasari").full_clean()
    assert "already exists" in error.value.message_dict["slug"][0]


def test_quote_longer_than_25_words_is_refused(empty_catalogue):
    film = factories.film()
    claim = factories.claim(film, "title", source=factories.source())
    citation = Citation(claim=claim, source=claim.citations.first().source, locator="p. 2")
    citation.quote = " ".join(["word"] * 26)
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "at most 25 words" in error.value.message_dict["quote"][0]


def test_citation_needs_a_locator(empty_catalogue):
    film = factories.film()
    claim = factories.claim(film, "title", source=factories.source())
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
