"""A film's scope: North Korean cinema shown by default, films cited for context one click away.

Each film says how it relates to North Korean cinema (a North Korean production, a
co-production with North Korea, a foreign film about North Korea, or a film a source cites
for context), as a cited fact. Lists, counts, the home page and the search cover the first
three unless asked; a context film keeps its page, its place in the scope facet and the
site search. Publishers of sources (Variety, IMDb) are told apart by their kind and left
out of the studios list the same way.
"""

import json
import re
from datetime import timedelta
from html import unescape

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from catalog.models import Film, Scope, Status
from coproductions.models import Studio
from search.query import FilmQuery
from tests import factories as f
from tests.factories import FilmFactory, StudioFactory, cited


@pytest.fixture
def scoped(db, empty_catalogue):
    """Two North Korean films, a foreign film about North Korea and two cited for context."""
    return {
        "flower": FilmFactory(title="The Flower Girl", year=1972, scope=Scope.PRODUCTION),
        "thaw": FilmFactory(title="Thaw", year=1985, scope=Scope.COPRODUCTION),
        "mind": FilmFactory(title="A State of Mind", year=2004, scope=Scope.ABOUT),
        "xmen": FilmFactory(title="X-Men", year=2000, scope=Scope.CONTEXT),
        "godzilla": FilmFactory(title="Godzilla", year=1954, scope=Scope.CONTEXT),
    }


def slugs(response):
    return {film["slug"] for film in response.json()["results"]}


def film_list(client, **params):
    return client.get(reverse("front:film_list"), params)


