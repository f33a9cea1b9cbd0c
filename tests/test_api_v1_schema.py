"""/api/v1/openapi.json describes every answer, and the API keeps to it: schemathesis calls
every operation with values drawn from the schema (a fixed number of examples each), and
every answer must be no server error and match its documented status, type and shape. The
docs page serves its assets from the site itself."""

import json
import re

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api.v1 import api
from catalog.models import Festival, Film, Source
from coproductions.models import Studio
from nkfilms.wsgi import application
from people.models import Person
from tests.test_production import production  # noqa: F401  (the fixture: collected files)

EXAMPLES = 12  # per operation and generation mode: the whole run stays well under a minute


def served_schema():
    """The schema /api/v1/openapi.json serves (made by its own view's code: read here, at
    collection, before any database exists), called through the site's WSGI application."""
    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
    loaded.app = application
    return loaded


schema = served_schema()


@pytest.fixture
def unlimited(settings):
    """The site as schemathesis calls it: through the WSGI application, within the test's
    transaction (the connection is not closed after each request, as Django's own test
    client keeps it), without a rate limit (schemathesis asks fast)."""
    settings.NKFILMS_API_REQUESTS_PER_MINUTE = 0
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI is not a lottery
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_every_answer_keeps_to_the_schema(case, world, unlimited):
    case.call_and_validate(checks=CHECKS)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_every_record_and_list_answer_keeps_to_the_schema(world, unlimited):
    """Drawn slugs find no record (a 404 each): every real record's answer is checked too,
    and the lists with filters that find something."""
    records = {
        "films": Film.objects.published().values_list("slug", flat=True),
        "people": Person.objects.published().values_list("slug", flat=True),
        "studios": Studio.objects.published().values_list("slug", flat=True),
        "festivals": Festival.objects.published().values_list("slug", flat=True),
    }
    calls = [
        (f"/api/v1/{name}/{{slug}}/", {"slug": s}, {})
        for name, slugs in records.items()
        for s in slugs
    ]
    calls += [
        ("/api/v1/sources/{pk}/", {"pk": pk}, {})
        for pk in Source.objects.values_list("pk", flat=True)
    ]
    calls += [
        ("/api/v1/films/", {}, {"q": "pulgasari", "evidence": "disputed", "role": "director"}),
        ("/api/v1/films/", {}, {"coproduction": "yes", "sort": "-year", "page": 1}),
        ("/api/v1/people/", {}, {"q": "sin sang ok"}),
        ("/api/v1/studios/", {}, {"page": 1}),
    ]
    assert len(calls) > 30
    for path, path_parameters, query in calls:
        case = schema[path]["GET"].Case(path_parameters=path_parameters, query=query)
        response = case.call_and_validate(checks=CHECKS)
        assert response.status_code == 200, (path, path_parameters, query)


def test_the_schema_documents_every_list_and_record(world, client):
    data = client.get("/api/v1/openapi.json").json()
    assert data == json.loads(json.dumps(api.get_openapi_schema()))  # what schemathesis reads
    assert data["openapi"].startswith("3.")
    paths = set(data["paths"])
    for name in ("films", "people", "studios", "festivals"):
        assert f"/api/v1/{name}/" in paths
        assert f"/api/v1/{name}/{{slug}}/" in paths
    assert {"/api/v1/sources/", "/api/v1/sources/{pk}/"} <= paths
    films = data["paths"]["/api/v1/films/"]["get"]
    assert {"200", "400", "429"} <= set(films["responses"])
    parameters = {p["name"]: p for p in films["parameters"]}
    assert parameters["kind"]["schema"]["items"]["enum"][0] == "feature"  # from the filter
    assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1}
    person = data["components"]["schemas"]["Person"]["properties"]
    assert {"birth_year", "death_year", "bio", "nationality", "claims"} <= set(person)


def test_the_docs_page_serves_its_assets_from_the_site_under_its_policy(world, client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert addresses and all(a.startswith("/static/") for a in addresses)
    assert not re.search(r"https?://", page)  # no CDN
    assert "<script>" not in page  # no inline script: the policy allows none
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    for asset in addresses:
        assert Client().get(asset).status_code == 200, asset


@pytest.mark.usefixtures("production")
def test_in_production_the_docs_page_is_served_from_collected_files(db, client):
    page = client.get("/api/v1/docs").content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any(
        "swagger-ui-bundle." in a and a != "/static/ninja/swagger-ui-bundle.js" for a in addresses
    )
    for asset in addresses:
        assert client.get(asset).status_code == 200, asset
