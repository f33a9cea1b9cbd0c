"""The home page's featured co-productions, list searches that forgive romanization, and page
links that keep only the query the page understood; on the test world (``tests/world.py``)."""

import re

import factory
from django.urls import reverse

from catalog.models import Film
from coproductions.models import CoProduction
from tests import factories as f


def html(client, url, **params):
    response = client.get(url, params)
    return response.content.decode()


def featured(client):
    page = html(client, "/")
    block = page[page.index("Featured co-productions") :]
    block = block[: block.index("</ul>")]
    return re.findall(r'<h3><a href="/films/([^/]+)/">', block)


def test_home_features_made_coproductions_in_year_order_undated_last(world, client):
    slugs = featured(client)
    assert "if-there-is-no-love" not in slugs  # announced, never known to be made
    years = [Film.objects.get(slug=slug).year for slug in slugs]
    assert years == sorted(years) and None not in years
    assert slugs[0] == "moranbong"  # 1959, the earliest


def test_an_undated_coproduction_that_was_made_comes_after_the_dated_ones(world, client):
    CoProduction.objects.exclude(film__year=None).delete()
    for slug in ("undated-one", "dated-one"):
        year = None if "undated" in slug else 1999
        f.CoProductionFactory(film__slug=slug, film__year=year, standing="unknown")
    assert featured(client) == ["dated-one", "undated-one"]


def test_people_are_found_by_another_romanization(world, client):
    page = html(client, reverse("front:person_list"), q="Sin Sang-ok")
    assert reverse("front:person_detail", args=["shin-sang-ok"]) in page
    assert reverse("front:person_detail", args=["choi-eun-hee"]) not in page
    page = html(client, reverse("front:person_list"), q="Choe Eun Hee")
    assert reverse("front:person_detail", args=["choi-eun-hee"]) in page


def test_sources_are_found_by_another_romanization_of_their_author(world, client):
    f.SourceFactory(title="Shin Sang-ok", authors=["Yi, Hyo-in"], kind="book")
    page = html(client, reverse("front:source_list"), q="Lee Hyo-in")
    assert "<cite>Shin Sang-ok</cite>" in page  # Yi Hyo-in's book
    assert "No sources match" not in page


def test_film_list_page_links_drop_a_value_the_page_left_out(world, client):
    f.FilmFactory.create_batch(12, kind="feature")  # 26 films: two pages
    page = html(client, reverse("front:film_list"), kind="feature", decade="abc")
    next_link = re.search(r'rel="next" href="([^"]*)"', page).group(1)
    assert "kind=feature" in next_link and "page=2" in next_link
    assert "decade" not in next_link


def test_other_lists_keep_their_own_query_in_page_links(world, client):
    f.PersonFactory.create_batch(70, name=factory.Sequence(lambda n: f"Extra Person {n}"))
    page = html(client, reverse("front:person_list"), q="Extra", page="2")
    assert 'rel="prev" href="?q=Extra&amp;page=1"' in page
