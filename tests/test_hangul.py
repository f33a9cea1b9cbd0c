"""Hangul both ways: a Hangul query finds records known only in romanization, a romanized
query finds records known only in Hangul, and every Hangul title of the curated collection is
cited to a page that prints it."""

import re

import pytest
from django.urls import reverse

from catalog.models import Film, FilmTitle
from people.models import Person
from search.keys import hangul_readings, matching, romanize, romanized_names, search_key
from tests.factories import (
    CreditFactory,
    FilmFactory,
    FilmTitleFactory,
    PersonFactory,
    SourceFactory,
    cited,
)


def found(client, q, **params):
    response = client.get(reverse("api:films"), {"q": q, **params})
    assert response.status_code == 200
    return {film["slug"] for film in response.json()["results"]}


@pytest.fixture
def romanized(db, empty_catalogue):
    """Films and people known only by their romanized names."""
    pulgasari = FilmFactory(title="Pulgasari", year=1985)
    thaw = FilmFactory(title="Thaw", year=1985)
    CreditFactory(film=pulgasari, person=PersonFactory(name="Shin Sang-ok"), role="director")
    CreditFactory(film=thaw, person=PersonFactory(name="Rim Chang-bom"), role="director")
    FilmFactory(title="Hong Kil Dong", year=1986)
    FilmFactory(title="Singer", year=1990)  # not Sin: an English word
    return pulgasari


@pytest.mark.parametrize(
    "query, expected",
    [
        ("불가사리", {"pulgasari"}),  # one word: Bulgasari, Pulgasari
        ("신상옥", {"pulgasari"}),  # syllable by syllable: Shin Sang-ok
        ("홍길동", {"hong-kil-dong"}),  # Hong Kil Dong, k/g and l/r
        ("홍 길동", {"hong-kil-dong"}),  # with or without its space
        ("림창범", {"thaw"}),  # North Korean initial R kept
        ("불가사리 신상옥", {"pulgasari"}),  # every word must match
        ("신상옥 림창범", set()),
    ],
)
def test_a_hangul_query_finds_records_known_only_in_romanization(
    romanized, client, query, expected
):
    assert found(client, query) == expected


def test_a_hangul_query_finds_people_in_the_site_search(romanized, client):
    html = client.get(reverse("front:site_search"), {"q": "신상옥"}).content.decode()
    assert "Shin Sang-ok" in html and "Pulgasari" in html


def test_a_hangul_query_does_not_find_english_words_that_look_korean(romanized, client):
    assert "singer" not in found(client, "신")
    assert found(client, "신") == {"pulgasari"}  # Shin, as a whole word


@pytest.mark.parametrize(
    "query",
    ["Pulgasari", "Bulgasari", "pulgasari", "Pul Ga Sa Ri"],
)
def test_a_romanized_query_finds_a_film_known_only_in_hangul(empty_catalogue, client, query):
    FilmFactory(title="불가사리", slug="bulgasari")
    assert found(client, query) == {"bulgasari"}


@pytest.mark.parametrize("query", ["Shin Sang-ok", "Sin Sang Ok", "Shin Sangok", "shin"])
def test_a_romanized_query_finds_a_person_known_only_in_hangul(empty_catalogue, query):
    PersonFactory(name="신상옥", slug="sin-sang-ok")
    assert [p.slug for p in matching(Person.objects.all(), query)] == ["sin-sang-ok"]


def test_a_hangul_title_row_makes_the_film_found_in_romanization(empty_catalogue, client):
    film = FilmFactory(title="The Flower Girl", slug="the-flower-girl")
    FilmTitleFactory(film=film, title="꽃파는 처녀", language="ko", kind=FilmTitle.Kind.ORIGINAL)
    assert found(client, "Kkot Pa-neun Cheo-nyeo") == {"the-flower-girl"}
    assert found(client, "kkotpaneun") == {"the-flower-girl"}
    assert found(client, "꽃파는처녀") == {"the-flower-girl"}


