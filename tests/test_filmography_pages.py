"""A person's filmography comes a page at a time: a prolific actor's page stays small and
costs the same queries as anyone's."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from tests.drafts import unpublish


@f.at_once
def prolific(slug, size):
    """A person with ``size`` acting credits (films 1900…) and one directing credit (1999),
    each credit cited."""
    person = f.PersonFactory(slug=slug, name=slug.title())
    source = f.SourceFactory()
    for n in range(size):
        film = f.FilmFactory(title=f"{slug} film {n:03}", year=1900 + n)
        f.cited(f.CreditFactory(film=film, person=person, role="actor"), source=source)
    directed = f.FilmFactory(title=f"{slug} directed", year=1999)
    f.CreditFactory(film=directed, person=person, role="director")
    return person


def film_titles(html):
    return re.findall(r">([a-z-]+ (?:film \d+|directed))</a>", html)


def test_a_long_filmography_is_shown_a_hundred_credits_at_a_time(db, client):
    person = prolific("prolific", 130)
    url = reverse("front:person_detail", args=[person.slug])

    first = client.get(url).content.decode()
    shown = film_titles(first)
    assert len(shown) == 100
    assert shown[0] == "prolific directed"  # directors first, then by year
    assert shown[1:3] == ["prolific film 000", "prolific film 001"]
    assert "1–100 of 131 credits" in first
    assert 'rel="next"' in first

    second = client.get(url, {"page": 2}).content.decode()
    assert film_titles(second) == [f"prolific film {n:03}" for n in range(99, 130)]
    assert "101–131 of 131 credits" in second
    # a page that is not there shows the first, not an error
    assert film_titles(client.get(url, {"page": 99}).content.decode())[-1] == "prolific film 129"
    assert film_titles(client.get(url, {"page": "x"}).content.decode())[0] == "prolific directed"


def test_a_short_filmography_has_no_pages(db, client):
    person = prolific("brief", 3)
    page = client.get(reverse("front:person_detail", args=[person.slug])).content.decode()
    assert len(film_titles(page)) == 4
    assert "credits</span>" not in page and 'rel="next"' not in page


def test_a_draft_films_credit_is_not_listed_or_counted(db, client):
    person = prolific("drafty", 2)
    unpublish([person.credits.get(film__year=1900).film])
    page = client.get(reverse("front:person_detail", args=[person.slug])).content.decode()
    assert film_titles(page) == ["drafty directed", "drafty film 001"]


def test_the_person_page_costs_the_same_queries_for_3_or_130_credits(db, client):
    def queries(person):
        url = reverse("front:person_detail", args=[person.slug])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries(prolific("brief", 3)) == queries(prolific("prolific", 130))


@f.at_once
def busy_studio(slug, size):
    """A studio that produced ``size`` films (1900…) and distributed one (1999)."""
    studio = f.StudioFactory(slug=slug, name=slug.title())
    for n in range(size):
        film = f.FilmFactory(title=f"{slug} film {n:03}", year=1900 + n)
        f.FilmStudioFactory(film=film, studio=studio, role="producer")
    distributed = f.FilmFactory(title=f"{slug} directed", year=1999)
    f.FilmStudioFactory(film=distributed, studio=studio, role="distributor")
    return studio


def test_a_studios_films_come_a_hundred_at_a_time_in_role_order(db, client):
    studio = busy_studio("busy", 130)
    url = reverse("front:studio_detail", args=[studio.slug])
    first = client.get(url).content.decode()
    shown = film_titles(first)
    assert shown[:2] == ["busy film 000", "busy film 001"] and len(shown) == 100
    assert "1–100 of 131" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert film_titles(second)[-2:] == ["busy film 129", "busy directed"]  # producer first


def test_the_studio_page_costs_the_same_queries_for_3_or_130_films(db, client):
    def queries(studio):
        url = reverse("front:studio_detail", args=[studio.slug])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries(busy_studio("small", 3)) == queries(busy_studio("busy", 130))


def test_a_person_who_worked_with_many_studios_lists_the_busiest_and_links_to_all(db, client):
    person = prolific("many-studios", 14)
    films = [credit.film for credit in person.credits.select_related("film")]
    studios = [f.StudioFactory(slug=f"studio-{s:02}", name=f"Studio {s:02}") for s in range(15)]
    for n, film in enumerate(films):  # studio s made films s…14: studio 00 made all 15
        for studio in studios[: n + 1]:
            f.FilmStudioFactory(film=film, studio=studio, role="producer")
    page = client.get(reverse("front:person_detail", args=[person.slug])).content.decode()
    section = page[page.index('id="studios-heading"') :]
    listed = re.findall(r">(Studio \d\d)</a> <span class=\"count\">(\d+) films?</span>", section)
    assert listed[:2] == [("Studio 00", "15"), ("Studio 01", "14")]  # most shared first
    assert len(listed) == 12
    link = re.search(r'<a href="([^"]+)">All 15 studios</a>', section)
    assert link, "the studios not shown are one link away"
    films_page = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "Studio 14" in films_page  # the studio facet of their films, shown in full


def test_a_partner_studio_counts_its_films_on_the_person_page_as_in_the_facet(db, client):
    person = prolific("partnered", 2)
    films = [credit.film for credit in person.credits.select_related("film")]
    toho = f.StudioFactory(slug="toho-partner", name="Toho Partner")
    for film in films[:2]:
        f.PartnerFactory(coproduction=f.CoProductionFactory(film=film), studio=toho)
    f.FilmStudioFactory(film=films[0], studio=toho, role="producer")  # the same film again
    page = client.get(reverse("front:person_detail", args=[person.slug])).content.decode()
    assert re.search(r">Toho Partner</a> <span class=\"count\">2 films</span>", page)
    facet = client.get(reverse("api:films"), {"person": person.slug, "scope": "all"}).json()
    studios = {v["value"]: v["count"] for v in facet["facets"]["studio"]}
    assert studios["toho-partner"] == 2
