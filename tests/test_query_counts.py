"""A record with all its claims and citations costs a fixed number of queries, whatever its size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import FilmTitle
from people.models import Credit
from tests import factories as f
from tests.admin_forms import with_rows


@f.at_once
def build_film(slug, size):
    """A film with ``size`` titles and credits, each cited twice."""
    essay, book = f.SourceFactory(slug=f"{slug}-essay"), f.SourceFactory(slug=f"{slug}-book")
    film = f.FilmFactory(slug=slug, title=slug.title(), year=1985)
    for field in ("title", "year", "kind", "scope"):
        f.cited(film, field, source=essay)
    for n in range(size):
        title = FilmTitle.objects.create(
            film=film, title=f"T{n}", language="en", kind="alternative"
        )
        row = f.cited(title, source=essay)
        row.citations.create(source=book, locator=f"p. {n}")
        person = f.PersonFactory(slug=f"{slug}-person-{n}")
        f.cited(person, "name", source=book)
        credit = Credit.objects.create(film=film, person=person, role="actor", order=n)
        f.cited(credit, source=book, locator=f"p. {n + 10}")
    return film


def queries_to_render(client, film, url_name="front:film_detail"):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(url_name, args=[film.slug]))
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("url_name", ["front:film_detail", "api:film"])
def test_a_films_query_count_does_not_grow_with_credits_and_citations(db, client, url_name):
    small, _ = queries_to_render(client, build_film("small", 1), url_name)
    large, response = queries_to_render(client, build_film("large", 12), url_name)
    assert small == large
    assert response.content.decode().count("citation-needed") == 0


@pytest.mark.parametrize("url_name", ["front:film_detail", "api:film"])
def test_a_film_runs_at_most_a_fixed_number_of_queries(
    db, client, django_assert_max_num_queries, url_name
):
    film = build_film("pinned", 12)
    with django_assert_max_num_queries(40):
        assert client.get(reverse(url_name, args=[film.slug])).status_code == 200


FILM_ROWS = ("claims-and-citations", "film-titles", "credits")


def queries_to_edit(client, film, *opened):
    """Queries to open a film's admin page (with these kinds of row opened as forms), with
    the content types already known (as in a running server)."""
    url = with_rows(reverse("admin:catalog_film_change", args=[film.pk]), *opened)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_admin_film_page_query_count_does_not_grow_with_rows_claims_and_citations(
    db, admin_client
):
    small = build_film("small", 1)
    large = build_film("large", 12)
    essay = f.SourceFactory(slug="more-essays")
    for n in range(12):  # competing years, each with its own citation
        f.cited(large, "year", source=essay, value=str(1970 + n), rank="normal")
    large_count, page = queries_to_edit(admin_client, large)
    assert large_count == queries_to_edit(admin_client, small)[0]
    large_count, page = queries_to_edit(admin_client, large, *FILM_ROWS)
    assert large_count == queries_to_edit(admin_client, small, *FILM_ROWS)[0]
    # opened as forms, the selects name the records they hold without looking each up
    assert f'<option value="{essay.pk}" selected>{essay}</option>' in page
