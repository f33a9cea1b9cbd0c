"""Cite where you type: each cited field of a record's page takes its citation right there,
and a competing value too, with a confirmation before the public value changes."""

import pytest
from django.urls import reverse

from catalog.models import Claim, Film, Rank
from tests import factories as f
from tests.test_review import open_form, sign_in, url_of


@pytest.fixture
def film(world):
    return Film.objects.get(slug="bird")


@pytest.fixture
def source(world):
    return f.SourceFactory(slug="cite-here", title="Cited Where Typed")


def cite(data, field, source, locator="p. 5", quote="", value="", preferred=False):
    data.update(
        {
            f"cite_{field}_source": str(source.pk),
            f"cite_{field}_locator": locator,
            f"cite_{field}_quote": quote,
            f"cite_{field}_value": value,
        }
    )
    if preferred:
        data[f"cite_{field}_preferred"] = "on"
    return data


def year_claims(film):
    return {c.value: c for c in Claim.objects.about(film).filter(field="year")}


def test_each_cited_field_shows_its_sources_and_a_place_to_cite_in_readers_words(client, film):
    sign_in(client, "Curator")
    page = client.get(url_of(film)).content.decode()
    assert "cite the year" in page and "cite the original title" in page
    assert 'name="cite_year_locator"' in page
    assert "“1992”" in page  # the year's value, listed with its citation under the field
    assert "— the record itself —" not in page
    assert ">original_title<" not in page and ">end_year<" not in page


def test_citing_the_value_typed_adds_the_citation_to_it(client, film, source):
    sign_in(client, "Editor")
    data = cite(open_form(client, film), "year", source, quote="made in 1992")
    assert client.post(url_of(film), data).status_code == 302
    claim = year_claims(film)["1992"]
    assert claim.rank == Rank.PREFERRED
    assert claim.citations.filter(source=source, locator="p. 5", quote="made in 1992").exists()


def test_a_new_value_typed_and_cited_becomes_preferred_and_the_old_one_competes(
    client, film, source
):
    sign_in(client, "Editor")
    data = cite(open_form(client, film), "year", source)
    data["year"] = "1993"
    assert client.post(url_of(film), data).status_code == 302
    film.refresh_from_db()
    claims = year_claims(film)
    assert film.year == 1993
    assert claims["1993"].rank == Rank.PREFERRED and claims["1992"].rank == Rank.NORMAL
    assert claims["1992"].citations.exists()  # the former value keeps its sources


def test_a_new_value_typed_without_a_citation_is_still_refused(client, film):
    sign_in(client, "Editor")
    data = open_form(client, film)
    data["year"] = "1993"
    response = client.post(url_of(film), data)
    assert response.status_code == 200
    film.refresh_from_db()
    assert film.year == 1992


def test_a_competing_value_is_added_without_changing_the_public_one(client, film, source):
    sign_in(client, "Editor")
    data = cite(open_form(client, film), "year", source, value="1991")
    assert client.post(url_of(film), data).status_code == 302
    film.refresh_from_db()
    assert film.year == 1992 and year_claims(film)["1991"].rank == Rank.NORMAL


def test_making_a_competing_value_preferred_asks_before_changing_the_public_value(
    client, film, source
):
    sign_in(client, "Editor")
    data = cite(open_form(client, film), "year", source, value="1991", preferred=True)
    refused = client.post(url_of(film), data)
    text = refused.content.decode()
    assert refused.status_code == 200
    assert "makes it the public year instead of “1992”" in text
    film.refresh_from_db()
    assert film.year == 1992 and "1991" not in year_claims(film)
    data["confirm_preferred"] = "on"
    assert client.post(url_of(film), data).status_code == 302
    film.refresh_from_db()
    claims = year_claims(film)
    assert film.year == 1991
    assert claims["1991"].rank == Rank.PREFERRED and claims["1992"].rank == Rank.NORMAL


def test_a_citation_without_a_locator_or_with_an_impossible_value_is_explained(
    client, film, source
):
    sign_in(client, "Editor")
    data = cite(open_form(client, film), "year", source, locator="")
    text = client.post(url_of(film), data).content.decode()
    assert "Say where in the source" in text
    data = cite(open_form(client, film), "year", source, value="1700")
    text = client.post(url_of(film), data).content.decode()
    assert "cannot be the year" in text


def test_a_curators_citation_on_a_published_film_waits_for_review(client, film, source):
    sign_in(client, "Curator")
    data = cite(open_form(client, film), "kind", source, locator="ch. 2")
    assert client.post(url_of(film), data).status_code == 302
    assert not Claim.objects.about(film).filter(field="kind", citations__source=source).exists()
    from curation.models import Review

    review = Review.objects.get()
    assert any("citation" in line["what"] and "ch. 2" in line["after"] for line in review.diff)
    sign_in(client, "Editor")
    client.post(reverse("admin:review_accept", args=[review.pk]))
    assert Claim.objects.about(film).filter(field="kind", citations__source=source).exists()
