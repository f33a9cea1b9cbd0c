"""/films/ and /api/films/: facets with live counts, bad input, drafts, exports, query counts.

The films are the test world's (``tests/world.py``) and those a test adds."""

import csv
import io
import json

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Festival, Film, Status
from coproductions.models import Studio
from people.models import Credit, Person
from search.facets import FACETS
from search.query import FilmQuery
from tests import factories as f
from tests.drafts import unpublish

EXPORTS = ["exports:films_csv", "exports:films_json"]


def api(client, **params):
    return client.get(reverse("api:films"), params)


def page(client, **params):
    return client.get(reverse("front:film_list"), params)


def counts(facet):
    return {value["value"]: value["count"] for value in facet}


def slugs(client, **params):
    response = api(client, **params)
    assert response.status_code == 200, response.content
    return [film["slug"] for film in response.json()["results"]]


def csv_rows(response):
    """The rows of a CSV export (streamed: its body can be read once)."""
    body = response if isinstance(response, bytes) else response.getvalue()
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def exported_json(response):
    """An export is streamed: its body is read as the client receives it."""
    return json.loads(response.getvalue())


def test_every_facet_value_the_api_lists_finds_as_many_films_as_it_counts(world, client):
    facets = api(client).json()["facets"]
    for param, values in facets.items():
        for value in values:
            found = api(client, **{param: value["value"]})
            assert found.status_code == 200, (param, value)
            assert found.json()["count"] == value["count"], (param, value)
            assert page(client, **{param: value["value"]}).status_code == 200
            for export in EXPORTS:
                assert client.get(reverse(export), {param: value["value"]}).status_code == 200


def test_a_genre_narrows_the_list_the_api_and_both_exports(world, client):
    war = api(client, genre="war").json()
    assert 0 < war["count"] < api(client).json()["count"]
    assert next(v for v in war["facets"]["genre"] if v["value"] == "war")["selected"]
    assert f"{war['count']} film" in page(client, genre="war").content.decode()
    assert len(csv_rows(client.get(reverse("exports:films_csv"), {"genre": "war"}))) == war["count"]
    exported = exported_json(client.get(reverse("exports:films_json"), {"genre": "war"}))
    assert exported["count"] == war["count"]
    assert all("War" in film["genres"] for film in exported["films"])


def test_picking_a_studio_does_not_zero_the_other_studios(world, client):
    everything = api(client).json()["facets"]["studio"]
    picked = api(client, studio="mosfilm").json()
    assert counts(picked["facets"]["studio"]) == counts(everything)
    assert next(v for v in picked["facets"]["studio"] if v["value"] == "mosfilm")["selected"]
    assert picked["count"] == counts(everything)["mosfilm"] == 2


def test_other_facets_count_within_the_current_result(world, client):
    result = api(client, country="SU").json()
    assert sum(counts(result["facets"]["kind"]).values()) == result["count"]
    assert counts(result["facets"]["decade"]) == {"1980": 2, "1990": 1}


def test_two_values_of_one_facet_widen_and_two_facets_narrow(world, client):
    soviet = api(client, country="SU").json()["count"]
    japanese = api(client, country="JP").json()["count"]
    assert (soviet, japanese) == (3, 3)
    assert api(client, country=["SU", "JP"]).json()["count"] == soviet + japanese
    assert api(client, country="SU", decade="1990").json()["count"] == 1


def test_both_co_production_values_ticked_find_either(world, client):
    both = api(client, coproduction=["yes", "no"]).json()
    yes, no = (api(client, coproduction=value).json()["count"] for value in ("yes", "no"))
    assert yes and no and both["count"] == yes + no
    assert {v["value"] for v in both["facets"]["coproduction"] if v["selected"]} == {"yes", "no"}


def test_person_with_a_role(world, client):
    f.CreditFactory(film=world.somi, person=world.rim, role="writer")
    as_director = api(client, person="rim-chang-bom", role="director").json()
    as_anything = api(client, person="rim-chang-bom").json()
    assert (as_director["count"], as_anything["count"]) == (3, 4)


