"""Search is romanization-insensitive, word by word, and ranks exact titles first.

Every test here runs on SQLite and on PostgreSQL and must give the same films on both. The
films are the test world's (``tests/world.py``); what researchers type into the curated
collection is in ``test_curated_content.py``.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from catalog.models import Festival, Film, Source
from coproductions.models import Studio
from people.models import Person
from search.index import record_key
from search.keys import matching
from tests import factories as f


def finds(query, *names):
    """Whether ``query`` finds a person known by ``names`` (the first is the name)."""
    person = f.PersonFactory(slug="someone", name=names[0])
    for variant in names[1:]:
        f.PersonNameFactory(person=person, name=variant)
    return matching(Person.objects.filter(pk=person.pk), query).exists()


@pytest.mark.parametrize(
    "query, name",
    [
        ("Sin Sang-ok", "Shin Sang-ok"),
        ("Shin Sang Ok", "Sin Sang-ok"),
        ("신상옥", "신상옥"),
        ("SIN SANG OK", "Shin Sang-ok"),
        ("Sangok", "Shin Sang-ok"),  # a hyphenated given name, joined
        ("Sang Ok", "Shin Sang-ok"),
        ("Sangok", "Shin Sang Ok"),  # two one-syllable words, joined
        ("Choe Un-hui", "Choi Eun-hee"),
        ("Ch'oe Ŭn-hŭi", "Choi Eun-hee"),
        ("Choi Eun Hee", "Ch'oe Ŭn-hŭi"),
        ("So Kyong-sop", "Sŏ Kyŏng-sŏp"),
        ("Seo Gyeong-seop", "Sŏ Kyŏng-sŏp"),
        ("Sŏ Kyŏng-sŏp", "So Kyong Sob"),
        ("Gyeongseop", "So Kyong-sop"),
        ("Lee", "Ri Chung-gu"),
        ("Yi", "Lee Bong-woo"),
        ("Rhee", "Ri Ju-ho"),
        ("Ri", "Yi Hyo-in"),
        ("Park", "Pak Jong-ju"),
        ("Bak", "Park Chung-hee"),
        ("Pak", "Bak Sang-bok"),
        ("Jong", "Jeong Jun-ho"),
        ("Chong", "Jong Un"),
        ("Jeong", "Chŏng Ki-ho"),
        ("Rim", "Im Kwon-taek"),
        ("Lim", "Rim Chang-bom"),
        ("Im", "Lim Chang-bom"),
        ("Ryu", "Yu Won-jun"),
        ("Ryoo", "Ryu Ho-son"),
        ("Yu", "Ryoo Seung-wan"),
        ("Kim Jong Il", "Gim Jeong-il"),
        ("Hong Gil-dong", "Hong Kil Dong"),
        ("Gildong", "Hong Kil Dong"),  # two one-syllable words, joined
        ("P'yŏngyang", "Pyongyang Film"),
        ("Phyongyang", "P'yŏngyang Film"),  # North Korea's own romanization
        ("pyong", "P'yŏngyang"),  # the start of a word as typed
        ("Rodmans", "Dennis Rodman's"),
        ("Fait d hiver", "Fait d'Hiver"),  # the apostrophe typed as a space
        ("fait-d-hiver", "Fait D’Hiver"),
        ("taekwondo", "Somi – the Taekwon-do Woman"),
        ("Kobayashi Masao", "Masao Kobayashi"),  # words in any order
        ("Ｐｕｌｇａｓａｒｉ", "Pulgasari"),  # full-width letters
    ],
)
def test_every_spelling_of_a_name_finds_it(db, query, name):
    assert finds(query, name)


@pytest.mark.parametrize(
    "query, name",
    [
        ("Lee", "Rim Kkok Jong"),  # Lee is Ri, a whole syllable, not the start of Rim
        ("Shin", "Choson Sinbo"),
        ("Shin", "Bryan Singer"),
        ("the", "Dear Pyongyang"),  # an English word is not folded like Korean
        ("the", "Defilada"),
        ("ri", "Pulgasari"),  # not in the middle of a word
        ("Kim Il-sung", "Kim Jong-il"),
        ("Pulgasari", "Thaw"),
    ],
)
def test_a_query_does_not_find_what_only_contains_its_letters(db, query, name):
    assert not finds(query, name)


@pytest.mark.parametrize(
    "query, name",
    [
        ("꽃파는 처녀", "꽃파는 처녀"),
        ("꽃파는처녀", "꽃파는 처녀"),
        ("꽃 파는 처녀", "꽃파는 처녀"),
        ("처녀", "꽃파는 처녀"),  # Hangul has no reliable spaces: matched anywhere
    ],
)
def test_hangul_matches_with_or_without_spaces(db, query, name):
    assert finds(query, name)


def slugs(client, **params):
    response = client.get(reverse("api:films"), params)
    assert response.status_code == 200, response.content
    return [film["slug"] for film in response.json()["results"]]


def test_a_word_in_the_middle_of_a_title_counts_from_its_start(world, client):
    assert "the-flower-girl" in slugs(client, q="flow")
    assert "the-flower-girl" not in slugs(client, q="lower")


def test_exact_title_ranks_before_prefix_before_the_rest(world, client):
    f.FilmFactory(title="A Bird in Hand", year=1999)
    f.FilmFactory(title="Birdsong", year=1999)
    f.FilmFactory(title="Meeting Point", year=1999)
    found = slugs(client, q="Bird")
    assert found == ["bird", "birdsong", "a-bird-in-hand"]
    assert slugs(client, q="Meet") == ["meet-in-pyongyang", "meeting-point"]
    assert slugs(client, q="bulgasari")[0] == "pulgasari"  # exact in another spelling


def test_site_search_groups_films_people_studios_festivals_and_sources(world, client):
    f.PersonFactory(name="Masao Kobayashi")
    f.SourceFactory(title="Interview with Masao Kobayashi", kind=Source.Kind.INTERVIEW)
    text = client.get(reverse("front:site_search"), {"q": "Kobayashi"}).content.decode()
    assert "Masao Kobayashi" in text  # a person
    assert "Interview with Masao Kobayashi" in text  # a source
    text = client.get(reverse("front:site_search"), {"q": "karlovy"}).content.decode()
    assert Festival.objects.get(slug="karlovy-vary").name in text


def test_site_search_shows_only_the_groups_that_match_and_names_the_others(world, client):
    text = client.get(reverse("front:site_search"), {"q": "karlovy"}).content.decode()
    assert "<h2" in text and "None." not in text
    assert ">People <" not in text and "No matches among" in text and "people" in text
    text = client.get(reverse("front:site_search"), {"q": "zzxqv"}).content.decode()
    assert "Nothing matches “zzxqv”" in text and "<h2" not in text


def test_site_search_tells_two_studios_of_one_name_apart_by_country(world, client):
    text = client.get(reverse("front:site_search"), {"q": "Shin Films"}).content.decode()
    assert '<span class="meta">North Korea</span>' in text
    assert '<span class="meta">South Korea</span>' in text


def test_site_search_lists_a_person_s_films_under_films(world, client):
    f.PersonFactory(name="Bryan Singer")
    response = client.get(reverse("front:site_search"), {"q": "Shin"})
    groups = {label: [str(item) for item in items] for label, items in response.context["groups"]}
    assert any(title.startswith("Pulgasari") for title in groups["Films"])
    assert not any(title.startswith("Thaw") for title in groups["Films"])
    assert "Shin Sang-ok" in groups["People"]
    assert "Bryan Singer" not in groups["People"]


def test_site_search_refuses_an_overlong_query(db, client):
    response = client.get(reverse("front:site_search"), {"q": "x" * 5000})
    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


@pytest.mark.parametrize("path", ["front:site_search", "front:person_list", "front:source_list"])
def test_a_search_with_a_control_character_is_refused_with_a_reason(db, client, path):
    response = client.get(reverse(path), {"q": "Shin\x00"})
    assert response.status_code == 400
    assert "control characters" in response.content.decode()


def test_site_search_says_when_there_is_nothing_to_search_for(db, client):
    text = client.get(reverse("front:site_search"), {"q": "🎬"}).content.decode()
    assert "has no letters or digits to search for" in text


def test_rebuilding_the_keys_stores_what_the_records_compute(world):
    models = (Film, Festival, Source, Person, Studio)
    for model in models:
        model.objects.update(search_key="")
    call_command("rebuild_search_keys", stdout=StringIO())
    for model in models:
        for record in model.objects.all():
            assert record.search_key == record_key(record), record
    assert Film.objects.filter(search_key__contains=" pulgasari ").exists()
