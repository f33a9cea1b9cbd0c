"""The search index follows every change a curator makes: the next search and its counts
show it (titles, credits, people's names, publishing, genres, claims and citations)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Citation, Claim, Film, FilmTitle, Genre, Rank, Source, Status
from people.models import Credit, Person, PersonName
from search.models import FilmDocument, FilmFacet, FilmWord


def films_api(client, **params):
    return client.get(reverse("api:films"), params).json()


def found(client, q):
    return [film["slug"] for film in films_api(client, q=q)["results"]]


def count_of(client, facet, value, **params):
    values = films_api(client, **params)["facets"][facet]
    return next((v["count"] for v in values if v["value"] == value), 0)


@pytest.fixture
def world(db):
    source = Source.objects.create(slug="index-source", kind="article", title="Index test")
    film = Film.objects.create(
        slug="zorbulat", title="Zorbulat", year=1977, status=Status.PUBLISHED
    )
    person = Person.objects.create(slug="quintar-vell", name="Quintar Vell", status="published")
    return {"source": source, "film": film, "person": person}


def test_a_new_title_is_found_and_an_old_one_forgotten(client, world):
    film = world["film"]
    assert found(client, "zorbulat") == ["zorbulat"]
    film.title = "Vextrapol"
    film.save()
    assert found(client, "zorbulat") == []
    assert found(client, "vextrapol") == ["zorbulat"]
    FilmTitle.objects.create(film=film, title="Glimmerdusk", language="en", kind="release")
    assert found(client, "glimmerdusk") == ["zorbulat"]
    FilmTitle.objects.get(title="Glimmerdusk").delete()
    assert found(client, "glimmerdusk") == []


def test_a_credit_makes_the_film_found_by_the_person_and_counted_in_the_facets(client, world):
    film, person = world["film"], world["person"]
    assert found(client, "quintar") == []
    credit = Credit.objects.create(film=film, person=person, role="director")
    assert found(client, "quintar") == ["zorbulat"]
    assert count_of(client, "person", "quintar-vell", q="zorbulat") == 1
    assert count_of(client, "person", "quintar-vell", q="zorbulat", role="director") == 1
    assert count_of(client, "person", "quintar-vell", q="zorbulat", role="actor") == 0
    credit.delete()
    assert found(client, "quintar") == []
    assert count_of(client, "person", "quintar-vell", q="zorbulat") == 0


def test_a_name_variant_and_a_renamed_person_are_found(client, world):
    Credit.objects.create(film=world["film"], person=world["person"], role="actor")
    PersonName.objects.create(person=world["person"], name="Kwintar Wel", kind="alternative")
    assert found(client, "kwintar") == ["zorbulat"]
    person = world["person"]
    person.name = "Ostrova Pell"
    person.save()
    assert found(client, "ostrova") == ["zorbulat"]
    facet = films_api(client, q="zorbulat")["facets"]["person"]
    labels = {v["value"]: v["label"] for v in facet}
    assert labels["quintar-vell"] == "Ostrova Pell"  # the new name, never the old one


def test_unpublishing_a_person_or_a_film_takes_them_out_of_search_and_counts(client, world):
    film, person = world["film"], world["person"]
    Credit.objects.create(film=film, person=person, role="director")
    total = films_api(client)["count"]
    person.status = Status.DRAFT
    person.save()
    assert found(client, "quintar") == []
    assert count_of(client, "person", "quintar-vell", q="zorbulat") == 0
    film.status = Status.DRAFT
    film.save()
    assert films_api(client)["count"] == total - 1
    assert not FilmDocument.objects.filter(film=film).exists()
    assert not FilmWord.objects.filter(film=film).exists()
    assert not FilmFacet.objects.filter(film=film).exists()
    film.status = Status.PUBLISHED
    film.save()
    assert films_api(client)["count"] == total


def test_genres_added_and_removed_are_counted(client, world):
    genre = Genre.objects.create(slug="index-noir", name="Index noir")
    world["film"].genres.add(genre)
    assert count_of(client, "genre", "index-noir") == 1
    genre.films.remove(world["film"])  # from the other side of the relation
    assert count_of(client, "genre", "index-noir") == 0


def test_claims_and_citations_decide_the_evidence_facet(client, world):
    film, source = world["film"], world["source"]
    needed = count_of(client, "evidence", "citation-needed")
    disputed = count_of(client, "evidence", "disputed")
    assert "zorbulat" in found_in(
        client, q="zorbulat", evidence="citation-needed"
    )  # title, year uncited
    for field in ("title", "year", "kind", "scope"):
        value = film.claim_value(field)
        claim = Claim.objects.create(subject=film, field=field, value=value, rank=Rank.PREFERRED)
        Citation.objects.create(claim=claim, source=source, locator="p. 1")
    assert "zorbulat" not in found_in(client, q="zorbulat", evidence="citation-needed")
    assert count_of(client, "evidence", "citation-needed") == needed - 1
    other = Claim.objects.create(subject=film, field="year", value="1978", rank=Rank.NORMAL)
    assert count_of(client, "evidence", "disputed") == disputed + 1
    other.delete()
    assert count_of(client, "evidence", "disputed") == disputed
    Citation.objects.filter(claim__object_id=film.pk, claim__field="year").delete()
    assert "zorbulat" in found_in(client, q="zorbulat", evidence="citation-needed")


def found_in(client, **params):
    return [film["slug"] for film in films_api(client, **params)["results"]]


def test_rebuilding_restores_an_index_written_around(client, world):
    for model in (FilmDocument, FilmWord, FilmFacet):
        model.objects.all().delete()
    Film.objects.filter(pk=world["film"].pk).update(search_key="")
    assert found(client, "zorbulat") == []
    call_command("rebuild_search_keys", verbosity=0)
    assert found(client, "zorbulat") == ["zorbulat"]
    assert films_api(client)["count"] == Film.objects.published().count()


def test_rebuilding_deletes_the_old_index_without_reading_it(world):
    """The index's rows go in one DELETE each, not read into memory first (5.5 million
    words at 100,000 films), as long as nothing listens for their deletion."""
    with CaptureQueriesContext(connection) as captured:
        call_command("rebuild_search_keys", verbosity=0)
    for model in (FilmDocument, FilmWord, FilmFacet):
        table = model._meta.db_table
        reads = [q["sql"] for q in captured if q["sql"].startswith("SELECT") and table in q["sql"]]
        assert reads == [], f"{table} was read before its rows were deleted"
    assert FilmWord.objects.filter(film=world["film"], word__startswith="zorbulat").exists()


@pytest.mark.parametrize(
    "text",
    ["kim", "Shin Sang-ok", "sin sangok", "Lee", "Ri", "pulga", "Ch'oe Un-hui", "choi", "the"],
)
def test_the_word_index_finds_what_the_keys_rule_finds(curated, text):
    """The search reads the word index (a range per word); the rule is the keys' LIKE
    conditions: both find the same films, romanizations, prefixes and family names alike."""
    from search.keys import search_q
    from search.query import FilmQuery

    by_rule = set(FilmDocument.objects.filter(search_q(text, "key")).values_list("film", flat=True))
    assert by_rule  # each of these finds something in the curated films
    assert set(FilmQuery.searched(text)) == by_rule
