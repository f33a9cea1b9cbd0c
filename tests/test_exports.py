"""The films exports keep the evidence (disputes, competing values, the sources behind each
field) and the claims export gives every citation behind a result; both streamed, with a
fixed number of queries."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Rank, Source
from tests import factories as f
from tests.drafts import unpublish


def csv_rows(response):
    assert response.streaming
    return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def json_body(response):
    assert response.streaming
    return json.loads(response.getvalue())


def source_id(slug):
    return Source.objects.get(slug=slug).pk


# -- the films export: the evidence behind each field --------------------------------------


def test_the_films_csv_flags_a_dispute_with_both_values_and_their_sources(world, client):
    rows = csv_rows(client.get(reverse("exports:films_csv"), {"decade": "1980"}))
    pulgasari = next(r for r in rows if r["slug"] == "pulgasari")
    essay, listicle = source_id("coproductions-essay"), source_id("six-films-list")
    assert pulgasari["disputed"] == "yes"
    assert pulgasari["disputed_fields"] == "year"
    assert pulgasari["competing_values"] == (
        f"year: 1986 [preferred; source {essay}] | 1985 [normal; source {listicle}]"
    )
    assert pulgasari["year_sources"] == str(essay)  # the sources of the value shown
    assert pulgasari["title_sources"] == str(essay)
    thaw = next(r for r in rows if r["slug"] == "thaw")
    assert (thaw["disputed"], thaw["disputed_fields"], thaw["competing_values"]) == ("no", "", "")


def test_a_deprecated_value_is_a_dispute_too_as_the_evidence_facet_counts_it(world, client):
    rows = csv_rows(client.get(reverse("exports:films_csv"), {"evidence": "disputed"}))
    assert {r["slug"] for r in rows} == {"pulgasari", world.slug("emissary")}
    emissary = next(r for r in rows if r["slug"] == world.slug("emissary"))
    assert "spy [deprecated; source" in emissary["competing_values"]


def test_the_films_json_gives_every_claim_with_its_rank_and_sources(world, client):
    body = json_body(client.get(reverse("exports:films_json"), {"q": "pulgasari"}))
    film = body["films"][0]
    essay, listicle = source_id("coproductions-essay"), source_id("six-films-list")
    assert film["disputed"] is True and film["disputed_fields"] == ["year"]
    assert film["claims"]["year"] == [
        {"value": "1986", "rank": "preferred", "sources": [essay]},
        {"value": "1985", "rank": "normal", "sources": [listicle]},
    ]
    assert film["sources"]["year"] == [essay]
    assert film["sources"]["genres"] == [essay]
    assert film["genres"] == ["Action", "Fantasy", "Monster"]


def test_a_field_with_no_source_has_no_source_ids(world, client):
    f.FilmFactory(slug="uncited", title="Uncited", year=1971)
    row = next(
        r
        for r in csv_rows(client.get(reverse("exports:films_csv"), {"decade": "1970"}))
        if r["slug"] == "uncited"
    )
    assert row["year_sources"] == "" and row["disputed"] == "no"


# -- the claims export ---------------------------------------------------------------------


def test_the_claims_csv_has_one_row_per_citation_of_every_fact_of_the_result(world, client):
    rows = csv_rows(client.get(reverse("exports:claims_csv"), {"q": "pulgasari"}))
    assert {r["record"] for r in rows} == {"pulgasari"}
    years = [r for r in rows if r["subject"] == "film" and r["field"] == "year"]
    assert [(r["value"], r["rank"], r["source_title"]) for r in years] == [
        ("1986", "preferred", "North Korea’s Movie Co-Productions: a test essay"),
        ("1985", "normal", "6 North Korean films worth watching"),
    ]
    assert years[1]["locator"] == "Pulgasari (1985)"
    assert years[0]["subject_label"] == "the record itself"
    assert (
        years[0]["source_url"] == f"http://testserver/sources/{source_id('coproductions-essay')}/"
    )
    # The rows the film page shows, each as the row itself (an empty field).
    subjects = {r["subject"] for r in rows if r["field"] == ""}
    assert {"film title", "credit", "co-production", "partner"} <= subjects
    shin = next(r for r in rows if r["subject"] == "credit" and "Shin" in r["subject_label"])
    assert shin["record_url"] == "http://testserver/films/pulgasari/"
    assert shin["rank"] == "normal" and shin["source_id"]


def test_the_claims_export_leaves_out_a_draft_persons_credit(world, client):
    unpublish([world.satsuma])
    rows = csv_rows(client.get(reverse("exports:claims_csv"), {"q": "pulgasari"}))
    assert not [r for r in rows if "Satsuma" in r["subject_label"]]
    assert [r for r in rows if "Shin Sang-ok" in r["subject_label"]]


def test_a_claim_no_source_supports_is_one_row_without_a_source(world, client):
    film = world.thaw
    f.ClaimFactory(subject=film, field="year", value="1984", rank=Rank.NORMAL)
    rows = csv_rows(client.get(reverse("exports:claims_csv"), {"q": "thaw"}))
    uncited = [r for r in rows if r["field"] == "year" and r["value"] == "1984"]
    assert len(uncited) == 1 and uncited[0]["source_id"] == "" and uncited[0]["locator"] == ""


def test_the_claims_json_holds_the_same_rows(world, client):
    params = {"country": "JP"}
    rows = csv_rows(client.get(reverse("exports:claims_csv"), params))
    body = json_body(client.get(reverse("exports:claims_json"), params))
    assert body["count"] == 3  # films: Thaw, Pulgasari, Bird
    assert len(body["claims"]) == len(rows) > 30
    assert [c["quote"] for c in body["claims"]] == [r["quote"] for r in rows]
    assert body["claims"][0]["source_id"] == int(rows[0]["source_id"])


def test_the_claims_csv_defuses_formulas(world, client):
    f.cited(world.thaw, "year", source=world.essay, locator="=HYPERLINK(1)", value="1984",
            rank=Rank.NORMAL)  # fmt: skip
    rows = csv_rows(client.get(reverse("exports:claims_csv"), {"q": "thaw"}))
    assert "'=HYPERLINK(1)" in {r["locator"] for r in rows}


@pytest.mark.parametrize("name", ["exports:claims_csv", "exports:claims_json"])
def test_the_claims_export_refuses_a_parameter_it_cannot_use(world, client, name):
    response = client.get(reverse(name), {"decade": "1066"})
    assert response.status_code == 400
    assert "decade" in response.json()["error"]


# -- a fixed number of queries -------------------------------------------------------------


def queries(client, name, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name), params)
        b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize(
    "name", ["exports:films_csv", "exports:films_json", "exports:claims_csv", "exports:claims_json"]
)
def test_each_chunk_of_films_costs_a_fixed_number_of_queries(world, client, name, monkeypatch):
    """One chunk of 14 films, then 14 chunks of one film: the queries grow by a fixed
    number per chunk, not per film, credit or citation."""
    from api import claim_rows, film_rows

    one_chunk = queries(client, name)
    monkeypatch.setattr(film_rows, "CHUNK", 1)
    monkeypatch.setattr(claim_rows, "CHUNK", 1)
    fourteen_chunks = queries(client, name)
    per_chunk = (fourteen_chunks - one_chunk) / 13
    assert per_chunk == int(per_chunk) and per_chunk <= 10
    assert one_chunk <= 20


def test_more_films_in_a_chunk_cost_no_more_queries(world, client, django_assert_max_num_queries):
    before = {name: queries(client, name) for name in ("exports:films_csv", "exports:claims_csv")}
    source = f.SourceFactory()
    for n in range(10):
        film = f.FilmFactory(title=f"Extra {n}", year=1990, countries=[f.country("JP")])
        f.cited(film, "year", source=source)
        f.cited(f.CreditFactory(film=film), source=source)
    for name, count in before.items():
        with django_assert_max_num_queries(count):
            b"".join(client.get(reverse(name)).streaming_content)


# -- where a researcher finds them ---------------------------------------------------------


def test_the_film_list_links_every_export_with_the_current_filters(world, client):
    text = client.get(reverse("front:film_list"), {"decade": "1980"}).content.decode()
    for name in ("films_csv", "films_json", "claims_csv", "claims_json"):
        assert f'href="{reverse("exports:" + name)}?decade=1980"' in text
    assert f'href="{reverse("data:release")}"' in text
