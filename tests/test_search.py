"""Search is romanization-insensitive and ranks exact titles first, on SQLite and PostgreSQL."""

import pytest
from django.urls import reverse

from catalog.search import fold


@pytest.mark.parametrize(
    "one, other",
    [
        ("Sang-ok", "Sang Ok"),
        ("Shin Sang-ok", "SIN SANG OK"),
        ("Ch'oe Ŭn-hŭi", "Choi Eun-hee"),
        ("Sŏ Kyŏng-sŏp", "Seo Gyeong-seop"),
        ("Sŏ Kyŏng-sŏp", "So Kyong Sop"),
        ("Lee", "Ri"),
        ("Yi", "Rhee"),
        ("Park", "Pak"),
        ("Bak", "Pak"),
        ("Choe", "Choi"),
        ("Jong", "Jeong"),
        ("Chong", "Jong"),
        ("P'yŏngyang", "Pyongyang"),
        ("Pulgasari", "Bulgasari"),
        ("Kim Jong Il", "Gim Jeong-il"),
        ("Hong Kil Dong", "Hong Gil-dong"),
        ("Fait D’Hiver", "fait d'hiver"),
        ("Somi – the Taekwon-do Woman", "somi the taekwondo woman"),
    ],
)
def test_spellings_of_one_name_fold_to_one_key(one, other):
    assert fold(one) == fold(other)


def test_different_names_stay_different():
    assert fold("Pulgasari") != fold("Thaw")
    assert fold("Kim Il-sung") != fold("Kim Jong-il")


def slugs(client, **params):
    response = client.get(reverse("api_films"), params)
    assert response.status_code == 200, response.content
    return [film["slug"] for film in response.json()["results"]]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Bulgasari", "pulgasari"),
        ("불가사리", "pulgasari"),
        ("sin sang ok", "pulgasari"),  # a director's name in another romanization
        ("Ch'oe Un-hui", "an-emissary-unreturned"),  # Choi Eun-hee, its credited director
        ("hero noreturn", "an-emissary-unreturned"),  # an alternative title
        ("PROMISE IN P'YONGYANG", "meet-in-pyongyang"),
        ("Mosfilm", "eternal-comrades-in-arms"),  # a studio
        ("Snow Melts in Spring", "thaw"),  # a literal translation
    ],
)
def test_search_finds_films_by_any_title_person_or_studio(curated, client, query, expected):
    assert expected in slugs(client, q=query)


def test_exact_title_ranks_before_prefix_before_the_rest(curated, client):
    found = slugs(client, q="Bird")
    assert found[0] == "bird"
    found = slugs(client, q="Meet")
    assert found[0] == "meet-in-pyongyang"


def test_site_search_groups_films_people_studios_festivals_and_sources(curated, client):
    text = client.get(reverse("site_search"), {"q": "Kobayashi"}).content.decode()
    assert "Masao Kobayashi" in text  # a person
    assert "Interview with Masao Kobayashi" in text  # a source
    text = client.get(reverse("site_search"), {"q": "karlovy"}).content.decode()
    assert "Karlovy Vary International Film Festival" in text


def test_site_search_refuses_an_overlong_query(curated, client):
    response = client.get(reverse("site_search"), {"q": "x" * 5000})
    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()