def test_romanization_follows_revised_romanization_with_its_sound_changes():
    assert romanize("불가사리") == "bulgasari"
    assert romanize("꽃") == "kkot"  # the final sound, not the letter (ㅊ)
    assert romanize("돌아오지") == "doraoji"  # ㄹ between vowels: r
    assert romanized_names("Pulgasari") == []  # nothing to romanize
    assert hangul_readings("신상옥") == [["sinsangog"], ["sin", "sang", "og"], ["sin", "sangog"]]
    assert "~burgasari~" in search_key(["불가사리"])


def test_the_search_runs_as_many_queries_for_hangul(
    romanized, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        client.get(reverse("front:film_list"), {"q": "신상옥"})


# -- the curated collection -------------------------------------------------------------


def test_every_curated_hangul_title_and_name_is_cited_with_its_quote(curated):
    films = [f for f in Film.objects.with_claims() if f.original_title]
    people = [p for p in Person.objects.with_claims() if p.hangul_name]
    assert len(films) >= 11 and len(people) >= 3
    for record, field in [(f, "original_title") for f in films] + [
        (p, "hangul_name") for p in people
    ]:
        citations = record.citations_for(field)
        assert citations, (record, field)
        value = getattr(record, field)
        for citation in citations:
            quoted = citation.quote.replace(" ", "")
            assert value.replace(" ", "") in quoted, (record, citation.quote)
            assert len(citation.quote.split()) <= 25
            assert citation.source.url
            assert "2026-12-06" in citation.source.notes  # the page as it was read


@pytest.mark.parametrize(
    "query, slug",
    [
        ("불가사리", "pulgasari"),
        ("꽃파는 처녀", "the-flower-girl"),
        ("Pibada", "sea-of-blood"),
        ("Talchulgi", "runaway"),
        ("신상옥", "salt"),
        ("김동무는 하늘을 난다", "comrade-kim-goes-flying"),
    ],
)
def test_the_curated_collection_is_found_across_scripts(curated, client, query, slug):
    assert slug in found(client, query)


def test_the_hangul_title_shows_under_the_heading_and_in_results(curated, client):
    page = client.get(reverse("front:film_detail", args=["pulgasari"])).content.decode()
    after_heading = page[page.index("</h1>") :]
    subtitle = after_heading[: after_heading.index("</p>")]
    assert 'class="subtitle hangul" lang="ko"' in subtitle and "불가사리" in subtitle
    results = client.get(reverse("front:film_list"), {"q": "Pulgasari"}).content.decode()
    assert "불가사리" in results


def titles_table(client, film):
    page = client.get(reverse("front:film_detail", args=[film.slug])).content.decode()
    start = page.index('id="titles-heading"')
    return page, page[start : page.index("</table>", start)]


def row_of(table, title):
    """The table row that lists ``title``."""
    return next(row for row in table.split("<tr>") if f">{title}</span>" in row)


def test_the_titles_table_lists_the_hangul_title_with_its_citation(curated, client):
    films = Film.objects.published().exclude(original_title="")
    assert films.count() >= 11
    for film in films:
        page, table = titles_table(client, film)
        row = row_of(table, film.original_title)
        assert '<span lang="ko">' in row and "Korean" in row and "original title" in row
        assert "citation-needed" not in row
        # its marker leads to the note that quotes the page printing the title
        for number in re.findall(r'href="#fn-(\d+)"', row):
            note = page[page.index(f'id="fn-{number}"') :]
            note = note[: note.index("</li>")]
            assert film.original_title.replace(" ", "") in note.replace(" ", ""), film.slug


def test_an_uncited_hangul_title_says_citation_needed_in_the_titles_table(empty_catalogue, client):
    film = FilmFactory(title="Sea of Blood", original_title="피바다")
    _, table = titles_table(client, film)
    assert "citation-needed" in row_of(table, "피바다")
    cited(film, "original_title", source=SourceFactory(title="A list of films"), quote="피바다")
    page, table = titles_table(client, film)
    assert "citation-needed" not in row_of(table, "피바다")
    assert "A list of films" in page


def test_a_hangul_title_that_a_title_row_gives_is_listed_once(empty_catalogue, client):
    film = FilmFactory(title="The Flower Girl", original_title="꽃파는 처녀")
    FilmTitleFactory(film=film, title="꽃파는 처녀", language="ko", kind=FilmTitle.Kind.ORIGINAL)
    _, table = titles_table(client, film)
    assert table.count(">꽃파는 처녀</span>") == 1
