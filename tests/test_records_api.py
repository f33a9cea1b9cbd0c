"""JSON API for people, studios, festivals and sources: same envelope and rules as films; on
the test world (``tests/world.py``)."""

import pytest
from django.test import Client
from django.urls import reverse

from people.models import Person
from tests import factories as f
from tests.drafts import SECRETS, draft_film_made_by, drafts_on, unpublish


@pytest.mark.parametrize("name", ["api:people", "api:studios", "api:festivals", "api:sources"])
def test_lists_share_the_films_envelope(world, client, name):
    data = client.get(reverse(name)).json()
    assert set(data) == {"count", "page", "num_pages", "next", "previous", "results", "facets"}
    first = data["results"][0]
    assert {"url", "api_url"} <= set(first)
    assert client.get(first["api_url"]).status_code == 200


def test_people_search_is_romanization_insensitive(world, client):
    data = client.get(reverse("api:people"), {"q": "Sin Sang Ok"}).json()
    assert [p["slug"] for p in data["results"]] == ["shin-sang-ok"]


def test_person_detail_shape(world, client):
    data = client.get(reverse("api:person", args=["kenpachiro-satsuma"])).json()
    assert {"slug", "name", "names", "credits"} <= set(data)  # v1 adds, never renames
    names = client.get(reverse("api:person", args=["rim-chang-bom"])).json()["names"]
    assert {"name", "kind", "romanization", "citations"} <= set(names[0])
    roles = {c["role"] for c in data["credits"] if c["film"]["slug"] == "pulgasari"}
    assert roles == {"suit-performer", "adviser"}
    assert data["credits"][0]["citations"][0]["locator"]


def test_studio_detail_counts_partner_studios(world, client):
    data = client.get(reverse("api:studio", args=["korean-film-studio"])).json()
    assert {"slug", "name", "names", "country", "films", "partners"} <= set(data)
    partners = {p["studio"]["slug"]: p["films"] for p in data["partners"]}
    assert partners["mosfilm"] == 2


def test_a_studios_partners_are_the_same_in_the_api_as_on_its_page(world, client):
    data = client.get(reverse("api:studio", args=["mosfilm"])).json()
    assert {p["studio"]["slug"]: p["films"] for p in data["partners"]} == {"korean-film-studio": 2}
    page = client.get(reverse("front:studio_detail", args=["mosfilm"])).content.decode()
    assert reverse("front:studio_detail", args=["korean-film-studio"]) in page


def test_a_draft_film_adds_no_partner_in_the_api(world, client):
    url = reverse("api:studio", args=["korean-film-studio"])
    before = client.get(url).json()
    draft_film_made_by("korean-film-studio", "mosfilm", "toho")
    after = client.get(url).json()
    assert after == before
    assert "toho" not in {p["studio"]["slug"] for p in after["partners"]}


def test_festival_and_source_details(world, client):
    festival = client.get(reverse("api:festival", args=["karlovy-vary"])).json()
    assert {entry["film"]["slug"] for entry in festival["entries"]} == {"thaw", "the-flower-girl"}
    source = world.listicle
    data = client.get(reverse("api:source", args=[source.pk])).json()
    assert {"id", "title", "authors", "kind", "date", "url", "claims"} <= set(data)
    year = next(
        c for c in data["claims"] if c["record"]["slug"] == "pulgasari" and c["field"] == "year"
    )
    assert year["value"] == "1985"


def test_the_source_api_names_the_record_each_claim_belongs_to(world, client):
    source = world.essay
    claims = client.get(reverse("api:source", args=[source.pk])).json()["claims"]
    assert {c["record"]["type"] for c in claims} <= {"film", "person", "studio", "festival"}
    assert all(c["record"]["slug"] for c in claims)
    partner = next(c for c in claims if (c["row"] or "").startswith("partner in Thaw:"))
    assert {k: partner["record"][k] for k in ("type", "slug", "name")} == {
        "type": "film",
        "slug": "thaw",
        "name": "Thaw",
    }
    assert client.get(partner["record"]["api_url"]).json()["slug"] == "thaw"
    year = next(c for c in claims if c["record"]["slug"] == "thaw" and c["field"] == "year")
    assert year["row"] is None


