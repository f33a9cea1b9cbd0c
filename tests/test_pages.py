"""Public pages: every fact footnoted, disputes side by side, drafts invisible; on the test
world (``tests/world.py``)."""

import pytest
from django.urls import reverse

from catalog.models import Film
from people.models import Person
from tests.drafts import unpublish


def get(client, name, *args):
    return client.get(reverse(name, args=args))


def test_home_shows_what_the_collection_holds(world, client):
    page = client.get("/")
    text = page.content.decode()
    assert page.status_code == 200
    assert f"<strong>{Film.objects.published().count()}</strong> films" in text


def test_disputed_year_shows_both_sources(world, client):
    text = get(client, "front:film_detail", "pulgasari").content.decode()
    assert "Sources disagree" in text
    assert "1986" in text and "1985" in text
    assert "Schönherr" in text and "6 North Korean films worth watching" in text


def test_film_page_footnotes_link_to_a_numbered_source_list(world, client):
    text = get(client, "front:film_detail", "thaw").content.decode()
    assert 'href="#fn-1"' in text
    assert 'id="fn-1"' in text
    assert world.essay.get_absolute_url() in text


def test_an_uncited_fact_says_citation_needed(world, client):
    film = Film.objects.get(slug="thaw")
    Film.objects.filter(pk=film.pk).update(runtime=95)
    text = get(client, "front:film_detail", "thaw").content.decode()
    assert "95 minutes" in text
    assert "[citation needed]" in text


def test_film_page_links_credits_to_people_and_studios(world, client):
    text = get(client, "front:film_detail", "pulgasari").content.decode()
    assert reverse("front:person_detail", args=["kenpachiro-satsuma"]) in text
    assert reverse("front:studio_detail", args=["toho"]) in text


def test_drafts_are_404_and_absent_from_lists(world, client):
    unpublish(Film.objects.filter(slug="thaw"))
    assert get(client, "front:film_detail", "thaw").status_code == 404
    assert "/films/thaw/" not in get(client, "front:film_list").content.decode()
    unpublish(Person.objects.filter(slug="ko-hak-rim"))
    assert get(client, "front:person_detail", "ko-hak-rim").status_code == 404


@pytest.mark.parametrize(
    "name, args",
    [
        ("front:film_list", []),
        ("front:festival_list", []),
        ("front:festival_detail", ["karlovy-vary"]),
        ("front:source_list", []),
        ("front:person_list", []),
        ("front:person_detail", ["shin-sang-ok"]),
        ("front:studio_list", []),
        ("front:studio_detail", ["chongryon-film-studio"]),
    ],
)
def test_public_pages_open(world, client, name, args):
    assert get(client, name, *args).status_code == 200


def test_source_page_opens(world, client):
    assert client.get(world.essay.get_absolute_url()).status_code == 200