def test_with_a_role_chosen_the_person_facet_counts_only_credits_in_that_role(world, client):
    directors = api(client, role="director").json()["facets"]["person"]
    assert "dennis-rodman" not in counts(directors)  # he appears in films, directs none
    for person in directors[:5]:
        found = api(client, role="director", person=person["value"]).json()
        assert found["count"] == person["count"]
    rodman = api(client, role="director", person="dennis-rodman").json()
    assert rodman["count"] == 0
    selected = next(v for v in rodman["facets"]["person"] if v["value"] == "dennis-rodman")
    assert selected == {"value": "dennis-rodman", "label": "Dennis Rodman", "count": 0,
                        "selected": True}  # fmt: skip


def test_the_page_offers_a_role_next_to_the_person_facet(world, client):
    text = page(client, role="director", country="JP").content.decode()
    assert '<label for="role">Role</label>' in text
    assert '<option value="director" selected>director</option>' in text
    assert '<input type="hidden" name="country" value="JP">' in text  # the role keeps the rest
    assert "Remove filter Role: director" in text


def test_evidence_facet_finds_disputed_films(world, client):
    found = set(slugs(client, evidence="disputed"))
    assert {"pulgasari", "an-emissary-unreturned"} <= found  # a year, a genre
    assert "thaw" not in found


def test_an_uncited_credit_makes_its_film_need_a_citation(world, client):
    assert slugs(client, evidence="citation-needed") == []
    pulgasari = world.pulgasari
    Credit.objects.create(film=pulgasari, person=world.choi, role="producer")
    assert "citation needed" in client.get(pulgasari.get_absolute_url()).content.decode()
    assert "pulgasari" in slugs(client, evidence="citation-needed")
    facet = counts(api(client).json()["facets"]["evidence"])
    assert facet["citation-needed"] == api(client, evidence="citation-needed").json()["count"]


def test_an_uncited_credit_of_a_draft_person_is_not_shown_so_not_needed(world, client):
    f.CreditFactory(film=world.pulgasari, person__status=Status.DRAFT, role="producer")
    assert "pulgasari" not in slugs(client, evidence="citation-needed")
    f.CreditFactory(film=world.pulgasari, role="producer")  # the same, published
    assert "pulgasari" in slugs(client, evidence="citation-needed")


def test_year_range_and_sort(world, client):
    films = api(client, year_min=1985, year_max=1987, sort="-year").json()["results"]
    assert [film["year"] for film in films] == [1986, 1985, 1985]


def test_films_with_the_same_title_and_year_keep_one_order(world, client):
    for slug in ("twin-b", "twin-a", "twin-c"):
        f.FilmFactory(slug=slug, title="Twin", year=1977)
    for sort in ("title", "year", "-year"):
        found = [s for s in slugs(client, q="Twin", sort=sort) if s.startswith("twin-")]
        assert found == ["twin-a", "twin-b", "twin-c"]
    found = [s for s in slugs(client, q="Twin") if s.startswith("twin-")]
    assert found == ["twin-a", "twin-b", "twin-c"]  # by relevance: all exact, then by slug


def test_people_with_the_same_name_and_count_keep_one_order_in_the_facet(db):
    """The database returns a facet's values in no particular order when it shows them all
    (``more=person``): ties on count and name are put in slug order, as a facet shown in
    part ranks them."""
    person = next(facet for facet in FACETS if facet.param == "person")
    rows = [
        {"value": slug, "label": "Kim Ae-gil", "count": 5}
        for slug in ("kim-ae-gil-90", "kim-ae-gil-550", "kim-ae-gil-1170")
    ] + [{"value": "an-un-song", "label": "An Un-song", "count": 5}]
    shown = FilmQuery(QueryDict("more=person")).shown(person, rows, {})
    assert [value["value"] for value in shown] == [
        "an-un-song",
        "kim-ae-gil-1170",
        "kim-ae-gil-550",
        "kim-ae-gil-90",
    ]


def test_the_1890s_can_be_chosen(world, client):
    f.FilmFactory(slug="lumiere", title="Workers Leaving the Factory", year=1895)
    decades = counts(api(client).json()["facets"]["decade"])
    assert decades["1890"] == 1
    assert slugs(client, decade="1890") == ["lumiere"]


