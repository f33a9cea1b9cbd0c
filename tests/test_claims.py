"""Claims and citations: ranks, disputes, consistency with fields, "citation needed"."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import Claim, Film, FilmTitle, Rank
from tests import factories as f


@pytest.fixture
def disputed_film(db):
    """Pulgasari: one source says 1986 (preferred), another says 1985."""
    essay = f.SourceFactory(slug="essay", title="The essay")
    listicle = f.SourceFactory(slug="list", title="The list")
    film = f.FilmFactory(slug="pulgasari", title="Pulgasari", year=1986)
    f.cited(film, "title", source=essay)
    f.cited(film, "year", source=essay, note="The detailed account wins.")
    f.cited(film, "year", source=listicle, value="1985", rank=Rank.NORMAL)
    return film


def test_disputed_year_keeps_both_values_each_with_its_source(disputed_film):
    film = Film.objects.with_citations().get(pk=disputed_film.pk)
    claims = film.claims_for("year")
    assert [(c.value, c.rank) for c in claims] == [("1986", "preferred"), ("1985", "normal")]
    assert [c.citations.all()[0].source.slug for c in claims] == ["essay", "list"]
    assert film.is_disputed("year")
    assert Film.objects.disputed().filter(pk=film.pk).exists()


def test_changing_a_field_away_from_its_preferred_claim_is_refused(disputed_film):
    disputed_film.year = 1985
    with pytest.raises(ValidationError) as error:
        disputed_film.full_clean()
    assert "contradicts" in error.value.message_dict["year"][0]


def test_a_preferred_claim_that_contradicts_its_field_is_refused(disputed_film):
    claim = Claim(subject=disputed_film, field="title", value="Bulgasari", rank=Rank.PREFERRED)
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "contradicts the record’s title “Pulgasari”" in error.value.message_dict["value"][0]


def test_only_one_preferred_claim_per_field(disputed_film):
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(subject=disputed_film, field="year", value="1986", rank=Rank.PREFERRED)


def test_claim_about_a_field_the_record_does_not_cite_is_refused(disputed_film):
    claim = Claim(subject=disputed_film, field="slug", value="x", rank=Rank.NORMAL)
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "has no cited field “slug”" in error.value.message_dict["field"][0]


def test_uncited_field_is_citation_needed(db):
    film = f.FilmFactory(slug="uncited", title="Uncited", year=1970)
    f.cited(film, "title", source=f.SourceFactory())
    assert Film.objects.citation_needed().filter(pk=film.pk).exists()
    film = Film.objects.with_citations().get(pk=film.pk)
    assert film.uncited_facts() == ["year", "kind", "scope"]


def test_citing_every_shown_field_clears_citation_needed(db):
    source = f.SourceFactory()
    film = f.FilmFactory(slug="cited", title="Cited", year=1970)
    for field in ("title", "year", "kind", "scope"):
        f.cited(film, field, source=source)
    assert not Film.objects.citation_needed().filter(pk=film.pk).exists()


def test_a_row_without_a_citation_is_citation_needed(db):
    film = f.FilmFactory()
    title = FilmTitle.objects.create(film=film, title="불가사리", language="ko", kind="original")
    assert FilmTitle.objects.citation_needed().filter(pk=title.pk).exists()
    f.cited(title, source=f.SourceFactory())
    assert not FilmTitle.objects.citation_needed().filter(pk=title.pk).exists()


def test_a_claim_without_citations_does_not_count_as_cited(db):
    film = f.FilmFactory(slug="bare", title="Bare")
    Claim.objects.create(subject=film, field="title", value="Bare", rank=Rank.PREFERRED)
    assert Film.objects.citation_needed().filter(pk=film.pk).exists()
    assert Claim.objects.uncited().count() == 1


def test_ranks_sort_preferred_normal_deprecated(db):
    source = f.SourceFactory()
    film = f.FilmFactory(slug="ranked", title="Ranked", year=1988)
    f.cited(film, "year", source=source, value="1987", rank=Rank.DEPRECATED)
    f.cited(film, "year", source=source, value="1989", rank=Rank.NORMAL)
    f.cited(film, "year", source=source)
    film = Film.objects.with_citations().get(pk=film.pk)
    assert [c.rank for c in film.claims_for("year")] == ["preferred", "normal", "deprecated"]


def test_a_citation_leads_to_the_page_of_the_record_it_supports(disputed_film):
    title = FilmTitle.objects.create(
        film=disputed_film, title="불가사리", language="ko", kind="original"
    )
    row_claim = f.cited(title, source=f.SourceFactory(slug="book"))
    assert row_claim.citations.get().get_absolute_url() == "/films/pulgasari/"
    year_claim = disputed_film.claims.get(field="year", rank=Rank.PREFERRED)
    assert year_claim.citations.get().get_absolute_url() == "/films/pulgasari/"