def test_the_film_list_shows_north_korean_cinema_and_says_what_it_leaves_out(scoped, client):
    response = film_list(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "The Flower Girl" in html and "A State of Mind" in html and "Thaw" in html
    assert "X-Men" not in html and "Godzilla" not in html
    assert "3 films" in html
    assert "2 films that a source cites for context are left out" in html
    assert 'href="?scope=all"' in html


def test_the_scope_facet_counts_context_films_and_reaches_them(scoped, client):
    facets = client.get(reverse("api:films")).json()["facets"]
    scope = {value["value"]: (value["count"], value["selected"]) for value in facets["scope"]}
    assert scope == {
        "production": (1, True),
        "coproduction": (1, True),
        "about": (1, True),
        "context": (2, False),
    }
    # the other facets count North Korean cinema only
    assert {v["value"] for v in facets["decade"]} == {"1970", "1980", "2000"}
    assert sum(v["count"] for v in facets["decade"]) == 3

    assert slugs(client.get(reverse("api:films"), {"scope": "context"})) == {"x-men", "godzilla"}
    assert len(slugs(client.get(reverse("api:films"), {"scope": "all"}))) == 5
    assert slugs(client.get(reverse("api:films"), {"scope": ["about", "context"]})) == {
        "a-state-of-mind",
        "x-men",
        "godzilla",
    }


def test_ticking_context_in_the_facet_adds_it_to_north_korean_cinema(scoped, client):
    html = film_list(client).content.decode()
    context = re.search(r'<a href="\?([^"]*)"[^>]*><span class="facet-check"[^>]*>☐</span> '
                        r"film cited for context", html)  # fmt: skip
    assert context, "the context value is offered, unticked"
    shown = film_list(client, **_params(context.group(1))).content.decode()
    assert "X-Men" in shown and "The Flower Girl" in shown


def _params(query_string):
    return dict(QueryDict(unescape(query_string)).lists())


def test_a_search_that_only_a_context_film_matches_says_how_to_see_it(scoped, client):
    html = film_list(client, q="X-Men").content.decode()
    assert "No films match this search." in html
    assert "1 film that a source cites for context is left out" in html
    assert 'href="?q=X-Men&amp;scope=all"' in html


def test_a_context_film_keeps_its_page_and_the_site_search_finds_it(scoped, client):
    assert client.get(scoped["xmen"].get_absolute_url()).status_code == 200
    html = client.get(reverse("front:site_search"), {"q": "X-Men"}).content.decode()
    assert scoped["xmen"].get_absolute_url() in html


def test_an_unknown_scope_is_refused_with_the_reason(scoped, client):
    response = client.get(reverse("api:films"), {"scope": "martian"})
    assert response.status_code == 400
    assert "scope" in response.json()["error"]


def test_the_home_page_counts_north_korean_cinema_and_leaves_publishers_out(scoped, client):
    StudioFactory(name="Korean Film Studio", kind=Studio.Kind.STATE_STUDIO)
    StudioFactory(name="Variety", kind=Studio.Kind.PUBLISHER)
    html = client.get(reverse("front:home")).content.decode()
    assert "<strong>3</strong> films" in html
    assert "<strong>1</strong> studios and organisations" in html
    assert "2 other films</a> that sources cite for context are listed apart" in html
    recent = html[html.index("Recently added") :]
    assert "X-Men" not in recent and "Godzilla" not in recent


def test_recently_added_is_the_order_films_were_published_in(empty_catalogue, client):
    old = FilmFactory(title="Aardvark", status=Status.DRAFT)
    new = FilmFactory(title="Zebra", status=Status.DRAFT)
    assert old.published_at is None
    new.status = Status.PUBLISHED
    new.save()
    old.status = Status.PUBLISHED
    old.save()
    stamp = old.published_at
    assert stamp is not None and stamp >= new.published_at
    recent = client.get(reverse("front:home")).content.decode().split("Recently added")[1]
    assert recent.index("Aardvark") < recent.index("Zebra")
    # unpublished and published again: first published, as before
    old.status = Status.DRAFT
    old.save()
    old.status = Status.PUBLISHED
    old.save()
    assert old.published_at == stamp


def test_recently_added_ignores_when_a_record_was_created(empty_catalogue, client):
    created_first = FilmFactory(title="Published last")
    FilmFactory(title="Published first")
    Film.objects.filter(pk=created_first.pk).update(published_at=timezone.now() + timedelta(days=1))
    recent = client.get(reverse("front:home")).content.decode().split("Recently added")[1]
    assert recent.index("Published last") < recent.index("Published first")


def test_the_studios_list_leaves_publishers_out_unless_asked(empty_catalogue, client):
    StudioFactory(name="Mosfilm", kind=Studio.Kind.STATE_STUDIO)
    StudioFactory(name="Variety", kind=Studio.Kind.PUBLISHER)
    StudioFactory(name="IMDb", kind=Studio.Kind.PUBLISHER)
    html = client.get(reverse("front:studio_list")).content.decode()
    assert "Mosfilm" in html and "Variety" not in html and "IMDb" not in html
    assert "2 publishers of sources" in html and 'href="?kind=publisher"' in html
    publishers = client.get(reverse("front:studio_list"), {"kind": "publisher"}).content
    assert b"Variety" in publishers and b"Mosfilm" not in publishers


def test_a_changed_scope_moves_the_film_in_the_index(scoped, client):
    film = scoped["xmen"]
    film.scope = Scope.ABOUT
    film.save()
    assert "x-men" in slugs(client.get(reverse("api:films")))


def test_the_scope_is_a_cited_fact(scoped, client):
    film = Film.objects.with_claims().get(pk=scoped["thaw"].pk)
    assert "scope" in film.uncited_facts()
    cited(film, "scope", quote="made between North Korea and Japan")
    film = Film.objects.with_claims().get(pk=film.pk)
    assert "scope" not in film.uncited_facts()


def test_the_list_queries_are_as_many_whatever_the_scope(
    scoped, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(17):
        film_list(client)
    with django_assert_max_num_queries(16):
        film_list(client, scope="all")


# -- the curated collection -------------------------------------------------------------


def test_every_curated_film_cites_its_scope(curated):
    films = Film.objects.with_claims()
    assert films.count() == 54
    uncited = [film.slug for film in films if not film.citations_for("scope")]
    assert uncited == []
    counts = {scope: films.filter(scope=scope).count() for scope in Scope.values}
    assert counts["context"] == 12
    for slug in ("x-men", "godzilla", "mission-impossible", "the-neverending-story"):
        assert Film.objects.get(slug=slug).scope == Scope.CONTEXT
    for slug in ("pulgasari", "thaw", "the-flower-girl", "a-state-of-mind"):
        assert Film.objects.get(slug=slug).scope != Scope.CONTEXT


def test_curated_quotes_are_short(curated):
    from catalog.models import Citation

    long = [
        c.quote for c in Citation.objects.filter(claim__field="scope") if len(c.quote.split()) > 25
    ]
    assert long == []


def test_the_curated_home_page_opens_with_north_korean_cinema(curated, client):
    html = client.get(reverse("front:home")).content.decode()
    recent = html[html.index("Recently added") :]
    assert "X-Men" not in recent
    assert "<strong>42</strong> films" in html
    studios = client.get(reverse("front:studio_list")).content.decode()
    for publisher in ("Variety", "IMDb", "McFarland"):
        assert f">{publisher}<" not in studios


def test_the_curated_dataset_round_trips_the_scope(curated, tmp_path):
    from django.core.management import call_command

    call_command("export_dataset", str(tmp_path / "out.json"))
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    film = next(f for f in data["films"] if f["slug"] == "x-men")
    assert film["scope"] == "context"
    assert film["claims"]["scope"][0]["citations"]


def test_people_known_only_from_context_films_are_left_out_of_the_list(scoped, client):
    from tests.factories import CreditFactory, PersonFactory

    CreditFactory(film=scoped["xmen"], person=PersonFactory(name="Bryan Singer"))
    CreditFactory(film=scoped["thaw"], person=PersonFactory(name="Rim Chang-bom"))
    both = PersonFactory(name="Kim Both-ways")  # in a context film and a North Korean one
    CreditFactory(film=scoped["xmen"], person=both)
    CreditFactory(film=scoped["thaw"], person=both)
    PersonFactory(name="Johannes Schönherr")  # an author, credited nowhere: kept
    html = client.get(reverse("front:person_list")).content.decode()
    assert "Rim Chang-bom" in html and "Johannes Schönherr" in html
    assert "Kim Both-ways" in html
    assert "Bryan Singer" not in html
    assert "1 person known here only from films that sources cite for context" in html
    every = client.get(reverse("front:person_list"), {"scope": "all"}).content.decode()
    assert "Bryan Singer" in every
    # the film page still names him
    assert "Bryan Singer" in client.get(scoped["xmen"].get_absolute_url()).content.decode()


def test_the_film_page_shows_the_scope_with_its_source(curated, client):
    html = client.get(reverse("front:film_detail", args=["x-men"])).content.decode()
    facts = html[html.index('<dl class="facts">') : html.index("</dl>")]
    assert "Scope" in facts and "film cited for context" in facts
    assert "citation needed" not in facts.lower()
    assert "?scope=context" in facts


def test_people_only_in_films_cited_for_context_are_neither_counted_nor_shown(db, empty_catalogue):
    """The default scope leaves the context films out of every facet: their people are not
    among the most frequent (though over every film they would come first), nor in "show
    all N"."""
    with f.many():
        for n in range(18):  # one film each; the last three, cited for context, have 3 people
            context = n >= 15
            film = FilmFactory(
                title=f"Film {n:02}", scope=Scope.CONTEXT if context else Scope.PRODUCTION
            )
            for k in range(3 if context else n % 3 + 1):
                name = f"Aaron {n}-{k}" if context else f"Person {n:02}-{k}"
                f.CreditFactory(film=film, person=f.PersonFactory(name=name))
    default = FilmQuery(QueryDict())
    people = default.facets()["person"]
    assert default.count == 15
    assert [value["label"] for value in people][:2] == ["Person 00-0", "Person 01-0"]
    assert len(people) == 15 and default.totals["person"] == 30
    every = FilmQuery(QueryDict("scope=all"))
    assert [value["label"] for value in every.facets()["person"]][:2] == [
        "Aaron 15-0",
        "Aaron 15-1",
    ]
    assert every.count == 18 and every.totals["person"] == 39
    # with a search, the scope facet and the others share one pass over every scope's films
    searched = FilmQuery(QueryDict("q=film"))
    facets = searched.facets()
    assert searched.count == 15
    assert [value["label"] for value in facets["person"]][:2] == ["Person 00-0", "Person 01-0"]
    assert len(facets["person"]) == 15 and searched.totals["person"] == 30
    scopes = {value["value"]: value["count"] for value in facets["scope"]}
    assert scopes[Scope.CONTEXT] == 3 and scopes[Scope.PRODUCTION] == 15