def test_an_empty_value_asks_for_nothing(world, client):
    everything = api(client).json()["count"]
    assert api(client, decade="", role="", studio="", q=" ").json()["count"] == everything
    assert (
        api(client, decade=["", "1980"]).json()["count"]
        == api(client, decade="1980").json()["count"]
    )


@pytest.mark.parametrize(
    "params, param",
    [
        ({"studio": "no-such-studio"}, "studio"),
        ({"genre": "no-such-genre"}, "genre"),
        ({"country": "XX"}, "country"),
        ({"festival": "no-such-festival"}, "festival"),
        ({"person": "no-such-person"}, "person"),
        ({"decade": "1850"}, "decade"),
        ({"year_min": "nineteen"}, "year_min"),
        ({"year_min": "1960.7"}, "year_min"),
        ({"year_max": "1.5"}, "year_max"),
        ({"year_min": "1990", "year_max": "1980"}, "year_max"),
        ({"page": "99"}, "page"),
        ({"page": "first"}, "page"),
        ({"q": "x" * 5000}, "q"),
        ({"q": "bad\x00byte"}, "q"),
        ({"sort": "popularity"}, "sort"),
        ({"kind": "musical-epic"}, "kind"),
        ({"role": "stuntman"}, "role"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(world, client, params, param):
    response = api(client, **params)
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"{param}: ")
    if param != "page":  # an export has every film: it takes no page
        for export in EXPORTS:
            assert client.get(reverse(export), params).status_code == 400


@pytest.mark.parametrize(
    "params",
    [
        {"studio": "nope", "decade": "1980"},
        {"country": "XX", "decade": "1980"},
        {"decade": ["1980", "1850"]},
        {"year_min": "1960.7", "decade": "1980"},
        {"decade": "1980", "page": "99"},
        {"decade": "1980", "sort": "popularity"},
    ],
)
def test_the_page_leaves_a_bad_value_out_says_so_and_shows_the_rest(world, client, params):
    response = page(client, **params)
    text = response.content.decode()
    assert response.status_code == 400
    assert "could not be used, so it was left out" in text
    assert "5 films" in text  # the 1980s: Emissary, Eternal Comrades, Thaw, Pulgasari, Spring
    assert 'href="?decade=1980">Open this search without it</a>' in text
    assert "Remove filter Decade: 1980s" in text
    assert "nope" not in text.split("</form>")[0]  # not kept in the search form


def test_a_merged_person_s_old_slug_still_filters(world, client):
    from curation.admin.people import PersonAdmin
    from curation.merging import merge

    shin = world.shin
    before = slugs(client, person="shin-sang-ok")
    duplicate = f.PersonFactory(slug="sin-sang-ok", name="Sin Sang-ok")
    merge(shin, duplicate, PersonAdmin.merge_name_variant)
    assert slugs(client, person="sin-sang-ok") == before == ["an-emissary-unreturned", "pulgasari"]
    text = page(client, person="sin-sang-ok").content.decode()
    assert "Remove filter Person: Shin Sang-ok" in text
    assert 'Shin Sang-ok<span class="visually-hidden"> (selected' in text


def test_a_search_pasted_with_tabs_and_line_breaks_is_tidied(world, client):
    assert slugs(client, q="\tPulgasari\n") == ["pulgasari"]
    text = page(client, q="Sin\tSang-ok\r\n").content.decode()
    assert 'value="Sin Sang-ok"' in text
    assert "Pulgasari" in text


@pytest.mark.parametrize("query", ["🎬", "—", "??", "\ufffd", "_"])
def test_a_search_with_nothing_to_search_for_finds_no_films_and_says_why(world, client, query):
    assert api(client, q=query).json()["count"] == 0
    text = page(client, q=query).content.decode()
    assert "has no letters or digits to search for" in text
    assert 'class="card"' not in text


def test_a_blank_search_is_no_search(world, client):
    assert api(client, q="    ").json()["count"] == api(client).json()["count"] == 14
    assert "Remove filter Search" not in page(client, q="    ").content.decode()


@pytest.mark.parametrize("query", ["🎬🎞️", "‮evil", "ŏŭ", "\u200b", "'", "%", "_"])
def test_odd_unicode_never_breaks_the_search(world, client, query):
    assert api(client, q=query).status_code == 200
    assert page(client, q=query).status_code == 200


def test_chosen_values_show_their_names_even_with_no_films(world, client):
    text = page(client, studio="korean-film-studio", decade="1950").content.decode()
    assert "Studio: Korean Film Studio" in text
    assert "Decade: 1950s" in text
    assert "korean-film-studio <" not in text
    studios = api(client, studio="korean-film-studio", decade="1950").json()["facets"]["studio"]
    assert {"value": "korean-film-studio", "label": "Korean Film Studio", "count": 0,
            "selected": True} in studios  # fmt: skip


def test_drafts_are_absent_from_lists_facets_search_api_and_exports(world, client):
    toho_before = counts(api(client).json()["facets"]["studio"])["toho"]
    assert toho_before == 1
    total_before = api(client).json()["count"]
    unpublish(Film.objects.filter(slug="pulgasari"))
    everything = api(client).json()
    assert everything["count"] == total_before - 1
    assert "pulgasari" not in [f["slug"] for f in everything["results"]]
    assert api(client, q="pulgasari").json()["count"] == 0
    assert counts(everything["facets"]["studio"]).get("toho", 0) == toho_before - 1
    assert client.get(reverse("api:film", args=["pulgasari"])).status_code == 404
    assert "pulgasari" not in client.get(reverse("exports:films_csv")).getvalue().decode()
    assert "pulgasari" not in client.get(reverse("exports:films_json")).getvalue().decode()


def test_a_draft_person_or_studio_does_not_make_a_film_match_a_search(world, client):
    assert slugs(client, q="Kenpachiro") == ["pulgasari"]
    assert slugs(client, q="toho") == ["pulgasari"]
    unpublish(Person.objects.filter(slug="kenpachiro-satsuma"))
    unpublish(Studio.objects.filter(slug="toho"))
    assert slugs(client, q="Kenpachiro") == []
    assert slugs(client, q="satsuma") == []
    assert slugs(client, q="toho") == []
    assert (
        "Pulgasari"
        not in client.get(reverse("exports:films_csv"), {"q": "satsuma"}).getvalue().decode()
    )
    assert "No films match" in page(client, q="Kenpachiro").content.decode()


def test_a_film_page_and_its_exports_leave_out_draft_people_studios_festivals_and_series(
    world, client
):
    unpublish(Person.objects.filter(slug="kenpachiro-satsuma"))
    unpublish(Studio.objects.filter(slug="toho"))
    unpublish(Festival.objects.filter(slug="karlovy-vary"))
    series = f.FilmFactory(title="Secret Draft Series", status=Status.DRAFT)
    Film.objects.filter(slug="thaw").update(parent=series, part_number=1)

    text = client.get(reverse("front:film_detail", args=["pulgasari"])).content.decode()
    assert reverse("front:person_detail", args=["kenpachiro-satsuma"]) not in text
    assert "suit performer" not in text.lower()  # a role only he has on this film
    assert reverse("front:studio_detail", args=["toho"]) not in text
    assert "Toho</a> — co-producer" not in text and "Toho —" not in text
    jsonld = json.loads(text.split('type="application/ld+json">')[1].split("</script>")[0])
    assert "productionCompany" not in jsonld  # Toho was the only one
    assert jsonld["director"] == [{"@type": "Person", "name": "Shin Sang-ok"}]
    flower_girl = client.get(
        reverse("front:film_detail", args=["the-flower-girl"])
    ).content.decode()
    assert "Special Prize" not in flower_girl
    assert "Karlovy Vary" not in flower_girl
    thaw = client.get(reverse("front:film_detail", args=["thaw"])).content.decode()
    assert "Secret Draft Series" not in thaw

    data = client.get(reverse("api:film", args=["pulgasari"])).json()
    assert "kenpachiro-satsuma" not in json.dumps(data) and "toho" not in json.dumps(data)
    row = next(
        r for r in csv_rows(client.get(reverse("exports:films_csv"))) if r["slug"] == "pulgasari"
    )
    assert "Toho" not in row["studios"]
    exported = exported_json(client.get(reverse("exports:films_json"), {"q": "pulgasari"}))[
        "films"
    ][0]
    assert exported["studios"] == [] and exported["directors"] == ["Shin Sang-ok"]


def test_related_films_count_only_published_people(world, client):
    pulgasari, thaw = world.pulgasari, world.thaw
    shared = f.PersonFactory(name="Shared Extra")  # Pulgasari and Thaw share no one yet
    for film in (pulgasari, thaw):
        Credit.objects.create(film=film, person=shared, role="actor")
    related = client.get(pulgasari.get_absolute_url()).content.decode().split("Related films")
    assert "Thaw" in related[-1]
    unpublish(Person.objects.filter(pk=shared.pk))
    related = client.get(pulgasari.get_absolute_url()).content.decode().split("Related films")
    assert "Thaw" not in related[-1]


def test_an_empty_result_offers_to_drop_the_narrowest_filter(world, client):
    text = page(client, country="SU", decade="2000").content.decode()
    assert "No films match this search" in text
    assert "Drop that filter" in text


def test_the_page_shows_removable_chips_and_works_without_javascript(world, client):
    text = page(client, country="SU", kind="feature").content.decode()
    assert "Remove filter Production or partner country: Soviet Union" in text
    assert 'href="?kind=feature"' in text  # the chip's link drops the country


def test_a_chosen_facet_value_says_so_in_words(world, client):
    text = page(client, decade="1980").content.decode()
    assert '1980s<span class="visually-hidden"> (selected: follow to remove)</span>' in text


def test_a_romanized_title_is_marked_as_korean_in_latin_letters(db, client):
    title = f.FilmTitleFactory(
        title="Bulgasari", language="ko", script="Latn", romanization="rr", kind="romanized"
    )
    text = client.get(title.film.get_absolute_url()).content.decode()
    assert '<span lang="ko-Latn">Bulgasari</span>' in text


def test_the_sort_menu_names_each_order_once(world, client):
    menu = page(client).content.decode().split('<select id="sort"')[1].split("</select>")[0]
    assert menu.count(">title<") == 1 and "relevance" not in menu
    menu = page(client, q="Bird").content.decode().split('<select id="sort"')[1]
    menu = menu.split("</select>")[0]
    assert menu.count(">title<") == 1 and menu.count(">relevance<") == 1


def test_on_a_phone_the_results_link_to_the_facets(world, client):
    text = page(client).content.decode()
    assert '<a class="jump-to-facets" href="#refine">' in text
    assert 'id="refine"' in text


def test_film_summary_and_envelope_shape(world, client):
    data = api(client, q="thaw").json()
    assert set(data) == {"count", "page", "num_pages", "next", "previous", "results", "facets"}
    assert {"slug", "title", "year", "kind", "url", "api_url"} <= set(data["results"][0])
    assert set(data["facets"]) == {
        "scope", "decade", "kind", "genre", "country", "studio", "person", "festival",
        "coproduction", "evidence",
    }  # fmt: skip
    assert set(data["facets"]["kind"][0]) == {"value", "label", "count", "selected"}


def test_film_detail_api_carries_every_fact_with_its_citations(world, client):
    data = client.get(reverse("api:film", args=["pulgasari"])).json()
    assert {c["value"] for c in data["claims"]["year"]} == {"1986", "1985"}
    assert {c["rank"] for c in data["claims"]["year"]} == {"preferred", "normal"}
    satsuma = next(c for c in data["credits"] if c["person"]["slug"] == "kenpachiro-satsuma")
    assert satsuma["citations"][0]["source"]["title"]
    assert {"source", "locator", "quote"} <= set(satsuma["citations"][0])
    assert data["coproduction"]["partners"][0]["studio"]["slug"] == "toho"
    assert client.get(data["credits"][0]["person"]["api_url"]).status_code == 200


@pytest.mark.parametrize("address", ["/api/v1/films/caf%C3%A9/", "/api/v1/films/a.b/"])
def test_an_unknown_film_in_the_api_is_a_json_404(world, client, address):
    response = client.get(address)
    assert response.status_code == 404
    assert response.json() == {"error": "not found"}


@pytest.mark.parametrize(
    "title", ['=HYPERLINK("http://evil")', " =1+1", "\n=1+1", "＝1+1", "+1", "@SUM(A1)"]
)
def test_csv_export_defuses_formulas(db, client, title):
    f.FilmFactory(slug="formula", title=title, year=1990)
    rows = csv_rows(client.get(reverse("exports:films_csv"), {"decade": "1990"}))
    formula = next(r for r in rows if r["slug"] == "formula")
    assert formula["title"] == "'" + title


def test_csv_export_has_every_filtered_film_and_opens_in_excel_with_hangul(world, client):
    f.FilmFactory(slug="hangul", title="Hangul", original_title="불가사리", year=1985)
    response = client.get(reverse("exports:films_csv"), {"decade": "1980"})
    assert response["Content-Type"].startswith("text/csv")
    body = response.getvalue()
    assert body.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = csv_rows(body)
    assert len(rows) == api(client, decade="1980").json()["count"] == 6
    assert next(r for r in rows if r["slug"] == "hangul")["original_title"] == "불가사리"
    pulgasari = next(r for r in rows if r["slug"] == "pulgasari")
    assert pulgasari["genres"] == "Action; Fantasy; Monster"  # several values in one cell


def test_json_export_gives_several_values_as_lists(world, client):
    films = exported_json(client.get(reverse("exports:films_json"), {"q": "pulgasari"}))["films"]
    assert films[0]["genres"] == ["Action", "Fantasy", "Monster"]
    assert films[0]["directors"] == ["Shin Sang-ok"]
    assert films[0]["studios"] == ["Toho"]


def queries(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name, params",
    [
        ("front:film_list", {"country": "JP"}),
        ("front:film_list", {"q": "extra", "role": "director", "evidence": "citation-needed"}),
        ("api:films", {"country": "JP", "person": "extra-director"}),
        ("exports:films_csv", {"country": "JP"}),
        ("exports:films_json", {"q": "extra"}),
        ("front:site_search", {"q": "extra"}),
    ],
)
def test_query_count_does_not_grow_with_the_number_of_films(world, client, name, params):
    source = f.SourceFactory()
    director = f.PersonFactory(slug="extra-director")
    japan = f.country("JP")

    @f.at_once
    def add_films(numbers):
        for n in numbers:
            film = f.FilmFactory(title=f"Extra {n}", year=1990, countries=[japan])
            film.credits.create(person=director, role="director")
            f.cited(film, "year", source=source)

    add_films(range(1))
    one = queries(client, reverse(name), **params)
    add_films(range(1, 15))
    assert queries(client, reverse(name), **params) == one


def test_relevance_pages_follow_one_order_across_the_first_and_the_other_matches(db, client):
    """Films named by the search come first (the title itself, a title starting with it,
    a title with its words), then every other match by title, page after page: the same
    order as sorting every match by relevance, without reading them all."""
    from django.http import QueryDict

    from search.query import PAGE_SIZE, FilmQuery

    with f.many():
        kim = f.PersonFactory(name="Kim Ok-rye")
        for n in range(30):
            f.FilmFactory(title=f"Kimchi Song {n:02}")  # the title starts with the search
            f.CreditFactory(film=f.FilmFactory(title=f"Aria {n:02}"), person=kim)
        f.FilmFactory(title="Kim")  # the title is the search
        f.FilmFactory(title="Zither for Kim")  # a word of the title is the search
        f.FilmFactory(title="Unrelated")
    query = FilmQuery(QueryDict("q=kim"))
    everything = [film.title for film in query.films]  # sorted by relevance in the database
    assert everything[:3] == ["Kim", "Kimchi Song 00", "Kimchi Song 01"]
    assert len(everything) == 62 and everything[31:33] == ["Zither for Kim", "Aria 00"]
    pages = []
    for number in (1, 2, 3):
        page = FilmQuery(QueryDict(f"q=kim&page={number}")).page()
        pages += [film.title for film in page.object_list]
        assert len(page.object_list) == min(PAGE_SIZE, 62 - (number - 1) * PAGE_SIZE)
    assert pages == everything
    html = client.get(reverse("front:film_list"), {"q": "kim", "page": 2}).content.decode()
    assert html.index("Kimchi Song 29") < html.index("Zither for Kim") < html.index("Aria 00")
