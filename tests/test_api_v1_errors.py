"""Under /api/: one error envelope (400 naming the parameter, 404, 405, 429 with Retry-After),
the addresses from before v1 redirected permanently, and the page cache's ETag kept."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from catalog.models import Film


@pytest.mark.parametrize(
    "name, params, start",
    [
        ("api:films", {"kind": "opera"}, "kind: there is no kind of film “opera”"),
        ("api:films", {"year_min": "1990", "year_max": "1980"}, "year_max: "),
        ("api:films", {"sort": "colour"}, "sort: sort by one of"),
        ("api:films", {"page": "x"}, "page: a page is a whole number"),
        ("api:people", {"page": "x"}, "page: a page is a whole number"),
        ("api:studios", {"q": "a\x00b"}, "q: "),
    ],
)
def test_a_bad_parameter_is_a_400_that_names_it(world, client, name, params, start):
    response = client.get(reverse(name), params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["error"].startswith(start)


def test_the_api_and_the_film_page_word_a_refusal_alike(world, client):
    api = client.get(reverse("api:films"), {"genre": "opera"}).json()["error"]
    page = client.get(reverse("front:film_list"), {"genre": "opera"}).content.decode()
    assert api == "genre: there is no genre “opera”"
    assert "there is no genre “opera”" in page


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/films/nope/",
        "/api/v1/nothing/at/all/",
        "/api/v1/films/thaw%0A/",  # a newline: JSON, not the site's HTML 404
        "/api/v1/people/a%0Ab/",
        "/api/v1/%0A/",
        "/api/v1/films/thaw%0A",  # without its slash: sent to it, then a JSON 404
        "/api/films/thaw%0A/",  # from before v1: redirected, then a JSON 404
        "/api/%0A",
    ],
)
def test_every_unknown_address_under_api_is_a_json_404(world, client, address):
    response = client.get(address, follow=True)
    assert response.status_code == 404
    assert response.json() == {"error": "not found"}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
@pytest.mark.parametrize(
    "address", ["/api/v1/films/", "/api/v1/films/thaw/", "/api/v1/openapi.json"]
)
def test_any_method_but_get_and_head_is_a_json_405(world, method, address):
    response = getattr(Client(enforce_csrf_checks=True), method)(address)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["error"] == f"method {method.upper()} not allowed: use GET"


def test_head_is_answered_like_get(world, client):
    response = client.head(reverse("api:film", args=["thaw"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize(
    "old, new",
    [
        ("/api/films/?decade=1980&kind=feature", "/api/v1/films/?decade=1980&kind=feature"),
        ("/api/films/thaw/", "/api/v1/films/thaw/"),
        ("/api/people/?q=shin&page=1", "/api/v1/people/?q=shin&page=1"),
        ("/api/sources/7/", "/api/v1/sources/7/"),
        ("/api/studios", "/api/v1/studios/"),
        ("/api/", "/api/v1/"),
    ],
)
def test_the_addresses_from_before_v1_redirect_permanently_with_their_query(
    world, client, old, new
):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_a_redirected_answer_is_the_v1_answer(world, client):
    old = client.get("/api/films/?decade=1980", follow=True)
    assert old.redirect_chain == [("/api/v1/films/?decade=1980", 301)]
    assert old.json() == client.get("/api/v1/films/?decade=1980").json()


# -- rate limiting ----------------------------------------------------------------------


@pytest.fixture
def limit(settings):
    """At most three API requests a minute per client, counted afresh."""
    settings.NKFILMS_API_REQUESTS_PER_MINUTE = 3
    cache.clear()
    yield
    cache.clear()


def test_a_client_asking_too_fast_gets_a_429_with_retry_after(world, client, limit):
    url = reverse("api:films")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(reverse("api:film", args=["thaw"]))  # any endpoint: one count
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["error"].startswith("too many requests: at most 3 a minute")
    other = Client(REMOTE_ADDR="192.0.2.7")  # another client is not held back
    assert other.get(url).status_code == 200


def test_a_client_cannot_escape_the_limit_by_naming_another_address(world, client, limit):
    url = reverse("api:people")
    for n in range(3):
        client.get(url, headers={"x-forwarded-for": f"198.51.100.{n}"})
    response = client.get(url, headers={"x-forwarded-for": "198.51.100.99"})
    assert response.status_code == 429  # no proxy in front (NKFILMS_NUM_PROXIES=0): ignored


def test_behind_a_proxy_each_client_is_counted_by_the_address_the_proxy_saw(
    world, client, limit, settings
):
    settings.NINJA_NUM_PROXIES = 1
    url = reverse("api:people")
    for _ in range(3):
        client.get(url, headers={"x-forwarded-for": "203.0.113.5"})
    assert client.get(url, headers={"x-forwarded-for": "203.0.113.5"}).status_code == 429
    assert client.get(url, headers={"x-forwarded-for": "203.0.113.6"}).status_code == 200


def test_a_limit_of_zero_turns_it_off(world, client, settings):
    settings.NKFILMS_API_REQUESTS_PER_MINUTE = 0
    url = reverse("api:festivals")
    assert {client.get(url).status_code for _ in range(5)} == {200}


def test_the_default_limit_lets_a_script_page_through_the_collection(read_settings, monkeypatch):
    monkeypatch.delenv("NKFILMS_API_REQUESTS_PER_MINUTE", raising=False)
    assert read_settings()["NKFILMS_API_REQUESTS_PER_MINUTE"] == 1000
    assert (
        read_settings(NKFILMS_API_REQUESTS_PER_MINUTE="120")["NKFILMS_API_REQUESTS_PER_MINUTE"]
        == 120
    )


@pytest.mark.parametrize(
    "variable, value",
    [("NKFILMS_API_REQUESTS_PER_MINUTE", "-5"), ("NKFILMS_NUM_PROXIES", "-1")],
)
def test_a_negative_limit_or_number_of_proxies_stops_the_site(read_settings, variable, value):
    with pytest.raises(ImproperlyConfigured, match=variable):
        read_settings(**{variable: value})


# -- the page cache ---------------------------------------------------------------------


@pytest.fixture
def page_cache(settings):
    settings.NKFILMS_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_a_v1_answer_is_cached_and_its_etag_gets_a_304_until_the_data_changes(
    world, client, page_cache, django_assert_max_num_queries
):
    url = reverse("api:film", args=["thaw"])
    first = client.get(url)
    with django_assert_max_num_queries(1):  # the data version
        again = client.get(url)
    assert again.content == first.content
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    Film.objects.get(slug="thaw").save()
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 200


def test_errors_are_never_cached(world, client, page_cache, limit):
    url = reverse("api:films") + "?kind=opera"
    assert client.get(url).status_code == 400
    assert not client.get(url).has_header("ETag")


def test_answers_from_the_page_cache_do_not_count_towards_the_limit(
    world, client, page_cache, limit
):
    url = reverse("api:film", args=["thaw"])
    assert {client.get(url).status_code for _ in range(6)} == {200}  # made once, then kept
    assert [client.get(url + f"?n={n}").status_code for n in range(3)] == [200, 200, 429]
