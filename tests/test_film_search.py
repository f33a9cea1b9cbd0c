"""/films/ and /api/films/: facets with live counts, bad input, drafts, exports, query counts."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Film, Status
from tests import factories


def api(client, **params):
    return client.get(reverse("api_films"), params)


def counts(facet):
    return {value["value"]: value["count"] for value in facet}


def test_picking_a_studio_does_not_zero_the_other_studios(curated, client):
    everything = api(client).json()["facets"]["studio"]
    picked = api(client, studio="mosfilm").json()
    assert counts(picked["facets"]["studio"]) == counts(everything)
    assert next(v for v in picked["facets"]["studio"] if v["value"] == "mosfilm")["selected"]
    assert picked["count"] == counts(everything)["mosfilm"]


def test_other_facets_count_within_the_current_result(curated, client):
    result = api(client, country="SU").json()
    assert sum(counts(result["facets"]["kind"]).values()) == result["count"]
    assert counts(result["facets"]["decade"]) == {"1980": 2, "1990": 1}


def test_two_values_of_one_facet_widen_and_two_facets_narrow(curated, client):
    soviet = api(client, country="SU").json()["count"]
    italian = api(client, country="IT").json()["count"]
    assert api(client, country=["SU", "IT"]).json()["count"] == soviet + italian
    assert api(client, country="SU", decade="1990").json()["count"] == 1


def test_person_with_a_role(curated, client):
    as_director = api(client, person="rim-chang-bom", role="director").json()
    as_anything = api(client, person="rim-chang-bom").json()
    assert 0 < as_director["count"] < as_anything["count"]


def test_evidence_facet_finds_disputed_films(curated, client):
    found = [f["slug"] for f in api(client, evidence="disputed").json()["results"]]
    assert {"pulgasari", "sea-of-blood", "unknown-heroes"} <= set(found)


def test_year_range_and_sort(curated, client):
    films = api(client, year_min=1985, year_max=1987, sort="-year").json()["results"]
    years = [f["year"] for f in films]
    assert years == sorted(years, reverse=True)
    assert min(years) >= 1985 and max(years) <= 1987


@pytest.mark.parametrize(
    "params, param",
    [
        ({"studio": "no-such-studio"}, "studio"),
        ({"decade": "1850"}, "decade"),
        ({"year_min": "nineteen"}, "year_min"),
        ({"page": "99"}, "page"),
        ({"page": "first"}, "page"),
        ({"q": "x" * 5000}, "q"),
        ({"q": "bad\x00byte"}, "q"),
        ({"sort": "popularity"}, "sort"),
        ({"kind": "musical-epic"}, "kind"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(curated, client, params, param):
    response = api(client, **params)
    assert response.status_code == 400
    assert response.json()["error"].startswith(param)
    page = client.get(reverse("film_list"), params)
    assert page.status_code == 400
    assert "That search could not be run" in page.content.decode()


@pytest.mark.parametrize("query", ["🎬🎞️", "‮evil", "ŏŭ", "\u200b", "'", "%", "_"])
def test_odd_unicode_never_breaks_the_search(curated, client, query):
    assert api(client, q=query).status_code == 200
    assert client.get(reverse("film_list"), {"q": query}).status_code == 200


def test_drafts_are_absent_from_lists_facets_search_api_and_exports(curated, client):
    toho_before = counts(api(client).json()["facets"]["studio"])["toho"]
    total_before = api(client).json()["count"]
    Film.objects.filter(slug="pulgasari").update(status=Status.DRAFT)
    everything = api(client).json()
    assert everything["count"] == total_before - 1
    assert "pulgasari" not in [f["slug"] for f in everything["results"]]
    assert api(client, q="pulgasari").json()["count"] == 0
    assert counts(everything["facets"]["studio"]).get("toho", 0) == toho_before - 1
    assert client.get(reverse("api_film", args=["pulgasari"])).status_code == 404
    assert "pulgasari" not in client.get(reverse("film_export_csv")).content.decode()
    assert "pulgasari" not in client.get(reverse("film_export_json")).content.decode()


def test_an_empty_result_offers_to_drop_the_narrowest_filter(curated, client):
    text = client.get(reverse("film_list"), {"country": "IT", "decade": "2000"}).content.decode()
    assert "No films match this search" in text
    assert "Drop that filter" in text


def test_the_page_shows_removable_chips_and_works_without_javascript(curated, client):
    text = client.get(reverse("film_list"), {"country": "SU", "kind": "feature"}).content.decode()
    assert "Remove filter Production or partner country: Soviet Union" in text
    assert 'href="?kind=feature"' in text  # the chip's link drops the country


def test_film_summary_and_envelope_shape(curated, client):
    data = api(client, q="thaw").json()
    assert set(data) == {"count", "page", "num_pages", "next", "previous", "results", "facets"}
    assert set(data["results"][0]) == {"slug", "title", "year", "kind", "url", "api_url"}
    assert set(data["facets"]) == {
        "decade", "kind", "genre", "country", "studio", "person", "festival", "coproduction",
        "evidence",
    }  # fmt: skip
    assert set(data["facets"]["kind"][0]) == {"value", "label", "count", "selected"}


def test_film_detail_api_carries_every_fact_with_its_citations(curated, client):
    data = client.get(reverse("api_film", args=["pulgasari"])).json()
    assert {c["value"] for c in data["claims"]["year"]} == {"1986", "1985"}
    assert {c["rank"] for c in data["claims"]["year"]} == {"preferred", "normal"}
    satsuma = next(c for c in data["credits"] if c["person"]["slug"] == "kenpachiro-satsuma")
    assert satsuma["citations"][0]["source"]["title"]
    assert set(satsuma["citations"][0]) == {"source", "locator", "quote"}
    assert data["coproduction"]["partners"][0]["studio"]["slug"] == "toho"
    assert client.get(data["credits"][0]["person"]["api_url"]).status_code == 200


def test_csv_export_has_every_filtered_film_and_defuses_formulas(curated, client):
    factories.film("formula", title='=HYPERLINK("http://evil")', year=1990)
    response = client.get(reverse("film_export_csv"), {"decade": "1990"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert len(rows) == api(client, decade="1990").json()["count"]
    formula = next(r for r in rows if r["slug"] == "formula")
    assert formula["title"].startswith("'=")


def queries(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["film_list", "api_films", "film_export_csv"])
def test_query_count_does_not_grow_with_the_number_of_films(curated, client, name):
    before = queries(client, reverse(name), country="JP")
    source = factories.source("extra")
    studio = factories.person("extra-director")
    japan = factories.country("JP", "Japan")
    for n in range(15):
        film = factories.film(f"extra-{n}", title=f"Extra {n}", year=1990)
        film.countries.add(japan)
        film.credits.create(person=studio, role="director")
        factories.claim(film, "year", source=source)
    assert queries(client, reverse(name), country="JP") == before
