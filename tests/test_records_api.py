"""JSON API for people, studios, festivals and sources: same envelope and rules as films."""

import pytest
from django.urls import reverse

from catalog.models import Source, Status
from people.models import Person


@pytest.mark.parametrize("name", ["api_people", "api_studios", "api_festivals", "api_sources"])
def test_lists_share_the_films_envelope(curated, client, name):
    data = client.get(reverse(name)).json()
    assert set(data) == {"count", "page", "num_pages", "next", "previous", "results"}
    first = data["results"][0]
    assert {"url", "api_url"} <= set(first)
    assert client.get(first["api_url"]).status_code == 200


def test_people_search_is_romanization_insensitive(curated, client):
    data = client.get(reverse("api_people"), {"q": "Sin Sang Ok"}).json()
    assert [p["slug"] for p in data["results"]] == ["shin-sang-ok"]


def test_person_detail_shape(curated, client):
    data = client.get(reverse("api_person", args=["kenpachiro-satsuma"])).json()
    assert set(data) == {"slug", "name", "names", "credits"}
    roles = {c["role"] for c in data["credits"] if c["film"]["slug"] == "pulgasari"}
    assert roles == {"suit-performer", "adviser"}
    assert data["credits"][0]["citations"][0]["locator"]


def test_studio_detail_counts_partner_studios(curated, client):
    data = client.get(reverse("api_studio", args=["korean-film-studio"])).json()
    assert set(data) == {"slug", "name", "names", "country", "films", "partners"}
    partners = {p["studio"]["slug"]: p["films"] for p in data["partners"]}
    assert partners["mosfilm"] >= 2


def test_festival_and_source_details(curated, client):
    festival = client.get(reverse("api_festival", args=["sundance"])).json()
    assert festival["entries"][0]["film"]["slug"] == "the-red-chapel"
    source = Source.objects.get(slug="zoomboola-six-films")
    data = client.get(reverse("api_source", args=[source.pk])).json()
    assert set(data) == {"id", "title", "authors", "kind", "date", "url", "claims"}
    year = next(
        c for c in data["claims"] if c["record"]["slug"] == "pulgasari" and c["field"] == "year"
    )
    assert year["value"] == "1985"


def test_drafts_are_invisible_in_the_records_api(curated, client):
    Person.objects.filter(slug="shin-sang-ok").update(status=Status.DRAFT)
    assert client.get(reverse("api_person", args=["shin-sang-ok"])).status_code == 404
    found = client.get(reverse("api_people"), {"q": "shin sang ok"}).json()
    assert found["count"] == 0


@pytest.mark.parametrize(
    "name, params",
    [
        ("api_people", {"page": "x"}),
        ("api_studios", {"page": "40"}),
        ("api_sources", {"q": "q" * 5000}),
    ],
)
def test_bad_input_is_a_json_400(curated, client, name, params):
    response = client.get(reverse(name), params)
    assert response.status_code == 400
    assert "error" in response.json()


def test_unknown_records_are_a_json_404(curated, client):
    assert client.get(reverse("api_studio", args=["nope"])).json() == {"error": "not found"}
    assert client.get(reverse("api_source", args=[999999])).status_code == 404


def test_source_api_query_count_does_not_grow_with_its_citations(curated, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(source):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("api_source", args=[source.pk])).status_code == 200
        return len(captured)

    small = Source.objects.get(slug="letterboxd-songs-from-the-north")
    large = Source.objects.get(slug="schonherr-coproductions")
    assert count(large) <= count(small) + 20  # one query per kind of cited row, at most