def test_the_source_api_never_names_a_draft(world, client):
    source = world.essay
    drafts_on("thaw", source)
    text = client.get(reverse("api:source", args=[source.pk])).content.decode()
    assert '"slug": "thaw"' in text
    assert not [secret for secret in SECRETS if secret in text]


def test_every_citation_links_its_source_in_the_api_and_on_the_site(world, client):
    film = client.get(reverse("api:film", args=["thaw"])).json()
    cited = film["credits"][0]["citations"][0]["source"]
    assert client.get(cited["api_url"]).json()["id"] == cited["id"]
    assert client.get(cited["url"]).status_code == 200
    person = client.get(reverse("api:person", args=["ko-hak-rim"])).json()
    cited = person["credits"][0]["citations"][0]["source"]
    assert client.get(cited["api_url"]).json()["title"] == cited["title"]


def test_drafts_are_invisible_in_the_records_api(world, client):
    unpublish(Person.objects.filter(slug="shin-sang-ok"))
    assert client.get(reverse("api:person", args=["shin-sang-ok"])).status_code == 404
    found = client.get(reverse("api:people"), {"q": "shin sang ok"}).json()
    assert found["count"] == 0


@pytest.mark.parametrize(
    "name, params",
    [
        ("api:people", {"page": "x"}),
        ("api:studios", {"page": "40"}),
        ("api:sources", {"q": "q" * 5000}),
        ("api:festivals", {"q": "bad\x00byte"}),
    ],
)
def test_bad_input_is_a_json_400(world, client, name, params):
    response = client.get(reverse(name), params)
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"{next(iter(params))}: ")


def test_a_page_out_of_range_says_how_many_pages_there_are(world, client):
    response = client.get(reverse("api:festivals"), {"page": "2"})
    assert response.json()["error"] == "page: there is only page 1 (got “2”)"
    f.FilmFactory.create_batch(12)  # 26 films: two pages of 25
    f.PersonFactory.create_batch(50)  # 56 people: two pages of 50
    films = client.get(reverse("api:films"), {"page": "99"}).json()["error"]
    people = client.get(reverse("api:people"), {"page": "99"}).json()["error"]
    assert films == people == "page: the pages go from 1 to 2 (got “99”)"  # one wording


@pytest.mark.parametrize(
    "url",
    ["/api/v1/studios/nope/", "/api/v1/sources/999999/", "/api/v1/sources/abc/"]
    + ["/api/v1/people/bad!slug/", "/api/v1/nothing/", "/api/v1/films/thaw/extra/"]
    + ["/api/studios/nope/", "/api/nothing/"],  # from before v1: redirected there first
)
def test_unknown_records_and_addresses_are_a_json_404(world, client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 404
    assert response.json() == {"error": "not found"}


def test_an_address_without_its_slash_still_redirects_to_the_endpoint(world, client):
    response = client.get("/api/v1/people")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/people/"
    response = client.get("/api/people")  # from before v1: one redirect, slash added
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/people/"


@pytest.mark.parametrize("url", ["/api/v1/people/", "/api/v1/films/", "/api/v1/studios/mosfilm/"])
def test_writing_to_the_api_is_a_json_405(world, url):
    response = Client(enforce_csrf_checks=True).post(url, {"name": "x"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "error" in response.json()


def test_writing_to_an_address_from_before_v1_is_redirected_with_its_method(world):
    response = Client(enforce_csrf_checks=True).post("/api/people/", {"name": "x"})
    assert response.status_code == 308  # a 301 would let the client turn the POST into a GET
    assert response["Location"] == "/api/v1/people/"


def test_source_api_query_count_does_not_grow_with_its_citations(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(source):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("api:source", args=[source.pk])).status_code == 200
        return len(captured)

    small = f.cited(world.thaw, "year", source=f.SourceFactory(), rank="normal")
    small = small.citations.get().source
    large = world.essay
    assert large.citations.count() > 20 * small.citations.count()
    assert count(large) <= count(small) + 20  # one query per kind of cited row, at most
