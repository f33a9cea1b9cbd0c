"""A record with all its claims and citations costs a fixed number of queries, whatever its size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import FilmTitle
from people.models import Credit
from tests import factories


def build_film(slug, size):
    """A film with ``size`` titles and credits, each cited twice."""
    essay, book = factories.source(f"{slug}-essay"), factories.source(f"{slug}-book")
    film = factories.film(slug, title=slug.title(), year=1985)
    for field in ("title", "year", "kind"):
        factories.claim(film, field, source=essay)
    for n in range(size):
        title = FilmTitle.objects.create(
            film=film, title=f"T{n}", language="en", kind="alternative"
        )
        row = factories.claim(title, source=essay)
        row.citations.create(source=book, locator=f"p. {n}")
        person = factories.person(f"{slug}-person-{n}")
        factories.claim(person, "name", source=book)
        credit = Credit.objects.create(film=film, person=person, role="actor", order=n)
        factories.claim(credit, source=book, locator=f"p. {n + 10}")
    return film


def queries_to_render(client, film):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("front:film_detail", args=[film.slug]))
    assert response.status_code == 200
    return len(captured), response


def test_film_page_query_count_does_not_grow_with_credits_and_citations(empty_catalogue, client):
    small, _ = queries_to_render(client, build_film("small", 1))
    large, response = queries_to_render(client, build_film("large", 12))
    assert small == large
    assert response.content.decode().count("citation-needed") == 0


def test_film_page_runs_at_most_a_fixed_number_of_queries(
    empty_catalogue, client, django_assert_max_num_queries
):
    film = build_film("pinned", 6)
    with django_assert_max_num_queries(40):
        client.get(reverse("front:film_detail", args=[film.slug]))


@pytest.mark.parametrize(
    "url_name, slug",
    [
        ("front:person_detail", "shin-sang-ok"),
        ("front:studio_detail", "korean-film-studio"),
        ("front:festival_detail", "karlovy-vary"),
        ("front:film_detail", "pulgasari"),
        ("api:film", "pulgasari"),
    ],
)
def test_curated_pages_stay_within_a_fixed_query_budget(
    curated, client, django_assert_max_num_queries, url_name, slug
):
    with django_assert_max_num_queries(40):
        response = client.get(reverse(url_name, args=[slug]))
    assert response.status_code == 200


def queries_to_edit(client, film):
    """Queries to open a film's admin page, with the content types already known (as in a
    running server)."""
    url = reverse("admin:catalog_film_change", args=[film.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_admin_film_page_query_count_does_not_grow_with_rows_claims_and_citations(
    empty_catalogue, admin_client
):
    small = build_film("small", 1)
    large = build_film("large", 12)
    essay = factories.source("more-essays")
    for n in range(12):  # competing years, each with its own citation
        factories.claim(large, "year", source=essay, value=str(1970 + n), rank="normal")
    large_count, page = queries_to_edit(admin_client, large)
    assert large_count == queries_to_edit(admin_client, small)[0]
    # the selects name the records they hold without looking each up
    assert f'<option value="{essay.pk}" selected>{essay}</option>' in page
